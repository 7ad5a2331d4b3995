import type Database from 'better-sqlite3';
import { listAlerts, raiseAlert, clearAlert, type Alert, type AlertCode, type AlertSeverity } from './alerts';
import {
  appendAudit,
  readAudit,
  rekeyLegacyAudit,
  verifyAudit,
  type AuditActor,
  type AuditEntry,
  type AuditVerdict,
} from './audit';
import { cardKeyOf, open, seal, type Sealed } from './crypto';
import { openDatabase, type OpenDatabaseOptions } from './db';
import { StoreError, guard } from './errors';
import type { KeyProvider } from './keys';
import { vietnamDay } from './pii';
import { errorFields, logger } from '../log/logger';

const log = logger('store');

const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** Drafts older than this are deleted by `purgeExpired`. Default 30 days. */
  draftTtlMs: number;
  /** Delay after the portal acknowledges a dossier before its personal data is erased. Default 0. */
  deliveredPurgeDelayMs: number;
  /** A dossier the portal refused for good keeps its personal data this long for staff to act. Default 30 days. */
  failedTtlMs: number;
}

export interface StoreOptions extends OpenDatabaseOptions {
  path: string;
  keys: KeyProvider;
  retention?: Partial<RetentionPolicy>;
  now?: () => number;
}

export interface Draft<T = unknown> {
  serviceId: string;
  data: T;
  savedAt: number;
  expiresAt: number;
}

export type OutboxState = 'queued' | 'delivered' | 'failed';

/** What the caller commits for one dossier; `payload` and `applicant` are personal and stored encrypted. */
export interface EnqueueInput<P = unknown> {
  localRef: string;
  idempotencyKey: string;
  /** Optional caller reference (e.g. kiosk session id) that lets a restarted caller find its submission. */
  clientRef?: string;
  serviceId: string;
  procedureCode: string;
  procedureName: string;
  maskedId: string;
  payload: P;
  applicant: { fullName: string };
  appointmentAt: number | null;
  /** null: the fee is unknown (staff will tell), never shown as free. */
  feeVnd: number | null;
  feePaid: boolean;
  actor?: AuditActor;
}

export interface OutboxRecord {
  id: number;
  localRef: string;
  idempotencyKey: string;
  clientRef: string | null;
  serviceId: string;
  procedureCode: string;
  maskedId: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  dossierCode: string | null;
  portalStatus: number | null;
  createdAt: number;
  deliveredAt: number | null;
  purged: boolean;
  /** Set aside because its payload no longer opens (`store-key-missing`, `store-decrypt-failed`); state is `failed`. */
  deadReason: string | null;
}

export interface OutboxSummaryRow {
  queued: number;
  failed: number;
  deliveredSince: number;
  oldestQueuedAt: number | null;
}

export interface ReceiptRecord {
  localRef: string;
  serviceId: string;
  procedureCode: string;
  procedureName: string;
  maskedId: string;
  receivedAt: number;
  appointmentAt: number | null;
  /** null: the fee is unknown (staff will tell), never shown as free. */
  feeVnd: number | null;
  feePaid: boolean;
  dossierCode: string | null;
  state: OutboxState;
  portalStatus: number | null;
  /** null once personal data has been purged. */
  applicant: { fullName: string } | null;
}

export interface CounterRow {
  day: string;
  serviceId: string;
  submitted: number;
  delivered: number;
  failed: number;
  feesVnd: number;
}

interface OutboxRow {
  id: number;
  local_ref: string;
  idempotency_key: string;
  client_ref: string | null;
  service_id: string;
  procedure_code: string;
  masked_id: string;
  key_id: string | null;
  payload: Buffer | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  dossier_code: string | null;
  portal_status: number | null;
  created_at: number;
  delivered_at: number | null;
  purged_at: number | null;
  dead_at: number | null;
  dead_reason: string | null;
}

function toRecord(r: OutboxRow): OutboxRecord {
  return {
    id: r.id,
    localRef: r.local_ref,
    idempotencyKey: r.idempotency_key,
    clientRef: r.client_ref,
    serviceId: r.service_id,
    procedureCode: r.procedure_code,
    maskedId: r.masked_id,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    dossierCode: r.dossier_code,
    portalStatus: r.portal_status,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    purged: r.purged_at !== null,
    deadReason: r.dead_at !== null ? r.dead_reason : null,
  };
}

