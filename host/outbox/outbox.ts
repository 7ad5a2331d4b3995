import { EventEmitter } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import { dossierCodeDay } from '../portal/dates';
import { isDossierCode } from '../portal/dossier-code';
import { PortalError, isRetryable } from '../portal/errors';
import type { DossierStatus } from '../portal/status';
import type { DossierStatusInfo, DossierSubmission, PortalAdapter } from '../portal/types';
import { StoreError } from '../store/errors';
import { maskIdNumber } from '../store/pii';
import type { KioskStore, OutboxRecord, ReceiptRecord } from '../store/store';
import { DEFAULT_BACKOFF, fullJitterDelay, type BackoffPolicy } from './backoff';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerPolicy, type BreakerState } from './circuit-breaker';

export type PortalState = 'up' | 'down';

/** What the host hands over when the citizen presses "Nộp hồ sơ". */
export interface OutboxSubmission {
  serviceId: string;
  /** The dossier without the fields the outbox fixes at commit (`localRef`, `receivedAt`). */
  dossier: Omit<DossierSubmission, 'localRef' | 'receivedAt'>;
  /** Fee already settled at the kiosk (or nothing to pay). */
  feePaid: boolean;
  /**
   * The caller's reference of THIS dossier (unique per dossier: one session may file several). Submitting
   * again with a reference already committed returns that dossier's receipt and commits nothing (a double
   * tap on "send" is one dossier).
   */
  clientRef?: string;
  /** The fee is unknown (no source gives it): the receipt says staff will tell, never "free". */
  feeUnknown?: boolean;
}

export interface OutboxEvents {
  delivered: [{ localRef: string; dossierCode: string; status: DossierStatus }];
  failed: [{ localRef: string; code: string }];
  state: [{ portalState: PortalState; breaker: BreakerState }];
  /** The local store refused a write while sending (disk full…): the dossier stays queued. */
  'store-error': [{ code: string }];
}

/** A staff-screen row: no personal data beyond the masked ID. */
export interface QueueEntry {
  localRef: string;
  serviceId: string;
  procedureCode: string;
  maskedId: string;
  state: OutboxRecord['state'];
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  dossierCode: string | null;
  createdAt: number;
  /** Set aside (dead letter) because its stored payload no longer opens: `store-key-missing`, `store-decrypt-failed`. */
  deadReason: string | null;
}

export type LookupAnswer =
  | { kind: 'queued'; localRef: string; receipt: ReceiptRecord | null }
  | { kind: 'failed'; localRef: string; code: string | null }
  | { kind: 'portal'; info: DossierStatusInfo };

export interface OutboxOptions {
  store: KioskStore;
  portal: PortalAdapter;
  backoff?: BackoffPolicy;
  breaker?: BreakerPolicy;
  /** Dossiers in flight at once. Default 2. */
  concurrency?: number;
  /** Prefix of local references printed on queued receipts. Default `KIOSK`. */
  kioskId?: string;
  random?: () => number;
  now?: () => number;
}

/**
 * Exactly-once delivery of dossiers to the portal. `submit` commits the dossier with a fresh
 * idempotency key in one local transaction and returns at once; a sender loop pushes queued dossiers with
 * that key, retrying with full-jitter backoff behind a circuit breaker. State lives in the store only,
 * so a restarted process resumes where the last one stopped.
 */
export class Outbox extends EventEmitter<OutboxEvents> {
  private readonly store: KioskStore;
  private readonly portal: PortalAdapter;
  private readonly backoff: BackoffPolicy;
  private readonly breaker: CircuitBreaker;
  private readonly concurrency: number;
  private readonly kioskId: string;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly inflight = new Set<number>();
  private readonly inflightRefs = new Map<number, string>();
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private lastPortalState: PortalState = 'up';
  private idleWaiters: (() => void)[] = [];
  private storePausedUntil = 0;

  constructor(opts: OutboxOptions) {
    super();
    this.store = opts.store;
    this.portal = opts.portal;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
    this.kioskId = opts.kioskId ?? 'KIOSK';
    if (!/^[A-Z0-9]{2,20}$/.test(this.kioskId))
      throw new RangeError('kioskId must be 2–20 upper-case letters or digits');
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
    this.breaker = new CircuitBreaker(opts.breaker ?? DEFAULT_BREAKER, this.now, (s) => {
      const portalState: PortalState = s === 'closed' ? 'up' : 'down';
      if (portalState !== this.lastPortalState || s === 'half-open') {
        this.lastPortalState = portalState;
        this.emit('state', { portalState, breaker: s });
      }
    });
  }

