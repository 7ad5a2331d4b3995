/**
 * Queue tickets for the counters: a citizen who needs an officer takes a number for the right counter
 * group. When the centre runs a queue system (`queue.centre`), the number comes from it (`centre.ts`), so every
 * kiosk and counter shares one sequence. Otherwise — or when the centre does not answer — the kiosk issues its
 * own number: per day and group (A001, A002…; Asia/Ho_Chi_Minh days), surviving restarts (SQLite settings), with
 * the kiosk's prefix (`queue.kioskPrefix`, "K07-A001") so two kiosks never print the same number; a fallback
 * ticket says the centre's system did not answer. Printed (a small PDF; thermal printers get it rasterised) and
 * shown on screen. No personal data is involved.
 */
import { KioskApiError } from '../../common/api/contract';
import { formatDateTime } from '../../common/text/format';
import type { PrinterService } from '../printer';
import { renderRollPdf } from '../receipt/roll-pdf';
import { vietnamDay } from '../store/pii';
import type { KioskStore } from '../store/store';
import type { CentreQueue } from './centre';

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
  /** Tickets of this group issued before this one today (an upper bound of who is waiting); 0 when unknown. */
  ahead: number;
  /** Who issued the number: the centre's queue system, or this kiosk. */
  source: 'centre' | 'kiosk';
  /** The centre runs a queue system but did not answer: the kiosk issued its own (prefixed) number. */
  centreDown: boolean;
}

export interface QueueServiceOptions {
  store: KioskStore;
  printer: PrinterService | null;
  /** The centre's queue system; null: the kiosk issues numbers. */
  centre?: CentreQueue | null;
  /** Sent to the centre with each request. */
  kioskId?: string;
  /** Prefix of the kiosk's own numbers (`K07` → `K07-A001`); null: none (a centre with a single kiosk). */
  kioskPrefix?: string | null;
  now?: () => number;
}

export class QueueService {
  constructor(private readonly o: QueueServiceOptions) {}

  /** A number from the centre's queue system when there is one, else (or when it is down) the kiosk's own. */
  async take(group: QueueGroup): Promise<QueueTicket> {
    if (!Object.hasOwn(QUEUE_GROUPS, group))
      throw new KioskApiError('queue-unknown-group', `Unknown group ${group}`);
    const centre = this.o.centre ?? null;
    if (!centre) return this.takeLocal(group, false);
    try {
      const t = await centre.issue({ group, kioskId: this.o.kioskId ?? 'KIOSK' });
      return {
        number: t.number,
        group,
        issuedAt: this.o.now?.() ?? Date.now(),
        ahead: t.ahead ?? 0,
        source: 'centre',
        centreDown: false,
      };
    } catch {
      return this.takeLocal(group, true);
    }
  }

  private takeLocal(group: QueueGroup, centreDown: boolean): QueueTicket {
    const g = QUEUE_GROUPS[group];
    const issuedAt = this.o.now?.() ?? Date.now();
    const key = `queue:${vietnamDay(issuedAt)}:${group}`;
    const n = Number(this.o.store.getSetting(key) ?? '0') + 1;
    this.o.store.setSetting(key, String(n));
    const prefix = this.o.kioskPrefix ? `${this.o.kioskPrefix}-` : '';
    return {
      number: `${prefix}${g.letter}${String(n).padStart(3, '0')}`,
      group,
      issuedAt,
      ahead: n - 1,
      source: 'kiosk',
      centreDown,
    };
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
  doc.font('body').fontSize(9).text(kioskName, { align: 'center' });
  doc.font('bold').fontSize(11).text('PHIẾU SỐ THỨ TỰ', { align: 'center' });
  doc.moveDown(0.5);
  doc
    .font('bold')
    .fontSize(ticket.number.length > 6 ? 32 : 48)
    .text(ticket.number, { align: 'center' });
  doc.font('body').fontSize(9).text(QUEUE_GROUPS[ticket.group].vi, { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(8).text(formatDateTime(ticket.issuedAt), {
    align: 'center',
  });
  doc.text('Vui lòng chờ đến khi số của bạn được gọi.', { align: 'center' });
  if (ticket.centreDown)
    doc
      .moveDown(0.3)
      .text('Hệ thống xếp hàng của trung tâm chưa trả lời: số này do ki-ốt cấp.', { align: 'center' });
}
