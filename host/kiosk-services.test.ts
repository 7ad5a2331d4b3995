/** The composition root's steps that production mode constrains: trust store, portal, devices. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificatesFromPem } from '../native/emrtd/trust-store';
import { loadConfig } from './config/config';
import { buildTrustStore, TEST_CSCA_FILE } from './kiosk-services';
import { routeScan } from './wiring/route-scan';
import { mockPortalDataDir, startPortalEndpoint } from './wiring/start-portal';

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

describe('serial scanner routing (as the keyboard-wedge path does it)', () => {
  it("a penalty decision's QR goes to the fines screen, not to identification", () => {
    expect(routeScan('12345/QĐ-XPHC')).toBe('fines');
    expect(routeScan(' 12345/QD-XPHC\r\n')).toBe('fines');
    expect(routeScan('https://csgt.example/tra-cuu?so=12345%2FQ%C4%90-XPHC')).toBe('fines');
  });

  it("a receipt's QR or a dossier code goes to the lookup screen", () => {
    expect(routeScan('000.00.01.H22-261130-0001')).toBe('lookup');
    expect(
      routeScan(JSON.stringify({ MaHoSo: '000.00.01.H22-261130-0001', SoBienNhan: 'KIOSK-261130-0A1B2C3D' })),
    ).toBe('lookup');
  });

  it("a card's QR (fictional people) and anything else go to identification", () => {
    expect(routeScan('001099000145|123456789|Phạm Thị Hư Cấu|01011990|Nữ|Số 1 Phố Mẫu|01072021')).toBe(
      'identify',
    );
    expect(routeScan('https://thuphat.example/bienlai/TP0001')).toBe('identify');
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/),
        fc.stringMatching(/^(\d{9})?$/),
        fc.string({ maxLength: 40 }),
        fc.stringMatching(/^\d{8}$/),
        (id, old, name, born) =>
          routeScan(`${id}|${old}|${name}|${born}|Nam|Số 1 Phố Mẫu|01072021`) === 'identify',
      ),
      { numRuns: 10_000 },
    );
  });
});
