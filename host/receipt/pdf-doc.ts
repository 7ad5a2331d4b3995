import PDFDocument from 'pdfkit';
import { resolveFonts, type ReceiptFonts } from './fonts';

/**
 * A PDFKit document with the kiosk's fonts registered as `body` and `bold`, and the promise of its bytes once
 * `doc.end()` is called (receipts, agency receipts, reports, printed forms, roll
 * tickets and slips, the staff's list of dossiers that could not be sent).
 */
export function startPdf(
  options: PDFKit.PDFDocumentOptions,
  fonts: ReceiptFonts = resolveFonts(),
): { doc: PDFKit.PDFDocument; finished: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  return { doc, finished };
}
