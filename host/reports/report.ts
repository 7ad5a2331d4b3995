/**
 * A staff report for a day or a month, built from the aggregate table only (no personal data can be in it):
 * per service and channel — started, completed, abandoned (per step), refused, median time to submit,
 * fees collected, errors by code, ratings (count per score, mean) and rating reasons.
 */
import { DURATION_BUCKET_S, type Channel, type CountRow, type ReportStore } from './report-store';

export interface ServiceReport {
  serviceId: string;
  channel: Channel;
  started: number;
  completed: number;
  abandoned: number;
  abandonedAt: Record<string, number>;
  refused: number;
  /** Median seconds from the session's start to the submitted dossier (to DURATION_BUCKET_S), null if none. */
  medianSeconds: number | null;
  feesVnd: number;
  errors: Record<string, number>;
  ratings: Record<string, number>;
  ratingMean: number | null;
  reasons: Record<string, number>;
}

export interface Report {
  period: 'day' | 'month';
  /** YYYY-MM-DD or YYYY-MM. */
  label: string;
  fromDay: string;
  toDay: string;
  services: ServiceReport[];
}

export function periodRange(period: 'day' | 'month', label: string): { fromDay: string; toDay: string } {
  if (period === 'day') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(label)) throw new Error(`day ${label} is not YYYY-MM-DD`);
    return { fromDay: label, toDay: label };
  }
  if (!/^\d{4}-\d{2}$/.test(label)) throw new Error(`month ${label} is not YYYY-MM`);
  return { fromDay: `${label}-01`, toDay: `${label}-31` };
}

/** The median of a histogram of bucket start → count (lower median: the bucket holding the middle value). */
export function medianOfBuckets(buckets: Record<string, number>): number | null {
  const entries = Object.entries(buckets)
    .map(([k, n]) => [Number(k), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (const [start, n] of entries) {
    seen += n;
    if (seen >= middle) return start;
  }
  return null;
}

export function buildReport(store: ReportStore, period: 'day' | 'month', label: string): Report {
  const { fromDay, toDay } = periodRange(period, label);
  const byKey = new Map<string, ServiceReport & { durations: Record<string, number> }>();
  const get = (serviceId: string, channel: Channel) => {
    const k = `${serviceId}|${channel}`;
    let r = byKey.get(k);
    if (!r) {
      r = {
        serviceId,
        channel,
        started: 0,
        completed: 0,
        abandoned: 0,
        abandonedAt: {},
        refused: 0,
        medianSeconds: null,
        feesVnd: 0,
        errors: {},
        ratings: {},
        ratingMean: null,
        reasons: {},
        durations: {},
      };
      byKey.set(k, r);
    }
    return r;
  };
  const inc = (m: Record<string, number>, k: string, n: number) => (m[k] = (m[k] ?? 0) + n);
  for (const row of store.rows(fromDay, toDay) as CountRow[]) {
    const r = get(row.serviceId, row.channel);
    switch (row.metric) {
      case 'started':
        r.started += row.value;
        break;
      case 'completed':
        r.completed += row.value;
        break;
      case 'abandoned':
        r.abandoned += row.value;
        inc(r.abandonedAt, row.key, row.value);
        break;
      case 'refused':
        r.refused += row.value;
        break;
      case 'error':
        inc(r.errors, row.key, row.value);
        break;
      case 'rating':
        inc(r.ratings, row.key, row.value);
        break;
      case 'reason':
        inc(r.reasons, row.key, row.value);
        break;
      case 'duration':
        inc(r.durations, row.key, row.value);
        break;
    }
  }
  // Fees are counted by the store when the payment is confirmed; the kiosk has one filing channel.
  const channels = new Set([...byKey.values()].map((r) => r.channel));
  const feeChannel: Channel = channels.size === 1 ? [...channels][0]! : 'online';
  for (const f of store.fees(fromDay, toDay)) get(f.serviceId, feeChannel).feesVnd += f.feesVnd;
  return {
    period,
    label,
    fromDay,
    toDay,
    services: [...byKey.values()]
      .sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.channel.localeCompare(b.channel))
      .map(({ durations, ...r }) => {
        const n = Object.values(r.ratings).reduce((s, v) => s + v, 0);
        const sum = Object.entries(r.ratings).reduce((s, [k, v]) => s + Number(k) * v, 0);
        return {
          ...r,
          medianSeconds: medianOfBuckets(durations),
          ratingMean: n ? Math.round((sum / n) * 100) / 100 : null,
        };
      }),
  };
}

export { DURATION_BUCKET_S };
