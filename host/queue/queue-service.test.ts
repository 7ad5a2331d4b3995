import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { QueueService, ticketPdf } from './queue-service';

function rig(now: () => number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-queue-'));
  const open = () =>
    KioskStore.open({ path: path.join(dir, 'kiosk.db'), keys: new FileKeyProvider(path.join(dir, 'k')) });
  return { open, dir, queue: (store: KioskStore) => new QueueService({ store, printer: null, now }) };
}

describe('queue tickets', () => {
  it('number per group and day, and survive a restart', async () => {
    let t = Date.parse('2026-11-23T02:00:00Z');
    const r = rig(() => t);
    const store = r.open();
    const q = r.queue(store);
    expect(await q.take('police')).toMatchObject({ number: 'A001', ahead: 0 });
    expect(await q.take('police')).toMatchObject({ number: 'A002', ahead: 1 });
    expect(await q.take('justice')).toMatchObject({ number: 'B001' });
    store.close();
    const again = r.queue(r.open());
    expect((await again.take('police')).number).toBe('A003');
    t = Date.parse('2026-11-23T17:30:00Z'); // 00:30 the next day in Vietnam
    expect((await again.take('police')).number).toBe('A001');
  });

  it('print as a ticket whose text carries the number', async () => {
    const pdf = await ticketPdf(
      {
        number: 'C007',
        group: 'general',
        issuedAt: Date.parse('2026-11-23T02:00:00Z'),
        ahead: 6,
        source: 'kiosk',
        centreDown: false,
      },
      'Ki-ốt thử',
    );
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-ticket-')), 't.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('C007');
    expect(text).toContain('PHIẾU SỐ THỨ TỰ');
  });
});
