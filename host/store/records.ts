/** The store's records as callers see them, and the outbox row as SQLite holds it. */
import type { AuditActor } from './audit';

export interface RetentionPolicy {
  /** Drafts older than this are deleted by `purgeExpired`. Default 30 days. */
  draftTtlMs: number;
  /** Delay after the portal acknowledges a dossier before its personal data is erased. Default 0. */
  deliveredPurgeDelayMs: number;
  /** A dossier the portal refused for good keeps its personal data this long for staff to act. Default 30 days. */
  failedTtlMs: number;
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

export interface OutboxRow {
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

export function toRecord(r: OutboxRow): OutboxRecord {
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

/** The staff PIN's persisted failure state (`staff_lockout`). */
export interface PinLockoutState {
  failures: number;
  lockouts: number;
  lockedUntil: number;
}
