/**
 * The kiosk's metrics in the Prometheus text exposition format (version 0.0.4), for the centre's monitoring.
 * No personal data and bounded label sets only: labels are device names, enum states, catalogue service ids,
 * outcomes, scores 1–5 and error/alert codes — all from closed lists or the aggregate table, whose schema
 * admits codes only (host/reports). Values come from the device status board and the store.
 */
import type Database from 'better-sqlite3';
import type { DeviceStatus } from '../../common/api/contract';

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsSources {
  status: () => DeviceStatus;
  /** The store's database, or null when the kiosk runs without one. */
  db: Database.Database | null;
  startedAt: number;
  now?: () => number;
  /** The call button's counts (host/staff/staff-calls.ts): per screen of a closed list, and the open calls. */
  staffCalls?: () => { total: Record<string, number>; open: number };
}

interface Sample {
  labels?: Record<string, string>;
  value: number;
}
interface Family {
  name: string;
  type: 'gauge' | 'counter';
  help: string;
  samples: Sample[];
}

const LABEL_VALUE_RE = /^[a-z0-9./-]{0,64}$/;

function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
function labelValue(v: string): string {
  // Values are codes already; anything else is reported as "other" (never free text).
  return LABEL_VALUE_RE.test(v) ? v : 'other';
}

