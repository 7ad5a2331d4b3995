import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { escPosToBitmap, PRINT_WIDTH_DOTS, receiptToEscPos, type Bitmap } from './escpos';
import { renderReceiptPdf } from './pdf';
import { parseLookupInput, type ReceiptData, type ReceiptQrPayload } from './receipt-data';

const dir = mkdtempSync(join(tmpdir(), 'receipt-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const delivered: ReceiptData = {
  state: 'delivered',
  dossierCode: '000.00.01.H22-261123-0001',
  localRef: 'KIOSK-261123-0A1B2C3D',
  procedureCode: '1.004194',
  procedureName: 'Đăng ký tạm trú',
  applicantName: 'Đỗ Thị Ảo Ảnh',
  maskedId: '0921******99',
  receivedAt: Date.UTC(2026, 10, 23, 2, 30),
  appointmentAt: Date.UTC(2026, 10, 26, 2, 30),
  feeVnd: 15000,
  feePaid: true,
  issuingSystem: 'Kiosk DVC - Phường Mẫu',
  printedAt: Date.UTC(2026, 10, 23, 2, 31),
  portalStatus: 2,
};

/** Renders page 1 with pdftoppm and decodes the QR with jsQR (UTF-8 from the raw bytes). */
function qrOf(pdf: Buffer, name: string): ReceiptQrPayload {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, join(dir, name)]);
  const png = PNG.sync.read(readFileSync(join(dir, `${name}.png`)));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code).not.toBeNull();
  return JSON.parse(Buffer.from(code!.binaryData).toString('utf8')) as ReceiptQrPayload;
}

function textOf(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}-t.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').normalize('NFC');
}

describe('receipt PDF', () => {
  for (const paper of ['a4', '80mm'] as const) {
    it(`${paper}: carries the dossier code as text and in a decodable QR with the TT 01/2023 fields`, async () => {
      const pdf = await renderReceiptPdf(delivered, { paper });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const qr = qrOf(pdf, `delivered-${paper}`);
      expect(qr).toEqual({
        MaHoSo: '000.00.01.H22-261123-0001',
        SoBienNhan: 'KIOSK-261123-0A1B2C3D',
        MaTTHC: '1.004194',
        ChuHoSo: '0921******99',
        TenGiayTo: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
        HeThong: 'Kiosk DVC - Phường Mẫu',
        ThoiGian: '20261123093000',
        NgayHenTra: '20261126093000',
      });
      expect(parseLookupInput(JSON.stringify(qr))).toEqual({ dossierCode: '000.00.01.H22-261123-0001' });
      const text = textOf(pdf, `delivered-${paper}`);
      expect(text).toContain('000.00.01.H22-261123-0001');
      expect(text).toContain('Đăng ký tạm trú');
      expect(text).toContain('0921******99');
      expect(text).toContain('26/11/2026');
      expect(text).not.toContain('092199900599');
    });
  }

  it('a queued receipt says it will be sent and its QR leads to the local reference', async () => {
    const pdf = await renderReceiptPdf(
      { ...delivered, state: 'queued', dossierCode: null, feeVnd: 0 },
      { paper: '80mm' },
    );
    const text = textOf(pdf, 'queued').replace(/\s+/g, ' ');
    expect(text).toContain('PHIẾU XÁC NHẬN ĐÃ NỘP HỒ SƠ');
    expect(text).not.toContain('GIẤY TIẾP NHẬN HỒ SƠ');
    expect(text).toContain('Đã ghi nhận tại ki-ốt');
    expect(text).toContain('Miễn phí');
    const qr = qrOf(pdf, 'queued');
    expect(qr.TenGiayTo).toBe('Phiếu xác nhận đã nộp hồ sơ');
    expect(parseLookupInput(JSON.stringify(qr))).toEqual({ localRef: 'KIOSK-261123-0A1B2C3D' });
  });

  it('an unknown fee is never printed as free: "Phí, lệ phí: Cán bộ sẽ thông báo"', async () => {
    for (const paper of ['a4', '80mm'] as const) {
      const pdf = await renderReceiptPdf({ ...delivered, feeVnd: null, feePaid: false }, { paper });
      const text = textOf(pdf, `unknown-fee-${paper}`).replace(/\s+/g, ' ');
      expect(text).toContain('Phí, lệ phí');
      expect(text).toContain('Cán bộ sẽ thông báo');
      expect(text).not.toMatch(/Miễn phí|0 đồng/);
    }
    // A known amount still shows, with its state; a free dossier says so.
    const due = textOf(
      await renderReceiptPdf({ ...delivered, feeVnd: 7000, feePaid: false }, { paper: 'a4' }),
      'due',
    );
    expect(due.replace(/\s+/g, ' ')).toContain('7.000 đồng (chưa thanh toán)');
  });

  it('"Mới đăng ký" is still a confirmation: estimated half-day appointment, documents to bring and where, fee to pay', async () => {
    const pdf = await renderReceiptPdf(
      {
        ...delivered,
        portalStatus: 1,
        feePaid: false,
        // Filed Friday 27/11/2026 15:10, 3 working days → Wednesday 02/12 afternoon (17:00).
        receivedAt: Date.UTC(2026, 10, 27, 8, 10),
        appointmentAt: Date.UTC(2026, 11, 2, 10, 0),
        toBring: ['Giấy tờ chứng minh chỗ ở hợp pháp (bản chính hoặc bản sao)'],
        bringTo: 'Công an phường Mẫu Một (mô phỏng)',
      },
      { paper: 'a4' },
    );
    const text = textOf(pdf, 'registered').replace(/\s+/g, ' ');
    expect(text).toContain('PHIẾU XÁC NHẬN ĐÃ NỘP HỒ SƠ');
    expect(text).toContain('Ngày hẹn trả dự kiến');
    expect(text).toContain('Buổi chiều thứ Tư, 02/12/2026');
    expect(text).toContain('27/11/2026 15:10');
    expect(text).toContain('Giấy tờ chứng minh chỗ ở hợp pháp');
    expect(text).toContain('Nơi nộp: Công an phường Mẫu Một');
    expect(text).toContain('15.000 đồng (chưa thanh toán)');
    expect(text).toContain('Mới đăng ký');
  });

  it('an unknown fee is "to be told", never free; a paid fee shows the electronic fee receipt', async () => {
    const unknown = textOf(
      await renderReceiptPdf({ ...delivered, feeVnd: null, feePaid: false }, { paper: '80mm' }),
      'unknown-fee',
    ).replace(/\s+/g, ' ');
    expect(unknown).toContain('Cán bộ sẽ thông báo');
    expect(unknown).not.toContain('Miễn phí');
    const paid = textOf(
      await renderReceiptPdf(
        {
          ...delivered,
          eReceipt: { number: '0000042', series: 'BLP-26MP', url: 'http://127.0.0.1:9/bienlai/0000042' },
        },
        { paper: 'a4' },
      ),
      'paid',
    ).replace(/\s+/g, ' ');
    expect(paid).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(paid).toContain('15.000 đồng (đã thanh toán)');
    expect(paid).toContain('Số 0000042, ký hiệu BLP-26MP');
    expect(paid).toContain('http://127.0.0.1:9/bienlai/0000042');
  });

  it('says clearly which font is missing', async () => {
    await expect(
      renderReceiptPdf(delivered, { paper: 'a4', fonts: { regular: '/nonexistent/NotoSans.ttf' } }),
    ).rejects.toMatchObject({
      code: 'receipt-font-missing',
      message: expect.stringContaining('fonts-noto-core'),
    });
  });
});

