/**
 * Host trust configuration: the configured CSCA and CRL folders, the root-ownership rule outside demo mode,
 * the weak-algorithm policy from config, and `trust.list` for the technician diagnostics.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { createHost } from '../create-host';
import { buildTrustStore } from '../start-host';
import { passiveAuthenticate } from '../../native/emrtd/passive-auth';
import { citizenFiles } from '../../native/emrtd/testing/citizen-card';
import { makeCrl, makePki, pem, pemOf, serialOf } from '../../native/emrtd/testing/test-pki';

const root = mkdtempSync(path.join(os.tmpdir(), 'kiosk-trust-cfg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const pki = makePki();
const sha1 = makePki({ dsCertHash: 'sha1' });
const cscaDir = path.join(root, 'csca');
const crlDir = path.join(root, 'crl');
mkdirSync(cscaDir, { mode: 0o755 });
mkdirSync(crlDir, { mode: 0o755 });
chmodSync(root, 0o755);
writeFileSync(path.join(cscaDir, 'test.pem'), pem(pki.cscaCert), { mode: 0o644 });
writeFileSync(path.join(cscaDir, 'sha1.pem'), pem(sha1.cscaCert), { mode: 0o644 });
writeFileSync(
  path.join(crlDir, 'test.crl'),
  pemOf(makeCrl({ issuer: pki.cscaName, issuerKey: pki.csca, revoked: [serialOf(pki.dsCert)] }), 'X509 CRL'),
  { mode: 0o644 },
);

/** Not root (a developer's machine): the ownership rule cannot hold for files they own; CI runs as root. */
const notRoot = process.getuid?.() !== 0 ? { requireRootOwned: false } : {};
const cfg = (trust: object, demo = false) =>
  loadConfig(
    {
      dataDir: '/nonexistent-kiosk-test',
      mode: demo ? 'demo' : 'production',
      trust: { ...notRoot, ...trust } as never,
    },
    {},
  );

describe('trust configuration', () => {
  it('defaults: the bundled CSCA, no CRLs, SHA-1 refused from 2021-01-01, RSA ≥ 2048', () => {
    const c = cfg({});
    expect(loadConfig({}, {}).trust).toMatchObject({
      requireRootOwned: null,
      cscaDir: null,
      crlDir: null,
      refuseWeakAlgorithmsAfter: '2021-01-01',
    });
    const store = buildTrustStore(c, false);
    expect(store.certificates.map((x) => x.subject.typesAndValues.at(-1)?.value.valueBlock.value)).toContain(
      'CSCA Vietnam',
    );
  });

  it('the configured folders are used: a DS on the CRL is revoked; weak policy from config', () => {
    const store = buildTrustStore(cfg({ cscaDir, crlDir }), false);
    expect(passiveAuthenticate(citizenFiles(pki), store).verdict).toBe('revoked');
    expect(passiveAuthenticate(citizenFiles(sha1), store).verdict).toBe('weak-algorithm');
    const lenient = buildTrustStore(cfg({ cscaDir, refuseWeakAlgorithmsAfter: '2030-01-01' }), false);
    expect(passiveAuthenticate(citizenFiles(sha1), lenient).verdict).toBe('valid');
  });

  it('outside demo mode a trust file others can write stops start-up; demo mode tolerates it', () => {
    if (process.getuid?.() !== 0) return; // the rule itself is tested in native/emrtd/trust/trust.test.ts
    const f = path.join(cscaDir, 'test.pem');
    chmodSync(f, 0o666);
    try {
      expect(() => buildTrustStore(cfg({ cscaDir }), false)).toThrow(
        expect.objectContaining({ code: 'chip-trust-insecure' }),
      );
      expect(buildTrustStore(cfg({ cscaDir }, true), false).certificates).toHaveLength(2);
    } finally {
      chmodSync(f, 0o644);
    }
  });

  it('trust.list gives the technician every item with its SHA-256 fingerprint', async () => {
    const c = cfg({ cscaDir, crlDir });
    const store = buildTrustStore(c, false);
    const { host } = createHost(c, { trustStore: () => store });
    const res = await host.handleMessage({ v: 1, id: 1, method: 'trust.list', params: {} });
    expect(res.ok).toBe(true);
    const list = (res as { result: { kind: string; source: string; sha256: string }[] }).result;
    expect(list.map((e) => [e.kind, e.source])).toEqual([
      ['csca', 'sha1.pem'],
      ['csca', 'test.pem'],
      ['crl', 'test.crl'],
    ]);
    for (const e of list) expect(e.sha256).toMatch(/^[0-9A-F]{64}$/);
  });
});
