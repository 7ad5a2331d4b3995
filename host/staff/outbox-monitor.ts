/**
 * The staff outbox monitor: counts, the list of dossiers, retrying a dead letter and the dead-letter list for the
 * counter — all WITHOUT personal data. A row carries the kiosk's local reference, the service and procedure, the
 * state, attempts, the last error code and times; never a name, an ID number (not even masked) or an answer.
 */
import { KioskApiError } from '../../common/api/contract';
import { formatDateTime } from '../../common/text/format';
import type { Outbox } from '../outbox/outbox';
import type { PrinterService } from '../printer';
import { startPdf } from '../receipt/pdf-doc';
import type { AuditActor } from '../store/audit';
import { vietnamDay } from '../store/pii';
import type { KioskStore, OutboxRecord } from '../store/store';

/** `failed` in the store is the staff's "dead letter": refused by the portal or set aside (payload unreadable). */
export type OutboxRowState = 'queued' | 'sending' | 'dead-letter' | 'delivered';

export interface OutboxSummary {
  queued: number;
  sending: number;
  deadLetter: number;
  deliveredToday: number;
  /** Age in seconds of the oldest dossier still queued; null when none is. */
  oldestQueuedSeconds: number | null;
}

export interface OutboxRow {
  id: string;
  serviceId: string;
  procedureCode: string;
  state: OutboxRowState;
  attempts: number;
  lastErrorCode: string | null;
  createdAt: number;
  nextAttemptAt: number | null;
  deliveredAt: number | null;
}

/** The columns of the export, in order: the PII-free row, nothing else. */
export const EXPORT_COLUMNS = [
  'id',
  'serviceId',
  'procedureCode',
  'state',
  'attempts',
  'lastErrorCode',
  'createdAt',
  'nextAttemptAt',
  'deliveredAt',
] as const satisfies readonly (keyof OutboxRow)[];

export interface OutboxMonitorOptions {
  store: KioskStore;
  outbox: Outbox;
  printer?: PrinterService | null;
  kioskName?: string;
  now?: () => number;
}

/** Midnight of the Vietnam day that contains `ms` (UTC+7, no daylight saving). */
export function vietnamDayStart(ms: number): number {
  return Date.parse(`${vietnamDay(ms)}T00:00:00+07:00`);
}

export class OutboxMonitor {
  private readonly now: () => number;

  constructor(private readonly o: OutboxMonitorOptions) {
    this.now = o.now ?? Date.now;
  }

  summary(): OutboxSummary {
    const now = this.now();
    const s = this.o.store.outboxSummary(vietnamDayStart(now));
    const sending = Math.min(this.o.outbox.sendingCount, s.queued);
    return {
      queued: s.queued - sending,
      sending,
      deadLetter: s.failed,
      deliveredToday: s.deliveredSince,
      oldestQueuedSeconds:
        s.oldestQueuedAt === null ? null : Math.max(0, Math.floor((now - s.oldestQueuedAt) / 1000)),
    };
  }

  /** Undelivered dossiers first (newest first), then the latest delivered ones. */
  list(limit = 200): OutboxRow[] {
    const sending = new Set(this.o.outbox.sendingRefs());
    return this.o.store.listOutbox(limit).map((r) => toRow(r, sending));
  }

  /**
   * Moves one dead letter back to the queue (audited with the staff actor) and wakes the sender.
   * `outbox-not-dead-letter` when the id names no dead letter (already retried, delivered, purged, unknown).
   */
  retry(actor: `staff:${string}`, id: string): { requeued: true } {
    const rec = this.o.store.findOutbox({ localRef: id });
    if (!rec || rec.state !== 'failed' || rec.purged)
      throw new KioskApiError('outbox-not-dead-letter', 'No dead letter with this reference');
    if (this.o.outbox.retryNow(actor, id) < 1)
      throw new KioskApiError('outbox-not-dead-letter', 'No dead letter with this reference');
    return { requeued: true };
  }

