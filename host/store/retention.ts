import type Database from 'better-sqlite3';
import { appendAudit } from './audit';
import { tx, type StoreContext } from './context';
import { errorFields, logger } from '../log/logger';

const log = logger('store');

/** Erases a dossier's personal data (payload and the receipt's applicant); the masked ID, codes and times remain. */
export function purgeRow(db: Database.Database, localRef: string, at: number): void {
  db.prepare('UPDATE outbox SET payload = NULL, key_id = NULL, purged_at = ? WHERE local_ref = ?').run(
    at,
    localRef,
  );
  db.prepare('UPDATE receipts SET applicant = NULL, key_id = NULL WHERE local_ref = ?').run(localRef);
}

/**
 * After personal data is erased: `secure_delete` (set at open) has zeroed the freed cells in the pages it
 * rewrote; a TRUNCATE checkpoint copies those pages into the database file and empties the WAL, whose frames
 * still hold the earlier page images (with the ciphertext). Best effort: a reader holding an old snapshot makes
 * it a no-op, and the next purge repeats it.
 */
export function flushResidue(db: Database.Database): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    log.debug(errorFields(e), 'WAL checkpoint deferred');
    /* busy: retried after the next purge */
  }
}

/**
 * Deletes expired drafts and erases the personal data of acknowledged dossiers past their delay and of
 * refused (`failed`) dossiers older than `failedTtlMs`. Queued dossiers keep theirs until delivered.
 */
export function purgeExpired(c: StoreContext, now: number): { drafts: number; dossiers: number } {
  const result = tx(c, 'purge expired data', () => {
    const drafts = c.db.prepare('DELETE FROM drafts WHERE expires_at <= ?').run(now).changes;
    const due = c.db
      .prepare(
        `SELECT local_ref FROM outbox WHERE purged_at IS NULL AND (
           (state = 'delivered' AND purge_after <= ?) OR (state = 'failed' AND created_at <= ?))`,
      )
      .all(now, now - c.retention.failedTtlMs) as { local_ref: string }[];
    for (const r of due) purgeRow(c.db, r.local_ref, now);
    if (drafts || due.length) {
      appendAudit(c.db, c.auditKey, {
        at: now,
        actor: 'system',
        action: 'retention.purged',
        detail: { drafts, dossiers: due.length },
      });
    }
    return { drafts, dossiers: due.length };
  });
  if (result.drafts || result.dossiers) flushResidue(c.db);
  return result;
}