const draftCtx = (cardKey: string) => `drafts:${cardKey}`;
const payloadCtx = (localRef: string) => `outbox:${localRef}`;
const applicantCtx = (localRef: string) => `receipts:${localRef}`;

/** Errors that mean "this blob will not open with the keys we have" (as opposed to a disk or SQL failure). */
function isUnreadable(err: unknown): err is StoreError {
  return (
    err instanceof StoreError && (err.code === 'store-key-missing' || err.code === 'store-decrypt-failed')
  );
}

/** The staff PIN's persisted failure state (`staff_lockout`). */
export interface PinLockoutState {
  failures: number;
  lockouts: number;
  lockedUntil: number;
}

/**
 * The kiosk's local SQLite store. Synchronous (better-sqlite3); every public method is one transaction
 * and throws only typed `StoreError`s for disk-full, corruption and key problems.
 */
export class KioskStore {
  readonly db: Database.Database;
  readonly retention: RetentionPolicy;
  private readonly keys: KeyProvider;
  private readonly auditKey: Buffer;
  private readonly now: () => number;

  private constructor(db: Database.Database, opts: StoreOptions) {
    this.db = db;
    this.keys = opts.keys;
    this.auditKey = opts.keys.auditKey().key;
    this.now = opts.now ?? Date.now;
    this.retention = {
      draftTtlMs: opts.retention?.draftTtlMs ?? 30 * DAY_MS,
      deliveredPurgeDelayMs: opts.retention?.deliveredPurgeDelayMs ?? 0,
      failedTtlMs: opts.retention?.failedTtlMs ?? 30 * DAY_MS,
    };
  }

  /**
   * Opens the store, then: re-keys an older unkeyed audit chain once (when the audit key is new), sets aside
   * queued dossiers under a data key the provider does not have (`store-key-missing` alert — a lost key file is
   * never silently papered over), and verifies the audit chain (`audit-chain-broken` alert).
   */
  static open(opts: StoreOptions): KioskStore {
    const db = openDatabase(opts.path, opts);
    let store: KioskStore;
    try {
      store = new KioskStore(db, opts);
      store.startupChecks(opts.skipIntegrityCheck ?? false, opts.keys.auditKey().created);
    } catch (err) {
      db.close();
      throw err;
    }
    return store;
  }

