/**
 * The exam registration's paper receipt (80 mm; thermal printers get it rasterised, browser mode saves the PDF):
 * the registration number, the place, the subjects, the masked ID, the time and the papers to bring. No name, no
 * full ID number: the paper may be left behind.
 */
import { renderRollPdf } from '../../receipt/roll-pdf';
import { formatDateTime } from '../../../common/text/format';

export interface ExamReceiptData {
  registrationNumber: string;
  clusterName: string;
  subjects: string[];
  maskedId: string;
  /** ISO time. */
  receivedAt: string;
  toBring: string[];
}

/** `001190012345` → `0011******45`, as on the dossier receipts. */
export const maskId = (id: string): string =>
  `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 6))}${id.slice(-2)}`;

export function examReceiptPdf(d: ExamReceiptData): Promise<Buffer> {
  return renderRollPdf({ title: 'Phiếu đăng ký dự thi', heightPt: 566.93 }, (doc) => {
    const row = (label: string, value: string) => {
      doc.font('body').fontSize(7.5).text(label);
      doc.font('bold').fontSize(9).text(value);
      doc.moveDown(0.3);
    };
    doc.font('bold').fontSize(11).text('ĐĂNG KÝ DỰ THI TỐT NGHIỆP THPT', { align: 'center' });
    doc.font('body').fontSize(8).text('Thí sinh tự do', { align: 'center' });
    doc.moveDown(0.5);
    row('Số đăng ký dự thi', d.registrationNumber);
    row('Số định danh', d.maskedId);
    row('Nơi đăng ký dự thi', d.clusterName);
    row('Môn thi', d.subjects.join(', '));
    row('Thời điểm đăng ký', formatDateTime(Date.parse(d.receivedAt)));
    doc.font('bold').fontSize(9).text('Giấy tờ cần mang đến nơi đăng ký dự thi');
    doc.font('body').fontSize(9);
    for (const item of [...d.toBring, 'Thẻ Căn cước của bạn']) doc.text(`• ${item}`);
    doc.moveDown(0.4);
    doc
      .fontSize(7.5)
      .text(
        'Hãy giữ số đăng ký dự thi. Nơi đăng ký dự thi sẽ liên hệ với bạn qua số điện thoại bạn đã khai.',
      );
  });
}
