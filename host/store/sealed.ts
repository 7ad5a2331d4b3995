import type Database from 'better-sqlite3';
import { StoreError } from './errors';
import type { KeyProvider } from './keys';

/** Additional authenticated data of each sealed column: the table and the row, so a blob moved elsewhere does not open. */
export const draftCtx = (cardKey: string) => `drafts:${cardKey}`;
export const payloadCtx = (localRef: string) => `outbox:${localRef}`;
export const applicantCtx = (localRef: string) => `receipts:${localRef}`;

/** One column of personal data sealed with a data key: the key's id sits beside it in `key_id`. */
export interface SealedColumn {
  table: 'drafts' | 'outbox' | 'receipts';
  /** The row's identity, bound into the AAD. */
  rowKey: 'card_key' | 'local_ref';
  blob: 'data' | 'payload' | 'applicant';
  context: (rowKey: string) => string;
}

/** Every sealed column of the schema (rotation and the missing-key check walk this table). */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'drafts', rowKey: 'card_key', blob: 'data', context: draftCtx },
  { table: 'outbox', rowKey: 'local_ref', blob: 'payload', context: payloadCtx },
  { table: 'receipts', rowKey: 'local_ref', blob: 'applicant', context: applicantCtx },
];

/** Errors that mean "this blob will not open with the keys we have" (as opposed to a disk or SQL failure). */
export function isUnreadable(err: unknown): err is StoreError {
  return (
    err instanceof StoreError && (err.code === 'store-key-missing' || err.code === 'store-decrypt-failed')
  );
}

/** The ids of the data keys that sealed the personal data still in the database. */
export function keyIdsInUse(db: Database.Database): string[] {
  const rows = db
    .prepare(
      SEALED_COLUMNS.map((c) => `SELECT key_id FROM ${c.table} WHERE ${c.blob} IS NOT NULL`).join(' UNION '),
    )
    .all() as { key_id: string | null }[];
  return rows.map((r) => r.key_id).filter((id): id is string => id !== null);
}

export function hasKey(keys: KeyProvider, id: string): boolean {
  try {
    keys.byId(id);
    return true;
  } catch {
    return false;
  }
}
