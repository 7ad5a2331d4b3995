import type { Migration } from './types';

/**
 * Daily counters per service (reports without personal data) and retention bookkeeping on the outbox:
 * `purge_after` is when a delivered dossier's personal data may be erased; `purged_at` when it was.
 * Existing delivered rows become purgeable at once (the default delay is 0).
 */
export const migration003: Migration = {
  version: 3,
  name: 'retention-counters',
  up(db) {
    db.exec(`
      CREATE TABLE counters (
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        submitted INTEGER NOT NULL DEFAULT 0,
        delivered INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        fees_vnd INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, service_id)
      );
      ALTER TABLE outbox ADD COLUMN purge_after INTEGER;
      ALTER TABLE outbox ADD COLUMN purged_at INTEGER;
      UPDATE outbox SET purge_after = delivered_at WHERE state = 'delivered';
      CREATE INDEX outbox_purge ON outbox(purge_after) WHERE purged_at IS NULL;
    `);
  },
};
