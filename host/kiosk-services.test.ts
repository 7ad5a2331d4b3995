/** The composition root's steps that production mode constrains: trust store, portal, devices. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificatesFromPem } from '../native/emrtd/trust-store';
import { loadConfig } from './config/config';
import { buildTrustStore, mockPortalDataDir, startPortalEndpoint, TEST_CSCA_FILE } from './kiosk-services';

const dataDir = '/nonexistent-kiosk-services-test';
const testCsca = Buffer.from(
  certificatesFromPem(readFileSync(TEST_CSCA_FILE, 'utf8'))[0]!.toSchema(true).toBER(false),
).toString('hex');
const ders = (certs: { toSchema(b: boolean): { toBER(b: boolean): ArrayBuffer } }[]): string[] =>
  certs.map((c) => Buffer.from(c.toSchema(true).toBER(false)).toString('hex'));

describe('trust store', () => {
  it('production never trusts the test PKI, even if the simulator were running', () => {
    const store = buildTrustStore(loadConfig({ dataDir }, {}), true);
    expect(store.certificates.length).toBeGreaterThan(0);
    expect(ders(store.certificates)).not.toContain(testCsca);
  });

  it('production refuses the test CSCA smuggled in as an extra CSCA file', () => {
    const config = loadConfig(
      { dataDir, trust: { extraCscaFiles: [TEST_CSCA_FILE], acceptUnknownCsca: false } },
      {},
    );
    expect(() => buildTrustStore(config, false)).toThrow(/test CSCA/);
  });

  it('demo mode trusts it only while the simulator runs', () => {
    const demo = loadConfig({ dataDir, mode: 'demo' }, {});
    expect(ders(buildTrustStore(demo, true).certificates)).toContain(testCsca);
    expect(ders(buildTrustStore(demo, false).certificates)).not.toContain(testCsca);
  });
});

describe('portal', () => {
  it('production never starts the mock portal: no URL, no portal', async () => {
    const p = await startPortalEndpoint(loadConfig({ dataDir }, {}));
    expect(p).toMatchObject({ url: null, mock: null });
  });

  it("demo mode's mock portal keeps its data outside the kiosk's data folder", () => {
    const dir = mockPortalDataDir(loadConfig({ dataDir, mode: 'demo' }, {}));
    expect(dir.startsWith(`${dataDir}/`)).toBe(false);
    expect(dir).toBe(`${dataDir}-mock-portal`);
  });
});
