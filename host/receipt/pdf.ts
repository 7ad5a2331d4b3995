import QRCode from 'qrcode';
import { formatAppointment } from '../calendar/appointment';
import { formatDateTime } from '../../common/text/format';
import { statusLabel, isDossierStatus } from '../portal/status';
import { ReceiptError } from './errors';
import { resolveFonts, type ReceiptFonts } from './fonts';
import { startPdf } from './pdf-doc';
import { feeText, isOfficialReceipt, receiptQrText, receiptTitle, type ReceiptData } from './receipt-data';

export type Paper = 'a4' | '80mm';

const MM = 72 / 25.4;
/** 80 mm roll: fixed page long enough for the content; the thermal raster trims the blank tail. */
const ROLL = { width: 80 * MM, height: 297 * MM, margin: 4 * MM };

function stateLine(d: ReceiptData): string {
  if (d.state === 'queued') return 'Đã ghi nhận tại ki-ốt, sẽ tự gửi đến cơ quan tiếp nhận';
  // Refused for good (dead letter): never "sẽ gửi"; staff check it.
  if (d.state === 'failed')
    return 'Cơ quan tiếp nhận chưa nhận hồ sơ, sẽ không gửi lại — cán bộ sẽ kiểm tra; vui lòng lấy số thứ tự hoặc gọi cán bộ';
  const s = d.portalStatus ?? null;
  return isDossierStatus(s) ? `Đã gửi — ${statusLabel(s, 'vi')}` : 'Đã gửi đến cơ quan tiếp nhận';
}

function rows(d: ReceiptData): [string, string][] {
  const official = isOfficialReceipt(d);
  const appointment: [string, string] =
    d.appointmentAt === null
      ? ['Ngày hẹn trả kết quả', 'Cơ quan tiếp nhận sẽ thông báo']
      : official
        ? ['Ngày hẹn trả kết quả', formatAppointment(d.appointmentAt)]
        : ['Ngày hẹn trả dự kiến', `${formatAppointment(d.appointmentAt)} (tính theo ngày làm việc)`];
  return [
    ['Mã hồ sơ', d.dossierCode ?? (d.state === 'failed' ? 'Chưa có' : 'Chưa có (sẽ cấp khi gửi xong)')],
    ['Mã tham chiếu ki-ốt', d.localRef],
    ['Thủ tục', `${d.procedureName} (${d.procedureCode})`],
    ...(d.applicantName ? ([['Người nộp', d.applicantName]] as [string, string][]) : []),
    ['Số định danh', d.maskedId],
    ['Thời gian nộp', formatDateTime(d.receivedAt)],
    appointment,
    ['Phí, lệ phí', feeText(d)],
    ...(d.eReceipt
      ? ([['Biên lai điện tử', `Số ${d.eReceipt.number}, ký hiệu ${d.eReceipt.series}`]] as [
          string,
          string,
        ][])
      : []),
    ['Tình trạng', stateLine(d)],
  ];
}

/**
 * Renders the receipt as a PDF (A4 or an 80 mm roll) with Noto Sans for full Vietnamese coverage and a QR
 * carrying the TT 01/2023/TT-VPCP fields. Throws `receipt-font-missing` when the font is not installed.
 */
