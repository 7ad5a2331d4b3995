import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterService } from '../printer';
import { SessionManager } from '../session/session-manager';
import { MemoryKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { sampleEnqueue, scratchDir } from '../store/test-helpers';
import { ReceiptService } from './receipt-service';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function rig() {
  const s = scratchDir('receipt-files-');
  cleanups.push(s.cleanup);
  const store = KioskStore.open({ path: join(s.dir, 'kiosk.db'), keys: new MemoryKeyProvider() });
  cleanups.unshift(() => store.close());
  const sessions = new SessionManager();
  const printer = new PrinterService({ dataDir: s.dir, config: { kind: 'file' } });
  const receiptsDir = join(s.dir, 'receipts');
  const make = () => new ReceiptService({ store, printer, sessions, issuingSystem: 'Ki-ốt thử nghiệm' });
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
