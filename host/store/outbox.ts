import { appendAudit, type AuditActor } from './audit';
import { raiseAlert } from './alerts';
import { tx, type StoreContext } from './context';
import { bumpCounter } from './counters';
import { open, seal } from './crypto';
import { StoreError, guard } from './errors';
import { outboxById } from './outbox-read';
import { toRecord, type EnqueueInput, type OutboxRecord, type OutboxRow } from './records';
import { flushResidue, purgeRow } from './retention';
import { applicantCtx, isUnreadable, payloadCtx } from './sealed';

/**
 * Commits a dossier, its idempotency key, its local receipt, the day's counter and an audit entry in
 * ONE transaction: once this returns, the dossier survives any crash and will be delivered.
 */
export function enqueueDossier(c: StoreContext, input: EnqueueInput): OutboxRecord {
  const at = c.now();
  const p = seal(c.keys, input.payload, payloadCtx(input.localRef));
  const a = seal(c.keys, input.applicant, applicantCtx(input.localRef));
  return tx(c, 'commit dossier', () => {
    const info = c.db
      .prepare(
        `INSERT INTO outbox (local_ref, idempotency_key, client_ref, service_id, procedure_code, masked_id, key_id, payload,
           state, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)`,
      )
      .run(
        input.localRef,
        input.idempotencyKey,
        input.clientRef ?? null,
        input.serviceId,
        input.procedureCode,
        input.maskedId,
        p.keyId,
        p.blob,
        at,
        at,
      );
    c.db
      .prepare(
        `INSERT INTO receipts (local_ref, service_id, procedure_code, procedure_name, masked_id, received_at, appointment_at,
           fee_vnd, fee_known, fee_paid, key_id, applicant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.localRef,
        input.serviceId,
        input.procedureCode,
        input.procedureName,
        input.maskedId,
        at,
        input.appointmentAt,
        input.feeVnd ?? 0,
        input.feeVnd === null ? 0 : 1,
        input.feePaid ? 1 : 0,
        a.keyId,
        a.blob,
      );
    bumpCounter(c.db, at, input.serviceId, {
      submitted: 1,
      fees_vnd: input.feePaid ? (input.feeVnd ?? 0) : 0,
    });
    appendAudit(c.db, c.auditKey, {
      at,
      actor: input.actor ?? 'citizen',
      action: 'dossier.committed',
      subject: input.localRef,
      detail: { service: input.serviceId },
    });
    return outboxById(c.db, Number(info.lastInsertRowid));
  });
}

/**
 * Queued dossiers whose next attempt is due, oldest first, with their decrypted payload. A dossier whose
 * payload does not open (its key is gone, the blob is damaged, or it has none) is set aside as a dead letter
 * with the `outbox-dead-letter` staff alert, and the next one is taken: one bad row never blocks the queue.
 */
export function dueDossiers<P = unknown>(
  c: StoreContext,
  now: number,
  limit: number,
  exclude: readonly number[],
): { record: OutboxRecord; payload: P }[] {
  const out: { record: OutboxRecord; payload: P }[] = [];
  while (out.length < limit) {
    const skip = [...exclude, ...out.map((o) => o.record.id)];
    const rows = guard('read outbox', () =>
      c.db
        .prepare(
          `SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? ${skip.length ? `AND id NOT IN (${skip.map(() => '?').join(',')})` : ''}
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(now, ...skip, limit - out.length),
    ) as OutboxRow[];
    if (rows.length === 0) break;
    for (const r of rows) {
      try {
        if (!r.payload || !r.key_id)
          throw new StoreError('store-decrypt-failed', `queued dossier ${r.local_ref} has no payload`);
        out.push({
          record: toRecord(r),
          payload: open<P>(c.keys, { keyId: r.key_id, blob: r.payload }, payloadCtx(r.local_ref)),
        });
      } catch (err) {
        if (!isUnreadable(err)) throw err;
        const at = c.now();
        tx(c, 'set dossier aside', () => deadLetter(c, r, err.code, at));
      }
    }
  }
  return out;
}

/** Sets a queued dossier aside (inside a transaction): it keeps its ciphertext for staff, the others go on. */
export function deadLetter(c: StoreContext, r: OutboxRow, reason: string, at: number): void {
  c.db
    .prepare(
      `UPDATE outbox SET state = 'failed', dead_at = ?, dead_reason = ?, last_error = ? WHERE id = ? AND state = 'queued'`,
    )
    .run(at, reason, reason, r.id);
  raiseAlert(c.db, 'outbox-dead-letter', 'critical', at);
  appendAudit(c.db, c.auditKey, {
    at,
    actor: 'system',
    action: 'dossier.dead-lettered',
    subject: r.local_ref,
    detail: { reason },
  });
}

export function recordAttempt(c: StoreContext, id: number, error: string, nextAttemptAt: number): void {
  tx(c, 'record attempt', () => {
    c.db
      .prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'queued'`,
      )
      .run(error, nextAttemptAt, id);
  });
}

/** The portal acknowledged the dossier: record its code, and erase personal data now if the delay is 0. */
export function markDelivered(
  c: StoreContext,
  id: number,
  ack: { dossierCode: string; portalStatus: number; appointmentAt?: number | null },
): OutboxRecord {
  const at = c.now();
  const purgeNow = c.retention.deliveredPurgeDelayMs <= 0;
  const done = tx(c, 'record delivery', () => {
    const rec = outboxById(c.db, id);
    if (rec.state === 'delivered') return rec;
    const purgeAfter = at + c.retention.deliveredPurgeDelayMs;
    c.db
      .prepare(
        `UPDATE outbox SET state = 'delivered', attempts = attempts + 1, last_error = NULL, dossier_code = ?, portal_status = ?,
           delivered_at = ?, purge_after = ? WHERE id = ?`,
      )
      .run(ack.dossierCode, ack.portalStatus, at, purgeAfter, id);
    c.db
      .prepare(
        'UPDATE receipts SET dossier_code = ?, appointment_at = COALESCE(?, appointment_at) WHERE local_ref = ?',
      )
      .run(ack.dossierCode, ack.appointmentAt ?? null, rec.localRef);
    bumpCounter(c.db, at, rec.serviceId, { delivered: 1 });
    appendAudit(c.db, c.auditKey, {
      at,
      actor: 'system',
      action: 'dossier.delivered',
      subject: rec.localRef,
      detail: { dossierCode: ack.dossierCode },
    });
    if (purgeNow) purgeRow(c.db, rec.localRef, at);
    return outboxById(c.db, id);
  });
  if (purgeNow && done.purged) flushResidue(c.db);
  return done;
}

/** The portal refused the dossier for good (invalid data, conflict): staff must look at it. */
export function markFailed(c: StoreContext, id: number, errorCode: string): OutboxRecord {
  const at = c.now();
  return tx(c, 'record failure', () => {
    const rec = outboxById(c.db, id);
    if (rec.state !== 'queued') return rec;
    c.db
      .prepare(`UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`)
      .run(errorCode, id);
    bumpCounter(c.db, at, rec.serviceId, { failed: 1 });
    appendAudit(c.db, c.auditKey, {
      at,
      actor: 'system',
      action: 'dossier.failed',
      subject: rec.localRef,
      detail: { error: errorCode },
    });
    return outboxById(c.db, id);
  });
}

/** Puts a failed (or set-aside) dossier whose data is still there back in the queue, due at `at`; 0 or 1 rows. */
function requeueFailed(c: StoreContext, localRef: string, at: number): number {
  return c.db
    .prepare(
      `UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = NULL, dead_at = NULL, dead_reason = NULL
       WHERE local_ref = ? AND state = 'failed' AND purged_at IS NULL`,
    )
    .run(at, localRef).changes;
}

/** Staff puts a failed dossier back in the queue. */
export function requeue(c: StoreContext, localRef: string, actor: AuditActor): boolean {
  const at = c.now();
  return tx(c, 'requeue dossier', () => {
    const n = requeueFailed(c, localRef, at);
    if (n) appendAudit(c.db, c.auditKey, { at, actor, action: 'dossier.requeued', subject: localRef });
    return n > 0;
  });
}

/** Makes queued dossiers (one, or all) due now and requeues a failed one; returns how many changed. */
export function retryNow(c: StoreContext, actor: AuditActor, localRef?: string): number {
  const at = c.now();
  return tx(c, 'retry now', () => {
    let n = c.db
      .prepare(
        `UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND (? IS NULL OR local_ref = ?)`,
      )
      .run(at, localRef ?? null, localRef ?? null).changes;
    if (localRef) n += requeueFailed(c, localRef, at);
    appendAudit(c.db, c.auditKey, {
      at,
      actor,
      action: 'outbox.retry-now',
      subject: localRef ?? null,
      detail: { rows: n },
    });
    return n;
  });
}

export function updatePortalStatus(c: StoreContext, localRef: string, portalStatus: number): void {
  tx(c, 'update status', () => {
    c.db.prepare('UPDATE outbox SET portal_status = ? WHERE local_ref = ?').run(portalStatus, localRef);
  });
}
