import { rmSync } from 'node:fs';
import QRCode from 'qrcode';
import { KioskApiError } from '../../common/api/contract';
import type { PrinterService } from '../printer';
import { resolveFonts } from '../receipt/fonts';
import { startPdf } from '../receipt/pdf-doc';
import type { SessionManager } from '../session/session-manager';

/** A receipt of an agency service: a title, label/value rows, what to bring, an optional QR (a public link). */
export interface AgencyReceipt {
  title: string;
  rows: [string, string][];
  toBringTitle?: string;
  toBring?: string[];
  qr?: { text: string; caption: string } | null;
  /** Names the file in file mode (a code, never personal data). */
  code: string;
}

const MM = 72 / 25.4;

/** Renders an agency receipt (A4 or an 80 mm roll) in Noto Sans, as host/receipt does for dossiers. */
export async function renderAgencyReceiptPdf(r: AgencyReceipt, paper: 'a4' | '80mm'): Promise<Buffer> {
  const fonts = resolveFonts();
  const roll = paper === '80mm';
  const { doc, finished } = startPdf(
    { size: roll ? [80 * MM, 297 * MM] : 'A4', margin: roll ? 4 * MM : 56, info: { Title: r.title } },
    fonts,
  );
  const size = roll
    ? { header: 7.5, title: 11, label: 7.5, value: 9 }
    : { header: 11, title: 16, label: 10, value: 12 };
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.font('bold').fontSize(size.header).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  doc.font('body').fontSize(size.header).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  doc.moveDown(roll ? 0.6 : 1.2);
  doc.font('bold').fontSize(size.title).text(r.title.toUpperCase(), { align: 'center' });
  doc.moveDown(roll ? 0.5 : 1);
  for (const [label, value] of r.rows) {
    doc.font('body').fontSize(size.label).text(label, left, doc.y, { width });
    doc.font('bold').fontSize(size.value).text(value, left, doc.y, { width });
    doc.moveDown(0.3);
  }
  if (r.toBring && r.toBring.length > 0) {
    doc.moveDown(0.4);
    doc
      .font('bold')
      .fontSize(size.value)
      .text(r.toBringTitle ?? 'Cần mang theo', left, doc.y, { width });
    doc.font('body').fontSize(size.value);
    for (const item of r.toBring) doc.text(`• ${item}`, left, doc.y, { width });
  }
  if (r.qr) {
    const png = await QRCode.toBuffer(r.qr.text, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
    doc.moveDown(0.6);
    const side = roll ? 40 * MM : 50 * MM;
    doc.image(png, left + (width - side) / 2, doc.y, { width: side });
    doc.y += side + 4;
    doc.font('body').fontSize(size.label).text(r.qr.caption, left, doc.y, { width, align: 'center' });
  }
  doc.end();
  return finished;
}

/**
 * Prints agency receipts through the kiosk's printer; in file mode the PDF files are deleted when the
 * session ends (they hold personal data).
 */
export class AgencyReceiptPrinter {
  private readonly files = new Set<string>();

  constructor(
    private readonly printer: PrinterService | null,
    private readonly sessions: SessionManager,
  ) {
    sessions.onEnd(() => {
      for (const f of this.files) rmSync(f, { force: true });
      this.files.clear();
    });
  }

  async print(r: AgencyReceipt): Promise<{ kind: string }> {
    if (!this.printer) throw new KioskApiError('printer-offline', 'No printer configured');
    const pdf = await renderAgencyReceiptPdf(r, this.printer.paper);
    const done = await this.printer.print(pdf, null, { code: r.code });
    if (done.kind === 'file' && done.detail) {
      if (this.sessions.active) this.files.add(done.detail);
      else rmSync(done.detail, { force: true });
    }
    return { kind: done.kind };
  }
}