  private startupChecks(skipAuditVerify: boolean, auditKeyCreated: boolean): void {
    const at = this.now();
    this.tx('check keys', () => {
      const marker = this.db.prepare(`SELECT value FROM settings WHERE key = 'audit.mac'`).get() as
        { value: string } | undefined;
      if (!marker) {
        const rows = (this.db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
        if (rows > 0 && auditKeyCreated && !rekeyLegacyAudit(this.db, this.auditKey).legacyOk)
          raiseAlert(this.db, 'audit-chain-broken', 'critical', at);
        this.db
          .prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('audit.mac', 'hmac-sha256', ?)`)
          .run(at);
      }
      const ids = this.db
        .prepare(
          `SELECT key_id FROM drafts UNION SELECT key_id FROM outbox WHERE payload IS NOT NULL
           UNION SELECT key_id FROM receipts WHERE applicant IS NOT NULL`,
        )
        .all() as { key_id: string | null }[];
      const missing = ids.map((r) => r.key_id).filter((id): id is string => id !== null && !this.hasKey(id));
      // Raised once per set of missing keys (recorded by id, nothing personal): a cleared alert is not reopened by
      // every restart while the set-aside rows wait for their key or their retention.
      const known = this.db.prepare(`SELECT value FROM settings WHERE key = 'store.missing-keys'`).get() as
        { value: string } | undefined;
      const signature = [...missing].sort().join(',');
      if (signature !== (known?.value ?? ''))
        this.db
          .prepare(
            `INSERT INTO settings (key, value, updated_at) VALUES ('store.missing-keys', ?, ?)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          )
          .run(signature, at);
      if (missing.length === 0) return;
      const lost = this.db
        .prepare(
          `SELECT * FROM outbox WHERE state = 'queued' AND key_id IN (${missing.map(() => '?').join(',')})`,
        )
        .all(...missing) as OutboxRow[];
      for (const r of lost) this.deadLetter(r, 'store-key-missing', at);
      if (signature === known?.value && lost.length === 0) return;
      raiseAlert(this.db, 'store-key-missing', 'critical', at);
      appendAudit(this.db, this.auditKey, {
        at,
        actor: 'system',
        action: 'store.key-missing',
        detail: { keys: missing.length, dossiers: lost.length },
      });
    });
    if (!skipAuditVerify && !this.verifyAudit().ok) this.raiseAlert('audit-chain-broken', 'critical');
  }

  private hasKey(id: string): boolean {
    try {
      this.keys.byId(id);
      return true;
    } catch {
      return false;
    }
  }

  /** Sets a queued dossier aside (inside a transaction): it keeps its ciphertext for staff, the others go on. */
  private deadLetter(r: OutboxRow, reason: string, at: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'failed', dead_at = ?, dead_reason = ?, last_error = ? WHERE id = ? AND state = 'queued'`,
      )
      .run(at, reason, reason, r.id);
    raiseAlert(this.db, 'outbox-dead-letter', 'critical', at);
    appendAudit(this.db, this.auditKey, {
      at,
      actor: 'system',
      action: 'dossier.dead-lettered',
      subject: r.local_ref,
      detail: { reason },
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private tx<T>(what: string, fn: () => T): T {
    return guard(what, () => this.db.transaction(fn).immediate());
  }

  // ── drafts ───────────────────────────────────────────────────────────────

  /** The only handle stored for a citizen: HMAC-SHA256(lookup secret, idNumber) in hex. */
  cardKey(idNumber: string): string {
    return cardKeyOf(this.keys, idNumber);
  }

  saveDraft(cardKey: string, serviceId: string, data: unknown): Draft {
    const savedAt = this.now();
    const expiresAt = savedAt + this.retention.draftTtlMs;
    const { keyId, blob } = seal(this.keys, data, draftCtx(cardKey));
    this.tx('save draft', () => {
      this.db
        .prepare(
          `INSERT INTO drafts (card_key, service_id, key_id, data, saved_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(card_key) DO UPDATE SET service_id = excluded.service_id, key_id = excluded.key_id,
             data = excluded.data, saved_at = excluded.saved_at, expires_at = excluded.expires_at`,
        )
        .run(cardKey, serviceId, keyId, blob, savedAt, expiresAt);
    });
    return { serviceId, data, savedAt, expiresAt };
  }

  /** The draft for this card, or null if none or expired. */
  loadDraft<T = unknown>(cardKey: string): Draft<T> | null {
    const row = guard('load draft', () =>
      this.db
        .prepare('SELECT service_id, key_id, data, saved_at, expires_at FROM drafts WHERE card_key = ?')
        .get(cardKey),
    ) as
      { service_id: string; key_id: string; data: Buffer; saved_at: number; expires_at: number } | undefined;
    if (!row || row.expires_at <= this.now()) return null;
    let data: T;
    try {
      data = open<T>(this.keys, { keyId: row.key_id, blob: row.data }, draftCtx(cardKey));
    } catch (err) {
      // A draft that no longer opens (key lost) is as good as none: the citizen starts afresh, the next save
      // overwrites it. The lost key itself was reported at open (`store-key-missing`).
      if (isUnreadable(err)) return null;
      throw err;
    }
    return { serviceId: row.service_id, data, savedAt: row.saved_at, expiresAt: row.expires_at };
  }

  deleteDraft(cardKey: string): boolean {
    const deleted = this.tx(
      'delete draft',
      () => this.db.prepare('DELETE FROM drafts WHERE card_key = ?').run(cardKey).changes > 0,
    );
    if (deleted) this.flushResidue();
    return deleted;
  }

  // ── outbox ───────────────────────────────────────────────────────────────

  /**
   * Commits a dossier, its idempotency key, its local receipt, the day's counter and an audit entry in
   * ONE transaction: once this returns, the dossier survives any crash and will be delivered.
   */
  enqueueDossier(input: EnqueueInput): OutboxRecord {
    const at = this.now();
    const p = seal(this.keys, input.payload, payloadCtx(input.localRef));
    const a = seal(this.keys, input.applicant, applicantCtx(input.localRef));
    return this.tx('commit dossier', () => {
      const info = this.db
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
      this.db
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
      this.bumpCounter(at, input.serviceId, {
        submitted: 1,
        fees_vnd: input.feePaid ? (input.feeVnd ?? 0) : 0,
      });
      appendAudit(this.db, this.auditKey, {
        at,
        actor: input.actor ?? 'citizen',
        action: 'dossier.committed',
        subject: input.localRef,
        detail: { service: input.serviceId },
      });
      return this.outboxById(Number(info.lastInsertRowid));
    });
  }

  private outboxById(id: number): OutboxRecord {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    if (!row) throw new StoreError('store-not-found', `outbox row ${id} not found`);
    return toRecord(row);
  }

  findOutbox(ref: { localRef?: string; clientRef?: string; dossierCode?: string }): OutboxRecord | null {
    const [col, val] = ref.localRef
      ? ['local_ref', ref.localRef]
      : ref.clientRef
        ? ['client_ref', ref.clientRef]
        : ['dossier_code', ref.dossierCode ?? ''];
    const row = guard('find dossier', () =>
      this.db.prepare(`SELECT * FROM outbox WHERE ${col} = ?`).get(val),
    ) as OutboxRow | undefined;
    return row ? toRecord(row) : null;
  }

  /**
   * Queued dossiers whose next attempt is due, oldest first, with their decrypted payload. A dossier whose
   * payload does not open (its key is gone, the blob is damaged, or it has none) is set aside as a dead letter
   * with the `outbox-dead-letter` staff alert, and the next one is taken: one bad row never blocks the queue.
   */
  dueDossiers<P = unknown>(
    now: number,
    limit: number,
    exclude: readonly number[] = [],
  ): { record: OutboxRecord; payload: P }[] {
    const out: { record: OutboxRecord; payload: P }[] = [];
    while (out.length < limit) {
      const skip = [...exclude, ...out.map((o) => o.record.id)];
      const rows = guard('read outbox', () =>
        this.db
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
            payload: open<P>(this.keys, { keyId: r.key_id, blob: r.payload }, payloadCtx(r.local_ref)),
          });
        } catch (err) {
          if (!isUnreadable(err)) throw err;
          const at = this.now();
          this.tx('set dossier aside', () => this.deadLetter(r, err.code, at));
        }
      }
    }
    return out;
  }

  /** Earliest `next_attempt_at` among queued dossiers, or null if the queue is empty. */
  nextDueAt(): number | null {
    const row = guard('read outbox', () =>
      this.db.prepare(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE state = 'queued'`).get(),
    ) as { t: number | null };
    return row.t;
  }

