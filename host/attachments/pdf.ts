import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { SubmissionFile } from '../portal/types';
import { AttachmentError } from './errors';
import { encodeJpeg, type GrayImage } from './image';

/** Largest PDF the kiosk sends for one document (the system's own limit may be lower: it refuses then). */
export const MAX_FILE_BYTES = 5_000_000;

/** One page per image, each fitted on A4 with a margin, as JPEG: a PDF the receiving officer can print. */
export async function imagesToPdf(pages: GrayImage[], name: string, title: string): Promise<SubmissionFile> {
  const doc = new PDFDocument({ size: 'A4', margin: 24, autoFirstPage: false, info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const img of pages) {
    doc.addPage();
    const w = doc.page.width - 48;
    const h = doc.page.height - 48;
    doc.image(encodeJpeg(img), 24, 24, { fit: [w, h], align: 'center', valign: 'center' });
  }
  doc.end();
  const bytes = await done;
  if (bytes.length > MAX_FILE_BYTES)
    throw new AttachmentError(
      'attachment-too-large',
      `PDF of ${bytes.length} bytes is over ${MAX_FILE_BYTES}`,
    );
  return {
    name,
    mime: 'application/pdf',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    base64: bytes.toString('base64'),
    pages: pages.length,
  };
}
