/**
 * The citizen's receipt: the QR text (TT 01/2023 fields) for the screen, and printing on the kiosk's
 * printer (A4 or 80 mm thermal; a PDF file in browser/dev mode). Only receipts of the current session.
 */
import { KioskApiError } from '../../common/api/contract';
import type { PrinterService } from '../printer';
import { receiptDataFrom, receiptQrText, renderReceiptPdf } from '../receipt';
import type { SessionManager } from '../session/session-manager';
import type { KioskStore } from '../store/store';

export class ReceiptService {
  constructor(
    private readonly o: {
      store: KioskStore;
      printer: PrinterService | null;
      sessions: SessionManager;
      issuingSystem: string;
    },
  ) {}

  private record(localRef: string) {
    const mine = (this.o.sessions.active?.personal.get('receipts') as string[] | undefined) ?? [];
    if (!mine.includes(localRef))
      throw new KioskApiError('receipt-not-found', 'Not a receipt of this session');
    const r = this.o.store.getReceipt({ localRef });
    if (!r) throw new KioskApiError('receipt-not-found', 'No such receipt');
    return r;
  }

  qrText(localRef: string): string {
    return receiptQrText(receiptDataFrom(this.record(localRef), { issuingSystem: this.o.issuingSystem }));
  }

  async print(localRef: string): Promise<{ kind: string; qrText: string }> {
    const data = receiptDataFrom(this.record(localRef), { issuingSystem: this.o.issuingSystem });
    const qrText = receiptQrText(data);
    if (!this.o.printer) throw new KioskApiError('printer-offline', 'No printer configured');
    const pdf = await renderReceiptPdf(data, { paper: this.o.printer.paper });
    const done = await this.o.printer.print(pdf, null, { code: data.dossierCode ?? data.localRef });
    return { kind: done.kind, qrText };
  }
}