  recordAttempt(id: number, error: string, nextAttemptAt: number): void {
    this.tx('record attempt', () => {
      this.db
        .prepare(
          `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'queued'`,
        )
        .run(error, nextAttemptAt, id);
    });
  }

  /** The portal acknowledged the dossier: record its code, and erase personal data now if the delay is 0. */
  markDelivered(
    id: number,
    ack: { dossierCode: string; portalStatus: number; appointmentAt?: number | null },
  ): OutboxRecord {
    const at = this.now();
    const done = this.tx('record delivery', () => {
      const rec = this.outboxById(id);
      if (rec.state === 'delivered') return rec;
      const purgeAfter = at + this.retention.deliveredPurgeDelayMs;
      this.db
        .prepare(
          `UPDATE outbox SET state = 'delivered', attempts = attempts + 1, last_error = NULL, dossier_code = ?, portal_status = ?,
             delivered_at = ?, purge_after = ? WHERE id = ?`,
        )
        .run(ack.dossierCode, ack.portalStatus, at, purgeAfter, id);
      this.db
        .prepare(
          'UPDATE receipts SET dossier_code = ?, appointment_at = COALESCE(?, appointment_at) WHERE local_ref = ?',
        )
        .run(ack.dossierCode, ack.appointmentAt ?? null, rec.localRef);
      this.bumpCounter(at, rec.serviceId, { delivered: 1 });
      appendAudit(this.db, this.auditKey, {
        at,
        actor: 'system',
        action: 'dossier.delivered',
        subject: rec.localRef,
        detail: { dossierCode: ack.dossierCode },
      });
      if (this.retention.deliveredPurgeDelayMs <= 0) this.purgeRow(rec.localRef, at);
      return this.outboxById(id);
    });
    if (this.retention.deliveredPurgeDelayMs <= 0 && done.purged) this.flushResidue();
    return done;
  }

