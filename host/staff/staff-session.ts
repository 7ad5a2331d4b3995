/**
 * Staff mode: what a right staff PIN opens (the staff console), and what closes it again — `staff.lock`, five
 * minutes without staff activity, or a citizen starting a session. Every staff-only KioskApi method asks
 * `require()` first: it answers the actor for the audit (`staff:pin`; later the officer's badge) or throws the
 * KioskApiError `staff.locked`. Opening and closing are audited (`staff.open`, `staff.close` with the reason).
 */
import { KioskApiError } from '../../common/api/contract';
import { errorFields, logger } from '../log/logger';

const log = logger('staff-session');

export type StaffActor = `staff:${string}`;
export type StaffCloseReason = 'lock' | 'idle' | 'citizen' | 'exit' | 'shutdown';

/** Where staff mode is audited: `KioskStore.audit` fits. */
export type AuditDetail = Record<string, string | number | boolean | null>;
export type StaffAudit = (actor: StaffActor, action: string, subject?: string, detail?: AuditDetail) => void;

export interface StaffSessionOptions {
  audit?: StaffAudit | null;
  now?: () => number;
  /** Staff mode closes after this long without staff activity. Default 5 minutes. */
  idleMs?: number;
}

export const STAFF_IDLE_MS = 5 * 60_000;

export class StaffSession {
  private current: { actor: StaffActor; openedAt: number; lastActivity: number } | null = null;
  private readonly listeners = new Set<(active: boolean) => void>();
  private readonly audit: StaffAudit | null;
  private readonly now: () => number;
  readonly idleMs: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(opts: StaffSessionOptions = {}) {
    this.audit = opts.audit ?? null;
    this.now = opts.now ?? Date.now;
    this.idleMs = opts.idleMs ?? STAFF_IDLE_MS;
  }

  /** Staff mode is on (an idle one is closed here first, so a late check never finds it open). */
  get active(): boolean {
    this.expire();
    return this.current !== null;
  }

  get actor(): StaffActor | null {
    return this.active ? this.current!.actor : null;
  }

  /** Opens staff mode for `actor` (a right PIN); already open: counts as activity. */
  open(actor: StaffActor = 'staff:pin'): void {
    this.expire();
    const t = this.now();
    if (this.current) {
      this.current.lastActivity = t;
      return;
    }
    this.current = { actor, openedAt: t, lastActivity: t };
    this.record(actor, 'staff.open', {});
    this.notify(true);
  }

  /** Closes staff mode; false when it was not open. */
  close(reason: StaffCloseReason): boolean {
    const c = this.current;
    if (!c) return false;
    this.current = null;
    this.record(c.actor, 'staff.close', {
      reason,
      seconds: Math.max(0, Math.round((this.now() - c.openedAt) / 1000)),
    });
    this.notify(false);
    return true;
  }

  /**
   * The gate of every staff-only method: the actor for the audit, or `staff.locked`. `touch: false` for reads
   * the console makes on its own (a refresh after an event), which must not keep staff mode open.
   */
  require(opts: { touch?: boolean } = {}): StaffActor {
    this.expire();
    if (!this.current) throw new KioskApiError('staff.locked', 'Staff mode is locked');
    if (opts.touch !== false) this.current.lastActivity = this.now();
    return this.current.actor;
  }

  /** Staff activity (a tap in the console). */
  touch(): void {
    this.expire();
    if (this.current) this.current.lastActivity = this.now();
  }

  onChange(listener: (active: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes an idle staff mode on time even when nobody calls (the console then shows the citizen screen). */
  watch(everyMs = 5000): void {
    this.unwatch();
    this.timer = setInterval(() => this.expire(), everyMs);
    this.timer.unref();
  }

  unwatch(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private expire(): void {
    if (this.current && this.now() - this.current.lastActivity >= this.idleMs) this.close('idle');
  }

  private record(actor: StaffActor, action: string, detail: AuditDetail): void {
    try {
      this.audit?.(actor, action, undefined, detail);
    } catch (e) {
      log.debug(errorFields(e), 'staff action not audited');
      /* an unwritable store must not keep staff mode open or closed: the store raises its own alert */
    }
  }

  private notify(active: boolean): void {
    for (const l of this.listeners) l(active);
  }
}
