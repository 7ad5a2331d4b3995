import type Database from 'better-sqlite3';
import { guard } from './errors';
import type { KeyProvider } from './keys';
import type { RetentionPolicy } from './records';

/** What every part of the store works with: the open database, the keys, the clock and the retention policy. */
export interface StoreContext {
  readonly db: Database.Database;
  readonly keys: KeyProvider;
  readonly auditKey: Buffer;
  readonly now: () => number;
  readonly retention: RetentionPolicy;
}

/** Runs `fn` in one IMMEDIATE transaction; SQLite failures become typed `StoreError`s, a failure rolls back. */
export function tx<T>(c: StoreContext, what: string, fn: () => T): T {
  return guard(what, () => c.db.transaction(fn).immediate());
}
