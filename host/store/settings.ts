import type Database from 'better-sqlite3';
import { appendAudit } from './audit';
import { raiseAlert } from './alerts';
import { tx, type StoreContext } from './context';
import { guard } from './errors';
import type { AuditActor, AuditEntry } from './audit';
import type { PinLockoutState } from './records';

/** Kiosk settings (`settings`) and the staff PIN's failure state (`staff_lockout`): no personal data. */

/** Inserts or replaces one setting (inside a transaction; not audited). */
export function upsertSetting(db: Database.Database, key: string, value: string, at: number): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value, at);
}

export function getSetting(db: Database.Database, key: string): string | null {
  const row = guard('read setting', () => db.prepare('SELECT value FROM settings WHERE key = ?').get(key)) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(c: StoreContext, key: string, value: string, actor: AuditActor): void {
  const at = c.now();
  tx(c, 'save setting', () => {
    upsertSetting(c.db, key, value, at);
    appendAudit(c.db, c.auditKey, { at, actor, action: 'setting.changed', subject: key });
  });
}

export function pinLockout(db: Database.Database): PinLockoutState {
  const row = guard('read PIN state', () =>
    db.prepare('SELECT failures, lockouts, locked_until FROM staff_lockout WHERE id = 1').get(),
  ) as { failures: number; lockouts: number; locked_until: number } | undefined;
  return {
    failures: row?.failures ?? 0,
    lockouts: row?.lockouts ?? 0,
    lockedUntil: row?.locked_until ?? 0,
  };
}

/** Saves the PIN's failure state and audits the attempt in one transaction (no PIN, no personal data). */
export function recordPinAttempt(
  c: StoreContext,
  state: PinLockoutState,
  detail: AuditEntry['detail'],
): void {
  const at = c.now();
  tx(c, 'record PIN attempt', () => {
    const before = c.db.prepare('SELECT locked_until FROM staff_lockout WHERE id = 1').get() as
      { locked_until: number } | undefined;
    c.db
      .prepare(
        `INSERT INTO staff_lockout (id, failures, lockouts, locked_until, updated_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts,
           locked_until = excluded.locked_until, updated_at = excluded.updated_at`,
      )
      .run(state.failures, state.lockouts, state.lockedUntil, at);
    appendAudit(c.db, c.auditKey, { at, actor: 'staff:pin', action: 'staff.pin-attempt', detail });
    // A new lockout (not an attempt refused during one) tells the staff.
    if (state.lockedUntil > at && state.lockedUntil !== (before?.locked_until ?? 0))
      raiseAlert(c.db, 'staff-pin-locked', 'warning', at);
  });
}
