/** Typed errors of the local store. The citizen-facing sentence for each code is in renderer/i18n/errors/store.json. */
import { CodedError } from '../../common/errors';
export const STORE_ERROR_CODES = [
  'store-full',
  'store-corrupt',
  'store-busy',
  'store-key-missing',
  'store-decrypt-failed',
  'store-key-file-invalid',
  'store-schema-too-new',
  'store-duplicate',
  'store-not-found',
  'store-io',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

export class StoreError extends CodedError<StoreErrorCode> {
  override readonly name = 'StoreError';
}

/** SQLite result codes that better-sqlite3 puts on `SqliteError.code`. */
const CORRUPT_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_VTAB',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_INDEX',
]);

/** Maps a raw SQLite failure onto a typed store error; anything already typed passes through. */
export function toStoreError(err: unknown, what: string): Error {
  if (err instanceof StoreError) return err;
  const code =
    typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_FULL')) {
    return new StoreError('store-full', `${what}: the disk or database is full`, { cause: err });
  }
  if (CORRUPT_CODES.has(code) || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('store-corrupt', `${what}: the database file is damaged (${code})`, { cause: err });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('store-busy', `${what}: the database is locked by another process`, { cause: err });
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreError('store-io', `${what}: input/output error (${code})`, { cause: err });
  }
  if (code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY')) {
    return new StoreError('store-duplicate', `${what}: a row with this key already exists`, { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Runs `fn`, rethrowing SQLite failures as typed store errors. */
export function guard<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toStoreError(err, what);
  }
}