  /**
   * After personal data is erased: `secure_delete` (set at open) has zeroed the freed cells in the pages it
   * rewrote; a TRUNCATE checkpoint copies those pages into the database file and empties the WAL, whose frames
   * still hold the earlier page images (with the ciphertext). Best effort: a reader holding an old snapshot makes
   * it a no-op, and the next purge repeats it.
   */
  flushResidue(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (e) {
      log.debug(errorFields(e), 'WAL checkpoint deferred');
      /* busy: retried after the next purge */
    }
  }

  /** The portal refused the dossier for good (invalid data, conflict): staff must look at it. */
  markFailed(id: number, errorCode: string): OutboxRecord {
    const at = this.now();
    return this.tx('record failure', () => {
      const rec = this.outboxById(id);
      if (rec.state !== 'queued') return rec;
      this.db
        .prepare(`UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?`)
        .run(errorCode, id);
      this.bumpCounter(at, rec.serviceId, { failed: 1 });
      appendAudit(this.db, this.auditKey, {
        at,
        actor: 'system',
        action: 'dossier.failed',
        subject: rec.localRef,
        detail: { error: errorCode },
      });
      return this.outboxById(id);
    });
  }

  /** Staff puts a failed dossier back in the queue. */
  requeue(localRef: string, actor: AuditActor): boolean {
    const at = this.now();
    return this.tx('requeue dossier', () => {
      const n = this.db
        .prepare(
          `UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = NULL, dead_at = NULL, dead_reason = NULL WHERE local_ref = ? AND state = 'failed' AND purged_at IS NULL`,
        )
        .run(at, localRef).changes;
      if (n)
        appendAudit(this.db, this.auditKey, { at, actor, action: 'dossier.requeued', subject: localRef });
      return n > 0;
    });
  }

  /** Makes queued dossiers (one, or all) due now and requeues a failed one; returns how many changed. */
  retryNow(actor: AuditActor, localRef?: string): number {
    const at = this.now();
    return this.tx('retry now', () => {
      let n = this.db
        .prepare(
          `UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND (? IS NULL OR local_ref = ?)`,
        )
        .run(at, localRef ?? null, localRef ?? null).changes;
      if (localRef) {
        n += this.db
          .prepare(
            `UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = NULL, dead_at = NULL, dead_reason = NULL
             WHERE local_ref = ? AND state = 'failed' AND purged_at IS NULL`,
          )
          .run(at, localRef).changes;
      }
      appendAudit(this.db, this.auditKey, {
        at,
        actor,
        action: 'outbox.retry-now',
        subject: localRef ?? null,
        detail: { rows: n },
      });
      return n;
    });
  }

  updatePortalStatus(localRef: string, portalStatus: number): void {
    this.tx('update status', () => {
      this.db.prepare('UPDATE outbox SET portal_status = ? WHERE local_ref = ?').run(portalStatus, localRef);
    });
  }

  markFeePaid(localRef: string, actor: AuditActor = 'citizen'): void {
    const at = this.now();
    this.tx('record payment', () => {
      const r = this.db
        .prepare('SELECT service_id, fee_vnd, fee_paid FROM receipts WHERE local_ref = ?')
        .get(localRef) as { service_id: string; fee_vnd: number; fee_paid: number } | undefined;
      if (!r) throw new StoreError('store-not-found', `receipt ${localRef} not found`);
      if (r.fee_paid) return;
      this.db.prepare('UPDATE receipts SET fee_paid = 1 WHERE local_ref = ?').run(localRef);
      this.bumpCounter(at, r.service_id, { fees_vnd: r.fee_vnd });
      appendAudit(this.db, this.auditKey, {
        at,
        actor,
        action: 'fee.paid',
        subject: localRef,
        detail: { amountVnd: r.fee_vnd },
      });
    });
  }

