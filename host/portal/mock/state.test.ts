/** The mock portal's store: a demo database from before unknown fees were told apart still opens, its fees figures. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MockPortalState } from './state';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('MockPortalState', () => {
  it('adds fee_known to an older database; the fees it held stay figures, new unknown fees read null', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mock-portal-state-'));
    dirs.push(dir);
    const file = path.join(dir, 'portal.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE hoso (
        code TEXT PRIMARY KEY, agency TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE, body_hash TEXT NOT NULL,
        procedure_code TEXT NOT NULL, procedure_name TEXT NOT NULL, local_ref TEXT NOT NULL, fee_vnd INTEGER NOT NULL,
        paid INTEGER NOT NULL DEFAULT 0, pay_ref TEXT NOT NULL, received_at INTEGER NOT NULL, appointment_at INTEGER,
        requests INTEGER NOT NULL DEFAULT 1, body TEXT NOT NULL, e_receipt TEXT)`);
    old
      .prepare(
        `INSERT INTO hoso (code, agency, idempotency_key, body_hash, procedure_code, procedure_name, local_ref, fee_vnd,
           pay_ref, received_at, body) VALUES ('000.00.01.H22-261130-0001', '000.00.01.H22', 'k1', 'h', '1.004194',
           'Đăng ký tạm trú', 'L-1', 7000, 'HS1', 1, '{}')`,
      )
      .run();
    old.close();
    const state = new MockPortalState(file);
    try {
      expect(state.byCode('000.00.01.H22-261130-0001')?.feeVnd).toBe(7000);
      const body = { MaTTHC: '1.004194', TenTTHC: 'Đăng ký tạm trú', MaThamChieuKiosk: 'L-2' };
      const { dossier } = state.push(
        '000.00.01.H22',
        'k2',
        body as never,
        Date.UTC(2026, 11, 5, 2),
        null,
        null,
      );
      expect(dossier.feeVnd).toBeNull();
    } finally {
      state.close();
    }
  });
});
