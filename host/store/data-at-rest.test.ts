import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH } from './audit';
import { FileKeyProvider, MemoryKeyProvider } from './keys';
import { migrate } from './migrations';
import { openStoreWithRecovery } from './recovery';
import { KioskStore } from './store';
import { sampleEnqueue, scratchDir } from './testing/test-helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function scratch() {
  const s = scratchDir('data-at-rest-');
  cleanups.push(s.cleanup);
  return s.dir;
}

function openAt(dir: string, opts: { keys?: FileKeyProvider; now?: () => number } = {}) {
  const keys = opts.keys ?? new FileKeyProvider(join(dir, 'keys', 'data.key'));
  const store = KioskStore.open({
    path: join(dir, 'kiosk.db'),
    keys,
    ...(opts.now ? { now: opts.now } : {}),
  });
  cleanups.unshift(() => store.close());
  return { store, keys };
}

/** Every byte of the database, its WAL and its SHM file. */
function filesOf(dbPath: string): Buffer[] {
  return ['', '-wal', '-shm'].filter((s) => existsSync(dbPath + s)).map((s) => readFileSync(dbPath + s));
}

const hits = (files: Buffer[], needle: Buffer) => files.filter((b) => b.includes(needle)).length;

describe('no residue after purge', () => {
  it('a delivered dossier leaves neither its ciphertext nor its plaintext in the db, -wal or -shm', () => {
    const dir = scratch();
    const { store } = openAt(dir);
    const big = 'Ngõ 12 phố Hư Cấu, '.repeat(400); // spills onto overflow pages
    const rec = store.enqueueDossier(
      sampleEnqueue(1, { payload: { ChuHoSo: 'Phạm Thị Hư Cấu', MaDoiTuong: '001099000145', big } }),
    );
    const { payload } = store.db.prepare('SELECT payload FROM outbox WHERE id = ?').get(rec.id) as {
      payload: Buffer;
    };
    const { applicant } = store.db.prepare('SELECT applicant FROM receipts').get() as { applicant: Buffer };
    const path = join(dir, 'kiosk.db');
    // Before the purge the ciphertext is on disk (WAL): the scan can see it.
    expect(hits(filesOf(path), payload.subarray(-32))).toBeGreaterThan(0);
    store.markDelivered(rec.id, { dossierCode: '000.00.01.H22-261130-0001', portalStatus: 2 });
    const files = filesOf(path);
    for (const needle of [
      payload.subarray(-32),
      payload.subarray(1, 29), // IV and tag
      applicant.subarray(-16),
      Buffer.from('Phạm Thị Hư Cấu'),
      Buffer.from('001099000145'),
      Buffer.from('phố Hư Cấu'),
    ])
      expect(hits(files, needle)).toBe(0);
    expect(existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).length : 0).toBe(0);
  });

  it('an expired draft is gone from every file after purgeExpired', () => {
    const dir = scratch();
    let now = Date.UTC(2026, 10, 1);
    const { store } = openAt(dir, { now: () => now });
    const k = store.cardKey('001099000145');
    store.saveDraft(k, 'birth-registration', { childName: 'Lê Văn Thử Nghiệm' });
    const { data } = store.db.prepare('SELECT data FROM drafts').get() as { data: Buffer };
    now += 31 * 86_400_000;
    expect(store.purgeExpired(now).drafts).toBe(1);
    const files = filesOf(join(dir, 'kiosk.db'));
    expect(hits(files, data.subarray(-24))).toBe(0);
    expect(hits(files, Buffer.from('Thử Nghiệm'))).toBe(0);
  });
});

