import { statSync, readFileSync, copyFileSync, openSync, writeSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyProvider, MemoryKeyProvider } from './keys';
import { KioskStore } from './store';
import { StoreError } from './errors';
import { maskIdNumber, vietnamDay } from './pii';
import { sampleEnqueue, scratchDir } from './testing/test-helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function fresh(opts: { now?: () => number; delay?: number } = {}) {
  const s = scratchDir();
  const keys = new FileKeyProvider(join(s.dir, 'keys', 'data.key'));
  const path = join(s.dir, 'kiosk.db');
  const store = KioskStore.open({
    path,
    keys,
    now: opts.now,
    retention: { deliveredPurgeDelayMs: opts.delay ?? 0 },
  });
  cleanups.push(() => {
    store.close();
    s.cleanup();
  });
  return { store, keys, path, dir: s.dir };
}

describe('key file', () => {
  it('is created 0600 on first start and reused afterwards', () => {
    const { keys, dir } = fresh();
    const path = join(dir, 'keys', 'data.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = new FileKeyProvider(path);
    expect(again.current().id).toBe(keys.current().id);
    expect(again.current().key.equals(keys.current().key)).toBe(true);
  });
  it('rejects a damaged key file with a typed error', () => {
    const s = scratchDir();
    cleanups.push(s.cleanup);
    const p = join(s.dir, 'k');
    new FileKeyProvider(p);
    const fd = openSync(p, 'w');
    writeSync(fd, '{"version":1}');
    closeSync(fd);
    expect(() => new FileKeyProvider(p)).toThrow(expect.objectContaining({ code: 'store-key-file-invalid' }));
  });
});

describe('drafts', () => {
  it('round-trips under an HMAC card key and never stores the ID number or the data in clear', () => {
    const { store, path } = fresh();
    const cardKey = store.cardKey('001099000145');
    expect(cardKey).toMatch(/^[0-9a-f]{64}$/);
    expect(cardKey).not.toContain('001099000145');
    store.saveDraft(cardKey, 'birth-registration', { childName: 'Lê Văn Thử Nghiệm', step: 3 });
    expect(store.loadDraft(cardKey)).toMatchObject({
      serviceId: 'birth-registration',
      data: { childName: 'Lê Văn Thử Nghiệm', step: 3 },
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('Thử Nghiệm'))).toBe(false);
    expect(bytes.includes(Buffer.from('001099000145'))).toBe(false);
  });
  it('expire after the retention period and are purged', () => {
    let now = Date.UTC(2026, 10, 23, 3);
    const { store } = fresh({ now: () => now });
    const k = store.cardKey('001099000145');
    store.saveDraft(k, 's', { a: 1 });
    now += 29 * 86_400_000;
    expect(store.loadDraft(k)).not.toBeNull();
    now += 2 * 86_400_000;
    expect(store.loadDraft(k)).toBeNull();
    expect(store.purgeExpired(now)).toEqual({ drafts: 1, dossiers: 0 });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM drafts').get()).toEqual({ n: 0 });
  });
});

describe('outbox rows and receipts', () => {
  it('commit, deliver and purge personal data at once when the delay is 0', () => {
    const { store } = fresh();
    const rec = store.enqueueDossier(sampleEnqueue(1));
    expect(rec.state).toBe('queued');
    const due = store.dueDossiers<{ n: number }>(Date.now() + 1, 10);
    expect(due.map((d) => d.payload.n)).toEqual([1]);
    expect(store.getReceipt({ localRef: 'L-1' })?.applicant).toEqual({ fullName: 'Phạm Thị Hư Cấu' });
    const done = store.markDelivered(rec.id, { dossierCode: '000.00.01.H22-261123-0001', portalStatus: 2 });
    expect(done).toMatchObject({
      state: 'delivered',
      dossierCode: '000.00.01.H22-261123-0001',
      purged: true,
    });
    const receipt = store.getReceipt({ dossierCode: '000.00.01.H22-261123-0001' });
    expect(receipt).toMatchObject({
      localRef: 'L-1',
      maskedId: '0010******45',
      applicant: null,
      state: 'delivered',
    });
    expect(store.dueDossiers(Date.now() + 1, 10)).toEqual([]);
  });
  it('keep personal data until the configured delay passes', () => {
    let now = 1_800_000_000_000;
    const { store } = fresh({ now: () => now, delay: 60_000 });
    const rec = store.enqueueDossier(sampleEnqueue(1));
    store.markDelivered(rec.id, { dossierCode: 'X-1', portalStatus: 2 });
    expect(store.getReceipt({ localRef: 'L-1' })?.applicant).not.toBeNull();
    expect(store.purgeExpired(now + 59_999).dossiers).toBe(0);
    now += 60_000;
    expect(store.purgeExpired(now).dossiers).toBe(1);
    expect(store.getReceipt({ localRef: 'L-1' })?.applicant).toBeNull();
  });
  it('erase the personal data of refused dossiers after the failed retention, never of queued ones', () => {
    let now = 1_800_000_000_000;
    const { store } = fresh({ now: () => now });
    const failed = store.enqueueDossier(sampleEnqueue(1));
    store.enqueueDossier(sampleEnqueue(2));
    store.markFailed(failed.id, 'portal-rejected');
    now += 30 * 86_400_000 - 1;
    expect(store.purgeExpired(now).dossiers).toBe(0);
    now += 1;
    expect(store.purgeExpired(now).dossiers).toBe(1);
    expect(store.getReceipt({ localRef: 'L-1' })?.applicant).toBeNull();
    expect(store.requeue('L-1', 'staff:b01')).toBe(false);
    expect(store.getReceipt({ localRef: 'L-2' })?.applicant).not.toBeNull();
    expect(store.dueDossiers(now, 10).map((d) => d.record.localRef)).toEqual(['L-2']);
  });
  it('refuse a second dossier with the same idempotency key', () => {
    const { store } = fresh();
    store.enqueueDossier(sampleEnqueue(1));
    expect(() => store.enqueueDossier(sampleEnqueue(2, { idempotencyKey: 'idem-1' }))).toThrow(
      expect.objectContaining({ code: 'store-duplicate' }),
    );
    expect(store.listOutbox()).toHaveLength(1);
  });
  it('count per day and service, failures included', () => {
    const t = Date.UTC(2026, 10, 23, 20); // 03:00 next day in Hà Nội
    const { store } = fresh({ now: () => t });
    const a = store.enqueueDossier(sampleEnqueue(1));
    const b = store.enqueueDossier(sampleEnqueue(2));
    store.markDelivered(a.id, { dossierCode: 'C-1', portalStatus: 2 });
    store.markFailed(b.id, 'portal-rejected');
    expect(vietnamDay(t)).toBe('2026-11-24');
    expect(store.counters('2026-11-24', '2026-11-24')).toEqual([
      {
        day: '2026-11-24',
        serviceId: 'temporary-residence',
        submitted: 2,
        delivered: 1,
        failed: 1,
        feesVnd: 30000,
      },
    ]);
    expect(store.requeue('L-2', 'staff:b01')).toBe(true);
    expect(store.findOutbox({ localRef: 'L-2' })?.state).toBe('queued');
  });
});

describe('audit', () => {
  it('is hash-chained, append-only, and detects tampering', () => {
    const { store } = fresh();
    store.setSetting('kiosk.name', 'Quầy 1', 'staff:b01');
    store.enqueueDossier(sampleEnqueue(1));
    store.audit('staff:b01', 'printer.paper-replaced');
    expect(store.verifyAudit()).toEqual({ ok: true, count: 3 });
    expect(() => store.db.prepare('UPDATE audit SET actor = ? WHERE seq = 2').run('x')).toThrow(
      /append-only/,
    );
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    store.db.exec('DROP TRIGGER audit_no_update');
    store.db.prepare(`UPDATE audit SET detail = '{"service":"other"}' WHERE seq = 2`).run();
    expect(store.verifyAudit()).toEqual({ ok: false, brokenAt: 2, count: 1 });
  });
});

describe('key rotation', () => {
  it('re-encrypts every personal column under a new key and retires the old one', () => {
    const keys = new MemoryKeyProvider();
    const s = scratchDir();
    cleanups.push(s.cleanup);
    const store = KioskStore.open({
      path: join(s.dir, 'db'),
      keys,
      retention: { deliveredPurgeDelayMs: 1e9 },
    });
    cleanups.unshift(() => store.close());
    const oldId = keys.current().id;
    const k = store.cardKey('001099000145');
    store.saveDraft(k, 's', { a: 'Đỗ Thị Giả Định' });
    store.enqueueDossier(sampleEnqueue(1));
    const r = store.rotateKey();
    expect(r.reencrypted).toBe(3);
    expect(r.keyId).not.toBe(oldId);
    expect(() => keys.byId(oldId)).toThrow(StoreError);
    expect(store.loadDraft(k)?.data).toEqual({ a: 'Đỗ Thị Giả Định' });
    expect(store.dueDossiers(Date.now() + 1, 5)[0]?.payload).toMatchObject({ n: 1 });
    expect(store.getReceipt({ localRef: 'L-1' })?.applicant?.fullName).toBe('Phạm Thị Hư Cấu');
    const ids = store.db
      .prepare('SELECT DISTINCT key_id FROM outbox UNION SELECT DISTINCT key_id FROM drafts')
      .all();
    expect(ids).toEqual([{ key_id: r.keyId }]);
  });
});

describe('failures', () => {
  it('a full disk gives store-full and loses nothing already committed', () => {
    const { store } = fresh();
    store.enqueueDossier(sampleEnqueue(0));
    const pages = (store.db.pragma('page_count', { simple: true }) as number) + 2;
    store.db.pragma(`max_page_count = ${pages}`);
    let err: unknown;
    let committed = 1;
    try {
      for (let i = 1; i < 10_000; i++) {
        store.enqueueDossier(sampleEnqueue(i, { payload: { blob: 'x'.repeat(2000), i } }));
        committed++;
      }
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('store-full');
    expect(store.listOutbox(100_000)).toHaveLength(committed);
    expect(store.verifyAudit()).toEqual({ ok: true, count: committed });
    store.db.pragma('max_page_count = 1073741823');
    store.enqueueDossier(sampleEnqueue(20_000));
    expect(store.listOutbox(100_000)).toHaveLength(committed + 1);
  });

  it('a damaged database file gives store-corrupt and the original stays intact', () => {
    const { store, path, dir, keys } = fresh();
    for (let i = 0; i < 50; i++)
      store.enqueueDossier(sampleEnqueue(i, { payload: { pad: 'y'.repeat(500), i } }));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(dir, 'copy.db');
    copyFileSync(path, copy);
    // Scribble over the b-tree pages in the middle of the copy (page 1 header kept).
    const size = statSync(copy).size;
    const fd = openSync(copy, 'r+');
    for (let off = 4096 * 2; off < size - 4096; off += 4096 * 3)
      writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, off + 100);
    closeSync(fd);
    expect(() => KioskStore.open({ path: copy, keys })).toThrow(
      expect.objectContaining({ code: 'store-corrupt' }),
    );
    // Header destroyed too.
    const fd2 = openSync(copy, 'r+');
    writeSync(fd2, Buffer.alloc(100, 0x5a), 0, 100, 0);
    closeSync(fd2);
    expect(() => KioskStore.open({ path: copy, keys })).toThrow(
      expect.objectContaining({ code: 'store-corrupt' }),
    );
    expect(existsSync(path)).toBe(true);
    expect(store.listOutbox(1000)).toHaveLength(50);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first four and last two digits', () => {
    expect(maskIdNumber('001099000145')).toBe('0010******45');
    expect(maskIdNumber('123')).toBe('***');
  });
});
