/**
 * Country Signing CA trust store: CSCA and link certificates (PEM, DER, ICAO CMS master lists), CSCA CRLs
 * and the algorithm policy, loaded from one configured folder (in production: owned by root, writable by
 * no one else) and listed with fingerprints for the technician diagnostics. Path validation: ./trust/path.ts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type * as pkijs from 'pkijs';
import { resourcePath } from '../resources/resource-root';
import { ChipError } from './errors';
import {
  certificateFromDer,
  derOf,
  isSelfSigned,
  nameText,
  sameName,
  serialHex,
  sha256Fingerprint,
  signedBy,
} from './trust/certificate';
import { parseCrl, type RevocationList } from './trust/crl';
import { parseMasterList } from './trust/master-list';
import { looksLikePem, pemBlocks } from './trust/pem';
import { trustAnchors } from './trust/path';
import type { TrustPolicy } from './trust/policy';

export { certificateFromDer } from './trust/certificate';
export type { TrustPolicy } from './trust/policy';
export type { RevocationList } from './trust/crl';

/** One item of trust material, as the technician diagnostics list it. */
export interface TrustEntry {
  kind: 'csca' | 'link' | 'crl' | 'rejected';
  subject: string;
  issuer: string;
  serialNumber: string | null;
  /** SHA-256 of the DER, upper-case hex. */
  sha256: string;
  notBefore: string;
  notAfter: string | null;
  /** The file it came from (base name), or null for built-in material. */
  source: string | null;
  /** Why a `rejected` item is not used; for a CRL, how many serials it revokes. */
  note: string | null;
}

export interface TrustStore {
  /** CSCA certificates (self-signed) and link certificates. */
  certificates: pkijs.Certificate[];
  crls?: RevocationList[];
  policy?: Partial<TrustPolicy>;
  /** Where each certificate and CRL came from (file base name), for the listing. */
  sources?: Map<object, string>;
  /** Files that could not be used, with the reason (listed as `rejected`). */
  problems?: { source: string; reason: string }[];
}

/** All certificates in a PEM text. */
export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  return pemBlocks(pem)
    .filter((b) => b.label === 'CERTIFICATE')
    .map((b) => certificateFromDer(b.der, 'chip-trust-malformed'));
}

export function trustStoreFromPem(...pems: string[]): TrustStore {
  return { certificates: pems.flatMap(certificatesFromPem) };
}

export interface LoadTrustOptions {
  /** Folder of CSCA/link certificates (.pem .crt .cer .der) and CMS master lists (.ml .p7m .p7b .cms); null: none. */
  dir: string | null;
  /** Folder of CSCA CRLs (.crl, DER or PEM). Default: none. */
  crlDir?: string | null;
  /** Refuse folders and files not owned by root or writable by group/others (production). */
  requireRootOwned?: boolean;
  policy?: Partial<TrustPolicy>;
}

const CERT_EXT = /\.(pem|crt|cer|der)$/i;
const ML_EXT = /\.(ml|p7m|p7b|cms)$/i;
const CRL_EXT = /\.crl$/i;

/** Throws `chip-trust-insecure` unless `path` is owned by root and not writable by group or others. */
export function assertRootOwned(path: string): void {
  const s = statSync(path);
  if (s.uid !== 0 || (s.mode & 0o022) !== 0)
    throw new ChipError(
      'chip-trust-insecure',
      `${path} must be owned by root and writable by no one else (uid ${s.uid}, mode ${(s.mode & 0o777).toString(8)})`,
    );
}

function listFiles(dir: string, re: RegExp, rootOwned: boolean): string[] {
  if (rootOwned) assertRootOwned(dir);
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => join(dir, f))
    .filter((p) => {
      const s = statSync(p);
      if (!s.isFile()) return false;
      if (rootOwned) assertRootOwned(p);
      return true;
    });
}

/** Certificates from one file: PEM (any number), DER (one), or an ICAO CMS master list. */
export function certificatesFromFile(bytes: Uint8Array, fileName: string): pkijs.Certificate[] {
  if (ML_EXT.test(fileName)) {
    const ml = parseMasterList(looksLikePem(bytes) ? pemDer(bytes, fileName) : bytes);
    if (!ml.signatureValid)
      throw new ChipError('chip-trust-malformed', `${fileName}: master list signature does not verify`);
    return ml.certificates;
  }
  if (looksLikePem(bytes)) return certificatesFromPem(Buffer.from(bytes).toString('latin1'));
  return [certificateFromDer(bytes, 'chip-trust-malformed')];
}

function pemDer(bytes: Uint8Array, fileName: string): Uint8Array {
  const b = pemBlocks(Buffer.from(bytes).toString('latin1'))[0];
  if (!b) throw new ChipError('chip-trust-malformed', `${fileName}: no PEM block`);
  return b.der;
}

export function crlsFromFile(bytes: Uint8Array): RevocationList[] {
  if (looksLikePem(bytes))
    return pemBlocks(Buffer.from(bytes).toString('latin1'))
      .filter((b) => b.label === 'X509 CRL')
      .map((b) => parseCrl(b.der));
  return [parseCrl(bytes)];
}

