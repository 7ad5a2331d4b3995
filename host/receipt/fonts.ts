import PDFDocument from 'pdfkit';
import { existsSync } from 'node:fs';
import { ReceiptError } from './errors';

/** Noto Sans covers every Vietnamese precomposed letter (Debian `fonts-noto-core`; scripts/setup installs it). */
export const DEFAULT_FONTS = {
  regular: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  bold: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
} as const;

export interface ReceiptFonts {
  regular: string;
  bold: string;
}

/** Checks the fonts exist; the bold face falls back to the regular one. */
export function resolveFonts(fonts: Partial<ReceiptFonts> = {}): ReceiptFonts {
  const regular = fonts.regular ?? DEFAULT_FONTS.regular;
  if (!existsSync(regular)) {
    throw new ReceiptError(
      'receipt-font-missing',
      `font ${regular} is missing: install the Debian package fonts-noto-core (scripts/setup.sh does) — receipts need full Vietnamese coverage`,
    );
  }
  const bold = fonts.bold ?? DEFAULT_FONTS.bold;
  return { regular, bold: existsSync(bold) ? bold : regular };
}

/**
 * A new PDF with the kiosk's fonts registered as `body` and `bold`, and its bytes once `doc.end()` is called
 * (small printed documents: the queue ticket, the staff's list of dossiers that could not be sent).
 */
export function startPdf(
  options: PDFKit.PDFDocumentOptions,
  fonts: ReceiptFonts = resolveFonts(),
): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  return { doc, done };
}
