import type { Migration } from './types';

/**
 * Aggregate counters for the staff reports and the metrics endpoint (host/reports). Nothing personal can be
 * written here: there is no free-text column — every text column is a code checked by the schema itself
 * (a day, a catalogue service id, a channel, a metric from a closed list, a short lowercase key such as an
 * error code, a step, a score or a duration bucket) — and no column links a row to a session or a dossier.
 */
export const migration006: Migration = {
  version: 6,
  name: 'report-counts',
  up(db) {
    db.exec(`
      CREATE TABLE report_counts (
        day TEXT NOT NULL CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        service_id TEXT NOT NULL
          CHECK (length(service_id) BETWEEN 1 AND 64 AND service_id NOT GLOB '*[^a-z0-9-]*'),
        channel TEXT NOT NULL CHECK (channel IN ('online', 'in-person')),
        metric TEXT NOT NULL CHECK (metric IN
          ('started', 'completed', 'abandoned', 'refused', 'error', 'rating', 'reason', 'duration')),
        key TEXT NOT NULL CHECK (length(key) <= 64 AND key NOT GLOB '*[^a-z0-9./-]*'),
        value INTEGER NOT NULL CHECK (value >= 0),
        PRIMARY KEY (day, service_id, channel, metric, key)
      ) WITHOUT ROWID;
    `);
  },
};
