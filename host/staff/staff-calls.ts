/**
 * The call button ("Gọi cán bộ"): a call raises the store's `staff-call` alert, is listed on the staff console
 * with its screen and age, is counted for the metrics (per screen, from a closed list) and, when a receiver is
 * configured, is sent to the centre (alert-webhook.ts). Nothing about the citizen is kept: the screen name, the
 * time and whether the centre took it. Open calls live in memory; the alert row survives a restart.
 */
import { StaffCallScreen, type StaffCall, type StaffCallDelivery } from '../../common/api/contract';
import type { AuditActor } from '../store/audit';
import type { AlertService } from './alert-service';
import { type AlertWebhookConfig, postStaffCall, type StaffCallAlert } from './alert-webhook';
import type { AuditDetail, StaffActor } from './staff-session';
import { errorFields, logger } from '../log/logger';

const log = logger('staff-calls');

export interface StaffCallsOptions {
  alerts: AlertService;
  audit?: ((actor: AuditActor, action: string, subject?: string, detail?: AuditDetail) => void) | null;
  /** The centre's receiver; null: calls stay on this kiosk. */
  webhook: AlertWebhookConfig | null;
  kiosk: string;
  instance: string;
  now?: () => number;
  /** Calls changed (the console refreshes). */
  onChange?: () => void;
}

export interface StaffCallStats {
  /** Calls since the host started, per screen (every screen of the closed list, zeros included). */
  total: Record<StaffCallScreen, number>;
  /** Calls not answered yet. */
  open: number;
}

export class StaffCalls {
  private readonly calls: StaffCall[] = [];
  private readonly total = Object.fromEntries(StaffCallScreen.options.map((s) => [s, 0])) as Record<
    StaffCallScreen,
    number
  >;
  private nextId = 1;
  private readonly now: () => number;

  constructor(private readonly opts: StaffCallsOptions) {
    this.now = opts.now ?? Date.now;
  }

  get hasChannel(): boolean {
    return this.opts.webhook !== null;
  }

  /** Records a call and, with a receiver, waits for it: `delivered` only on a 2xx answer. */
  async call(screen: StaffCallScreen): Promise<{ id: number; delivery: StaffCallDelivery }> {
    const call: StaffCall = { id: this.nextId++, screen, at: this.now(), delivery: 'no-channel' };
    this.calls.push(call);
    this.total[screen] += 1;
    this.safe(() => this.opts.alerts.raise('staff-call', 'warning'));
    this.safe(() => this.opts.audit?.('citizen', 'staff.call', screen, { id: call.id }));
    this.opts.onChange?.();
    if (this.opts.webhook) {
      const r = await postStaffCall(this.opts.webhook, this.alertFor(call));
      call.delivery = r.ok ? 'delivered' : 'failed';
      this.safe(() =>
        this.opts.audit?.('system', 'staff.call-delivery', screen, {
          id: call.id,
          delivered: r.ok,
          status: r.status,
          ...(r.ok ? {} : { reason: r.reason }),
        }),
      );
      this.opts.onChange?.();
    }
    return { id: call.id, delivery: call.delivery };
  }

  /** Open calls, oldest first. */
  list(): StaffCall[] {
    return this.calls.map((c) => ({ ...c }));
  }

  /** An officer answered call `id`; the last answer clears the `staff-call` alert. */
  answer(id: number, actor: StaffActor): boolean {
    const i = this.calls.findIndex((c) => c.id === id);
    if (i < 0) return false;
    const [call] = this.calls.splice(i, 1);
    this.closed(call!, actor);
    if (this.calls.length === 0) this.safe(() => this.opts.alerts.clear('staff-call', actor));
    this.opts.onChange?.();
    return true;
  }

  /** The `staff-call` alert was cleared on the console: every open call counts as answered. */
  answerAll(actor: StaffActor): void {
    for (const call of this.calls.splice(0)) this.closed(call, actor);
    this.opts.onChange?.();
  }

  stats(): StaffCallStats {
    return { total: { ...this.total }, open: this.calls.length };
  }

  private closed(call: StaffCall, actor: StaffActor): void {
    const at = this.now();
    this.safe(() =>
      this.opts.audit?.(actor, 'staff.call-answered', call.screen, {
        id: call.id,
        seconds: Math.max(0, Math.round((at - call.at) / 1000)),
      }),
    );
    // Resolve it at the centre too (best effort: the centre's own timeout resolves it otherwise).
    if (this.opts.webhook && call.delivery === 'delivered')
      void postStaffCall(this.opts.webhook, { ...this.alertFor(call), answeredAt: at });
  }

  private alertFor(call: StaffCall): StaffCallAlert {
    return {
      kiosk: this.opts.kiosk,
      instance: this.opts.instance,
      screen: call.screen,
      id: call.id,
      at: call.at,
    };
  }

  private safe(f: () => void): void {
    try {
      f();
    } catch (e) {
      log.debug(errorFields(e), 'staff call not recorded');
      /* a store that cannot be written raises its own alert; the call still stands */
    }
  }
}
