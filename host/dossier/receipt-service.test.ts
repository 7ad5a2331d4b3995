import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DossierStatusInfo, PortalAdapter } from '../portal/types';
import { PrinterService } from '../printer';
import { SessionManager } from '../session/session-manager';
import { MemoryKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { sampleEnqueue, scratchDir } from '../store/testing/test-helpers';
import { ReceiptService } from './receipt-service';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function rig(portal: PortalAdapter | null = null) {
  const s = scratchDir('receipt-files-');
  cleanups.push(s.cleanup);
  const store = KioskStore.open({ path: join(s.dir, 'kiosk.db'), keys: new MemoryKeyProvider() });
  cleanups.unshift(() => store.close());
  const sessions = new SessionManager();
  const printer = new PrinterService({ dataDir: s.dir, config: { kind: 'file' } });
  const receiptsDir = join(s.dir, 'receipts');
  const make = () =>
    new ReceiptService({ store, printer, sessions, portal, issuingSystem: 'Ki-ốt thử nghiệm' });
  return { store, sessions, receiptsDir, make };
}

describe('receipt files (file mode)', () => {
  it('are written 0600 and deleted when the session ends', async () => {
    const r = rig();
    const service = r.make();
    r.store.enqueueDossier(sampleEnqueue(1));
    r.sessions.start('vi').personal.set('receipts', ['L-1']);
    expect(await service.print('L-1')).toMatchObject({ kind: 'file' });
    const file = join(r.receiptsDir, 'L-1.pdf');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(r.receiptsDir).mode & 0o077).toBe(0);
    r.sessions.end('done');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(r.receiptsDir)).toEqual([]);
  });

  it('left behind by a crash are deleted when the service starts', () => {
    const r = rig();
    mkdirSync(r.receiptsDir, { recursive: true });
    writeFileSync(join(r.receiptsDir, 'KIOSK-261130-0A1B2C3D.pdf'), '%PDF-1.7 Phạm Thị Hư Cấu');
    writeFileSync(join(r.receiptsDir, 'x.pdf.123.tmp'), '%PDF');
    r.make();
    expect(readdirSync(r.receiptsDir)).toEqual([]);
  });
});

/** A portal that answers only the status lookup, with the fee it has billed. */
function portalBilling(feeVnd: number | null): PortalAdapter {
  const status = (dossierCode: string): DossierStatusInfo => ({
    dossierCode,
    status: 2,
    procedureCode: '1.004194',
    procedureName: 'Đăng ký tạm trú',
    agencyCode: '000.30.01.H22',
    receivedAt: Date.UTC(2026, 10, 30, 2),
    appointmentAt: null,
    feeVnd,
    feePaid: false,
    eReceipt: null,
  });
  return { getStatus: (code: string) => Promise.resolve(status(code)) } as unknown as PortalAdapter;
}

describe('the printed fee line (dossier delivered, the system asked at printing)', () => {
  async function printed(kiosk: number | null, system: number | null): Promise<string> {
    const r = rig(portalBilling(system));
    const service = r.make();
    const rec = r.store.enqueueDossier(sampleEnqueue(1, { feeVnd: kiosk, feePaid: false }));
    r.store.markDelivered(rec.id, { dossierCode: '000.00.01.H22-261130-0001', portalStatus: 2 });
    r.sessions.start('vi').personal.set('receipts', ['L-1']);
    await service.print('L-1');
    const text = execFileSync('pdftotext', [
      '-enc',
      'UTF-8',
      join(r.receiptsDir, '000.00.01.H22-261130-0001.pdf'),
      '-',
    ]);
    return text.toString('utf8').normalize('NFC').replace(/\s+/g, ' ');
  }

  it('unknown at the kiosk and nothing billed by the system: staff will tell, never "free"', async () => {
    const text = await printed(null, null);
    expect(text).toContain('Phí, lệ phí Cán bộ sẽ thông báo');
    expect(text).not.toMatch(/Miễn phí|0 đồng/);
  });

  it("a sourced free case or exemption (the kiosk's 0) stays free when the system has billed nothing", async () => {
    expect(await printed(0, null)).toContain('Phí, lệ phí Miễn phí');
  });

  it("the system's billed amount wins over the kiosk's unknown", async () => {
    expect(await printed(null, 12000)).toContain('Phí, lệ phí 12.000 đồng (chưa thanh toán)');
  });
});
