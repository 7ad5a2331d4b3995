/**
 * A completed declaration form as an A4 PDF for signature, in the official layout as far as the form data
 * describes it: the form code top right, the national title block, the form title, "Kính gửi", the numbered
 * items with their answers, the pledge (hộ tịch declarations), the place/date line and the signature blocks
 * (consents of the household head / owner / guardian, the declarant). Noto Sans (host/receipt fonts).
 */
import { visibleFields } from '../../catalogue';
import type { Form } from '../../common/catalogue/schema';
import { resolveFonts, type ReceiptFonts } from '../receipt/fonts';
import { startPdf } from '../receipt/pdf-doc';
import { PrintFormsError } from './errors';
import { paperAnswer } from './answer-text';
import { signatureBlocks, type SignatureBlock } from './signatures';

export interface PrintableForm {
  form: Form;
  answers: Record<string, unknown>;
}

export interface FormsPdfInput {
  forms: PrintableForm[];
  /** "Kính gửi": the receiving agency, when known. */
  recipient: string | null;
  /** The place on the date line (the kiosk's commune or province). */
  place: string;
  /** The filing date, ISO `YYYY-MM-DD` (Vietnam time). */
  date: string;
  /** The verified card holder: conditions on age / chip decide which items the form has. */
  identity?: Record<string, unknown> | null;
  /** Printed in the footer ("Ki-ốt dịch vụ công …"). */
  issuingSystem: string;
}

/** Forms whose official text ends with the requester's pledge (hộ tịch declarations, forms.md). */
const PLEDGE_FORMS = new Set(['birth-declaration', 'death-declaration', 'marriage-declaration']);
const PLEDGE =
  'Tôi cam đoan nội dung đề nghị trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.';

/** "Mẫu CT01" unless the code already says "Mẫu …". */
export function formCodeLine(form: Form): string | null {
  if (!form.code) return null;
  return /^mẫu/i.test(form.code) ? form.code : `Mẫu ${form.code}`;
}

