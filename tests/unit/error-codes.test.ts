/**
 * Every error code the host side can send (host/, native/, common/, catalogue/, and the API clients in
 * renderer/api/ and electron/) has a sentence in both Vietnamese and English (renderer/i18n/errors/*.json);
 * every code not frozen below takes the dotted form `<area>.<kebab-reason>` (common/errors.ts); every error
 * class is a CodedError.
 *
 * Codes are collected statically from the production source, so a new code is covered the moment it is
 * written: `*_ERROR_CODES` / `*_ISSUES` lists, `…ErrorCode = z.enum([...])`, union types named `…Error`,
 * `…ErrorCode` or `…Code`, `CodedError<'…'>` type arguments, `super('…'`, `new SomethingError('…'` and the
 * transports' `fail(id, '…'` / `errorFrame(id, '…'`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { DOTTED_ERROR_CODE } from '../../common/errors';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The host side, and the renderer's and preload's API clients (they turn a lost host into a code). */
const SCANNED = ['host', 'native', 'common', 'catalogue', 'renderer/api', 'electron'];

/** Codes that never cross KioskApi, each with the reason; nothing a citizen can meet belongs here. */
const NOT_SENT: Record<string, string> = {
  'test-reader.sw': 'the simulator’s test terminal, used only by tests',
  'test-reader.mac': 'the simulator’s test terminal, used only by tests',
  'metrics.exposition-invalid': 'the strict Prometheus parser of tests and diagnostics',
};

/** Codes the static collector cannot see, with where they come from. */
const ALSO_SENT: Record<string, string> = {
  'demo-not-packaged':
    'scripts/dist/bundle.ts: the stubs that replace demo modules in the production package',
};
/** Files allowed a plain Error with a code: text for the bundler, which cannot import CodedError. */
const PLAIN_ERROR_ALLOWED = new Set([path.join('scripts', 'dist', 'bundle.ts')]);

/**
 * Codes shipped before the dotted rule, kept verbatim because renaming a stable code breaks the outbox and
 * audit records that hold it, the renderer and the e2e tests. Do not add to this list: new codes are dotted.
 */
const FROZEN = new Set(
  `
agency-bad-response agency-not-configured agency-not-found agency-rejected agency-server-error agency-timeout
agency-unreachable assist-busy assist-no-session assist-not-identified assist-wrong-state attachment-bad-image
attachment-too-large attachment-too-many-files attachment-unknown-component attachment-unreadable bad-message
bad-params catalogue-form-not-found chip-aborted chip-apdu-invalid chip-bac-failed chip-bac-invalid-key
chip-bac-no-key-matched chip-busy chip-can-invalid chip-can-required chip-card-removed chip-dg13-malformed
chip-dg2-malformed chip-file-not-found chip-file-too-large chip-lds-malformed chip-mrz-malformed
chip-pace-failed chip-read-failed chip-reader-gone chip-sm-mac-invalid chip-sm-malformed chip-sm-session-lost
chip-sod-malformed chip-status chip-tlv-malformed chip-trust-insecure chip-trust-malformed
chip-unsupported-algorithm config-invalid consent-required decision-bad-shape decision-empty decision-too-long
demo-not-packaged dossier-invalid dossier-no-procedure-code dossier-not-at-kiosk dossier-not-identified
dossier-unknown-service exam-refused exam-system-down exam-unavailable exam-window-closed fines-not-paid
fines-not-payable fines-unknown-payment host-unreachable internal no-session not-available not-owner
outbox-not-dead-letter payment-invalid payment-not-ready pcsc-card-removed pcsc-failed pcsc-no-card
pcsc-no-reader pcsc-no-service pcsc-reader-gone pcsc-reader-refused pcsc-sharing-violation pcsc-timeout
plate-bad-characters plate-bad-shape plate-empty plate-too-long portal-auth-failed portal-bad-response
portal-conflict portal-invalid-dossier-code portal-no-agency portal-not-found portal-rejected
portal-server-error portal-session-expired portal-timeout portal-unreachable print-forms-invalid
print-forms-no-a4 print-forms-render-failed printer-failed printer-offline printer-out-of-paper protocol-version
qr-date qr-field-count qr-garbled qr-id-number qr-issue-before-birth qr-issue-in-future qr-junk qr-name
qr-old-id-number qr-scanner-unavailable qr-sex qr-too-long queue-centre-unavailable queue-unknown-group
receipt-font-missing receipt-not-found receipt-qr-invalid receipt-rasterizer-missing receipt-render-failed
scanner-failed scanner-not-found session-none session-required speech-bad-audio speech-no-audio-device
speech-playback-failed speech-synthesis-failed speech-synthesizer-missing store-busy store-corrupt
store-decrypt-failed store-duplicate store-full store-io store-key-file-invalid store-key-missing
store-not-found store-schema-too-new unauthorised unknown-method vehicle-id-bad-characters vehicle-id-empty
vehicle-id-length vehicle-no-police-unit vehicle-no-slot vehicle-not-started vehicle-unknown-receipt
`
    .split(/\s+/)
    .filter(Boolean),
);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'testing' && entry.name !== 'generated')
        out.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|spec|bench)\.tsx?$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

const BUILT_IN = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError']);
const CODE_SHAPE = /^[a-z][a-z0-9]*(?:[-./][a-z0-9]+)*$/;
const literals = (s: string): string[] => [...s.matchAll(/'([^'\n]+)'/g)].map((m) => m[1]!);