/**
 * Loads the trust material of a folder (and a CRL folder). A file that cannot be parsed is skipped and
 * reported in `problems`; an insecure folder or file (with `requireRootOwned`) throws `chip-trust-insecure`.
 */
export function loadTrustMaterial(opts: LoadTrustOptions): TrustStore {
  const rootOwned = opts.requireRootOwned ?? false;
  const store: Required<Pick<TrustStore, 'certificates' | 'crls' | 'sources' | 'problems'>> & TrustStore = {
    certificates: [],
    crls: [],
    sources: new Map(),
    problems: [],
    ...(opts.policy ? { policy: opts.policy } : {}),
  };
  const seen = new Set<string>();
  const certFiles = opts.dir
    ? listFiles(opts.dir, new RegExp(`${CERT_EXT.source}|${ML_EXT.source}`, 'i'), rootOwned)
    : [];
  for (const path of certFiles) {
    const name = basename(path);
    try {
      for (const c of certificatesFromFile(new Uint8Array(readFileSync(path)), name)) {
        const fp = sha256Fingerprint(derOf(c));
        if (seen.has(fp)) continue;
        seen.add(fp);
        store.certificates.push(c);
        store.sources.set(c, name);
      }
    } catch (e) {
      if (!(e instanceof ChipError)) throw e;
      store.problems.push({ source: name, reason: e.message });
    }
  }
  if (opts.crlDir)
    for (const path of listFiles(opts.crlDir, CRL_EXT, rootOwned)) {
      const name = basename(path);
      try {
        for (const crl of crlsFromFile(new Uint8Array(readFileSync(path)))) {
          store.crls.push(crl);
          store.sources.set(crl, name);
        }
      } catch (e) {
        if (!(e instanceof ChipError)) throw e;
        store.problems.push({ source: name, reason: e.message });
      }
    }
  return store;
}

/** Every `*.pem` in a folder (no ownership check; tests, the CLI). */
export function loadTrustStore(dir: string): TrustStore {
  return loadTrustMaterial({ dir });
}

/** Joins stores (e.g. the configured folder and the simulator's test CSCA). */
export function mergeTrustStores(...stores: TrustStore[]): TrustStore {
  const sources = new Map<object, string>();
  for (const s of stores) for (const [k, v] of s.sources ?? []) sources.set(k, v);
  const policy = stores.find((s) => s.policy)?.policy;
  return {
    certificates: stores.flatMap((s) => s.certificates),
    crls: stores.flatMap((s) => s.crls ?? []),
    sources,
    problems: stores.flatMap((s) => s.problems ?? []),
    ...(policy ? { policy } : {}),
  };
}

/** The trust material as a list for diagnostics (no personal data: certificates of authorities only). */
export function describeTrustStore(store: TrustStore): TrustEntry[] {
  const { rejected } = trustAnchors(store.certificates);
  const why = new Map(rejected.map((r) => [r.certificate, r.reason]));
  const out: TrustEntry[] = store.certificates.map((c) => {
    const reason = why.get(c);
    return {
      kind: reason ? 'rejected' : isSelfSigned(c) ? 'csca' : 'link',
      subject: nameText(c.subject),
      issuer: nameText(c.issuer),
      serialNumber: serialHex(c.serialNumber),
      sha256: sha256Fingerprint(derOf(c)),
      notBefore: c.notBefore.value.toISOString(),
      notAfter: c.notAfter.value.toISOString(),
      source: store.sources?.get(c) ?? null,
      note: reason ?? null,
    };
  });
  const { trusted } = trustAnchors(store.certificates);
  for (const crl of store.crls ?? []) {
    const verified = trusted.some((c) => sameName(c.subject, crl.issuer) && signedBy(crl.crl, c));
    out.push({
      kind: verified ? 'crl' : 'rejected',
      subject: nameText(crl.issuer),
      issuer: nameText(crl.issuer),
      serialNumber: null,
      sha256: sha256Fingerprint(crl.der),
      notBefore: crl.thisUpdate.toISOString(),
      notAfter: crl.nextUpdate?.toISOString() ?? null,
      source: store.sources?.get(crl) ?? null,
      note: verified ? `${crl.revoked.size} revoked` : 'CRL not signed by a trusted CSCA: not used',
    });
  }
  for (const p of store.problems ?? [])
    out.push({
      kind: 'rejected',
      subject: '',
      issuer: '',
      serialNumber: null,
      sha256: '',
      notBefore: '',
      notAfter: null,
      source: p.source,
      note: p.reason,
    });
  return out;
}

/** native/emrtd/trust/ in the source tree and at the same place under a packaged kiosk's install prefix. */
export const BUNDLED_TRUST_DIR = resourcePath('native', 'emrtd', 'trust');

let bundled: TrustStore | null = null;
/** The CSCA certificates shipped in native/emrtd/trust/ (CSCA Vietnam 2021, P-384). */
export function defaultTrustStore(): TrustStore {
  bundled ??= loadTrustStore(BUNDLED_TRUST_DIR);
  return bundled;
}