describe('dead letters', () => {
  it('an undecryptable row is set aside with a staff alert and the others are still handed out', () => {
    const dir = scratch();
    const { store } = openAt(dir);
    for (let i = 1; i <= 3; i++) store.enqueueDossier(sampleEnqueue(i));
    const bad = store.db.prepare(`SELECT payload FROM outbox WHERE local_ref = 'L-2'`).get() as {
      payload: Buffer;
    };
    const flipped = Buffer.from(bad.payload);
    flipped[flipped.length - 1]! ^= 0xff;
    store.db.prepare(`UPDATE outbox SET payload = ? WHERE local_ref = 'L-2'`).run(flipped);
    const due = store.dueDossiers<{ n: number }>(Date.now() + 1, 10);
    expect(due.map((d) => d.payload.n)).toEqual([1, 3]);
    expect(store.findOutbox({ localRef: 'L-2' })).toMatchObject({
      state: 'failed',
      deadReason: 'store-decrypt-failed',
      purged: false,
    });
    expect(store.listAlerts()).toEqual([
      expect.objectContaining({
        code: 'outbox-dead-letter',
        severity: 'critical',
        count: 1,
        clearedAt: null,
      }),
    ]);
    // Taking one at a time (as the sender does) skips the dead row too.
    expect(store.dueDossiers(Date.now() + 1, 1, [due[0]!.record.id]).map((d) => d.record.localRef)).toEqual([
      'L-3',
    ]);
    expect(store.readAudit().map((e) => e.action)).toContain('dossier.dead-lettered');
    expect(store.verifyAudit().ok).toBe(true);
  });

  it('a lost key file is not silently replaced: rows under the old key are set aside with an alert', () => {
    const dir = scratch();
    const first = openAt(dir);
    first.store.enqueueDossier(sampleEnqueue(1));
    first.store.enqueueDossier(sampleEnqueue(2));
    first.store.close();
    rmSync(join(dir, 'keys', 'data.key'));
    const keys = new FileKeyProvider(join(dir, 'keys', 'data.key'));
    expect(keys.created).toBe(true);
    const { store } = openAt(dir, { keys });
    expect(store.listAlerts().map((a) => a.code)).toEqual(
      expect.arrayContaining(['store-key-missing', 'outbox-dead-letter']),
    );
    expect(store.listOutbox().map((r) => [r.localRef, r.deadReason])).toEqual([
      ['L-2', 'store-key-missing'],
      ['L-1', 'store-key-missing'],
    ]);
    // The receipt of a set-aside dossier still reads (without the name).
    expect(store.getReceipt({ localRef: 'L-1' })).toMatchObject({
      applicant: null,
      maskedId: '0010******45',
    });
    // New dossiers go on under the new key.
    store.enqueueDossier(sampleEnqueue(3));
    expect(store.dueDossiers(Date.now() + 1, 10).map((d) => d.record.localRef)).toEqual(['L-3']);
    // The audit key is a separate file: it survived, so the chain still verifies.
    expect(store.verifyAudit().ok).toBe(true);
    // Staff clear the alerts; a restart with the same keys missing does not reopen them.
    store.clearAlert('store-key-missing', 'staff:b01');
    store.clearAlert('outbox-dead-letter', 'staff:b01');
    store.close();
    const again = openAt(dir);
    expect(again.store.listAlerts()).toEqual([]);
  });

  it('a draft under a lost key reads as no draft, and a new save replaces it', () => {
    const dir = scratch();
    const first = openAt(dir);
    const k = first.store.cardKey('001099000145');
    first.store.saveDraft(k, 'svc', { step: 1 });
    first.store.close();
    rmSync(join(dir, 'keys', 'data.key'));
    const { store } = openAt(dir);
    expect(store.listAlerts().map((a) => a.code)).toEqual(['store-key-missing']);
    // The lookup secret went with the key file: the same card gives another handle; the old row does not open.
    const row = store.db.prepare('SELECT card_key FROM drafts').get() as { card_key: string };
    expect(store.loadDraft(row.card_key)).toBeNull();
    store.saveDraft(store.cardKey('001099000145'), 'svc', { step: 2 });
    expect(store.loadDraft(store.cardKey('001099000145'))?.data).toEqual({ step: 2 });
  });

  it('staff can put a dead letter back once the key is restored', () => {
    const dir = scratch();
    const first = openAt(dir);
    first.store.enqueueDossier(sampleEnqueue(1));
    first.store.close();
    const saved = readFileSync(join(dir, 'keys', 'data.key'));
    rmSync(join(dir, 'keys', 'data.key'));
    const second = openAt(dir);
    expect(second.store.findOutbox({ localRef: 'L-1' })?.deadReason).toBe('store-key-missing');
    second.store.close();
    writeFileSync(join(dir, 'keys', 'data.key'), saved, { mode: 0o600 });
    const { store } = openAt(dir);
    expect(store.requeue('L-1', 'staff:b01')).toBe(true);
    expect(store.findOutbox({ localRef: 'L-1' })).toMatchObject({ state: 'queued', deadReason: null });
    expect(store.dueDossiers(Date.now() + 1, 5).map((d) => d.record.localRef)).toEqual(['L-1']);
  });
});

