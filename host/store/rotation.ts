import { appendAudit } from './audit';
import { tx, type StoreContext } from './context';
import { open, seal } from './crypto';
import { flushResidue } from './retention';
import { SEALED_COLUMNS, isUnreadable } from './sealed';

export interface RotationResult {
  keyId: string;
  reencrypted: number;
  skipped: number;
}

/**
 * Creates a new data key, re-encrypts every sealed column (`SEALED_COLUMNS`) under it in one transaction, then
 * retires the old keys. A crash before commit leaves everything under the old keys (still in the key file). A row
 * that does not open (its key is lost, or it is damaged) never stops the rotation: it is skipped and its key kept,
 * so a restored key file can still open it.
 */
export function rotateKey(c: StoreContext): RotationResult {
  const oldIds = new Set<string>();
  const kept = new Set<string>();
  const fresh = c.keys.createKey();
  const at = c.now();
  let skipped = 0;
  const reencrypted = tx(c, 'rotate key', () => {
    let n = 0;
    for (const col of SEALED_COLUMNS) {
      const rows = c.db
        .prepare(
          `SELECT ${col.rowKey} AS row_key, key_id, ${col.blob} AS blob FROM ${col.table}
           WHERE ${col.blob} IS NOT NULL AND key_id != ?`,
        )
        .all(fresh.id) as { row_key: string; key_id: string; blob: Buffer }[];
      const update = c.db.prepare(
        `UPDATE ${col.table} SET key_id = ?, ${col.blob} = ? WHERE ${col.rowKey} = ?`,
      );
      for (const r of rows) {
        oldIds.add(r.key_id);
        const ctx = col.context(r.row_key);
        let value: unknown;
        try {
          value = open(c.keys, { keyId: r.key_id, blob: r.blob }, ctx);
        } catch (err) {
          if (!isUnreadable(err)) throw err;
          kept.add(r.key_id);
          skipped++;
          continue;
        }
        const s = seal(c.keys, value, ctx);
        update.run(s.keyId, s.blob, r.row_key);
        n++;
      }
    }
    appendAudit(c.db, c.auditKey, {
      at,
      actor: 'system',
      action: 'key.rotated',
      subject: fresh.id,
      detail: { rows: n, skipped },
    });
    return n;
  });
  c.keys.retire([...oldIds].filter((id) => !kept.has(id)));
  flushResidue(c.db); // the WAL still holds the blobs under the retired keys
  return { keyId: fresh.id, reencrypted, skipped };
}