  get portalState(): PortalState {
    return this.breaker.state === 'closed' ? 'up' : 'down';
  }

  /**
   * Commits the dossier locally (idempotency key, receipt, counter, audit in one transaction) and wakes
   * the sender. Returns the local receipt: `state: 'queued'` until the portal acknowledges.
   * Throws `StoreError` (`store-full`, …) if it could not be committed — then nothing was recorded.
   */
  submit(input: OutboxSubmission): ReceiptRecord {
    if (input.clientRef !== undefined) {
      const existing = this.store.findOutbox({ clientRef: input.clientRef });
      const receipt = existing && this.store.getReceipt({ localRef: existing.localRef });
      if (receipt) return receipt;
    }
    const receivedAt = this.now();
    const localRef = `${this.kioskId}-${dossierCodeDay(receivedAt)}-${randomBytes(4).toString('hex').toUpperCase()}`;
    const dossier: DossierSubmission = { ...input.dossier, localRef, receivedAt };
    const feeVnd = input.feeUnknown ? null : dossier.fees.reduce((s, f) => s + f.amountVnd, 0);
    this.store.enqueueDossier({
      localRef,
      idempotencyKey: randomUUID(),
      ...(input.clientRef === undefined ? {} : { clientRef: input.clientRef }),
      serviceId: input.serviceId,
      procedureCode: dossier.procedureCode,
      procedureName: dossier.procedureName,
      maskedId: maskIdNumber(dossier.applicant.idNumber),
      payload: dossier,
      applicant: { fullName: dossier.applicant.fullName },
      appointmentAt: dossier.appointmentAt,
      feeVnd,
      feePaid: input.feePaid || feeVnd === 0,
    });
    queueMicrotask(() => this.pump());
    return this.store.getReceipt({ localRef }) as ReceiptRecord;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.pump();
  }

