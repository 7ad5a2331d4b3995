import type Database from 'better-sqlite3';
import {
  appendAudit,
  readAudit,
  verifyAudit,
  type AuditActor,
  type AuditEntry,
  type AuditVerdict,
} from './audit';
import { cardKeyOf, open, seal } from './crypto';
import { openDatabase, type OpenDatabaseOptions } from './db';
import { StoreError, guard } from './errors';
import type { KeyProvider } from './keys';
import { vietnamDay } from './pii';

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
  };
}

const draftCtx = (cardKey: string) => `drafts:${cardKey}`;
const payloadCtx = (localRef: string) => `outbox:${localRef}`;
const applicantCtx = (localRef: string) => `receipts:${localRef}`;

/**
 * The kiosk's local SQLite store. Synchronous (better-sqlite3); every public method is one transaction
 * and throws only typed `StoreError`s for disk-full, corruption and key problems.
 */
export class KioskStore {
  readonly db: Database.Database;
  readonly retention: RetentionPolicy;
  private readonly keys: KeyProvider;
  private readonly now: () => number;

  private constructor(db: Database.Database, opts: StoreOptions) {
    this.db = db;
    this.keys = opts.keys;
    this.now = opts.now ?? Date.now;
    this.retention = {
      draftTtlMs: opts.retention?.draftTtlMs ?? 30 * DAY_MS,
      deliveredPurgeDelayMs: opts.retention?.deliveredPurgeDelayMs ?? 0,
      failedTtlMs: opts.retention?.failedTtlMs ?? 30 * DAY_MS,
    };
  }

  static open(opts: StoreOptions): KioskStore {
    return new KioskStore(openDatabase(opts.path, opts), opts);
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
    return {
      serviceId: row.service_id,
      data: open<T>(this.keys, { keyId: row.key_id, blob: row.data }, draftCtx(cardKey)),
      savedAt: row.saved_at,
      expiresAt: row.expires_at,
    };
  }

