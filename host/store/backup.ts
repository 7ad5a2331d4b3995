/**
 * Daily encrypted backups of the outbox database, with a retention limit.
 *
 * A backup is an online copy (`better-sqlite3` backup API) of the database with the drafts dropped and the
 * file vacuumed (nothing freed survives in it), encrypted whole with AES-256-GCM under a key derived
 * (HKDF-SHA256, random salt) from the current data key. So the copy hides even what the live file keeps in the
 * clear (masked IDs, codes, the audit log), and it opens only with the key file (and its credential).
 * The personal columns inside stay sealed as in the live database.
 *
 * File: `kiosk-YYYYMMDDTHHMMSSZ.db.enc` (0600) = magic `KIOSKBK1` ‖ key-id length (1) ‖ key id ‖ salt (16) ‖
 * IV (12) ‖ tag (16) ‖ ciphertext. Retention: at most `keepCount` files and none older than `keepDays`.
 * A backup made before a key rotation opens only while the retired key is still in the key file.
 */
import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './errors';
import type { KeyProvider } from './keys';
import type { KioskStore } from './store';
import { errorFields, logger } from '../log/logger';

const log = logger('backup');

const MAGIC = Buffer.from('KIOSKBK1', 'ascii');
const NAME = /^kiosk-(\d{8}T\d{6}Z)\.db\.enc$/;
const DAY_MS = 86_400_000;

export interface BackupPolicy {
  /** Folder of the backups (0700). */
  dir: string;
  /** How often a backup is made. Default daily. */
  everyMs: number;
  /** Backups kept at most. */
  keepCount: number;
  /** Backups older than this many days are deleted. */
  keepDays: number;
}

function stampOf(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function timeOf(name: string): number | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const s = m[1]!;
  return Date.UTC(
    +s.slice(0, 4),
    +s.slice(4, 6) - 1,
    +s.slice(6, 8),
    +s.slice(9, 11),
    +s.slice(11, 13),
    +s.slice(13, 15),
  );
}

function backupKey(dataKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, salt, 'kiosk-backup/v1', 32));
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): { file: string; at: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ file: join(dir, name), at: timeOf(name) }))
    .filter((b): b is { file: string; at: number } => b.at !== null)
    .sort((a, b) => b.at - a.at);
}

/** Makes one backup now; returns its path. Leaves no plaintext copy behind, even when it fails. */
export async function writeBackup(
  store: KioskStore,
  keys: KeyProvider,
  dir: string,
  at: number,
): Promise<string> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const target = join(dir, `kiosk-${stampOf(at)}.db.enc`);
  const tmp = join(dir, `.backup-${process.pid}-${randomBytes(4).toString('hex')}.db`);
  try {
    await store.db.backup(tmp);
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma('secure_delete = ON');
      copy.exec('DELETE FROM drafts');
      copy.exec('VACUUM');
    } finally {
      copy.close();
    }
    const plain = readFileSync(tmp);
    const { id, key } = keys.current();
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', backupKey(key, salt), iv);
    const idBytes = Buffer.from(id, 'utf8');
    const header = Buffer.concat([MAGIC, Buffer.from([idBytes.length]), idBytes, salt]);
    cipher.setAAD(header);
    const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
    plain.fill(0);
    const partial = `${target}.tmp`;
    writeFileSync(partial, Buffer.concat([header, iv, cipher.getAuthTag(), ct]), { mode: 0o600 });
    renameSync(partial, target);
    return target;
  } finally {
    for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  }
}

/** Decrypts the bytes of a backup file; throws `store-decrypt-failed` (or `store-key-missing`) on anything else. */
export function decryptBackup(bytes: Buffer, keys: KeyProvider, name = 'backup'): Buffer {
  const head = MAGIC.length + 1;
  if (bytes.length < head || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new StoreError('store-decrypt-failed', `${name} is not a kiosk backup`);
  const idLen = bytes[MAGIC.length]!;
  const off = head + idLen + 16;
  if (bytes.length < off + 28) throw new StoreError('store-decrypt-failed', `${name} is truncated`);
  const id = bytes.subarray(head, head + idLen).toString('utf8');
  const salt = bytes.subarray(head + idLen, off);
  const key = keys.byId(id);
  try {
    const d = createDecipheriv('aes-256-gcm', backupKey(key, salt), bytes.subarray(off, off + 12));
    d.setAAD(bytes.subarray(0, off));
    d.setAuthTag(bytes.subarray(off + 12, off + 28));
    return Buffer.concat([d.update(bytes.subarray(off + 28)), d.final()]);
  } catch (err) {
    throw new StoreError('store-decrypt-failed', `${name} did not authenticate`, { cause: err });
  }
}

/** Decrypts a backup into a database file at `targetPath` (a technician's restore). */
export function restoreBackup(file: string, keys: KeyProvider, targetPath: string): void {
  writeFileSync(targetPath, decryptBackup(readFileSync(file), keys, file), { mode: 0o600 });
}

/** Deletes backups beyond `keepCount` and older than `keepDays`; returns the deleted paths. */
export function pruneBackups(
  dir: string,
  policy: Pick<BackupPolicy, 'keepCount' | 'keepDays'>,
  now: number,
): string[] {
  const gone: string[] = [];
  listBackups(dir).forEach((b, i) => {
    if (i >= policy.keepCount || b.at < now - policy.keepDays * DAY_MS) {
      rmSync(b.file, { force: true });
      gone.push(b.file);
    }
  });
  return gone;
}

/**
 * Makes a backup when the newest is older than `everyMs` (checked at start and then hourly), prunes, and raises
 * the `backup-failed` alert when it cannot. Returns a stop function.
 */
export function scheduleBackups(
  store: KioskStore,
  keys: KeyProvider,
  policy: BackupPolicy,
  opts: { now?: () => number; checkEveryMs?: number } = {},
): { runDue(): Promise<string | null>; stop(): Promise<void> } {
  const now = opts.now ?? Date.now;
  let running: Promise<string | null> | null = null;
  const runDue = (): Promise<string | null> => {
    if (running) return running;
    running = (async () => {
      const t = now();
      const newest = listBackups(policy.dir)[0];
      if (newest && t - newest.at < policy.everyMs) return null;
      try {
        const file = await writeBackup(store, keys, policy.dir, t);
        pruneBackups(policy.dir, policy, t);
        store.audit('system', 'backup.written', undefined, { kept: listBackups(policy.dir).length });
        return file;
      } catch {
        try {
          store.raiseAlert('backup-failed', 'warning');
        } catch (e) {
          log.warn(errorFields(e), 'backup-failed alert not raised');
          /* the store itself is failing: its own errors surface elsewhere */
        }
        return null;
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };
  void runDue();
  const timer = setInterval(() => void runDue(), opts.checkEveryMs ?? 3_600_000);
  timer.unref();
  return {
    runDue,
    async stop() {
      clearInterval(timer);
      await running; // never close the store under a backup in progress
    },
  };
}