describe('key rotation with a damaged row', () => {
  it('re-encrypts the rows that open, skips the damaged one, and keeps its key', () => {
    const dir = scratch();
    const { store, keys } = openAt(dir);
    store.enqueueDossier(sampleEnqueue(1));
    store.enqueueDossier(sampleEnqueue(2));
    const oldId = keys.current().id;
    const row = store.db.prepare(`SELECT payload FROM outbox WHERE local_ref = 'L-1'`).get() as {
      payload: Buffer;
    };
    const damaged = Buffer.from(row.payload);
    damaged[damaged.length - 1]! ^= 0xff;
    store.db.prepare(`UPDATE outbox SET payload = ? WHERE local_ref = 'L-1'`).run(damaged);
    const r = store.rotateKey();
    expect(r).toMatchObject({ reencrypted: 3, skipped: 1 });
    expect(keys.byId(oldId)).toHaveLength(32); // still needed by the damaged row
    expect(store.dueDossiers<{ n: number }>(Date.now() + 1, 5).map((d) => d.payload.n)).toEqual([2]);
    expect(store.findOutbox({ localRef: 'L-1' })?.deadReason).toBe('store-decrypt-failed');
  });
});

describe('quarantine', () => {
  it('a corrupt database is renamed aside, a fresh one starts, and an alert is raised', () => {
    const dir = scratch();
    const path = join(dir, 'kiosk.db');
    const keys = new FileKeyProvider(join(dir, 'keys', 'data.key'));
    const first = KioskStore.open({ path, keys });
    first.enqueueDossier(sampleEnqueue(1));
    first.close();
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 0, 100); // the header
    writeFileSync(path, bytes);
    const at = Date.UTC(2026, 10, 30, 19, 50, 12);
    const { store, quarantinedTo } = openStoreWithRecovery({ path, keys, now: () => at });
    cleanups.unshift(() => store.close());
    expect(quarantinedTo).toBe(`${path}.corrupt-20261130T195012Z`);
    expect(readdirSync(dir).sort()).toEqual(
      expect.arrayContaining(['kiosk.db', 'kiosk.db.corrupt-20261130T195012Z']),
    );
    expect(readFileSync(quarantinedTo!).equals(bytes)).toBe(true);
    expect(store.listOutbox()).toEqual([]);
    expect(store.listAlerts()).toEqual([
      expect.objectContaining({ code: 'store-quarantined', severity: 'critical', firstAt: at }),
    ]);
    expect(store.readAudit().map((e) => [e.action, e.subject])).toContainEqual([
      'store.quarantined',
      'kiosk.db.corrupt-20261130T195012Z',
    ]);
  });

  it('a healthy database opens as it is', () => {
    const dir = scratch();
    const path = join(dir, 'kiosk.db');
    const keys = new MemoryKeyProvider();
    const { store, quarantinedTo } = openStoreWithRecovery({ path, keys });
    cleanups.unshift(() => store.close());
    expect(quarantinedTo).toBeNull();
    expect(store.listAlerts()).toEqual([]);
  });
});

