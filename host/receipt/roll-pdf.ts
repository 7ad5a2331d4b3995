import { startPdf } from './pdf-doc';

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
  const { doc, finished } = startPdf({
    size: [ROLL_WIDTH_PT, opts.heightPt],
    margin: 14,
    info: { Title: opts.title },
  });
  draw(doc);
  doc.end();
  return finished;
}
