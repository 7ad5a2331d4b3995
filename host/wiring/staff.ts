/**
 * Staff mode (the console behind the PIN), alerts and the call button, device alerts, the outbox monitor and
 * the assisted session (host/staff): staff.* and assist.* methods.
 */
import { hostname } from 'node:os';
import { KioskApiError } from '../../common/api/contract';
import type { Handlers } from '../api/kiosk-host';
import type { KioskConfig } from '../config/config';
import type { DeviceStatusBoard } from '../devices/device-status';
import { logger, swallowed } from '../log/logger';
import type { Delivery } from '../outbox';
import type { PrinterService } from '../printer';
import type { SessionManager } from '../session/session-manager';
import { AlertService } from '../staff/alert-service';
import { resolveWebhookToken } from '../staff/alert-webhook';
import { AssistService } from '../staff/assist';
import { DeviceAlerts } from '../staff/device-alerts';
import { OutboxMonitor } from '../staff/outbox-monitor';
import { StaffCalls } from '../staff/staff-calls';
import { StaffPin } from '../staff/staff-pin';
import { StaffSession } from '../staff/staff-session';
import type { Audit, Emit } from './parts';

const log = logger('create-host');

type StaffMethod = Extract<keyof Handlers, `staff.${string}` | `assist.${string}`>;

export interface StaffPart {
  staff: StaffSession;
  staffCalls: StaffCalls;
  assist: AssistService;
  handlers: Pick<Handlers, StaffMethod>;
  /** Staff mode and device alerts to the screen; the watches of staff mode and the device alerts. */
  start(): void;
  dispose(): void;
}

export function staffPart(o: {
  config: KioskConfig;
  sessions: SessionManager;
  status: DeviceStatusBoard;
  delivery: Delivery | null;
  printer: PrinterService | null;
  audit: Audit | null;
  emit: Emit;
  /** The devices were started: a missing reader is then an alert. */
  readerExpected: boolean;
}): StaffPart {
  const { config, delivery, printer, audit, emit } = o;
  // The PIN's lockout is persisted and every attempt audited in the store (in memory without one).
  const staffPin = new StaffPin(config.staff.pinHash, { store: delivery?.store ?? null });
  const alerts = new AlertService(delivery?.store ?? null);
  // Staff mode: opened by a right PIN, closed by staff.lock, 5 min without staff activity or a citizen session.
  const staff = new StaffSession({ audit });
  const alertsChanged = (): void => emit('staff.alertsChanged', {});
  const webhook = config.staff.alertWebhook;
  const staffCalls = new StaffCalls({
    alerts,
    audit,
    webhook: webhook ? { url: webhook.url, token: resolveWebhookToken(webhook.tokenFile) } : null,
    kiosk: config.kioskName,
    instance: hostname(),
    onChange: alertsChanged,
  });
  // Device alerts from the status board, the printer and the doctor's disk and CSCA checks (the doctor is
  // loaded when first needed, not at start).
  const deviceAlerts = new DeviceAlerts(
    alerts,
    {
      status: () => o.status.get(),
      readerExpected: o.readerExpected,
      printerNearEnd: printer ? async () => (await printer.status()).paperNearEnd : undefined,
      disk: async () => (await import('../doctor/system-checks')).diskCheck(config.dataDir),
      csca: async () => (await import('../doctor/trust-check')).cscaCheck(config),
    },
    alertsChanged,
  );
  // Staff: the outbox monitor (no personal data) and the assisted session (every step audited).
  const outboxMonitor = delivery
    ? new OutboxMonitor({
        store: delivery.store,
        outbox: delivery.outbox,
        printer,
        kioskName: config.kioskName,
      })
    : null;
  const requireMonitor = (): OutboxMonitor => {
    if (!outboxMonitor) throw new KioskApiError('not-available', 'No store');
    return outboxMonitor;
  };
  const assist = new AssistService({
    sessions: o.sessions,
    audit,
    onChange: (v) => emit('assist.changed', v),
  });
  const staffActor = () => staff.require();
  let offStaff: () => void = () => undefined;
  let offDeviceAlerts: () => void = () => undefined;

  return {
    staff,
    staffCalls,
    assist,
    start: () => {
      offStaff = staff.onChange((active) => emit('staff.mode', { active }));
      staff.watch();
      offDeviceAlerts = o.status.onChange(() => deviceAlerts.fromStatus());
      deviceAlerts.watch();
    },
    dispose: () => {
      assist.dispose();
      staff.unwatch();
      staff.close('shutdown');
      offStaff();
      offDeviceAlerts();
      deviceAlerts.unwatch();
    },
    handlers: {
      'staff.unlock': ({ pin }) => {
        const r = staffPin.verify(pin);
        if (r.ok) staff.open('staff:pin');
        return r;
      },
      'staff.alerts': () => {
        staff.require({ touch: false });
        return alerts.list();
      },
      'staff.state': () => ({ active: staff.active }),
      'staff.touch': () => {
        staff.require();
        return { active: true as const };
      },
      'staff.lock': () => {
        staff.close('lock');
        return { locked: true as const };
      },
      'staff.exitShell': () => {
        staff.require();
        staff.close('exit');
        queueMicrotask(() => emit('staff.exit', {}));
        return { exiting: true as const };
      },
      'staff.call': ({ screen }) => staffCalls.call(screen),
      'staff.calls': () => {
        staff.require({ touch: false });
        return staffCalls.list();
      },
      'staff.answerCall': ({ id }) => ({ answered: staffCalls.answer(id, staff.require()) }),
      'staff.devices': () => {
        staff.require({ touch: false });
        return deviceAlerts.check();
      },
      'staff.diagnostics': async () => {
        const actor = staff.require();
        const { runDoctor } = await import('../doctor');
        // The card read and QR scan tests wait for a technician at the reader: not from the console.
        const r = await runDoctor({ config, read: false, scan: false, checkTimeoutMs: 10_000 });
        audit?.(actor, 'staff.diagnostics', undefined, { ...r.summary, ok: r.ok });
        return {
          startedAt: r.startedAt,
          ok: r.ok,
          checks: r.checks.map((c) => ({ id: c.id, status: c.status, detail: c.detail })),
        };
      },
      'staff.clearAlert': ({ code }) => {
        const actor = staff.require();
        const cleared = alerts.clear(code, actor);
        if (code === 'staff-call') staffCalls.answerAll(actor);
        alertsChanged();
        return { cleared };
      },
      // The panel's own reads do not keep staff mode open (a tap in the console does: staff.touch).
      'staff.outbox.summary': () => {
        staff.require({ touch: false });
        return requireMonitor().summary();
      },
      'staff.outbox.list': ({ limit }) => {
        staff.require({ touch: false });
        return requireMonitor().list(limit);
      },
      'staff.outbox.retry': ({ id }) => requireMonitor().retry(staffActor(), id),
      'staff.outbox.export': async ({ print }) => {
        const monitor = requireMonitor();
        const { csv, rows } = monitor.exportCsv(staffActor());
        const printed = print
          ? await monitor
              .printDeadLetters(rows)
              .catch(swallowed(log, 'warn', 'dead letters not printed', null))
          : null;
        return { csv, rows: rows.length, printed };
      },
      'staff.assist.request': () => {
        const view = assist.request(staffActor());
        // The officer's console gives way to the citizen's screen, where the citizen is asked.
        staff.close('lock');
        return view;
      },
      'staff.assist.cancel': () => (staffActor(), assist.cancel()),
      'assist.state': () => assist.view(),
      'assist.answer': ({ granted }) => assist.answer(granted),
      'assist.handBack': () => assist.handBack(),
    },
  };
}
