import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePortal } from '../outbox/testing/fake-portal';
import { Outbox, type OutboxSubmission } from '../outbox/outbox';
import { contractDossier } from '../portal/contract';
import { receiptToEscPos } from '../receipt/escpos';
import { FileKeyProvider } from '../store/keys';
import { KioskStore } from '../store/store';
import { scratchDir } from '../store/testing/test-helpers';
import {
  deadLetterPdf,
  EXPORT_COLUMNS,
  OutboxMonitor,
  type OutboxRow,
  toCsv,
  vietnamDayStart,
} from './outbox-monitor';

interface Citizen {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  placeOfResidence: string | null;
}
const citizensDir = join(__dirname, '../../fixtures/citizens');
const citizens: Citizen[] = readdirSync(citizensDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(citizensDir, f), 'utf8')) as Citizen)
  .filter((c) => typeof c.idNumber === 'string' && typeof c.fullName === 'string');

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function submission(c: Citizen, n: number): OutboxSubmission {
  return {
    serviceId: 'temporary-residence',
    feePaid: true,
    dossier: contractDossier(n, {
      applicant: {
        fullName: c.fullName,
        idNumber: c.idNumber,
        phone: '0912000111',
        email: null,
        kind: 'citizen',
      },
      summary: `Hồ sơ ${n} của ${c.fullName}`,
      answers: { address: c.placeOfResidence, oldId: c.oldIdNumber },
    }),
  };
}

function rig(now = () => Date.now()) {
  const s = scratchDir('outbox-monitor-');
  const store = KioskStore.open({ path: join(s.dir, 'db'), keys: new FileKeyProvider(join(s.dir, 'k')) });
  const portal = new FakePortal();
  const outbox = new Outbox({ store, portal, backoff: { baseMs: 5, capMs: 20 }, now });
  const monitor = new OutboxMonitor({ store, outbox, now });
  cleanups.push(async () => {
    await outbox.stop();
    store.close();
    s.cleanup();
  });
  return { store, portal, outbox, monitor };
}