  /** Every dossier not yet delivered plus the latest delivered ones, without personal data (masked ID only). */
  listOutbox(limit = 200): OutboxRecord[] {
    const rows = guard('list outbox', () =>
      this.db
        .prepare(
          `SELECT * FROM outbox ORDER BY CASE state WHEN 'delivered' THEN 1 ELSE 0 END, id DESC LIMIT ?`,
        )
        .all(limit),
    ) as OutboxRow[];
    return rows.map(toRecord);
  }

  /** Counts for the staff outbox monitor (no personal data): by state, delivered since `sinceMs`, oldest queued. */
  outboxSummary(sinceMs: number): OutboxSummaryRow {
    return guard('summarise outbox', () => {
      const row = this.db
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
  listFailedOutbox(limit = 1000): OutboxRecord[] {
    const rows = guard('list failed outbox', () =>
      this.db.prepare(`SELECT * FROM outbox WHERE state = 'failed' ORDER BY id DESC LIMIT ?`).all(limit),
    ) as OutboxRow[];
    return rows.map(toRecord);
  }

  getReceipt(ref: { localRef?: string; dossierCode?: string }): ReceiptRecord | null {
    const row = guard('read receipt', () =>
      this.db
        .prepare(
          `SELECT r.*, o.state, o.portal_status FROM receipts r JOIN outbox o ON o.local_ref = r.local_ref
           WHERE ${ref.localRef ? 'r.local_ref' : 'r.dossier_code'} = ?`,
        )
        .get(ref.localRef ?? ref.dossierCode ?? ''),
    ) as
      | {
          local_ref: string;
          service_id: string;
          procedure_code: string;
          procedure_name: string;
          masked_id: string;
          received_at: number;
          appointment_at: number | null;
          fee_vnd: number;
          fee_known: number;
          fee_paid: number;
          dossier_code: string | null;
          key_id: string | null;
          applicant: Buffer | null;
          state: OutboxState;
          portal_status: number | null;
        }
      | undefined;
    if (!row) return null;
    return {
      localRef: row.local_ref,
      serviceId: row.service_id,
      procedureCode: row.procedure_code,
      procedureName: row.procedure_name,
      maskedId: row.masked_id,
      receivedAt: row.received_at,
      appointmentAt: row.appointment_at,
      feeVnd: row.fee_known === 1 ? row.fee_vnd : null,
      feePaid: row.fee_paid === 1,
      dossierCode: row.dossier_code,
      state: row.state,
      portalStatus: row.portal_status,
      applicant: this.openApplicant(row.local_ref, row.key_id, row.applicant),
    };
  }

  /** The receipt's applicant name, or null once purged or when it no longer opens (the receipt still prints). */
  private openApplicant(
    localRef: string,
    keyId: string | null,
    blob: Buffer | null,
  ): { fullName: string } | null {
    if (!blob || !keyId) return null;
    try {
      return open<{ fullName: string }>(this.keys, { keyId, blob }, applicantCtx(localRef));
    } catch (err) {
      if (isUnreadable(err)) return null;
      throw err;
    }
  }

  // ── retention ────────────────────────────────────────────────────────────

  private purgeRow(localRef: string, at: number): void {
    this.db
      .prepare('UPDATE outbox SET payload = NULL, key_id = NULL, purged_at = ? WHERE local_ref = ?')
      .run(at, localRef);
    this.db.prepare('UPDATE receipts SET applicant = NULL, key_id = NULL WHERE local_ref = ?').run(localRef);
  }

  /**
   * Deletes expired drafts and erases the personal data of acknowledged dossiers past their delay and of
   * refused (`failed`) dossiers older than `failedTtlMs`. Queued dossiers keep theirs until delivered.
   */
  purgeExpired(now = this.now()): { drafts: number; dossiers: number } {
    const result = this.tx('purge expired data', () => {
      const drafts = this.db.prepare('DELETE FROM drafts WHERE expires_at <= ?').run(now).changes;
      const due = this.db
        .prepare(
          `SELECT local_ref FROM outbox WHERE purged_at IS NULL AND (
             (state = 'delivered' AND purge_after <= ?) OR (state = 'failed' AND created_at <= ?))`,
        )
        .all(now, now - this.retention.failedTtlMs) as { local_ref: string }[];
      for (const r of due) this.purgeRow(r.local_ref, now);
      if (drafts || due.length) {
        appendAudit(this.db, this.auditKey, {
          at: now,
          actor: 'system',
          action: 'retention.purged',
          detail: { drafts, dossiers: due.length },
        });
      }
      return { drafts, dossiers: due.length };
    });
    if (result.drafts || result.dossiers) this.flushResidue();
    return result;
  }

  // ── keys ─────────────────────────────────────────────────────────────────

  /**
   * Creates a new data key, re-encrypts every personal column under it in one transaction, then retires the
   * old keys. A crash before commit leaves everything under the old keys (still in the key file).
   */
  rotateKey(): { keyId: string; reencrypted: number; skipped: number } {
    const oldIds = new Set<string>();
    /** Keys still needed by rows that did not open (kept so a restored key file can still open them). */
    const kept = new Set<string>();
    const fresh = this.keys.createKey();
    const at = this.now();
    let skipped = 0;
    const reencrypted = this.tx('rotate key', () => {
      let n = 0;
      const reseal = (keyId: string, blob: Buffer, ctx: string, write: (s: Sealed) => void): void => {
        oldIds.add(keyId);
        let value: unknown;
        try {
          value = open(this.keys, { keyId, blob }, ctx);
        } catch (err) {
          // A row that does not open (its key is lost, or it is damaged) never stops the rotation.
          if (!isUnreadable(err)) throw err;
          kept.add(keyId);
          skipped++;
          return;
        }
        write(seal(this.keys, value, ctx));
        n++;
      };
      const drafts = this.db
        .prepare('SELECT card_key, key_id, data FROM drafts WHERE key_id != ?')
        .all(fresh.id) as { card_key: string; key_id: string; data: Buffer }[];
      for (const d of drafts)
        reseal(d.key_id, d.data, draftCtx(d.card_key), (s) =>
          this.db
            .prepare('UPDATE drafts SET key_id = ?, data = ? WHERE card_key = ?')
            .run(s.keyId, s.blob, d.card_key),
        );
      const outs = this.db
        .prepare('SELECT local_ref, key_id, payload FROM outbox WHERE payload IS NOT NULL AND key_id != ?')
        .all(fresh.id) as { local_ref: string; key_id: string; payload: Buffer }[];
      for (const o of outs)
        reseal(o.key_id, o.payload, payloadCtx(o.local_ref), (s) =>
          this.db
            .prepare('UPDATE outbox SET key_id = ?, payload = ? WHERE local_ref = ?')
            .run(s.keyId, s.blob, o.local_ref),
        );
      const recs = this.db
        .prepare(
          'SELECT local_ref, key_id, applicant FROM receipts WHERE applicant IS NOT NULL AND key_id != ?',
        )
        .all(fresh.id) as { local_ref: string; key_id: string; applicant: Buffer }[];
      for (const r of recs)
        reseal(r.key_id, r.applicant, applicantCtx(r.local_ref), (s) =>
          this.db
            .prepare('UPDATE receipts SET key_id = ?, applicant = ? WHERE local_ref = ?')
            .run(s.keyId, s.blob, r.local_ref),
        );
      appendAudit(this.db, this.auditKey, {
        at,
        actor: 'system',
        action: 'key.rotated',
        subject: fresh.id,
        detail: { rows: n, skipped },
      });
      return n;
    });
    this.keys.retire([...oldIds].filter((id) => !kept.has(id)));
    this.flushResidue(); // the WAL still holds the blobs under the retired keys
    return { keyId: fresh.id, reencrypted, skipped };
  }

  // ── settings, audit, counters ────────────────────────────────────────────

  getSetting(key: string): string | null {
    const row = guard('read setting', () =>
      this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key),
    ) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setSetting(key: string, value: string, actor: AuditActor = 'system'): void {
    const at = this.now();
    this.tx('save setting', () => {
      this.db
        .prepare(
          'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        )
        .run(key, value, at);
      appendAudit(this.db, this.auditKey, { at, actor, action: 'setting.changed', subject: key });
    });
  }

  /** Records an action (no personal data in `subject` or `detail`). */
  audit(actor: AuditActor, action: string, subject?: string, detail?: AuditEntry['detail']): AuditEntry {
    const at = this.now();
    return this.tx('write audit', () =>
      appendAudit(this.db, this.auditKey, {
        at,
        actor,
        action,
        subject: subject ?? null,
        detail: detail ?? {},
      }),
    );
  }

  readAudit(fromSeq = 1, limit = 1000): AuditEntry[] {
    return guard('read audit', () => readAudit(this.db, fromSeq, limit));
  }

  /** Verifies the chain with this store's audit key (a store opened with another key sees it broken at 1). */
  verifyAudit(): AuditVerdict {
    return guard('verify audit', () => verifyAudit(this.db, this.auditKey));
  }

  // ── staff alerts and PIN lockout ─────────────────────────────────────────

  raiseAlert(code: AlertCode, severity: AlertSeverity): void {
    const at = this.now();
    this.tx('raise alert', () => raiseAlert(this.db, code, severity, at));
  }

  listAlerts(includeCleared = false): Alert[] {
    return guard('read alerts', () => listAlerts(this.db, includeCleared));
  }

  clearAlert(code: string, actor: `staff:${string}` | 'system'): boolean {
    const at = this.now();
    return this.tx('clear alert', () => {
      const ok = clearAlert(this.db, code, at, actor);
      if (ok) appendAudit(this.db, this.auditKey, { at, actor, action: 'alert.cleared', subject: code });
      return ok;
    });
  }

  pinLockout(): PinLockoutState {
    const row = guard('read PIN state', () =>
      this.db.prepare('SELECT failures, lockouts, locked_until FROM staff_lockout WHERE id = 1').get(),
    ) as { failures: number; lockouts: number; locked_until: number } | undefined;
    return {
      failures: row?.failures ?? 0,
      lockouts: row?.lockouts ?? 0,
      lockedUntil: row?.locked_until ?? 0,
    };
  }

  /** Saves the PIN's failure state and audits the attempt in one transaction (no PIN, no personal data). */
  recordPinAttempt(state: PinLockoutState, detail: AuditEntry['detail']): void {
    const at = this.now();
    this.tx('record PIN attempt', () => {
      const before = this.db.prepare('SELECT locked_until FROM staff_lockout WHERE id = 1').get() as
        { locked_until: number } | undefined;
      this.db
        .prepare(
          `INSERT INTO staff_lockout (id, failures, lockouts, locked_until, updated_at) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts,
             locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
        )
        .run(state.failures, state.lockouts, state.lockedUntil, at);
      appendAudit(this.db, this.auditKey, { at, actor: 'staff:pin', action: 'staff.pin-attempt', detail });
      // A new lockout (not an attempt refused during one) tells the staff.
      if (state.lockedUntil > at && state.lockedUntil !== (before?.locked_until ?? 0))
        raiseAlert(this.db, 'staff-pin-locked', 'warning', at);
    });
  }

  private bumpCounter(
    at: number,
    serviceId: string,
    inc: Partial<Record<'submitted' | 'delivered' | 'failed' | 'fees_vnd', number>>,
  ): void {
    this.db
      .prepare(
        `INSERT INTO counters (day, service_id, submitted, delivered, failed, fees_vnd) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(day, service_id) DO UPDATE SET submitted = submitted + excluded.submitted, delivered = delivered + excluded.delivered,
           failed = failed + excluded.failed, fees_vnd = fees_vnd + excluded.fees_vnd`,
      )
      .run(
        vietnamDay(at),
        serviceId,
        inc.submitted ?? 0,
        inc.delivered ?? 0,
        inc.failed ?? 0,
        inc.fees_vnd ?? 0,
      );
  }

  /** Daily aggregates per service for reports, days as `YYYY-MM-DD` (Asia/Ho_Chi_Minh), inclusive. */
  counters(fromDay: string, toDay: string): CounterRow[] {
    const rows = guard('read counters', () =>
      this.db
        .prepare('SELECT * FROM counters WHERE day >= ? AND day <= ? ORDER BY day, service_id')
        .all(fromDay, toDay),
    ) as {
      day: string;
      service_id: string;
      submitted: number;
      delivered: number;
      failed: number;
      fees_vnd: number;
    }[];
    return rows.map((r) => ({
      day: r.day,
      serviceId: r.service_id,
      submitted: r.submitted,
      delivered: r.delivered,
      failed: r.failed,
      feesVnd: r.fees_vnd,
    }));
  }
}