  /** Dead letters (refused or set aside), newest first, as PII-free rows. */
  deadLetters(): OutboxRow[] {
    return this.o.store.listFailedOutbox().map((r) => toRow(r, new Set()));
  }

  /** The dead letters as CSV (RFC 4180, CRLF, UTF-8), the PII-free columns only; audited. */
  exportCsv(actor: AuditActor): { csv: string; rows: OutboxRow[] } {
    const rows = this.deadLetters();
    this.o.store.audit(actor, 'outbox.exported', undefined, { rows: rows.length });
    return { csv: toCsv(rows), rows };
  }

  /**
   * Prints the dead letters for the counter through the kiosk's printer: A4, or one 80 mm roll page on a thermal
   * printer (the ESC/POS path rasterises the first page). Returns how it was printed (`file`, `escpos`, `cups`).
   */
  async printDeadLetters(rows: readonly OutboxRow[]): Promise<string> {
    const printer = this.o.printer;
    if (!printer) throw new KioskApiError('printer-offline', 'No printer configured');
    const pdf = await deadLetterPdf(rows, {
      kioskName: this.o.kioskName ?? '',
      at: this.now(),
      paper: printer.paper,
    });
    return (await printer.print(pdf, null, { code: `outbox-export-${vietnamDay(this.now())}` })).kind;
  }
}

function toRow(r: OutboxRecord, sending: ReadonlySet<string>): OutboxRow {
  const state: OutboxRowState =
    r.state === 'failed'
      ? 'dead-letter'
      : r.state === 'delivered'
        ? 'delivered'
        : sending.has(r.localRef)
          ? 'sending'
          : 'queued';
  return {
    id: r.localRef,
    serviceId: r.serviceId,
    procedureCode: r.procedureCode,
    state,
    attempts: r.attempts,
    lastErrorCode: r.deadReason ?? r.lastError,
    createdAt: r.createdAt,
    nextAttemptAt: r.state === 'queued' ? r.nextAttemptAt : null,
    deliveredAt: r.deliveredAt,
  };
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toCsv(rows: readonly OutboxRow[]): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const r of rows)
    lines.push(
      EXPORT_COLUMNS.map((c) =>
        csvField(c === 'createdAt' || c === 'nextAttemptAt' || c === 'deliveredAt' ? iso(r[c]) : r[c]),
      ).join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The printed list of dead letters, titled for the counter: one block per dossier (reference, service and
 * procedure, error code and attempts, time received). A4 pages, or a single 80 mm roll page as tall as the list.
 */
export async function deadLetterPdf(
  rows: readonly OutboxRow[],
  o: { kioskName: string; at: number; paper: 'a4' | '80mm' },
): Promise<Buffer> {
  const roll = o.paper === '80mm';
  const { doc, finished: done } = startPdf({
    size: roll ? [226.77, Math.min(14_000, 120 + rows.length * 52)] : 'A4',
    margin: roll ? 12 : 48,
    info: { Title: 'Hồ sơ chưa gửi được' },
  });
  const s = roll ? 0.7 : 1;
  doc
    .font('bold')
    .fontSize(14 * s)
    .text('HỒ SƠ CHƯA GỬI ĐƯỢC');
  doc
    .font('body')
    .fontSize(9 * s)
    .text(`${o.kioskName} · ${formatDateTime(o.at)} · ${rows.length} hồ sơ`);
  for (const r of rows) {
    doc.moveDown(0.6);
    doc
      .font('bold')
      .fontSize(10 * s)
      .text(r.id);
    doc.font('body').fontSize(9 * s);
    doc.text(`${r.serviceId} (${r.procedureCode})`);
    doc.text(
      `Lỗi: ${r.lastErrorCode ?? '—'} · ${r.attempts} lần gửi · ghi nhận ${formatDateTime(r.createdAt)}`,
    );
  }
  doc.end();
  return done;
}
