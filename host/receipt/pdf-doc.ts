import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { resolveFonts, type ReceiptFonts } from './fonts';

/**
 * Each font file parsed once per process. PDFKit given a path parses the whole TrueType file again for every
 * document (Noto Sans: ~25 ms per face, most of a form's render time); given a fontkit font it embeds its
 * per-document subset from that. Each document gets its own view of the parsed font with an empty glyph cache:
 * fontkit keeps the code points a glyph was first met with (PDFKit's ToUnicode map, i.e. the copyable text),
 * so a shared cache would let one document's text change another's. The PDF bytes are those of a fresh parse.
 */
const parsedFonts = new Map<string, Font>();

function fontFor(file: string): Font | string {
  let font = parsedFonts.get(file);
  if (!font) {
    const parsed = create(readFileSync(file));
    if (!('layout' in parsed)) return file; // a font collection: PDFKit picks its face from the path
    font = parsed;
    parsedFonts.set(file, font);
  }
  // Tables (decoded once, lazily) are shared through the prototype; glyph objects are this document's own.
  return Object.create(font, { _glyphs: { value: {}, writable: true } }) as Font;
}

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
  // PDFKit's font factory takes a fontkit font as well as a path or bytes (its types list only the latter).
  doc.registerFont('body', fontFor(fonts.regular) as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('bold', fontFor(fonts.bold) as PDFKit.Mixins.PDFFontSource);
  return { doc, finished };
}
