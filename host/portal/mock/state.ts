import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { dossierCodeDay } from '../dates';
import { formatDossierCode } from '../dossier-code';
import type { DossierStatus } from '../status';
import type { WireDossier } from '../wire';

export interface StoredEReceipt {
  SoBienLai: string;
  KyHieu: string;
  NgayLap: string;
  SoTien: number;
}

export interface StoredDossier {
  code: string;
  agency: string;
  idempotencyKey: string;
  bodyHash: string;
  procedureCode: string;
  procedureName: string;
  localRef: string;
  /** null: the dossier listed no fee line and the system has none for its channel: nothing billed, not free. */
  feeVnd: number | null;
  paid: boolean;
  payRef: string;
  receivedAt: number;
  appointmentAt: number | null;
  requests: number;
  body: WireDossier;
  eReceipt: StoredEReceipt | null;
}

interface Row {
  code: string;
  agency: string;
  idempotency_key: string;
  body_hash: string;
  procedure_code: string;
  procedure_name: string;
  local_ref: string;
  fee_vnd: number;
  fee_known: number;
  paid: number;
  pay_ref: string;
  received_at: number;
  appointment_at: number | null;
  requests: number;
  body: string;
  e_receipt: string | null;
}

const fromRow = (r: Row): StoredDossier => ({
  code: r.code,
  agency: r.agency,
  idempotencyKey: r.idempotency_key,
  bodyHash: r.body_hash,
  procedureCode: r.procedure_code,
  procedureName: r.procedure_name,
  localRef: r.local_ref,
  feeVnd: r.fee_known === 1 ? r.fee_vnd : null,
  paid: r.paid === 1,
  payRef: r.pay_ref,
  receivedAt: r.received_at,
  appointmentAt: r.appointment_at,
  requests: r.requests,
  body: JSON.parse(r.body) as WireDossier,
  eReceipt: r.e_receipt ? (JSON.parse(r.e_receipt) as StoredEReceipt) : null,
});

export function bodyHash(d: WireDossier): string {
  return createHash('sha256').update(JSON.stringify(d)).digest('hex');
}

export interface StoredFile {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  path: string;
}

/**
 * The mock system's own SQLite file: dossiers (`hoso`, unique on the kiosk's idempotency key), uploaded
 * files (`tep`), the per-agency daily sequence behind `<agency>-YYMMDD-XXXX` and the e-receipt counter.
 */
