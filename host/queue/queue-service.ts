/**
 * Queue tickets for the counters: a citizen who needs an officer takes a number for the right counter
 * group. Numbers run per day and group (A001, A002…; Asia/Ho_Chi_Minh days) and survive restarts (SQLite
 * settings). The ticket is printed (a small PDF; thermal printers get it rasterised) and shown on screen.
 * No personal data is involved.
 */
import { KioskApiError } from '../../common/api/contract';
import type { PrinterService } from '../printer';
import { renderRollPdf } from '../receipt/roll-pdf';
import { vietnamDay } from '../store/pii';
import type { KioskStore } from '../store/store';

export const QUEUE_GROUPS = {
  police: {
    letter: 'A',
    vi: 'Công an xã: căn cước, cư trú, xe',
    en: 'Commune police: ID cards, residence, vehicles',
  },
  justice: {
    letter: 'B',
    vi: 'Tư pháp – hộ tịch: khai sinh, kết hôn, khai tử',
    en: 'Civil status: births, marriages, deaths',
  },
  general: { letter: 'C', vi: 'Các thủ tục khác, hỏi đáp', en: 'Other services and questions' },
} as const;
export type QueueGroup = keyof typeof QUEUE_GROUPS;

export interface QueueTicket {
  number: string;
  group: QueueGroup;
  issuedAt: number;
  /** Tickets of this group issued before this one today (an upper bound of who is waiting). */
  ahead: number;
}

export class QueueService {
  constructor(
    private readonly o: { store: KioskStore; printer: PrinterService | null; now?: () => number },
  ) {}

  take(group: QueueGroup): QueueTicket {
    const g = QUEUE_GROUPS[group];
    if (!g) throw new KioskApiError('queue-unknown-group', `Unknown group ${group}`);
    const issuedAt = this.o.now?.() ?? Date.now();
    const key = `queue:${vietnamDay(issuedAt)}:${group}`;
    const n = Number(this.o.store.getSetting(key) ?? '0') + 1;
    this.o.store.setSetting(key, String(n));
    return { number: `${g.letter}${String(n).padStart(3, '0')}`, group, issuedAt, ahead: n - 1 };
  }

  async print(ticket: QueueTicket, kioskName: string): Promise<string> {
    if (!this.o.printer) throw new KioskApiError('printer-offline', 'No printer configured');
    const pdf = await ticketPdf(ticket, kioskName);
    return (await this.o.printer.print(pdf, null, { code: `queue-${ticket.number}` })).kind;
  }
}

/** An 80 mm ticket: the number large, the counter group, the time. */
export function ticketPdf(ticket: QueueTicket, kioskName: string): Promise<Buffer> {
  return renderRollPdf({ title: 'Phiếu số thứ tự', heightPt: 283.46 }, (doc) =>
    drawTicket(doc, ticket, kioskName),
  );
}

function drawTicket(doc: PDFKit.PDFDocument, ticket: QueueTicket, kioskName: string): void {
  const time = new Date(ticket.issuedAt + 7 * 3_600_000).toISOString();
  doc.font('body').fontSize(9).text(kioskName, { align: 'center' });
  doc.font('bold').fontSize(11).text('PHIẾU SỐ THỨ TỰ', { align: 'center' });
  doc.moveDown(0.5);
  doc.font('bold').fontSize(48).text(ticket.number, { align: 'center' });
  doc.font('body').fontSize(9).text(QUEUE_GROUPS[ticket.group].vi, { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(8).text(`${time.slice(11, 16)} ${time.slice(8, 10)}/${time.slice(5, 7)}/${time.slice(0, 4)}`, {
    align: 'center',
  });
  doc.text('Vui lòng chờ đến khi số của bạn được gọi.', { align: 'center' });
}
