import PDFDocument from 'pdfkit';
import { resolveFonts } from './fonts';

/** Width of an 80 mm roll in PDF points. */
export const ROLL_WIDTH_PT = 226.77;

/**
 * A small 80 mm PDF (queue tickets, exam registration slips): the document with the receipt fonts registered as
 * `body` and `bold`, handed to `draw`; resolves to the bytes once `draw` has written it.
 */
export async function renderRollPdf(
  opts: { title: string; heightPt: number },
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const fonts = resolveFonts();
  const doc = new PDFDocument({
    size: [ROLL_WIDTH_PT, opts.heightPt],
    margin: 14,
    info: { Title: opts.title },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  draw(doc);
  doc.end();
  return done;
}
