import type Database from 'better-sqlite3';
import { StoreError, guard } from './errors';
import { toRecord, type OutboxRecord, type OutboxRow, type OutboxSummaryRow } from './records';

/** Reads of the outbox for the queue and the staff monitor; none returns personal data (masked ID only). */

/** The row by id (inside a transaction); `store-not-found` when there is none. */
export function outboxById(db: Database.Database, id: number): OutboxRecord {
  const row = db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
  if (!row) throw new StoreError('store-not-found', `outbox row ${id} not found`);
  return toRecord(row);
}

export function findOutbox(
  db: Database.Database,
  ref: { localRef?: string; clientRef?: string; dossierCode?: string },
): OutboxRecord | null {
  const [col, val] = ref.localRef
    ? ['local_ref', ref.localRef]
    : ref.clientRef
      ? ['client_ref', ref.clientRef]
      : ['dossier_code', ref.dossierCode ?? ''];
  const row = guard('find dossier', () => db.prepare(`SELECT * FROM outbox WHERE ${col} = ?`).get(val)) as
    OutboxRow | undefined;
  return row ? toRecord(row) : null;
}

/** Earliest `next_attempt_at` among queued dossiers, or null if the queue is empty. */
export function nextDueAt(db: Database.Database): number | null {
  const row = guard('read outbox', () =>
    db.prepare(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE state = 'queued'`).get(),
  ) as { t: number | null };
  return row.t;
}

/** Every dossier not yet delivered plus the latest delivered ones. */
export function listOutbox(db: Database.Database, limit: number): OutboxRecord[] {
  const rows = guard('list outbox', () =>
    db
      .prepare(`SELECT * FROM outbox ORDER BY CASE state WHEN 'delivered' THEN 1 ELSE 0 END, id DESC LIMIT ?`)
      .all(limit),
  ) as OutboxRow[];
  return rows.map(toRecord);
}

/** Counts for the staff outbox monitor: by state, delivered since `sinceMs`, oldest queued. */
export function outboxSummary(db: Database.Database, sinceMs: number): OutboxSummaryRow {
  return guard('summarise outbox', () => {
    const row = db
      .prepare(
        `SELECT
           COALESCE(SUM(state = 'queued'), 0) AS queued,
           COALESCE(SUM(state = 'failed'), 0) AS failed,
           COALESCE(SUM(state = 'delivered' AND delivered_at >= ?), 0) AS delivered_since,
           MIN(CASE WHEN state = 'queued' THEN created_at END) AS oldest_queued_at
         FROM outbox`,
      )
      .get(sinceMs) as {
      queued: number;
      failed: number;
      delivered_since: number;
      oldest_queued_at: number | null;
    };
    return {
      queued: row.queued,
      failed: row.failed,
      deliveredSince: row.delivered_since,
      oldestQueuedAt: row.oldest_queued_at,
    };
  });
}

/** Refused and set-aside dossiers (`failed`), newest first, without their payload. */
export function listFailedOutbox(db: Database.Database, limit: number): OutboxRecord[] {
  const rows = guard('list failed outbox', () =>
    db.prepare(`SELECT * FROM outbox WHERE state = 'failed' ORDER BY id DESC LIMIT ?`).all(limit),
  ) as OutboxRow[];
  return rows.map(toRecord);
}
