import type Database from 'better-sqlite3';
import { StoreError } from '../errors';
import { migration001 } from './001_initial';
import { migration002 } from './002_audit';
import { migration003 } from './003_retention_counters';
import { migration004 } from './004_data_at_rest';
import { migration005 } from './005_fee_unknown';
import { migration006 } from './006_report_counts';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
];
export const LATEST_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Brings the database to `target` (default: latest), one transaction per migration so a crash between
 * two steps leaves a consistent, numbered schema. Refuses a database newer than this code.
 */
export function migrate(db: Database.Database, target = LATEST_VERSION, now = Date.now()): number {
  let current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new StoreError(
      'store-schema-too-new',
      `database schema ${current} is newer than this program (${LATEST_VERSION})`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        now,
      );
    })();
    current = m.version;
  }
  return current;
}
