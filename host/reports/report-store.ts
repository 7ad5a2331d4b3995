/**
 * The aggregate table behind the staff reports and the metrics endpoint (`report_counts`, migration 006).
 * Only codes go in: every text value is checked here against the same closed patterns the schema's CHECK
 * constraints enforce, so a value that could carry personal data is turned into `other` before SQLite sees it.
 */
import type Database from 'better-sqlite3';

export const CHANNELS = ['online', 'in-person'] as const;
export type Channel = (typeof CHANNELS)[number];
export const METRICS = [
  'started',
  'completed',
  'abandoned',
  'refused',
  'error',
  'rating',
  'reason',
  'duration',
] as const;
export type Metric = (typeof METRICS)[number];

/** "none" is the service of a journey that ended before a service was chosen. */
export const NO_SERVICE = 'none';
/** Durations are kept as counts per bucket of this many seconds (up to MAX_DURATION_S), never one by one. */
export const DURATION_BUCKET_S = 10;
export const MAX_DURATION_S = 2 * 3600;

const SERVICE_RE = /^[a-z0-9-]{1,64}$/;
const KEY_RE = /^[a-z0-9./-]{0,64}$/;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export interface CountRow {
  day: string;
  serviceId: string;
  channel: Channel;
  metric: Metric;
  key: string;
  value: number;
}

export function safeService(id: string | null | undefined): string {
  return id && SERVICE_RE.test(id) ? id : NO_SERVICE;
}
export function safeKey(key: string): string {
  return KEY_RE.test(key) ? key : 'other';
}
export function durationBucket(ms: number): string {
  const s = Math.min(MAX_DURATION_S, Math.max(0, Math.floor(ms / 1000)));
  return String(Math.floor(s / DURATION_BUCKET_S) * DURATION_BUCKET_S);
}

export class ReportStore {
  private bumpStatement: Database.Statement | null = null;
  /** `db` may be opened read-only (the report CLI): only `add` writes. */
  constructor(private readonly db: Database.Database) {}

  private get bump(): Database.Statement {
    return (this.bumpStatement ??= this.db.prepare(
      `INSERT INTO report_counts (day, service_id, channel, metric, key, value) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (day, service_id, channel, metric, key) DO UPDATE SET value = value + excluded.value`,
    ));
  }

  add(day: string, serviceId: string, channel: Channel, metric: Metric, key = '', by = 1): void {
    if (!DAY_RE.test(day)) throw new Error(`report day ${day} is not YYYY-MM-DD`);
    if (!CHANNELS.includes(channel) || !METRICS.includes(metric)) throw new Error('unknown report metric');
    this.bump.run(day, safeService(serviceId), channel, metric, safeKey(key), Math.max(0, Math.trunc(by)));
  }

  /** Several increments in one transaction (one finished journey). */
  addAll(rows: readonly Omit<CountRow, 'value'>[]): void {
    this.db.transaction(() => {
      for (const r of rows) this.add(r.day, r.serviceId, r.channel, r.metric, r.key);
    })();
  }

  rows(fromDay: string, toDay: string): CountRow[] {
    return (
      this.db
        .prepare(
          `SELECT day, service_id AS serviceId, channel, metric, key, value FROM report_counts
           WHERE day >= ? AND day <= ? ORDER BY day, service_id, channel, metric, key`,
        )
        .all(fromDay, toDay) as CountRow[]
    ).map((r) => ({ ...r }));
  }

  /** All-time totals per (service, metric, key), for the metrics endpoint's counters. */
  totals(): { serviceId: string; metric: Metric; key: string; value: number }[] {
    return this.db
      .prepare(
        `SELECT service_id AS serviceId, metric, key, SUM(value) AS value FROM report_counts
         GROUP BY service_id, metric, key ORDER BY service_id, metric, key`,
      )
      .all() as { serviceId: string; metric: Metric; key: string; value: number }[];
  }

  /** Fees collected (confirmed payments), from the store's daily counters (migration 003). */
  fees(fromDay: string, toDay: string): { day: string; serviceId: string; feesVnd: number }[] {
    return this.db
      .prepare(
        `SELECT day, service_id AS serviceId, fees_vnd AS feesVnd FROM counters
         WHERE day >= ? AND day <= ? AND fees_vnd > 0 ORDER BY day, service_id`,
      )
      .all(fromDay, toDay) as { day: string; serviceId: string; feesVnd: number }[];
  }
}
