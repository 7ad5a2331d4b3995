import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyProvider } from '../keys';
import { KioskStore } from '../store';
import { scratchDir } from '../testing/test-helpers';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from './index';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('migrations', () => {
  it('are numbered consecutively from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  for (let from = 0; from < LATEST_VERSION; from++) {
    it(`migrate a database at version ${from} to the latest with its data intact`, () => {
      const s = scratchDir();
      cleanups.push(s.cleanup);
      const path = join(s.dir, 'old.db');
      const raw = new Database(path);
      expect(migrate(raw, from)).toBe(from);
      if (from >= 1) {
        raw
          .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
          .run('kiosk.name', 'Quầy 1', 1);
        raw
          .prepare(
            `INSERT INTO outbox (local_ref, idempotency_key, service_id, procedure_code, masked_id, state, next_attempt_at, created_at, delivered_at, dossier_code)
             VALUES ('L-old', 'k-old', 'svc', '1.004194', '0010******45', 'delivered', 0, 1, 5, 'C-old')`,
          )
          .run();
      }
      raw.close();
      const store = KioskStore.open({ path, keys: new MemoryKeyProvider() });
      cleanups.unshift(() => store.close());
      expect(schemaVersion(store.db)).toBe(LATEST_VERSION);
      if (from >= 1) {
        expect(store.getSetting('kiosk.name')).toBe('Quầy 1');
        const rec = store.findOutbox({ localRef: 'L-old' });
        expect(rec).toMatchObject({ state: 'delivered', dossierCode: 'C-old' });
        // Migration 003 made already-delivered rows purgeable.
        expect(store.purgeExpired(10).dossiers).toBe(from < 3 ? 1 : 0);
      }
      expect(store.verifyAudit().ok).toBe(true);
      const versions = store.db.prepare('SELECT version FROM schema_version ORDER BY version').all();
      expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    });
  }

  it('refuse a database newer than the program', () => {
    const s = scratchDir();
    cleanups.push(s.cleanup);
    const path = join(s.dir, 'new.db');
    const raw = new Database(path);
    migrate(raw);
    raw
      .prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)')
      .run(LATEST_VERSION + 1, 'future', 0);
    raw.close();
    expect(() => KioskStore.open({ path, keys: new MemoryKeyProvider() })).toThrow(
      expect.objectContaining({ code: 'store-schema-too-new' }),
    );
  });
});
