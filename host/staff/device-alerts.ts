/**
 * Device alerts: the reader missing, the printer's paper low or out (or the printer gone), the provincial system
 * down, the data disk nearly full, a CSCA certificate about to end. Each is worked out from the device status
 * board, the printer's own status answer and the doctor's disk and CSCA checks, and raised or cleared in the
 * store's alerts table (so `/metrics` shows them as `kiosk_staff_alerts_active{code}`). An alert is raised on the
 * change to bad only — not again at every check — and cleared by `system` when the device is well again.
 */
import type { DeviceStatus, StaffDevice } from '../../common/api/contract';
import type { Verdict } from '../doctor/check';
import type { AlertCode, AlertSeverity } from '../store/alerts';
import type { AlertService } from './alert-service';
import { errorFields, logger, swallowed } from '../log/logger';

const log = logger('device-alerts');

export interface DeviceAlertSources {
  status: () => DeviceStatus;
  /** The devices were started (a reader is expected): without, the reader's state is `unknown`, never an alert. */
  readerExpected?: boolean;
  /** The printer's paper-near-end flag asked now; null when there is no printer or it cannot tell. */
  printerNearEnd?: () => Promise<boolean | null>;
  /** The doctor's disk check (host/doctor/system-checks.ts). */
  disk?: () => Promise<Verdict> | Verdict;
  /** The doctor's CSCA check (host/doctor/trust-check.ts). */
  csca?: () => Promise<Verdict> | Verdict;
}

/** Which alert each device state raises (and the others it clears). */
const CODES: Record<StaffDevice['id'], AlertCode[]> = {
  reader: ['reader-missing'],
  printer: ['printer-paper-out', 'printer-missing', 'printer-paper-low'],
  portal: ['portal-down'],
  disk: ['disk-low'],
  csca: ['csca-expiring'],
};

const SEVERITY: Partial<Record<AlertCode, AlertSeverity>> = {
  'reader-missing': 'critical',
  'printer-paper-out': 'critical',
  'printer-missing': 'warning',
  'printer-paper-low': 'info',
  'portal-down': 'warning',
  'disk-low': 'warning',
  'csca-expiring': 'warning',
};

const STATE: Record<Verdict['status'], StaffDevice['state']> = {
  pass: 'ok',
  warn: 'warn',
  fail: 'fail',
  skip: 'unknown',
};

/** The devices the status board alone tells about (no I/O): reader, printer (without paper-low), portal. */
export function statusDevices(s: DeviceStatus, readerExpected = true): StaffDevice[] {
  const reader: StaffDevice = !readerExpected
    ? { id: 'reader', state: 'unknown', alert: null, facts: {} }
    : s.reader.state === 'no-reader' || s.reader.state === 'no-service'
      ? { id: 'reader', state: 'fail', alert: 'reader-missing', facts: {} }
      : s.reader.state === 'error'
        ? { id: 'reader', state: 'warn', alert: null, facts: {} }
        : { id: 'reader', state: 'ok', alert: null, facts: {} };
  const printer: StaffDevice =
    s.printer.state === 'out-of-paper'
      ? { id: 'printer', state: 'fail', alert: 'printer-paper-out', facts: {} }
      : s.printer.state === 'absent'
        ? { id: 'printer', state: 'fail', alert: 'printer-missing', facts: {} }
        : { id: 'printer', state: 'ok', alert: null, facts: {} };
  const queued = s.portal.queued;
  const portal: StaffDevice =
    s.portal.state === 'down'
      ? { id: 'portal', state: 'fail', alert: 'portal-down', facts: { queued } }
      : s.portal.state === 'unknown'
        ? { id: 'portal', state: 'unknown', alert: null, facts: { queued } }
        : { id: 'portal', state: 'ok', alert: null, facts: { queued } };
  return [reader, printer, portal];
}

export class DeviceAlerts {
  private timer: NodeJS.Timeout | null = null;
  private first: NodeJS.Timeout | null = null;

  constructor(
    private readonly alerts: AlertService,
    private readonly sources: DeviceAlertSources,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** From the status board only (cheap: every status change). */
  fromStatus(): StaffDevice[] {
    const list = statusDevices(this.sources.status(), this.sources.readerExpected);
    // The board does not know the paper is low: only `check()` raises or clears that one.
    this.apply(list, ['printer-paper-low']);
    return list;
  }

  /** Everything, asked now: the status board, the printer's paper, the disk and the CSCA certificates. */
  async check(): Promise<StaffDevice[]> {
    const [reader, printer, portal] = statusDevices(this.sources.status(), this.sources.readerExpected);
    let printerNow = printer!;
    if (printerNow.state === 'ok' && this.sources.printerNearEnd) {
      const near = await this.sources
        .printerNearEnd()
        .catch(swallowed(log, 'debug', 'printer paper not read', null));
      if (near) printerNow = { id: 'printer', state: 'warn', alert: 'printer-paper-low', facts: {} };
    }
    const list = [reader!, printerNow, portal!];
    if (this.sources.disk) {
      const v = await safe(this.sources.disk);
      const free = typeof v.data?.freeBytes === 'number' ? v.data.freeBytes : null;
      list.push({
        id: 'disk',
        state: STATE[v.status],
        alert: v.status === 'fail' || v.status === 'warn' ? 'disk-low' : null,
        facts: free === null ? {} : { freeGiB: Math.round((free / 1024 ** 3) * 10) / 10 },
      });
    }
    if (this.sources.csca) {
      const v = await safe(this.sources.csca);
      const certs = Array.isArray(v.data?.certificates)
        ? (v.data.certificates as { daysLeft: number | null }[])
        : [];
      const left = certs.map((c) => c.daysLeft).filter((d): d is number => d !== null && d >= 0);
      list.push({
        id: 'csca',
        state: STATE[v.status],
        alert: v.status === 'fail' || v.status === 'warn' ? 'csca-expiring' : null,
        facts: left.length ? { daysLeft: Math.min(...left) } : {},
      });
    }
    this.apply(list);
    return list;
  }

  /** The full check every `everyMs` (default one hour), so disk and CSCA alerts come without staff asking. */
  watch(everyMs = 3_600_000, firstAfterMs = 60_000): void {
    this.unwatch();
    const run = (): void => void this.check().catch(swallowed(log, 'warn', 'device check failed', undefined));
    this.first = setTimeout(run, firstAfterMs);
    this.first.unref();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  unwatch(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearTimeout(this.first);
    this.timer = null;
    this.first = null;
  }

  /** Raises what is newly bad, clears what is well again (only the devices in `list`). */
  private apply(list: StaffDevice[], leave: AlertCode[] = []): void {
    let open: Set<string>;
    try {
      open = new Set(this.alerts.list().map((a) => a.code));
    } catch {
      return;
    }
    let changed = false;
    for (const d of list) {
      for (const code of CODES[d.id]) {
        if (leave.includes(code)) continue;
        const want = d.alert === code;
        try {
          if (want && !open.has(code)) {
            this.alerts.raise(code, SEVERITY[code] ?? 'warning');
            changed = true;
          } else if (!want && open.has(code) && d.state !== 'unknown') {
            changed = this.alerts.clear(code, 'system') || changed;
          }
        } catch (e) {
          log.debug(errorFields(e), 'device alert not updated');
          /* the store raises its own alert when it cannot be written */
        }
      }
    }
    if (changed) this.onChange();
  }
}

async function safe(f: () => Promise<Verdict> | Verdict): Promise<Verdict> {
  try {
    return await f();
  } catch (e) {
    return { status: 'fail', detail: (e as Error).message };
  }
}
