import { createHash, createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';

export const GENESIS_HASH = '0'.repeat(64);

/** Who acted: the citizen's session (anonymous), staff (by role/badge id, not name), or the system. */
export type AuditActor = 'citizen' | 'system' | `staff:${string}`;

export interface AuditEntry {
  seq: number;
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  detail: Record<string, string | number | boolean | null>;
  prevHash: string;
  hash: string;
}

/** Deterministic JSON: object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

type Hashed = Pick<AuditEntry, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'detail'>;

function canonicalRow(e: Hashed): string {
  return canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    detail: e.detail,
  });
}

/**
 * `hash = HMAC-SHA256(auditKey, prev_hash ‖ canonical row)`. The audit key is a secret apart from the data
 * key (`KeyProvider.auditKey()`): whoever can write the database file but lacks the key cannot rebuild a
 * consistent chain after changing a row, and verifying needs the key.
 */
export function auditHash(key: Buffer, prevHash: string, e: Hashed): string {
  return createHmac('sha256', key).update(prevHash, 'utf8').update(canonicalRow(e), 'utf8').digest('hex');
}

/** The unkeyed chain of schema versions 2–3 (`sha256(prev_hash ‖ canonical row)`), checked once when re-keyed. */
export function legacyAuditHash(prevHash: string, e: Hashed): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalRow(e), 'utf8').digest('hex');
}

/** Appends one entry; call inside the transaction of the change it records. */
export function appendAudit(
  db: Database.Database,
  key: Buffer,
  e: {
    at: number;
    actor: AuditActor;
    action: string;
    subject?: string | null;
    detail?: AuditEntry['detail'];
  },
): AuditEntry {
  const last = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry = {
    seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject ?? null,
    detail: e.detail ?? {},
  };
  const hash = auditHash(key, prevHash, entry);
  db.prepare(
    'INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(seq, entry.at, entry.actor, entry.action, entry.subject, canonicalJson(entry.detail), prevHash, hash);
  return { ...entry, prevHash, hash };
}

export function readAudit(db: Database.Database, fromSeq = 1, limit = 1000): AuditEntry[] {
  const rows = db
    .prepare(
      'SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?',
    )
    .all(fromSeq, limit) as {
    seq: number;
    at: number;
    actor: string;
    action: string;
    subject: string | null;
    detail: string;
    prev_hash: string;
    hash: string;
  }[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    detail: JSON.parse(r.detail) as AuditEntry['detail'],
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export type AuditVerdict = { ok: true; count: number } | { ok: false; brokenAt: number; count: number };

/**
 * Recomputes the whole chain with `key` (or the legacy unkeyed hash); reports the first entry whose link or
 * hash does not match. With a wrong key the chain breaks at its first entry.
 */
export function verifyAudit(db: Database.Database, key: Buffer | 'legacy'): AuditVerdict {
  const hashOf = (prev: string, e: Hashed) =>
    key === 'legacy' ? legacyAuditHash(prev, e) : auditHash(key, prev, e);
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const batch = readAudit(db, expectedSeq, 1000);
    if (batch.length === 0) break;
    for (const e of batch) {
      if (e.seq !== expectedSeq || e.prevHash !== prev || hashOf(prev, e) !== e.hash) {
        return { ok: false, brokenAt: e.seq, count };
      }
      prev = e.hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  return { ok: true, count };
}

/**
 * Re-keys an unkeyed (schema 2–3) chain with the audit key, once, when the key has just been created. The
 * legacy chain is verified first; a broken one is left as it is (verification then reports it). Runs inside
 * the caller's transaction; the append-only triggers are dropped and re-created around the rewrite.
 */
export function rekeyLegacyAudit(db: Database.Database, key: Buffer): { rekeyed: number; legacyOk: boolean } {
  const legacy = verifyAudit(db, 'legacy');
  if (!legacy.ok) return { rekeyed: 0, legacyOk: false };
  db.exec('DROP TRIGGER IF EXISTS audit_no_update');
  const upd = db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = GENESIS_HASH;
  let n = 0;
  for (let from = 1; ;) {
    const batch = readAudit(db, from, 1000);
    if (batch.length === 0) break;
    for (const e of batch) {
      const hash = auditHash(key, prev, e);
      upd.run(prev, hash, e.seq);
      prev = hash;
      n++;
    }
    from = batch[batch.length - 1]!.seq + 1;
  }
  db.exec(
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;",
  );
  return { rekeyed: n, legacyOk: true };
}