export class MockPortalState {
  readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a killed process (only a power cut may lose the last commits): enough for a mock.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS sequences (agency TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (agency, day));
      CREATE TABLE IF NOT EXISTS hoso (
        code TEXT PRIMARY KEY, agency TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE, body_hash TEXT NOT NULL,
        procedure_code TEXT NOT NULL, procedure_name TEXT NOT NULL, local_ref TEXT NOT NULL, fee_vnd INTEGER NOT NULL,
        fee_known INTEGER NOT NULL DEFAULT 1,
        paid INTEGER NOT NULL DEFAULT 0, pay_ref TEXT NOT NULL, received_at INTEGER NOT NULL, appointment_at INTEGER,
        requests INTEGER NOT NULL DEFAULT 1, body TEXT NOT NULL, e_receipt TEXT
      );
      CREATE TABLE IF NOT EXISTS tep (
        id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL, mime TEXT NOT NULL, size INTEGER NOT NULL,
        path TEXT NOT NULL, bytes BLOB NOT NULL
      );
      CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, last INTEGER NOT NULL);
    `);
    // A demo database from before unknown fees were told apart: every fee it holds was a figure.
    const columns = this.db.prepare('PRAGMA table_info(hoso)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'fee_known'))
      this.db.exec('ALTER TABLE hoso ADD COLUMN fee_known INTEGER NOT NULL DEFAULT 1');
  }

  close(): void {
    this.db.close();
  }

  byKey(key: string): StoredDossier | null {
    const r = this.db.prepare('SELECT * FROM hoso WHERE idempotency_key = ?').get(key) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  byCode(code: string): StoredDossier | null {
    const r = this.db.prepare('SELECT * FROM hoso WHERE code = ?').get(code) as Row | undefined;
    return r ? fromRow(r) : null;
  }

  /** Stores the file once per content hash; returns what `TaiLenTepTin` answers. */
  putFile(name: string, mime: string, bytes: Buffer): StoredFile {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const id = `TEP-${sha256.slice(0, 16).toUpperCase()}`;
    const path = `/tep/${sha256}`;
    this.db
      .prepare(
        'INSERT INTO tep (id, sha256, name, mime, size, path, bytes) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING',
      )
      .run(id, sha256, name, mime, bytes.length, path, bytes);
    return { id, sha256, name, mime, size: bytes.length, path };
  }

  fileById(id: string): StoredFile | null {
    return (
      (this.db.prepare('SELECT id, sha256, name, mime, size, path FROM tep WHERE id = ?').get(id) as
        StoredFile | undefined) ?? null
    );
  }

  fileBytes(sha256: string): Buffer | null {
    const r = this.db.prepare('SELECT bytes FROM tep WHERE sha256 = ?').get(sha256) as
      { bytes: Buffer } | undefined;
    return r?.bytes ?? null;
  }

  /** Stores a new dossier (or counts a repeat of a known key) and returns it. */
  push(
    agency: string,
    key: string,
    d: WireDossier,
    now: number,
    appointmentAt: number | null,
    feeVnd: number | null,
  ): { dossier: StoredDossier; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.byKey(key);
      if (existing) {
        this.db.prepare('UPDATE hoso SET requests = requests + 1 WHERE code = ?').run(existing.code);
        return { dossier: { ...existing, requests: existing.requests + 1 }, created: false };
      }
      const day = dossierCodeDay(now);
      this.db
        .prepare(
          'INSERT INTO sequences (agency, day, last) VALUES (?, ?, 1) ON CONFLICT(agency, day) DO UPDATE SET last = last + 1',
        )
        .run(agency, day);
      const { last } = this.db
        .prepare('SELECT last FROM sequences WHERE agency = ? AND day = ?')
        .get(agency, day) as { last: number };
      const code = formatDossierCode(agency, day, last);
      this.db
        .prepare(
          `INSERT INTO hoso (code, agency, idempotency_key, body_hash, procedure_code, procedure_name, local_ref, fee_vnd, fee_known, paid, pay_ref,
             received_at, appointment_at, requests, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 1, ?)`,
        )
        .run(
          code,
          agency,
          key,
          bodyHash(d),
          d.MaTTHC,
          d.TenTTHC,
          d.MaThamChieuKiosk,
          feeVnd ?? 0,
          feeVnd === null ? 0 : 1,
          `HS${day}${String(last).padStart(4, '0')}`,
          now,
          appointmentAt,
          JSON.stringify(d),
        );
      return { dossier: this.byCode(code) as StoredDossier, created: true };
    })();
  }

  /** Records the payment and issues the electronic fee receipt (once). */
  markPaid(code: string, issue: (serial: number) => StoredEReceipt): void {
    this.db.transaction(() => {
      const d = this.byCode(code);
      if (!d || d.paid) return;
      this.db
        .prepare(
          "INSERT INTO counters (name, last) VALUES ('bienlai', 1) ON CONFLICT(name) DO UPDATE SET last = last + 1",
        )
        .run();
      const { last } = this.db.prepare("SELECT last FROM counters WHERE name = 'bienlai'").get() as {
        last: number;
      };
      const body = { ...d.body, DuocThanhToanTrucTuyen: '1' as const };
      this.db
        .prepare('UPDATE hoso SET paid = 1, e_receipt = ?, body = ? WHERE code = ?')
        .run(JSON.stringify(issue(last)), JSON.stringify(body), code);
    })();
  }

  list(): StoredDossier[] {
    return (this.db.prepare('SELECT * FROM hoso ORDER BY received_at, code').all() as Row[]).map(fromRow);
  }
}

/**
 * Status as time passes: 1 Mới đăng ký → 2 Được tiếp nhận → 4 Đang xử lý → 9 Đã xử lý xong → 10 Đã trả kết quả,
 * one step per `stepMs`; an unpaid fee holds the dossier at 6 (payment requested) until paid. `stepMs <= 0` freezes at 1.
 */
export function statusAt(d: StoredDossier, now: number, stepMs: number): DossierStatus {
  if (stepMs <= 0) return 1;
  const steps = Math.max(0, Math.floor((now - d.receivedAt) / stepMs));
  const path: DossierStatus[] = [1, 2, 4, 9, 10];
  if ((d.feeVnd ?? 0) > 0 && !d.paid && steps >= 3) return 6;
  return path[Math.min(steps, path.length - 1)] as DossierStatus;
}
