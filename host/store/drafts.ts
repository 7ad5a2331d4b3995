import { tx, type StoreContext } from './context';
import { open, seal } from './crypto';
import { guard } from './errors';
import type { Draft } from './records';
import { flushResidue } from './retention';
import { draftCtx, isUnreadable } from './sealed';

/** Saves (or replaces) the one draft of a card, sealed under the current data key. */
export function saveDraft(c: StoreContext, cardKey: string, serviceId: string, data: unknown): Draft {
  const savedAt = c.now();
  const expiresAt = savedAt + c.retention.draftTtlMs;
  const { keyId, blob } = seal(c.keys, data, draftCtx(cardKey));
  tx(c, 'save draft', () => {
    c.db
      .prepare(
        `INSERT INTO drafts (card_key, service_id, key_id, data, saved_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(card_key) DO UPDATE SET service_id = excluded.service_id, key_id = excluded.key_id,
           data = excluded.data, saved_at = excluded.saved_at, expires_at = excluded.expires_at`,
      )
      .run(cardKey, serviceId, keyId, blob, savedAt, expiresAt);
  });
  return { serviceId, data, savedAt, expiresAt };
}

/** The draft for this card, or null if none or expired. */
export function loadDraft<T = unknown>(c: StoreContext, cardKey: string): Draft<T> | null {
  const row = guard('load draft', () =>
    c.db
      .prepare('SELECT service_id, key_id, data, saved_at, expires_at FROM drafts WHERE card_key = ?')
      .get(cardKey),
  ) as { service_id: string; key_id: string; data: Buffer; saved_at: number; expires_at: number } | undefined;
  if (!row || row.expires_at <= c.now()) return null;
  let data: T;
  try {
    data = open<T>(c.keys, { keyId: row.key_id, blob: row.data }, draftCtx(cardKey));
  } catch (err) {
    // A draft that no longer opens (key lost) is as good as none: the citizen starts afresh, the next save
    // overwrites it. The lost key itself was reported at open (`store-key-missing`).
    if (isUnreadable(err)) return null;
    throw err;
  }
  return { serviceId: row.service_id, data, savedAt: row.saved_at, expiresAt: row.expires_at };
}

export function deleteDraft(c: StoreContext, cardKey: string): boolean {
  const deleted = tx(
    c,
    'delete draft',
    () => c.db.prepare('DELETE FROM drafts WHERE card_key = ?').run(cardKey).changes > 0,
  );
  if (deleted) flushResidue(c.db);
  return deleted;
}