describe('keyed audit chain', () => {
  it('verifies only with the audit key, and a rewrite without the key is detected', () => {
    const dir = scratch();
    const { store } = openAt(dir);
    store.audit('staff:b01', 'printer.paper-replaced');
    store.enqueueDossier(sampleEnqueue(1));
    expect(store.verifyAudit()).toEqual({ ok: true, count: 2 });
    // An attacker who can write the file but has no key recomputes the chain with plain SHA-256.
    store.db.exec('DROP TRIGGER audit_no_update');
    let prev = GENESIS_HASH;
    for (const e of store.readAudit()) {
      const detail = e.seq === 2 ? { service: 'something-else' } : e.detail;
      const row = canonicalJson({
        seq: e.seq,
        at: e.at,
        actor: e.actor,
        action: e.action,
        subject: e.subject,
        detail,
      });
      const hash = createHash('sha256').update(prev).update(row).digest('hex');
      store.db
        .prepare('UPDATE audit SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?')
        .run(canonicalJson(detail), prev, hash, e.seq);
      prev = hash;
    }
    expect(store.verifyAudit()).toEqual({ ok: false, brokenAt: 1, count: 0 });
  });

  it('the same database read with another audit key does not verify, and staff are alerted', () => {
    const dir = scratch();
    const path = join(dir, 'kiosk.db');
    const a = KioskStore.open({ path, keys: new MemoryKeyProvider(Buffer.alloc(32, 1)) });
    a.audit('system', 'x');
    a.close();
    const same = KioskStore.open({ path, keys: new MemoryKeyProvider(Buffer.alloc(32, 1)) });
    expect(same.verifyAudit()).toEqual({ ok: true, count: 1 });
    expect(same.listAlerts()).toEqual([]);
    same.close();
    const other = KioskStore.open({ path, keys: new MemoryKeyProvider(Buffer.alloc(32, 2)) });
    cleanups.unshift(() => other.close());
    expect(other.verifyAudit()).toEqual({ ok: false, brokenAt: 1, count: 0 });
    expect(other.listAlerts().map((x) => x.code)).toEqual(['audit-chain-broken']);
  });

  it('an unkeyed chain from schema 3 is checked and re-keyed once when the audit key is created', () => {
    const dir = scratch();
    const path = join(dir, 'kiosk.db');
    const raw = new Database(path);
    migrate(raw, 3);
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const e = { seq, at: seq, actor: 'system', action: 'old', subject: null, detail: {} };
      const hash = createHash('sha256').update(prev).update(canonicalJson(e)).digest('hex');
      raw
        .prepare(
          'INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)',
        )
        .run(seq, seq, 'system', 'old', null, '{}', prev, hash);
      prev = hash;
    }
    raw.close();
    const keys = new FileKeyProvider(join(dir, 'keys', 'data.key'));
    expect(keys.auditKey().created).toBe(true);
    const store = KioskStore.open({ path, keys });
    expect(store.verifyAudit()).toEqual({ ok: true, count: 3 });
    store.audit('system', 'new');
    store.close();
    // Next start: the key file exists, nothing is re-keyed again, the chain verifies.
    const again = KioskStore.open({ path, keys: new FileKeyProvider(join(dir, 'keys', 'data.key')) });
    cleanups.unshift(() => again.close());
    expect(again.verifyAudit()).toEqual({ ok: true, count: 4 });
    expect(again.listAlerts()).toEqual([]);
    expect(() => again.db.prepare('UPDATE audit SET actor = ? WHERE seq = 1').run('x')).toThrow(
      /append-only/,
    );
  });
});

describe('alerts', () => {
  it('count repeats, clear with an audit entry, and open again when raised after clearing', () => {
    let now = 1_000;
    const dir = scratch();
    const { store } = openAt(dir, { now: () => now });
    store.raiseAlert('backup-failed', 'warning');
    now = 2_000;
    store.raiseAlert('backup-failed', 'warning');
    expect(store.listAlerts()).toEqual([
      {
        code: 'backup-failed',
        severity: 'warning',
        firstAt: 1_000,
        lastAt: 2_000,
        count: 2,
        clearedAt: null,
      },
    ]);
    now = 3_000;
    expect(store.clearAlert('backup-failed', 'staff:b01')).toBe(true);
    expect(store.listAlerts()).toEqual([]);
    expect(store.listAlerts(true)[0]).toMatchObject({ clearedAt: 3_000 });
    now = 4_000;
    store.raiseAlert('backup-failed', 'warning');
    expect(store.listAlerts()[0]).toMatchObject({ firstAt: 4_000, lastAt: 4_000, count: 3, clearedAt: null });
    expect(store.readAudit().map((e) => e.action)).toContain('alert.cleared');
  });
});