export async function renderReceiptPdf(
  d: ReceiptData,
  opts: { paper: Paper; fonts?: Partial<ReceiptFonts> },
): Promise<Buffer> {
  const fonts = resolveFonts(opts.fonts);
  const qrPng = await QRCode.toBuffer(receiptQrText(d), { errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  const roll = opts.paper === '80mm';
  try {
    const { doc, finished } = startPdf(
      {
        size: roll ? [ROLL.width, ROLL.height] : 'A4',
        margin: roll ? ROLL.margin : 56,
        info: { Title: receiptTitle(d), Creator: d.issuingSystem },
      },
      fonts,
    );
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const left = doc.page.margins.left;
    const size = roll
      ? { header: 7.5, title: 11, label: 7.5, value: 9, note: 7 }
      : { header: 11, title: 16, label: 10, value: 12, note: 9 };

    doc.font('bold').fontSize(size.header).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
    doc.font('body').fontSize(size.header).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
    doc.moveDown(roll ? 0.6 : 1.2);
    doc.font('bold').fontSize(size.title).text(receiptTitle(d).toUpperCase(), { align: 'center' });
    doc.moveDown(roll ? 0.5 : 1);

    for (const [label, value] of rows(d)) {
      if (roll) {
        doc.font('body').fontSize(size.label).fillColor('#000').text(label, left, doc.y, { width });
        doc.font('bold').fontSize(size.value).text(value, left, doc.y, { width });
        doc.moveDown(0.25);
      } else {
        const y = doc.y;
        doc
          .font('body')
          .fontSize(size.label)
          .text(label, left, y + 1.5, { width: 150 });
        const yAfterLabel = doc.y;
        doc
          .font('bold')
          .fontSize(size.value)
          .text(value, left + 160, y, { width: width - 160 });
        doc.y = Math.max(doc.y, yAfterLabel) + 6;
      }
    }

    if (d.toBring && d.toBring.length === 0) {
      doc.moveDown(0.4);
      doc
        .font('body')
        .fontSize(size.value)
        .text('Không cần mang thêm giấy tờ: các giấy tờ đã được gửi kèm bản điện tử.', left, doc.y, {
          width,
        });
    }
    if (d.toBring && d.toBring.length > 0) {
      doc.moveDown(0.4);
      doc.font('bold').fontSize(size.value).text('Giấy tờ cần mang đến nộp bản giấy', left, doc.y, { width });
      doc.font('body').fontSize(size.value);
      for (const item of d.toBring) doc.text(`• ${item}`, left, doc.y, { width });
      if (d.bringTo) doc.text(`Nơi nộp: ${d.bringTo}`, left, doc.y, { width });
    }
    if (!isOfficialReceipt(d)) {
      doc.moveDown(0.4);
      doc
        .font('body')
        .fontSize(size.note)
        .text(
          'Đây là phiếu xác nhận bạn đã nộp hồ sơ tại ki-ốt, chưa phải Giấy tiếp nhận hồ sơ và hẹn trả kết quả. ' +
            'Giấy tiếp nhận do cơ quan tiếp nhận cấp khi hồ sơ được tiếp nhận.',
          left,
          doc.y,
          { width },
        );
    }

    const qrSize = roll ? Math.min(width, 56 * MM) : 150;
    doc.moveDown(0.5);
    const qrY = doc.y;
    doc.image(qrPng, left + (width - qrSize) / 2, qrY, { width: qrSize, height: qrSize });
    doc.y = qrY + qrSize + 6;
    doc
      .font('body')
      .fontSize(size.note)
      .text(
        'Quét mã QR hoặc nhập mã hồ sơ tại kiosk hay trên Cổng Dịch vụ công quốc gia để tra cứu tình trạng hồ sơ.',
        left,
        doc.y,
        { width, align: 'center' },
      );
    if (d.eReceipt) {
      const small = roll ? Math.min(width, 36 * MM) : 100;
      const png = await QRCode.toBuffer(d.eReceipt.url, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
      doc.moveDown(0.6);
      doc
        .font('bold')
        .fontSize(size.label)
        .text('Biên lai thu phí, lệ phí điện tử', left, doc.y, { width, align: 'center' });
      const y = doc.y + 2;
      doc.image(png, left + (width - small) / 2, y, { width: small, height: small });
      doc.y = y + small + 4;
      doc.font('body').fontSize(size.note).text(d.eReceipt.url, left, doc.y, { width, align: 'center' });
    }
    doc.moveDown(0.3);
    doc.text(`${d.issuingSystem} · In lúc ${formatDateTime(d.printedAt)}`, { width, align: 'center' });
    doc.end();
    return await finished;
  } catch (err) {
    throw new ReceiptError('receipt-render-failed', `could not render the ${opts.paper} receipt`, {
      cause: err,
    });
  }
}
