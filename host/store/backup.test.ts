import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups, pruneBackups, restoreBackup, scheduleBackups, writeBackup } from './backup';
import { FileKeyProvider, MemoryKeyProvider } from './keys';
import { KioskStore } from './store';
import { sampleEnqueue, scratchDir } from './testing/test-helpers';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const DAY = 86_400_000;

function rig() {
  const s = scratchDir('backup-');
  cleanups.push(s.cleanup);
  const keys = new FileKeyProvider(join(s.dir, 'keys', 'data.key'));
  const store = KioskStore.open({ path: join(s.dir, 'kiosk.db'), keys });
  cleanups.push(() => store.close());
  return { dir: s.dir, keys, store, backups: join(s.dir, 'backups') };
}

describe('encrypted backups', () => {
  it('hold the queued dossiers, open only with the data key, and show nothing in clear', async () => {
    const r = rig();
    r.store.enqueueDossier(sampleEnqueue(1));
    r.store.enqueueDossier(sampleEnqueue(2));
    r.store.saveDraft(r.store.cardKey('001099000145'), 'svc', { note: 'bản nháp' });
    const file = await writeBackup(r.store, r.keys, r.backups, Date.UTC(2026, 10, 30, 20, 0, 0));
    expect(file).toBe(join(r.backups, 'kiosk-20261130T200000Z.db.enc'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(r.backups)).toEqual(['kiosk-20261130T200000Z.db.enc']); // no plaintext copy left
    const bytes = readFileSync(file);
    for (const clear of [
      'SQLite format 3',
      '0010******45',
      'L-1',
      'temporary-residence',
      'dossier.committed',
    ])
      expect(bytes.includes(Buffer.from(clear))).toBe(false);

    const restored = join(r.dir, 'restored.db');
    restoreBackup(file, r.keys, restored);
    const copy = KioskStore.open({ path: restored, keys: r.keys });
    cleanups.push(() => copy.close());
    expect(copy.dueDossiers<{ n: number }>(Date.now() + 1, 10).map((d) => d.payload.n)).toEqual([1, 2]);
    expect(copy.db.prepare('SELECT COUNT(*) AS n FROM drafts').get()).toEqual({ n: 0 });
    expect(copy.verifyAudit().ok).toBe(true);

    expect(() => restoreBackup(file, new MemoryKeyProvider(), join(r.dir, 'x.db'))).toThrow(
      expect.objectContaining({ code: 'store-key-missing' }),
    );
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 5]! ^= 1;
    const bad = join(r.dir, 'bad.enc');
    writeFileSync(bad, damaged);
    expect(() => restoreBackup(bad, r.keys, join(r.dir, 'y.db'))).toThrow(
      expect.objectContaining({ code: 'store-decrypt-failed' }),
    );
  });

  it('are pruned to the configured count and age', async () => {
    const r = rig();
    const t0 = Date.UTC(2026, 10, 1, 2);
    for (let d = 0; d < 10; d++) await writeBackup(r.store, r.keys, r.backups, t0 + d * DAY);
    expect(listBackups(r.backups)).toHaveLength(10);
    const now = t0 + 9 * DAY;
    pruneBackups(r.backups, { keepCount: 7, keepDays: 30 }, now);
    expect(listBackups(r.backups).map((b) => b.at)).toEqual([9, 8, 7, 6, 5, 4, 3].map((d) => t0 + d * DAY));
    pruneBackups(r.backups, { keepCount: 7, keepDays: 4 }, now);
    expect(listBackups(r.backups).map((b) => (b.at - t0) / DAY)).toEqual([9, 8, 7, 6, 5]);
  });

  it('run when the newest is older than the period, and raise an alert when they cannot', async () => {
    const r = rig();
    let now = Date.UTC(2026, 10, 1, 2);
    const policy = { dir: r.backups, everyMs: DAY, keepCount: 3, keepDays: 14 };
    const sched = scheduleBackups(r.store, r.keys, policy, { now: () => now });
    cleanups.push(() => sched.stop());
    await sched.runDue();
    expect(listBackups(r.backups)).toHaveLength(1);
    now += DAY - 1;
    expect(await sched.runDue()).toBeNull();
    now += 1;
    expect(await sched.runDue()).not.toBeNull();
    expect(listBackups(r.backups)).toHaveLength(2);
    expect(r.store.readAudit().filter((e) => e.action === 'backup.written')).toHaveLength(2);

    const blocked = scheduleBackups(
      r.store,
      r.keys,
      { ...policy, dir: join(r.dir, 'kiosk.db', 'nope') },
      {
        now: () => now,
      },
    );
    await blocked.runDue();
    await blocked.stop();
    expect(r.store.listAlerts().map((a) => a.code)).toEqual(['backup-failed']);
    expect(existsSync(join(r.dir, 'kiosk.db', 'nope'))).toBe(false);
  });
});