/** "Phường Mẫu Một, ngày 05 tháng 11 năm 2026". */
export function dateLine(place: string, iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

const A4_MARGIN = 56;

export async function renderFormsPdf(
  input: FormsPdfInput,
  opts: { fonts?: Partial<ReceiptFonts> } = {},
): Promise<Buffer> {
  if (input.forms.length === 0) throw new PrintFormsError('print-forms-invalid', 'no form to print');
  const fonts = resolveFonts(opts.fonts);
  try {
    const { doc, finished } = startPdf(
      {
        size: 'A4',
        margin: A4_MARGIN,
        autoFirstPage: false,
        info: { Title: input.forms.map((f) => f.form.title.vi).join(' · '), Creator: input.issuingSystem },
      },
      fonts,
    );
    for (const item of input.forms) page(doc, item, input);
    doc.end();
    return await finished;
  } catch (err) {
    if (err instanceof PrintFormsError) throw err;
    throw new PrintFormsError('print-forms-render-failed', 'could not render the form', { cause: err });
  }
}

function page(doc: PDFKit.PDFDocument, { form, answers }: PrintableForm, input: FormsPdfInput): void {
  doc.addPage();
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const ensure = (h: number): void => {
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  const code = formCodeLine(form);
  if (code) {
    doc.font('bold').fontSize(10).text(code, left, doc.y, { width, align: 'right' });
    doc.moveDown(0.6);
  }
  doc
    .font('bold')
    .fontSize(12)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', left, doc.y, { width, align: 'center' });
  const ruleY = doc.y + 2;
  doc
    .moveTo(left + width / 2 - 80, ruleY)
    .lineTo(left + width / 2 + 80, ruleY)
    .lineWidth(0.6)
    .stroke();
  doc.y = ruleY + 14;
  doc.font('bold').fontSize(14).text(form.title.vi.toUpperCase(), left, doc.y, { width, align: 'center' });
  doc.moveDown(0.8);
  if (input.recipient) {
    doc
      .font('body')
      .fontSize(12)
      .text(`Kính gửi: ${input.recipient}`, left, doc.y, { width, align: 'center' });
    doc.moveDown(0.8);
  }

  const fields = visibleFields(form, answers, { identity: input.identity ?? null, today: input.date });
  fields.forEach((field, i) => {
    const value = paperAnswer(field, answers[field.id]);
    ensure(30);
    const label = `${i + 1}. ${field.label.vi}${/[?:]\s*$/.test(field.label.vi) ? '' : ':'} `;
    if (field.type === 'table' && value) {
      doc.font('body').fontSize(11).text(label, left, doc.y, { width });
      doc
        .font('bold')
        .fontSize(11)
        .text(value, left + 14, doc.y, { width: width - 14 });
    } else {
      doc
        .font('body')
        .fontSize(11)
        .text(label, left, doc.y, { width, continued: true })
        .font('bold')
        .text(value ?? '……………………………………');
    }
    doc.moveDown(0.35);
  });

  if (PLEDGE_FORMS.has(form.id)) {
    doc.moveDown(0.4);
    ensure(40);
    doc.font('body').fontSize(11).text(PLEDGE, left, doc.y, { width });
  }

  doc.moveDown(0.8);
  ensure(24);
  doc
    .font('body')
    .fontSize(11)
    .text(dateLine(input.place, input.date), left + width / 2, doc.y, { width: width / 2, align: 'center' });
  doc.moveDown(0.4);
  // only what the form asks for these answers (a hidden guardian step's prefill signs nothing)
  const shown = Object.fromEntries(fields.map((f) => [f.id, answers[f.id]]));
  signatures(doc, signatureBlocks(form.id, shown), left, width, ensure);

  if (form.fidelity === 'outline') {
    doc.moveDown(1);
    ensure(30);
    doc
      .font('body')
      .fontSize(8)
      .text(
        'Tờ khai được in theo nội dung các mục đã khai tại ki-ốt; cán bộ tiếp nhận đối chiếu với mẫu chính thức.',
        left,
        doc.y,
        { width, align: 'center' },
      );
  }
  doc.font('body').fontSize(8).text(input.issuingSystem, left, doc.y, { width, align: 'center' });
}

/** Two columns: consents on the left, the declarant(s) on the right, row by row. */
function signatures(
  doc: PDFKit.PDFDocument,
  blocks: SignatureBlock[],
  left: number,
  width: number,
  ensure: (h: number) => void,
): void {
  const col = width / 2;
  // the declarant sits bottom right; the others fill from the top left
  const declarants = blocks.filter((b) => b.kind === 'declarant');
  const consents = blocks.filter((b) => b.kind === 'consent');
  const cells: (SignatureBlock | null)[] = [...consents, ...declarants.slice(0, -1)];
  if (cells.length % 2 === 0) cells.push(null);
  cells.push(declarants[declarants.length - 1] ?? null);
  for (let i = 0; i < cells.length; i += 2) {
    ensure(120);
    const top = doc.y;
    let bottom = top;
    for (const [j, b] of [cells[i], cells[i + 1]].entries()) {
      if (!b) continue;
      const x = left + j * col;
      doc
        .font('bold')
        .fontSize(11)
        .text(b.title, x, top, { width: col - 8, align: 'center' });
      doc
        .font('body')
        .fontSize(9)
        .text(b.note, x, doc.y, { width: col - 8, align: 'center' });
      doc.y += 48;
      doc
        .font('bold')
        .fontSize(11)
        .text(b.name ?? '', x, doc.y, { width: col - 8, align: 'center' });
      if (b.idNumber)
        doc
          .font('body')
          .fontSize(9)
          .text(`Số định danh cá nhân: ${b.idNumber}`, x, doc.y, { width: col - 8, align: 'center' });
      bottom = Math.max(bottom, doc.y);
    }
    doc.y = bottom + 14;
  }
  doc.x = left;
}