export function render(families: readonly Family[]): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {});
      const l = labels.length ? `{${labels.map(([k, v]) => `${k}="${labelValue(v)}"`).join(',')}}` : '';
      out.push(`${f.name}${l} ${Number.isFinite(s.value) ? s.value : 0}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export const DEVICES = ['reader', 'scanner', 'printer', 'portal'] as const;

/** Is the device usable now (what the alert "reader gone" looks at)? */
export function deviceUp(s: DeviceStatus): Record<(typeof DEVICES)[number], boolean> {
  return {
    reader: ['ready', 'card-present', 'reading'].includes(s.reader.state),
    scanner: s.scanner.state === 'connected',
    printer: s.printer.state === 'ready' || s.printer.state === 'file',
    portal: s.portal.state === 'up',
  };
}

export function collect(src: MetricsSources): Family[] {
  const now = (src.now ?? Date.now)();
  const status = src.status();
  const up = deviceUp(status);
  const families: Family[] = [
    {
      name: 'kiosk_uptime_seconds',
      type: 'gauge',
      help: 'Seconds since the kiosk host started.',
      samples: [{ value: Math.max(0, Math.floor((now - src.startedAt) / 1000)) }],
    },
    {
      name: 'kiosk_device_up',
      type: 'gauge',
      help: '1 when the device is usable (reader ready, scanner connected, printer ready, portal answering).',
      samples: DEVICES.map((d) => ({ labels: { device: d }, value: up[d] ? 1 : 0 })),
    },
    {
      name: 'kiosk_device_state',
      type: 'gauge',
      help: 'The state of each device: 1 for the current state.',
      samples: [
        { labels: { device: 'reader', state: status.reader.state }, value: 1 },
        { labels: { device: 'scanner', state: status.scanner.state }, value: 1 },
        { labels: { device: 'printer', state: status.printer.state }, value: 1 },
        { labels: { device: 'portal', state: status.portal.state }, value: 1 },
      ],
    },
    {
      name: 'kiosk_printer_paper_out',
      type: 'gauge',
      help: '1 when the receipt printer reports it is out of paper.',
      samples: [{ value: status.printer.state === 'out-of-paper' ? 1 : 0 }],
    },
  ];
  const calls = src.staffCalls?.();
  if (calls)
    families.push(
      {
        name: 'kiosk_staff_calls_total',
        type: 'counter',
        help: 'Presses of the call button ("Gọi cán bộ") since the host started, by the screen it was pressed on.',
        samples: Object.entries(calls.total).map(([screen, value]) => ({ labels: { screen }, value })),
      },
      {
        name: 'kiosk_staff_calls_open',
        type: 'gauge',
        help: 'Calls for staff not answered yet on the staff console.',
        samples: [{ value: calls.open }],
      },
    );
  const db = src.db;
  if (!db) return families;
  const dead = db
    .prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'failed' AND dead_at IS NOT NULL`)
    .get() as { n: number };
  const queued = db
    .prepare(`SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE state = 'queued'`)
    .get() as { n: number; oldest: number | null };
  families.push(
    {
      name: 'kiosk_outbox_depth',
      type: 'gauge',
      help: 'Dossiers committed on the kiosk and not yet accepted by the portal.',
      samples: [{ value: queued.n }],
    },
    {
      name: 'kiosk_outbox_oldest_age_seconds',
      type: 'gauge',
      help: 'Age of the oldest queued dossier (0 when the queue is empty).',
      samples: [
        { value: queued.oldest === null ? 0 : Math.max(0, Math.floor((now - queued.oldest) / 1000)) },
      ],
    },
    {
      name: 'kiosk_outbox_dead_letters',
      type: 'gauge',
      help: 'Dossiers set aside because their stored data no longer opens (staff alert outbox-dead-letter).',
      samples: [{ value: dead.n }],
    },
  );
  const counters = db
    .prepare(
      `SELECT service_id AS s, SUM(submitted) AS submitted, SUM(delivered) AS delivered, SUM(failed) AS failed,
              SUM(fees_vnd) AS fees FROM counters GROUP BY service_id ORDER BY service_id`,
    )
    .all() as { s: string; submitted: number; delivered: number; failed: number; fees: number }[];
  families.push(
    {
      name: 'kiosk_dossiers_total',
      type: 'counter',
      help: 'Dossiers by catalogue service and outcome (submitted on the kiosk, delivered to the portal, failed).',
      samples: counters.flatMap((c) =>
        (['submitted', 'delivered', 'failed'] as const).map((o) => ({
          labels: { service: c.s, outcome: o },
          value: c[o],
        })),
      ),
    },
    {
      name: 'kiosk_fees_collected_vnd_total',
      type: 'counter',
      help: 'Fees confirmed paid through the kiosk, in VND, by catalogue service.',
      samples: counters.map((c) => ({ labels: { service: c.s }, value: c.fees })),
    },
  );
  const totals = db
    .prepare(
      `SELECT service_id AS s, metric AS m, key AS k, SUM(value) AS v FROM report_counts
       WHERE metric IN ('completed', 'abandoned', 'refused', 'error', 'rating')
       GROUP BY service_id, metric, key ORDER BY service_id, metric, key`,
    )
    .all() as { s: string; m: string; k: string; v: number }[];
  const sum = (pick: (t: (typeof totals)[number]) => string | null, labelName: string) => {
    const m = new Map<string, number>();
    for (const t of totals) {
      const k = pick(t);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + t.v);
    }
    return [...m].map(([k, v]) => {
      const [a, b] = k.split('|');
      return {
        labels: labelName === 'journey' ? { service: a!, outcome: b! } : { [labelName]: a! },
        value: v,
      };
    });
  };
  families.push(
    {
      name: 'kiosk_journeys_total',
      type: 'counter',
      help: 'Citizen journeys by catalogue service ("none" before one was chosen) and how they ended.',
      samples: sum(
        (t) => (['completed', 'abandoned', 'refused'].includes(t.m) ? `${t.s}|${t.m}` : null),
        'journey',
      ),
    },
    {
      name: 'kiosk_ratings_total',
      type: 'counter',
      help: 'Satisfaction ratings by score (1 = very unhappy … 5 = very happy).',
      samples: sum((t) => (t.m === 'rating' ? t.k : null), 'score'),
    },
    {
      name: 'kiosk_errors_total',
      type: 'counter',
      help: 'Errors citizens met, by error code.',
      samples: sum((t) => (t.m === 'error' ? t.k : null), 'code'),
    },
  );
  const alerts = db.prepare(`SELECT code FROM alerts WHERE cleared_at IS NULL ORDER BY code`).all() as {
    code: string;
  }[];
  families.push({
    name: 'kiosk_staff_alerts_active',
    type: 'gauge',
    help: 'Staff alerts raised and not cleared, by code.',
    samples: alerts.map((a) => ({ labels: { code: a.code }, value: 1 })),
  });
  return families;
}

export function metricsText(src: MetricsSources): string {
  return render(collect(src));
}