  deleteDraft(cardKey: string): boolean {
    return this.tx(
      'delete draft',
      () => this.db.prepare('DELETE FROM drafts WHERE card_key = ?').run(cardKey).changes > 0,
    );
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
      appendAudit(this.db, {
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

  /** Queued dossiers whose next attempt is due, oldest first, with their decrypted payload. */
  dueDossiers<P = unknown>(
    now: number,
    limit: number,
    exclude: readonly number[] = [],
  ): { record: OutboxRecord; payload: P }[] {
    const rows = guard('read outbox', () =>
      this.db
        .prepare(
          `SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? ${exclude.length ? `AND id NOT IN (${exclude.map(() => '?').join(',')})` : ''}
           ORDER BY next_attempt_at, id LIMIT ?`,
        )
        .all(now, ...exclude, limit),
    ) as OutboxRow[];
    return rows.map((r) => {
      if (!r.payload || !r.key_id)
        throw new StoreError('store-not-found', `queued dossier ${r.local_ref} has no payload`);
      return {
        record: toRecord(r),
        payload: open<P>(this.keys, { keyId: r.key_id, blob: r.payload }, payloadCtx(r.local_ref)),
      };
    });
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
    return this.tx('record delivery', () => {
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
      appendAudit(this.db, {
        at,
        actor: 'system',
        action: 'dossier.delivered',
        subject: rec.localRef,
        detail: { dossierCode: ack.dossierCode },
      });
      if (this.retention.deliveredPurgeDelayMs <= 0) this.purgeRow(rec.localRef, at);
      return this.outboxById(id);
    });
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
      appendAudit(this.db, {
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
          `UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = NULL WHERE local_ref = ? AND state = 'failed' AND purged_at IS NULL`,
        )
        .run(at, localRef).changes;
      if (n) appendAudit(this.db, { at, actor, action: 'dossier.requeued', subject: localRef });
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
            `UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = NULL
             WHERE local_ref = ? AND state = 'failed' AND purged_at IS NULL`,
          )
          .run(at, localRef).changes;
      }
      appendAudit(this.db, {
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
      appendAudit(this.db, {
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
      applicant:
        row.applicant && row.key_id
          ? open<{ fullName: string }>(
              this.keys,
              { keyId: row.key_id, blob: row.applicant },
              applicantCtx(row.local_ref),
            )
          : null,
    };
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
    return this.tx('purge expired data', () => {
      const drafts = this.db.prepare('DELETE FROM drafts WHERE expires_at <= ?').run(now).changes;
      const due = this.db
        .prepare(
          `SELECT local_ref FROM outbox WHERE purged_at IS NULL AND (
             (state = 'delivered' AND purge_after <= ?) OR (state = 'failed' AND created_at <= ?))`,
        )
        .all(now, now - this.retention.failedTtlMs) as { local_ref: string }[];
      for (const r of due) this.purgeRow(r.local_ref, now);
      if (drafts || due.length) {
        appendAudit(this.db, {
          at: now,
          actor: 'system',
          action: 'retention.purged',
          detail: { drafts, dossiers: due.length },
        });
      }
      return { drafts, dossiers: due.length };
    });
  }

  // ── keys ─────────────────────────────────────────────────────────────────

  /**
   * Creates a new data key, re-encrypts every personal column under it in one transaction, then retires the
   * old keys. A crash before commit leaves everything under the old keys (still in the key file).
   */
  rotateKey(): { keyId: string; reencrypted: number } {
    const oldIds = new Set<string>();
    const fresh = this.keys.createKey();
    const at = this.now();
    const reencrypted = this.tx('rotate key', () => {
      let n = 0;
      const drafts = this.db
        .prepare('SELECT card_key, key_id, data FROM drafts WHERE key_id != ?')
        .all(fresh.id) as { card_key: string; key_id: string; data: Buffer }[];
      for (const d of drafts) {
        oldIds.add(d.key_id);
        const s = seal(
          this.keys,
          open(this.keys, { keyId: d.key_id, blob: d.data }, draftCtx(d.card_key)),
          draftCtx(d.card_key),
        );
        this.db
          .prepare('UPDATE drafts SET key_id = ?, data = ? WHERE card_key = ?')
          .run(s.keyId, s.blob, d.card_key);
        n++;
      }
      const outs = this.db
        .prepare('SELECT local_ref, key_id, payload FROM outbox WHERE payload IS NOT NULL AND key_id != ?')
        .all(fresh.id) as {
        local_ref: string;
        key_id: string;
        payload: Buffer;
      }[];
      for (const o of outs) {
        oldIds.add(o.key_id);
        const s = seal(
          this.keys,
          open(this.keys, { keyId: o.key_id, blob: o.payload }, payloadCtx(o.local_ref)),
          payloadCtx(o.local_ref),
        );
        this.db
          .prepare('UPDATE outbox SET key_id = ?, payload = ? WHERE local_ref = ?')
          .run(s.keyId, s.blob, o.local_ref);
        n++;
      }
      const recs = this.db
        .prepare(
          'SELECT local_ref, key_id, applicant FROM receipts WHERE applicant IS NOT NULL AND key_id != ?',
        )
        .all(fresh.id) as {
        local_ref: string;
        key_id: string;
        applicant: Buffer;
      }[];
      for (const r of recs) {
        oldIds.add(r.key_id);
        const s = seal(
          this.keys,
          open(this.keys, { keyId: r.key_id, blob: r.applicant }, applicantCtx(r.local_ref)),
          applicantCtx(r.local_ref),
        );
        this.db
          .prepare('UPDATE receipts SET key_id = ?, applicant = ? WHERE local_ref = ?')
          .run(s.keyId, s.blob, r.local_ref);
        n++;
      }
      appendAudit(this.db, {
        at,
        actor: 'system',
        action: 'key.rotated',
        subject: fresh.id,
        detail: { rows: n },
      });
      return n;
    });
    this.keys.retire([...oldIds]);
    return { keyId: fresh.id, reencrypted };
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
      appendAudit(this.db, { at, actor, action: 'setting.changed', subject: key });
    });
  }

  /** Records an action (no personal data in `subject` or `detail`). */
  audit(actor: AuditActor, action: string, subject?: string, detail?: AuditEntry['detail']): AuditEntry {
    const at = this.now();
    return this.tx('write audit', () =>
      appendAudit(this.db, { at, actor, action, subject: subject ?? null, detail: detail ?? {} }),
    );
  }

  readAudit(fromSeq = 1, limit = 1000): AuditEntry[] {
    return guard('read audit', () => readAudit(this.db, fromSeq, limit));
  }

  verifyAudit(): AuditVerdict {
    return guard('verify audit', () => verifyAudit(this.db));
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
