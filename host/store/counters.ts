import type Database from 'better-sqlite3';
import { guard } from './errors';
import { vietnamDay } from './pii';
import type { CounterRow } from './records';

export type CounterColumn = 'submitted' | 'delivered' | 'failed' | 'fees_vnd';

/** Adds to the day's counters of one service (call inside the transaction of the change it counts). */
export function bumpCounter(
  db: Database.Database,
  at: number,
  serviceId: string,
  inc: Partial<Record<CounterColumn, number>>,
): void {
  db.prepare(
    `INSERT INTO counters (day, service_id, submitted, delivered, failed, fees_vnd) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(day, service_id) DO UPDATE SET submitted = submitted + excluded.submitted, delivered = delivered + excluded.delivered,
       failed = failed + excluded.failed, fees_vnd = fees_vnd + excluded.fees_vnd`,
  ).run(
    vietnamDay(at),
    serviceId,
    inc.submitted ?? 0,
    inc.delivered ?? 0,
    inc.failed ?? 0,
    inc.fees_vnd ?? 0,
  );
}

/** Daily aggregates per service for reports, days as `YYYY-MM-DD` (Asia/Ho_Chi_Minh), inclusive. */
export function readCounters(db: Database.Database, fromDay: string, toDay: string): CounterRow[] {
  const rows = guard('read counters', () =>
    db
      .prepare('SELECT * FROM counters WHERE day >= ? AND day <= ? ORDER BY day, service_id')
      .all(fromDay, toDay),
  ) as {
    day: string;
    service_id: string;
    submitted: number;
    delivered: number;
    failed: number;
    fees_vnd: number;
  }[];
  return rows.map((r) => ({
    day: r.day,
    serviceId: r.service_id,
    submitted: r.submitted,
    delivered: r.delivered,
    failed: r.failed,
    feesVnd: r.fees_vnd,
  }));
}
