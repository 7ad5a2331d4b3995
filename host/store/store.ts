import type Database from 'better-sqlite3';
import { listAlerts, raiseAlert, clearAlert, type Alert, type AlertCode, type AlertSeverity } from './alerts';
import {
  appendAudit,
  readAudit,
  verifyAudit,
  type AuditActor,
  type AuditEntry,
  type AuditVerdict,
} from './audit';
import { tx, type StoreContext } from './context';
import { readCounters } from './counters';
import { cardKeyOf } from './crypto';
import { openDatabase, type OpenDatabaseOptions } from './db';
import { deleteDraft, loadDraft, saveDraft } from './drafts';
import { guard } from './errors';
import type { KeyProvider } from './keys';
import * as outbox from './outbox';
import * as outboxRead from './outbox-read';
import { getReceipt, markFeePaid } from './receipts';
import type {
  CounterRow,
  Draft,
  EnqueueInput,
  OutboxRecord,
  OutboxSummaryRow,
  PinLockoutState,
  ReceiptRecord,
  RetentionPolicy,
} from './records';
import { flushResidue, purgeExpired } from './retention';
import { rotateKey, type RotationResult } from './rotation';
import { getSetting, pinLockout, recordPinAttempt, setSetting } from './settings';
import { startupChecks } from './startup';

export type {
  CounterRow,
  Draft,
  EnqueueInput,
  OutboxRecord,
  OutboxState,
  OutboxSummaryRow,
  PinLockoutState,
  ReceiptRecord,
  RetentionPolicy,
} from './records';

const DAY_MS = 86_400_000;

export interface StoreOptions extends OpenDatabaseOptions {
  path: string;
  keys: KeyProvider;
  retention?: Partial<RetentionPolicy>;
  now?: () => number;
}

/**
 * The kiosk's local SQLite store. Synchronous (better-sqlite3); every public method is one transaction
 * and throws only typed `StoreError`s for disk-full, corruption and key problems. This class is the facade:
 * the work is done by one module per responsibility (see the folder's README).
 */
export class KioskStore {
  readonly db: Database.Database;
  readonly retention: RetentionPolicy;
  private readonly c: StoreContext;