describe('ESC/POS raster', () => {
  it('prints the 80 mm receipt as GS v 0 bands whose image still scans', async () => {
    const pdf = await renderReceiptPdf(delivered, { paper: '80mm' });
    const bytes = await receiptToEscPos(pdf);
    expect([...bytes.subarray(0, 6)]).toEqual([0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00]);
    expect(bytes.readUInt16LE(6)).toBe(PRINT_WIDTH_DOTS / 8);
    expect([...bytes.subarray(-3)]).toEqual([0x56, 0x42, 0x00]);
    const bmp: Bitmap = escPosToBitmap(bytes);
    expect(bmp.width).toBe(PRINT_WIDTH_DOTS);
    expect(bmp.height).toBeGreaterThan(300);
    const rgba = new Uint8ClampedArray(bmp.width * bmp.height * 4);
    for (let i = 0; i < bmp.bits.length; i++) {
      const v = bmp.bits[i] ? 0 : 255;
      rgba.set([v, v, v, 255], i * 4);
    }
    const code = jsQR(rgba, bmp.width, bmp.height);
    expect(code).not.toBeNull();
    expect((JSON.parse(Buffer.from(code!.binaryData).toString('utf8')) as ReceiptQrPayload).MaHoSo).toBe(
      '000.00.01.H22-261123-0001',
    );
  });
});

describe('parseLookupInput', () => {
  it('accepts a typed dossier code or local reference and refuses anything else with a typed error', () => {
    expect(parseLookupInput(' 000.00.01.h22-261123-0042 ')).toEqual({
      dossierCode: '000.00.01.H22-261123-0042',
    });
    expect(parseLookupInput('kiosk-261123-0a1b2c3d')).toEqual({ localRef: 'KIOSK-261123-0A1B2C3D' });
    expect(() => parseLookupInput('hello')).toThrow(expect.objectContaining({ code: 'receipt-qr-invalid' }));
    expect(() => parseLookupInput('{not json')).toThrow(
      expect.objectContaining({ code: 'receipt-qr-invalid' }),
    );
  });
});
