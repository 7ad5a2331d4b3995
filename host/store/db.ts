import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, guard } from './errors';
import { migrate } from './migrations';

export interface OpenDatabaseOptions {
  /** Skip the integrity check at open (benchmarks on huge files). Default false. */
  skipIntegrityCheck?: boolean;
  /** Migrate up to this version only (migration tests). Default: latest. */
  targetVersion?: number;
}

/**
 * Opens (creating if needed) the kiosk database: WAL journal, foreign keys, a busy timeout,
 * synchronous=FULL (a dossier acknowledged to a citizen must survive a power cut), secure_delete so purged
 * personal data is overwritten, then an integrity check (`store-corrupt`) and the migrations.
 */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let db: Database.Database | undefined;
  try {
    db = guard('open database', () => new Database(path));
    const d = db;
    guard('configure database', () => {
      d.pragma('busy_timeout = 5000');
      d.pragma('journal_mode = WAL');
      d.pragma('synchronous = FULL');
      d.pragma('foreign_keys = ON');
      d.pragma('secure_delete = ON');
    });
    if (!opts.skipIntegrityCheck) {
      const rows = guard('check database', () => d.pragma('quick_check') as { quick_check: string }[]);
      if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') {
        throw new StoreError(
          'store-corrupt',
          `integrity check failed: ${rows
            .map((r) => r.quick_check)
            .slice(0, 3)
            .join('; ')}`,
        );
      }
    }
    guard('migrate database', () => migrate(d, opts.targetVersion));
    return d;
  } catch (err) {
    try {
      db?.close();
    } catch {
      /* already failing */
    }
    throw err;
  }
}
