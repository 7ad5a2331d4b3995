import PDFDocument from 'pdfkit';
import type { ReceiptFonts } from './fonts';

/**
 * A pdfkit document with the kiosk's two faces registered (`body`, `bold`) and its bytes collected:
 * `finished` resolves with the whole PDF after `doc.end()`. Shared by receipts, reports and printed forms.
 */
export function openPdfDocument(
  options: PDFKit.PDFDocumentOptions,
  fonts: ReceiptFonts,
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
