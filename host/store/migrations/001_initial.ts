import type { Migration } from './types';

/**
 * Settings, drafts, the outbox and local receipts. Columns holding personal data (`data`, `payload`,
 * `applicant`) are AES-256-GCM blobs with the id of the key that sealed them beside them (`key_id`).
 * Times are epoch milliseconds.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE drafts (
        card_key TEXT PRIMARY KEY,
        service_id TEXT NOT NULL,
        key_id TEXT NOT NULL,
        data BLOB NOT NULL,
        saved_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX drafts_expiry ON drafts(expires_at);
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        local_ref TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        client_ref TEXT UNIQUE,
        service_id TEXT NOT NULL,
        procedure_code TEXT NOT NULL,
        masked_id TEXT NOT NULL,
        key_id TEXT,
        payload BLOB,
        state TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        dossier_code TEXT,
        portal_status INTEGER,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER
      );
      CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
      CREATE TABLE receipts (
        local_ref TEXT PRIMARY KEY REFERENCES outbox(local_ref) ON DELETE CASCADE,
        service_id TEXT NOT NULL,
        procedure_code TEXT NOT NULL,
        procedure_name TEXT NOT NULL,
        masked_id TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        appointment_at INTEGER,
        fee_vnd INTEGER NOT NULL DEFAULT 0,
        fee_paid INTEGER NOT NULL DEFAULT 0,
        dossier_code TEXT,
        key_id TEXT,
        applicant BLOB
      );
      CREATE INDEX receipts_code ON receipts(dossier_code);
    `);
  },
};