/** code → files that declare or throw it. */
function collectCodes(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (code: string, file: string): void => {
    if (!CODE_SHAPE.test(code)) return;
    const files = found.get(code) ?? new Set<string>();
    files.add(path.relative(root, file));
    found.set(code, files);
  };
  for (const dir of SCANNED) {
    for (const file of sourceFiles(path.join(root, dir))) {
      const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
      for (const m of src.matchAll(/(?:_ERROR_CODES|_ISSUES)\s*=\s*\[([\s\S]*?)\]/g))
        literals(m[1]!).forEach((c) => add(c, file));
      for (const m of src.matchAll(/ErrorCode\s*=\s*z\.enum\(\[([\s\S]*?)\]\)/g))
        literals(m[1]!).forEach((c) => add(c, file));
      for (const m of src.matchAll(/type \w*(?:Error|Code)\s*=([^;]*);/g))
        literals(m[1]!).forEach((c) => add(c, file));
      for (const m of src.matchAll(/CodedError<([^>]*)>/g)) literals(m[1]!).forEach((c) => add(c, file));
      for (const m of src.matchAll(/super\(\s*'([^']+)'/g)) add(m[1]!, file);
      for (const m of src.matchAll(/\b(?:fail|errorFrame)\([^,()]*,\s*'([^']+)'/g)) add(m[1]!, file);
      for (const m of src.matchAll(/new (\w+Error)\(\s*'([^']+)'/g))
        if (!BUILT_IN.has(m[1]!)) add(m[2]!, file);
    }
  }
  return found;
}

type ErrorFile = { vi: Record<string, string>; en: Record<string, string> };
function sentences(): ErrorFile {
  const dir = path.join(root, 'renderer/i18n/errors');
  const out: ErrorFile = { vi: {}, en: {} };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const file = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as ErrorFile;
    Object.assign(out.vi, file.vi);
    Object.assign(out.en, file.en);
  }
  return out;
}

describe('error codes', () => {
  const codes = collectCodes();

  it('finds the codes of every area (the collector works)', () => {
    for (const known of [
      'chip-bac-failed',
      'pcsc-card-removed',
      'portal-timeout',
      'agency-unreachable',
      'store-full',
      'catalogue.unknown-form',
      'answer.required',
      'simulator.profile-not-found',
      'face.corrupt',
      'exam-window-closed',
      'config-invalid',
      'unknown-method',
      'plate-empty',
      'dossier-not-identified',
    ]) {
      expect(codes.has(known), known).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(150);
  });

  it('has a sentence in Vietnamese and English for every code the host can send', () => {
    const { vi, en } = sentences();
    const missing = [...codes.keys(), ...Object.keys(ALSO_SENT)]
      .filter((c) => !(c in NOT_SENT))
      .filter((c) => !vi[c]?.trim() || !en[c]?.trim())
      .map((c) => `${c} (${[...codes.get(c)!].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('resolves every sentence through i18next by its code (dots and slashes are not key paths)', async () => {
    const { vi, en } = sentences();
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'vi', resources: { vi: { errors: vi }, en: { errors: en } } });
    for (const code of [...codes.keys(), ...Object.keys(ALSO_SENT)].filter((c) => !(c in NOT_SENT))) {
      expect(i18n.t(code, { ns: 'errors', lng: 'vi' }), code).toBe(vi[code]);
      expect(i18n.t(code, { ns: 'errors', lng: 'en' }), code).toBe(en[code]);
    }
  });

  it('keeps the not-sent list honest (each entry still exists)', () => {
    for (const code of Object.keys(NOT_SENT)) expect(codes.has(code), code).toBe(true);
  });

  it('gives every new code the dotted form area.kebab-reason', () => {
    const undotted = [...codes.keys()].filter((c) => !DOTTED_ERROR_CODE.test(c) && !FROZEN.has(c));
    expect(undotted).toEqual([]);
  });

  it('has no error class outside CodedError and no code glued onto a plain Error', () => {
    const offenders: string[] = [];
    for (const dir of [...SCANNED, 'renderer', 'scripts']) {
      for (const file of sourceFiles(path.join(root, dir))) {
        const src = readFileSync(file, 'utf8');
        const rel = path.relative(root, file);
        if (rel === path.join('common', 'errors.ts') || PLAIN_ERROR_ALLOWED.has(rel)) continue;
        if (/class \w+ extends (?:Type|Range|Syntax)?Error\b/.test(src))
          offenders.push(`${rel}: extends Error`);
        if (/Object\.assign\(\s*new Error\([\s\S]{0,200}?\),\s*\{\s*code:\s*'[a-z][a-z0-9-]*[./-]/.test(src))
          offenders.push(`${rel}: Object.assign(new Error(…), { code })`);
      }
    }
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('accepts the dotted form and refuses mixed separators', () => {
    expect(DOTTED_ERROR_CODE.test('face.too-large')).toBe(true);
    expect(DOTTED_ERROR_CODE.test('print-forms.no-a4')).toBe(true);
    for (const bad of ['face', 'face/too-large', 'face.too.large', 'Face.corrupt', 'face.too_large', 'face.'])
      expect(DOTTED_ERROR_CODE.test(bad), bad).toBe(false);
  });
});
