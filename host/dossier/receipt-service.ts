/**
 * The citizen's receipt: the QR text (TT 01/2023 fields) for the screen, and printing on the kiosk's
 * printer (A4 or 80 mm thermal; a PDF file in browser/dev mode). Only receipts of the current session.
 *
 * A receipt PDF holds the applicant's name: in file mode (no printer) the file is written 0600 and deleted when
 * the session ends; files a crash left behind are deleted when the service starts. Real printers get the bytes
 * directly (ESC/POS) or through CUPS's spool (see the threat model in docs/ARCHITECTURE.md).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KioskApiError } from '../../common/api/contract';
import type { PrinterService } from '../printer';
import { receiptDataFrom, receiptQrText, renderReceiptPdf } from '../receipt';
import type { SessionManager } from '../session/session-manager';
import type { KioskStore } from '../store/store';

/** Deletes every receipt PDF in `dir` (file mode's output folder); returns how many. */
export function sweepReceiptFiles(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names.filter((f) => f.endsWith('.pdf') || f.endsWith('.tmp'))) {
    rmSync(join(dir, name), { force: true });
    n++;
  }
  return n;
}

export class ReceiptService {
  /** Receipt files written for the current session (file mode), deleted when it ends. */
  private readonly files = new Set<string>();

  constructor(
    private readonly o: {
      store: KioskStore;
      printer: PrinterService | null;
      sessions: SessionManager;
      issuingSystem: string;
    },
  ) {
    const printer = o.printer?.printer;
    if (printer && 'dir' in printer && typeof printer.dir === 'string') sweepReceiptFiles(printer.dir);
    o.sessions.onEnd(() => this.deleteFiles());
  }

  private deleteFiles(): void {
    for (const f of this.files) rmSync(f, { force: true });
    this.files.clear();
  }

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
    if (done.kind === 'file' && done.detail) {
      // The session may have ended while printing: then the file goes at once.
      if (this.o.sessions.active) this.files.add(done.detail);
      else rmSync(done.detail, { force: true });
    }
    return { kind: done.kind, qrText };
  }
}
