import type { Migration } from './types';

/**
 * Append-only, hash-chained audit log: `hash = sha256(prev_hash ‖ canonical row)`. It records who did
 * what (actor role, action, a non-personal subject such as a local reference) — never personal data.
 * Triggers refuse UPDATE and DELETE so the chain can only grow.
 */
export const migration002: Migration = {
  version: 2,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT,
        detail TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
    `);
  },
};
