import type { Migration } from './types';

/**
 * Data at rest and staff alerts:
 * - `alerts`: one row per alert code for the staff (no personal data: code, severity, times, count, cleared);
 * - `outbox.dead_at`, `outbox.dead_reason`: a dossier whose payload no longer opens (key lost, damaged blob) is
 *   set aside (state `failed` + `dead_at`, shown as `dead`) so it never blocks the others;
 * - `staff_lockout`: the staff PIN's failure count and lockout, so a restart does not reset them.
 * The audit chain becomes keyed (HMAC) in code: `KioskStore.open` re-keys an older chain once.
 */
export const migration004: Migration = {
  version: 4,
  name: 'data-at-rest',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        code TEXT PRIMARY KEY,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        count INTEGER NOT NULL DEFAULT 1,
        cleared_at INTEGER,
        cleared_by TEXT
      );
      ALTER TABLE outbox ADD COLUMN dead_at INTEGER;
      ALTER TABLE outbox ADD COLUMN dead_reason TEXT;
      CREATE TABLE staff_lockout (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        failures INTEGER NOT NULL DEFAULT 0,
        lockouts INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