  private constructor(db: Database.Database, opts: StoreOptions) {
    this.db = db;
    this.retention = {
      draftTtlMs: opts.retention?.draftTtlMs ?? 30 * DAY_MS,
      deliveredPurgeDelayMs: opts.retention?.deliveredPurgeDelayMs ?? 0,
      failedTtlMs: opts.retention?.failedTtlMs ?? 30 * DAY_MS,
    };
    this.c = {
      db,
      keys: opts.keys,
      auditKey: opts.keys.auditKey().key,
      now: opts.now ?? Date.now,
      retention: this.retention,
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
      startupChecks(store.c, opts.skipIntegrityCheck ?? false, opts.keys.auditKey().created);
    } catch (err) {
      db.close();
      throw err;
    }
    return store;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ── drafts (drafts.ts) ───────────────────────────────────────────────────

  /** The only handle stored for a citizen: HMAC-SHA256(lookup secret, idNumber) in hex. */
  cardKey(idNumber: string): string {
    return cardKeyOf(this.c.keys, idNumber);
  }

  saveDraft(cardKey: string, serviceId: string, data: unknown): Draft {
    return saveDraft(this.c, cardKey, serviceId, data);
  }

  /** The draft for this card, or null if none or expired. */
  loadDraft<T = unknown>(cardKey: string): Draft<T> | null {
    return loadDraft<T>(this.c, cardKey);
  }

  deleteDraft(cardKey: string): boolean {
    return deleteDraft(this.c, cardKey);
  }

  // ── outbox (outbox.ts, outbox-read.ts) ───────────────────────────────────

  /** Commits a dossier, its receipt, the day's counter and an audit entry in ONE transaction. */
  enqueueDossier(input: EnqueueInput): OutboxRecord {
    return outbox.enqueueDossier(this.c, input);
  }

  findOutbox(ref: { localRef?: string; clientRef?: string; dossierCode?: string }): OutboxRecord | null {
    return outboxRead.findOutbox(this.db, ref);
  }

  /** Queued dossiers now due, with their payload; one that does not open is set aside as a dead letter. */
  dueDossiers<P = unknown>(
    now: number,
    limit: number,
    exclude: readonly number[] = [],
  ): { record: OutboxRecord; payload: P }[] {
    return outbox.dueDossiers<P>(this.c, now, limit, exclude);
  }

  /** Earliest `next_attempt_at` among queued dossiers, or null if the queue is empty. */
  nextDueAt(): number | null {
    return outboxRead.nextDueAt(this.db);
  }

  recordAttempt(id: number, error: string, nextAttemptAt: number): void {
    outbox.recordAttempt(this.c, id, error, nextAttemptAt);
  }

  /** The portal acknowledged the dossier: record its code, and erase personal data now if the delay is 0. */
  markDelivered(
    id: number,
    ack: { dossierCode: string; portalStatus: number; appointmentAt?: number | null },
  ): OutboxRecord {
    return outbox.markDelivered(this.c, id, ack);
  }

  /** Empties the WAL after personal data is erased (best effort; see retention.ts). */
  flushResidue(): void {
    flushResidue(this.db);
  }

  /** The portal refused the dossier for good (invalid data, conflict): staff must look at it. */
  markFailed(id: number, errorCode: string): OutboxRecord {
    return outbox.markFailed(this.c, id, errorCode);
  }

  /** Staff puts a failed dossier back in the queue. */
  requeue(localRef: string, actor: AuditActor): boolean {
    return outbox.requeue(this.c, localRef, actor);
  }

  /** Makes queued dossiers (one, or all) due now and requeues a failed one; returns how many changed. */
  retryNow(actor: AuditActor, localRef?: string): number {
    return outbox.retryNow(this.c, actor, localRef);
  }

  updatePortalStatus(localRef: string, portalStatus: number): void {
    outbox.updatePortalStatus(this.c, localRef, portalStatus);
  }

  /** Every dossier not yet delivered plus the latest delivered ones, without personal data (masked ID only). */
  listOutbox(limit = 200): OutboxRecord[] {
    return outboxRead.listOutbox(this.db, limit);
  }

  /** Counts for the staff outbox monitor (no personal data): by state, delivered since `sinceMs`, oldest queued. */
  outboxSummary(sinceMs: number): OutboxSummaryRow {
    return outboxRead.outboxSummary(this.db, sinceMs);
  }

  /** Refused and set-aside dossiers (`failed`), newest first, without their payload. */
  listFailedOutbox(limit = 1000): OutboxRecord[] {
    return outboxRead.listFailedOutbox(this.db, limit);
  }

  // ── receipts (receipts.ts) ───────────────────────────────────────────────

  markFeePaid(localRef: string, actor: AuditActor = 'citizen'): void {
    markFeePaid(this.c, localRef, actor);
  }

  getReceipt(ref: { localRef?: string; dossierCode?: string }): ReceiptRecord | null {
    return getReceipt(this.c, ref);
  }

  // ── retention (retention.ts) and keys (rotation.ts) ──────────────────────

  /** Deletes expired drafts and erases the personal data of dossiers past their retention. */
  purgeExpired(now = this.c.now()): { drafts: number; dossiers: number } {
    return purgeExpired(this.c, now);
  }

  /** Re-encrypts every personal column under a new data key in one transaction, then retires the old keys. */
  rotateKey(): RotationResult {
    return rotateKey(this.c);
  }

  // ── settings, audit, counters ────────────────────────────────────────────

  getSetting(key: string): string | null {
    return getSetting(this.db, key);
  }

  setSetting(key: string, value: string, actor: AuditActor = 'system'): void {
    setSetting(this.c, key, value, actor);
  }

  /** Records an action (no personal data in `subject` or `detail`). */
  audit(actor: AuditActor, action: string, subject?: string, detail?: AuditEntry['detail']): AuditEntry {
    const at = this.c.now();
    return tx(this.c, 'write audit', () =>
      appendAudit(this.db, this.c.auditKey, {
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
    return guard('verify audit', () => verifyAudit(this.db, this.c.auditKey));
  }

  /** Daily aggregates per service for reports, days as `YYYY-MM-DD` (Asia/Ho_Chi_Minh), inclusive. */
  counters(fromDay: string, toDay: string): CounterRow[] {
    return readCounters(this.db, fromDay, toDay);
  }

  // ── staff alerts and PIN lockout ─────────────────────────────────────────

  raiseAlert(code: AlertCode, severity: AlertSeverity): void {
    const at = this.c.now();
    tx(this.c, 'raise alert', () => raiseAlert(this.db, code, severity, at));
  }

  listAlerts(includeCleared = false): Alert[] {
    return guard('read alerts', () => listAlerts(this.db, includeCleared));
  }

  clearAlert(code: string, actor: `staff:${string}` | 'system'): boolean {
    const at = this.c.now();
    return tx(this.c, 'clear alert', () => {
      const ok = clearAlert(this.db, code, at, actor);
      if (ok) appendAudit(this.db, this.c.auditKey, { at, actor, action: 'alert.cleared', subject: code });
      return ok;
    });
  }

  pinLockout(): PinLockoutState {
    return pinLockout(this.db);
  }

  /** Saves the PIN's failure state and audits the attempt in one transaction (no PIN, no personal data). */
  recordPinAttempt(state: PinLockoutState, detail: AuditEntry['detail']): void {
    recordPinAttempt(this.c, state, detail);
  }
}
