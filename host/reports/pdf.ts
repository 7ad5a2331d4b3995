/**
 * The report as a printable A4 PDF (pdfkit, Noto Sans for Vietnamese): one block per service with its numbers
 * and simple bars (completed / abandoned / refused; ratings 1–5). The text is Vietnamese (staff reports);
 * service ids stay beside their names so the numbers can be matched with the CSV.
 */
import { formatMoney } from '../../common/text/format';
import { startPdf } from '../receipt/pdf-doc';
import { resolveFonts } from '../receipt/fonts';
import { pairs } from './csv';
import type { Report, ServiceReport } from './report';

const STEP_VI: Record<string, string> = {
  consent: 'đồng ý',
  identify: 'xác thực thẻ',
  service: 'chọn dịch vụ',
  form: 'khai tờ khai',
  attachments: 'giấy tờ kèm theo',
  submit: 'gửi hồ sơ',
  payment: 'nộp phí',
};

export async function reportPdf(
  r: Report,
  opts: { kioskName: string; serviceName?: (id: string) => string | null },
): Promise<Buffer> {
  const fonts = resolveFonts();
  const { doc, finished } = startPdf(
    { size: 'A4', margin: 48, info: { Title: `Báo cáo ${r.label}`, Creator: opts.kioskName } },
    fonts,
  );
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc
    .font('bold')
    .fontSize(15)
    .text(`BÁO CÁO ${r.period === 'day' ? 'NGÀY' : 'THÁNG'} ${r.label}`, {
      align: 'center',
    });
  doc.font('body').fontSize(10).text(`${opts.kioskName} — không chứa dữ liệu cá nhân`, { align: 'center' });
  doc.moveDown(1);
  if (r.services.length === 0) doc.font('body').fontSize(11).text('Không có lượt sử dụng nào.');

  const bar = (label: string, n: number, max: number, color: string) => {
    const y = doc.y;
    doc.font('body').fontSize(9).fillColor('#000').text(label, left, y, { width: 120 });
    const w = max > 0 ? Math.max(n > 0 ? 2 : 0, ((width - 170) * n) / max) : 0;
    if (w > 0) doc.rect(left + 125, y + 1, w, 8).fill(color);
    doc.fillColor('#000').text(String(n), left + 130 + w, y, { width: 40 });
    doc.x = left;
    doc.y = y + 13;
  };

  const block = (s: ServiceReport) => {
    if (doc.y > doc.page.height - 260) doc.addPage();
    const name = opts.serviceName?.(s.serviceId) ?? null;
    doc
      .font('bold')
      .fontSize(12)
      .fillColor('#000')
      .text(
        `${name ?? s.serviceId} (${s.serviceId}, ${s.channel === 'online' ? 'trực tuyến' : 'trực tiếp'})`,
        left,
        doc.y,
        { width },
      );
    doc.moveDown(0.3);
    const max = Math.max(s.started, 1);
    bar('Bắt đầu', s.started, max, '#1d70b8');
    bar('Hoàn thành', s.completed, max, '#00703c');
    bar('Bỏ dở', s.abandoned, max, '#f47738');
    bar('Thẻ bị từ chối', s.refused, max, '#d4351c');
    const lines = [
      `Bỏ dở ở bước: ${
        Object.entries(s.abandonedAt)
          .map(([k, n]) => `${STEP_VI[k] ?? k} ${n}`)
          .join('; ') || '—'
      }`,
      `Thời gian trung vị đến khi gửi: ${s.medianSeconds === null ? '—' : `${s.medianSeconds} giây`}`,
      `Phí, lệ phí đã thu: ${formatMoney(s.feesVnd)}`,
      `Lỗi theo mã: ${pairs(s.errors) || '—'}`,
      `Đánh giá: ${pairs(s.ratings) || '—'}; trung bình ${s.ratingMean ?? '—'}`,
      `Lý do: ${pairs(s.reasons) || '—'}`,
    ];
    doc.font('body').fontSize(9);
    for (const l of lines) doc.text(l, left, doc.y, { width });
    const rated = Math.max(0, ...Object.values(s.ratings));
    if (rated > 0) for (let k = 1; k <= 5; k++) bar(`${k} điểm`, s.ratings[String(k)] ?? 0, rated, '#505a5f');
    doc.moveDown(0.8);
  };
  for (const s of r.services) block(s);
  doc.end();
  return finished;
}