  /** Stops sending; resolves when dossiers in flight have settled. Queued ones stay queued. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inflight.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  /** Resolves when no dossier is queued or in flight (tests, benchmarks, staff "send now"). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private isIdle(): boolean {
    return this.inflight.size === 0 && this.store.nextDueAt() === null;
  }

  /** Resolves with the receipt once delivered, or the queued receipt after `timeoutMs`. */
  async waitForDelivery(localRef: string, timeoutMs: number): Promise<ReceiptRecord | null> {
    const current = this.store.getReceipt({ localRef });
    if (!current || current.state !== 'queued') return current;
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, timeoutMs);
      const onDone = (e: { localRef: string }) => {
        if (e.localRef === localRef) done();
      };
      function done() {
        clearTimeout(t);
        off();
        resolve();
      }
      const off = () => {
        this.off('delivered', onDone);
        this.off('failed', onDone);
      };
      this.on('delivered', onDone);
      this.on('failed', onDone);
    });
    return this.store.getReceipt({ localRef });
  }

  /** Staff: send queued dossiers now instead of waiting for their backoff (and put a failed one back). */
  retryNow(actor: `staff:${string}`, localRef?: string): number {
    const n = this.store.retryNow(actor, localRef);
    queueMicrotask(() => this.pump());
    return n;
  }

  /** Dossiers being sent to the portal right now (staff outbox monitor). */
  get sendingCount(): number {
    return this.inflight.size;
  }

  /** Local references of the dossiers being sent right now. */
  sendingRefs(): string[] {
    return [...this.inflightRefs.values()];
  }

  /** Dossiers still waiting to be sent (state `queued`); delivered and failed ones are not waiting. */
  waitingCount(): number {
    return this.store.listOutbox(Number.MAX_SAFE_INTEGER).filter((r) => r.state === 'queued').length;
  }

  listQueue(limit = 200): QueueEntry[] {
    return this.store.listOutbox(limit).map((r) => ({
      localRef: r.localRef,
      serviceId: r.serviceId,
      procedureCode: r.procedureCode,
      maskedId: r.maskedId,
      state: r.state,
      attempts: r.attempts,
      nextAttemptAt: r.state === 'queued' ? r.nextAttemptAt : null,
      lastError: r.lastError,
      dossierCode: r.dossierCode,
      createdAt: r.createdAt,
      deadReason: r.deadReason,
    }));
  }

  /**
   * Status by dossier code or by the local reference of a queued receipt (typed, or from a scanned receipt
   * QR after `parseReceiptQr`). Dossier codes go to the portal; local references are answered locally until
   * delivered, then through the portal.
   */
  async lookup(ref: { dossierCode: string } | { localRef: string }): Promise<LookupAnswer> {
    if ('localRef' in ref) {
      const rec = this.store.findOutbox({ localRef: ref.localRef });
      if (!rec)
        throw new PortalError('portal-not-found', 'no dossier with this local reference on this kiosk');
      if (rec.state === 'queued')
        return {
          kind: 'queued',
          localRef: rec.localRef,
          receipt: this.store.getReceipt({ localRef: rec.localRef }),
        };
      if (rec.state === 'failed' || !rec.dossierCode)
        return { kind: 'failed', localRef: rec.localRef, code: rec.lastError };
      return this.lookup({ dossierCode: rec.dossierCode });
    }
    if (!isDossierCode(ref.dossierCode))
      throw new PortalError('portal-invalid-dossier-code', 'not a dossier code');
    const info = await this.portal.getStatus(ref.dossierCode);
    const local = this.store.findOutbox({ dossierCode: info.dossierCode });
    if (local && local.portalStatus !== info.status)
      this.store.updatePortalStatus(local.localRef, info.status);
    return { kind: 'portal', info };
  }

  private schedule(at: number): void {
    if (!this.running) return;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(0, at - this.now()),
    );
  }

  private pump(): void {
    if (!this.running) return;
    if (this.storePausedUntil > this.now()) return this.schedule(this.storePausedUntil);
    try {
      while (this.inflight.size < this.concurrency) {
        const state = this.breaker.state;
        if (state === 'open') return this.schedule(this.breaker.retryAt);
        if (state === 'half-open' && this.inflight.size > 0) return;
        const now = this.now();
        const [due] = this.store.dueDossiers<DossierSubmission>(now, 1, [...this.inflight]);
        if (!due) {
          const next = this.store.nextDueAt();
          if (next !== null && next > now) this.schedule(next);
          if (this.inflight.size === 0 && next === null) this.notifyIdle();
          return;
        }
        if (!this.breaker.allow()) return this.schedule(this.breaker.retryAt || now + 50);
        this.inflight.add(due.record.id);
        this.inflightRefs.set(due.record.id, due.record.localRef);
        void this.send(due.record, due.payload).finally(() => {
          this.inflight.delete(due.record.id);
          this.inflightRefs.delete(due.record.id);
          this.pump();
        });
      }
    } catch (err) {
      this.onStoreError(err);
    }
  }

  private notifyIdle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const r of w) r();
  }

  private onStoreError(err: unknown): void {
    const code = err instanceof StoreError ? err.code : 'store-io';
    this.emit('store-error', { code });
    this.storePausedUntil = this.now() + 1_000;
    this.schedule(this.storePausedUntil);
  }

  private async send(rec: OutboxRecord, dossier: DossierSubmission): Promise<void> {
    let result;
    try {
      result = await this.portal.submitDossier(dossier, rec.idempotencyKey);
    } catch (err) {
      const code = err instanceof PortalError ? err.code : 'portal-unreachable';
      try {
        if (isRetryable(err)) {
          this.breaker.failure();
          this.store.recordAttempt(
            rec.id,
            code,
            this.now() + fullJitterDelay(rec.attempts, this.backoff, this.random),
          );
        } else {
          // The portal answered (it is up) but refused this dossier for good: staff must look at it.
          this.breaker.success();
          this.store.markFailed(rec.id, code);
          this.emit('failed', { localRef: rec.localRef, code });
        }
      } catch (storeErr) {
        this.onStoreError(storeErr);
      }
      return;
    }
    this.breaker.success();
    try {
      this.store.markDelivered(rec.id, {
        dossierCode: result.dossierCode,
        portalStatus: result.status,
        appointmentAt: result.appointmentAt,
      });
      this.emit('delivered', {
        localRef: rec.localRef,
        dossierCode: result.dossierCode,
        status: result.status,
      });
    } catch (err) {
      // Not recorded locally: it stays queued and the next attempt gets the same code back (idempotency).
      this.onStoreError(err);
    }
  }
}
