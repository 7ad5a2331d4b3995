/**
 * Staff alerts: one row per code (no personal data — a code, a severity, when first and last raised, how many
 * times, whether staff cleared it). Raising a cleared alert opens it again. A later staff screen lists them;
 * today they are exposed by the `staff.alerts` KioskApi method.
 */
import type Database from 'better-sqlite3';

export const ALERT_CODES = [
  /** Encrypted rows exist under a data key that is not in the key file (key file lost or replaced). */
  'store-key-missing',
  /** A dossier's payload did not open; it was set aside (dead letter) and the others go on. */
  'outbox-dead-letter',
  /** The database failed its integrity check at start-up; it was renamed aside and a fresh one started. */
  'store-quarantined',
  /** The audit chain does not verify with the audit key (tampering, or the audit key was replaced). */
  'audit-chain-broken',
  /** The staff PIN was locked after repeated wrong PINs. */
  'staff-pin-locked',
  /** The daily encrypted backup could not be written. */
  'backup-failed',
  /** A citizen pressed "Gọi cán bộ" (the screen is on the staff console; nothing about the citizen). */
  'staff-call',
  // Device alerts, raised and cleared by host/staff/device-alerts.ts from the status board and the checks.
  /** No card reader (or the PC/SC service) answers. */
  'reader-missing',
  /** The receipt printer reports that its paper is nearly out. */
  'printer-paper-low',
  /** The receipt printer is out of paper. */
  'printer-paper-out',
  /** The receipt printer does not answer. */
  'printer-missing',
  /** The provincial system does not answer; dossiers wait in the outbox. */
  'portal-down',
  /** Little free space is left on the data disk. */
  'disk-low',
  /** A CSCA certificate the kiosk trusts ends soon (or none is valid). */
  'csca-expiring',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];
export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface Alert {
  code: AlertCode;
  severity: AlertSeverity;
  firstAt: number;
  lastAt: number;
  count: number;
  clearedAt: number | null;
}

export function raiseAlert(
  db: Database.Database,
  code: AlertCode,
  severity: AlertSeverity,
  at: number,
): void {
  db.prepare(
    `INSERT INTO alerts (code, severity, first_at, last_at, count) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT(code) DO UPDATE SET severity = excluded.severity, last_at = excluded.last_at,
       count = count + 1, cleared_at = NULL, cleared_by = NULL,
       first_at = CASE WHEN cleared_at IS NULL THEN first_at ELSE excluded.first_at END`,
  ).run(code, severity, at, at);
}

export function clearAlert(db: Database.Database, code: string, at: number, by: string): boolean {
  return (
    db
      .prepare('UPDATE alerts SET cleared_at = ?, cleared_by = ? WHERE code = ? AND cleared_at IS NULL')
      .run(at, by, code).changes > 0
  );
}

export function listAlerts(db: Database.Database, includeCleared = false): Alert[] {
  const rows = db
    .prepare(
      `SELECT code, severity, first_at, last_at, count, cleared_at FROM alerts
       ${includeCleared ? '' : 'WHERE cleared_at IS NULL'}
       ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, last_at DESC`,
    )
    .all() as {
    code: AlertCode;
    severity: AlertSeverity;
    first_at: number;
    last_at: number;
    count: number;
    cleared_at: number | null;
  }[];
  return rows.map((r) => ({
    code: r.code,
    severity: r.severity,
    firstAt: r.first_at,
    lastAt: r.last_at,
    count: r.count,
    clearedAt: r.cleared_at,
  }));
}
