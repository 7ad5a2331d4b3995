/** Modes and what production refuses in a configuration. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, KioskConfig, loadConfig, unknownKeys } from './config';
import { DEFAULT_SPEECH_KEYS } from '../../common/speech-keys';

const dataDir = '/nonexistent-kiosk-config-test';
const real = { url: 'https://dvc.example.gov.vn/sync', clientId: 'kiosk-07' };

describe('mode', () => {
  it('is production by default', () => {
    expect(loadConfig({ dataDir }, {}).mode).toBe('production');
  });

  it('is demo only when asked: configuration, KIOSK_MODE, or a legacy demoMode: true file', () => {
    expect(loadConfig({ dataDir, mode: 'demo' }, {}).mode).toBe('demo');
    expect(loadConfig({ dataDir }, { KIOSK_MODE: 'demo' }).mode).toBe('demo');
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-config-'));
    writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify({ demoMode: true }));
    expect(loadConfig({ dataDir: dir }, {}).mode).toBe('demo');
    writeFileSync(path.join(dir, 'kiosk.json'), JSON.stringify({ demoMode: false }));
    expect(loadConfig({ dataDir: dir }, {}).mode).toBe('production');
  });
});

describe('production refuses', () => {
  const load =
    (portal: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    () =>
      loadConfig({ dataDir, ...extra, portal: { ...real, ...portal } } as never, {});

  it("accepts an https portal with the kiosk's own account", () => {
    expect(load({})().portal.url).toBe(real.url);
  });

  it('a plain-http portal other than loopback', () => {
    expect(load({ url: 'http://dvc.example.gov.vn/sync' })).toThrow(ConfigError);
    expect(load({ url: 'http://10.0.0.5:8080/' })).toThrow(/plain http/);
    // A local TLS-terminating proxy on loopback is fine.
    expect(load({ url: 'http://127.0.0.1:8443/sync' })().portal.url).toBe('http://127.0.0.1:8443/sync');
    expect(load({ url: 'http://localhost:8443/' })().mode).toBe('production');
  });

  it('the sample portal credentials', () => {
    expect(load({ clientId: 'kiosk-demo' })).toThrow(/sample credentials/);
    // (The mock's client secret is refused where the secret is read: host/wiring/start-portal.ts.)
    // The defaults are the sample ones: a production kiosk with a portal must set its own account.
    expect(() => loadConfig({ dataDir, portal: { url: real.url } } as never, {})).toThrow(
      /sample credentials/,
    );
  });

  it('the reader simulator', () => {
    expect(load({}, { devices: { simulator: true } })).toThrow(/simulator/);
    expect(load({}, { devices: { simulator: true }, mode: 'demo' })().devices.simulator).toBe(true);
  });

  it('short outbox retry waits (dossier.retry), honoured in demo mode only', () => {
    const retry = { backoffBaseMs: 100, backoffCapMs: 500, breakerOpenMs: 300 };
    expect(load({}, { dossier: { retry } })).toThrow(/dossier\.retry/);
    expect(load({})().dossier.retry).toBeNull();
    expect(load({}, { dossier: { retry }, mode: 'demo' })().dossier.retry).toEqual(retry);
    // A cap below the base is refused with the field named, not quietly raised.
    const backwards = { ...retry, backoffCapMs: 50 };
    expect(load({}, { dossier: { retry: backwards }, mode: 'demo' })).toThrow(/dossier\.retry\.backoffCapMs/);
  });

  it('a reader allow-list that is not a regular expression', () => {
    expect(load({}, { devices: { allowedReaders: ['ACS ACR1252 ('] } })).toThrow(/allowedReaders/);
  });

  it('nothing of this in demo mode (the mock portal uses the sample account over loopback http)', () => {
    const c = loadConfig(
      { dataDir, mode: 'demo', portal: { url: 'http://10.0.0.5/', clientId: 'kiosk-demo' } } as never,
      {},
    );
    expect(c.mode).toBe('demo');
  });
});

describe('unknown keys', () => {
  it('stop the start with the misspelt key named, nested keys by their dotted path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-config-'));
    writeFileSync(
      path.join(dir, 'kiosk.json'),
      JSON.stringify({ portl: { url: null }, timeouts: { idleSecond: 60 }, printer: { kind: 'file' } }),
    );
    expect(() => loadConfig({ dataDir: dir }, {})).toThrow(ConfigError);
    expect(() => loadConfig({ dataDir: dir }, {})).toThrow(
      /Unknown configuration keys in .*kiosk\.json: portl, timeouts\.idleSecond/,
    );
  });

  it('accept every key the schema knows, the legacy demoMode, and keys replaced by overrides', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-config-'));
    writeFileSync(
      path.join(dir, 'kiosk.json'),
      JSON.stringify({
        kioskName: 'K',
        demoMode: false,
        timeouts: { idleSeconds: 60, warningSeconds: 20 },
        printer: { kind: 'escpos', transport: { kind: 'device', path: '/dev/kiosk-printer' } },
        portal: { url: null, mock: false, tls: null },
        http: { port: 1, bogus: true },
      }),
    );
    const c = loadConfig({ dataDir: dir, http: { host: '127.0.0.1', port: 0 } }, {});
    expect(c.kioskName).toBe('K');
    expect(c.printer.kind).toBe('escpos');
  });
});

describe('unknown keys, fuzzed', () => {
  const numRuns = Number(process.env.FUZZ_RUNS ?? 10_000);
  it('never throw and name only keys the input has, for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const parsed = KioskConfig.safeParse(input);
        const found = unknownKeys(input, parsed.success ? parsed.data : {});
        for (const key of found) {
          let at: unknown = input;
          for (const part of key) {
            expect(typeof at === 'object' && at !== null && part in at).toBe(true);
            at = (at as Record<string, unknown>)[part];
          }
        }
      }),
      { numRuns },
    );
  });

  it('find nothing unknown in a parsed configuration itself', () => {
    fc.assert(
      fc.property(
        fc.record({ kioskName: fc.string(), speech: fc.record({ enabled: fc.boolean() }) }),
        (input) => {
          const parsed = KioskConfig.parse(input);
          expect(unknownKeys(parsed, parsed)).toEqual([]);
          expect(unknownKeys(input, parsed)).toEqual([]);
        },
      ),
      { numRuns },
    );
  });
});

describe('defaults', () => {
  it('fill every block when the file says nothing (each block parsed from {})', () => {
    expect(KioskConfig.parse({})).toEqual({
      kioskName: 'Ki-ốt dịch vụ công',
      dataDir: '.kiosk-data',
      branding: null,
      defaultLanguage: 'vi',
      kioskCommuneCode: null,
      http: { host: '127.0.0.1', port: 0 },
      rendererDir: 'dist/renderer',
      mode: 'production',
      timeouts: { idleSeconds: 90, warningSeconds: 30 },
      devices: {
        enabled: true,
        simulator: 'auto',
        scannerPath: 'auto',
        vpcdPort: 35963,
        vpcdBasePort: 35963,
        allowedReaders: ['.*'],
        allowedUsbIds: [],
        vpcdSocketDir: null,
      },
      trust: {
        cscaDir: null,
        crlDir: null,
        extraCscaFiles: [],
        acceptUnknownCsca: false,
        requireRootOwned: null,
        refuseWeakAlgorithmsAfter: '2021-01-01',
        minRsaBits: 2048,
      },
      portal: {
        url: null,
        mock: true,
        mockDataDir: null,
        tokenUrl: null,
        clientId: 'kiosk-demo',
        clientSecretFile: null,
        tls: null,
        agencyTable: null,
        placeOfFiling: 'Ki-ốt dịch vụ công',
        feesFrom: 'catalogue',
        holidaysFile: null,
        waitForCodeMs: 4000,
        timeoutMs: 8000,
      },
      agencies: { urls: {}, mock: true, mockDataDir: null, timeoutMs: 8000 },
      exam: { window: null },
      dossier: { channel: 'online', baseSalaryVnd: null, healthInsuranceMonths: 12, retry: null },
      printer: { kind: 'file' },
      speech: {
        enabled: true,
        rate: 150,
        privateOutput: 'auto',
        keys: DEFAULT_SPEECH_KEYS,
        output: { kind: 'device' },
      },
      staff: { pinHash: null, alertWebhook: null },
      shell: { nightlyRestartAt: '03:30' },
      store: {
        keyDir: null,
        keyFile: null,
        credentials: { dataKek: 'kiosk-data-kek', auditKey: 'kiosk-audit-key' },
        backup: { dir: null, everyHours: 24, keepCount: 7, keepDays: 14 },
      },
      metrics: { enabled: false, host: '127.0.0.1', port: 9464, tokenFile: null },
      queue: { centre: null, kioskPrefix: null, mockCentre: false },
    });
  });

  it('fill the rest of a block the file gives in part', () => {
    const c = KioskConfig.parse({ store: { backup: { everyHours: 6 } }, trust: { minRsaBits: 3072 } });
    expect(c.store.backup).toEqual({ dir: null, everyHours: 6, keepCount: 7, keepDays: 14 });
    expect(c.store.credentials).toEqual({ dataKek: 'kiosk-data-kek', auditKey: 'kiosk-audit-key' });
    expect(c.trust.refuseWeakAlgorithmsAfter).toBe('2021-01-01');
  });
});