describe('OutboxMonitor', () => {
  it('counts queued, dead letters and delivered today, with the oldest queued age', async () => {
    const t = rig();
    t.outbox.start();
    t.outbox.submit(submission(citizens[0]!, 1));
    await t.outbox.idle();
    t.portal.failWith = 'portal-rejected';
    t.outbox.submit(submission(citizens[1]!, 2));
    await t.outbox.idle();
    await t.outbox.stop();
    t.portal.failWith = null;
    t.outbox.submit(submission(citizens[2]!, 3));
    const s = t.monitor.summary();
    expect(s).toMatchObject({ queued: 1, sending: 0, deadLetter: 1, deliveredToday: 1 });
    expect(s.oldestQueuedSeconds).toBeGreaterThanOrEqual(0);
  });

  it('delivered today starts at midnight in Vietnam', () => {
    expect(new Date(vietnamDayStart(Date.parse('2026-11-30T18:30:00Z'))).toISOString()).toBe(
      '2026-11-30T17:00:00.000Z',
    );
    expect(new Date(vietnamDayStart(Date.parse('2026-11-30T16:59:59Z'))).toISOString()).toBe(
      '2026-11-29T17:00:00.000Z',
    );
  });

  it('retries a dead letter with the staff actor audited, and it is delivered', async () => {
    const t = rig();
    t.portal.failWith = 'portal-rejected';
    t.outbox.start();
    const { localRef } = t.outbox.submit(submission(citizens[0]!, 1));
    await t.outbox.idle();
    expect(t.monitor.list()[0]).toMatchObject({
      id: localRef,
      state: 'dead-letter',
      lastErrorCode: 'portal-rejected',
    });
    t.portal.failWith = null;
    expect(t.monitor.retry('staff:counter', localRef)).toEqual({ requeued: true });
    await t.outbox.idle();
    expect(t.monitor.list()[0]).toMatchObject({ id: localRef, state: 'delivered', lastErrorCode: null });
    const retry = t.store.readAudit().find((e) => e.action === 'outbox.retry-now');
    expect(retry).toMatchObject({ actor: 'staff:counter', subject: localRef, detail: { rows: 1 } });
    expect(() => t.monitor.retry('staff:counter', localRef)).toThrow(
      expect.objectContaining({ code: 'outbox-not-dead-letter' }),
    );
    expect(() => t.monitor.retry('staff:counter', 'KIOSK-261130-NOPE')).toThrow(
      expect.objectContaining({ code: 'outbox-not-dead-letter' }),
    );
  });

  it('never shows a name, an ID number (even masked), a phone or an address in the list or the export', async () => {
    const t = rig();
    t.portal.failWith = 'portal-rejected';
    t.outbox.start();
    citizens.forEach((c, i) => t.outbox.submit(submission(c, i)));
    await t.outbox.idle();
    t.portal.failWith = null;
    t.outbox.submit(submission(citizens[0]!, 99));
    await t.outbox.idle();
    const { csv, rows } = t.monitor.exportCsv('staff:counter');
    expect(rows).toHaveLength(citizens.length);
    const listed = JSON.stringify(t.monitor.list()) + JSON.stringify(t.monitor.summary());
    const dir = scratchDir('outbox-export-');
    cleanups.push(dir.cleanup);
    let printed = '';
    for (const paper of ['a4', '80mm'] as const) {
      writeFileSync(
        join(dir.dir, `${paper}.pdf`),
        await deadLetterPdf(rows, { kioskName: 'Ki-ốt thử', at: Date.now(), paper }),
      );
      const text = execFileSync('pdftotext', [join(dir.dir, `${paper}.pdf`), '-'], { encoding: 'utf8' });
      expect(text).toContain('HỒ SƠ CHƯA GỬI ĐƯỢC');
      for (const r of rows) expect(text).toContain(r.id);
      expect(text.replace(/\s+/g, ' ')).toContain('Lỗi: portal-rejected · 1 lần gửi');
      printed += text;
    }
    // A thermal printer gets the roll page rasterised (ESC @ … GS v 0 bands).
    const escpos = await receiptToEscPos(await deadLetterPdf(rows, { kioskName: 'K', at: 0, paper: '80mm' }));
    expect([...escpos.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect(escpos.includes(Buffer.from([0x1d, 0x76, 0x30]))).toBe(true);
    const masked = t.store.listOutbox()[0]!.maskedId;
    for (const text of [csv, listed, printed]) {
      expect(text).not.toContain(masked);
      expect(text).not.toContain('0912000111');
      for (const c of citizens) {
        expect(text).not.toContain(c.fullName);
        expect(text.normalize('NFC')).not.toContain(c.fullName.normalize('NFC'));
        expect(text).not.toContain(c.idNumber);
        if (c.oldIdNumber) expect(text).not.toContain(c.oldIdNumber);
        if (typeof c.placeOfResidence === 'string') expect(text).not.toContain(c.placeOfResidence);
      }
    }
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines.slice(1).every((l) => l.split(',').length === EXPORT_COLUMNS.length)).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(',dead-letter,1,portal-rejected,'))).toBe(true);
    expect(t.store.readAudit().at(-1)).toMatchObject({ actor: 'staff:counter', action: 'outbox.exported' });
  });

  it('a dossier in flight counts and lists as sending', async () => {
    const t = rig();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let called: () => void = () => undefined;
    const inFlight = new Promise<void>((r) => (called = r));
    const submit = t.portal.submitDossier.bind(t.portal);
    t.portal.submitDossier = async (d, key) => {
      called();
      await gate;
      return submit(d, key);
    };
    t.outbox.start();
    const { localRef } = t.outbox.submit(submission(citizens[0]!, 1));
    await inFlight;
    expect(t.monitor.summary()).toMatchObject({ queued: 0, sending: 1 });
    expect(t.monitor.list()[0]).toMatchObject({ id: localRef, state: 'sending' });
    release();
    await t.outbox.idle();
    expect(t.monitor.summary()).toMatchObject({ queued: 0, sending: 0, deliveredToday: 1 });
  });

  it('the CSV reads back the same in an independent parser (Python csv), whatever the fields hold', () => {
    const field = fc.string({ unit: 'grapheme', maxLength: 12 });
    const rows = fc.sample(
      fc.record<OutboxRow>({
        id: field,
        serviceId: field,
        procedureCode: field,
        state: fc.constantFrom('queued', 'sending', 'dead-letter', 'delivered'),
        attempts: fc.nat(99),
        lastErrorCode: fc.option(field),
        createdAt: fc.integer({ min: 0, max: 4e12 }),
        nextAttemptAt: fc.option(fc.integer({ min: 0, max: 4e12 })),
        deliveredAt: fc.option(fc.integer({ min: 0, max: 4e12 })),
      }),
      { numRuns: 10_000, seed: 17 },
    );
    const csv = toCsv(rows);
    const parsed = JSON.parse(
      execFileSync(
        'python3',
        [
          '-c',
          'import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))',
        ],
        { input: csv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      ),
    ) as string[][];
    expect(parsed[0]).toEqual([...EXPORT_COLUMNS]);
    expect(parsed).toHaveLength(rows.length + 1);
    const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
    rows.forEach((r, i) =>
      expect(parsed[i + 1]).toEqual([
        r.id,
        r.serviceId,
        r.procedureCode,
        r.state,
        String(r.attempts),
        r.lastErrorCode ?? '',
        iso(r.createdAt),
        iso(r.nextAttemptAt),
        iso(r.deliveredAt),
      ]),
    );
  });
});
