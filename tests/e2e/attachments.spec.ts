/**
 * Documents with the dossier: a proof-of-residence paper photographed by the kiosk camera (Chromium's fake
 * capture plays a generated picture of a sheet on the tray) and scanned through SANE's test backend (a real
 * SANE device, demo mode), sent to the mock provincial system with the temporary-residence dossier.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import {
  chooseService,
  answerTemporaryResidence,
  declareAndSubmit,
  expect,
  identifyWithDemoCard,
  test,
  writeFakeVideo,
} from './fixtures';

/** A Y4M video of a sheet with lines of text-like marks lying on a darker tray (640×480, grey). */
function documentVideo(): string {
  const W = 640;
  const H = 480;
  const sheet = { x: 120, y: 40, w: 400, h: 400 };
  const y = Buffer.alloc(W * H, 60);
  for (let py = sheet.y; py < sheet.y + sheet.h; py++)
    for (let px = sheet.x; px < sheet.x + sheet.w; px++) {
      const ry = py - sheet.y;
      const rx = px - sheet.x;
      const text =
        ry > 30 && ry < sheet.h - 30 && ry % 24 < 8 && rx > 30 && rx < sheet.w - 30 && rx % 40 < 30;
      y[py * W + px] = text ? 30 : 235;
    }
  return writeFakeVideo(y, W, H, 'document');
}

const video = documentVideo();
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  },
  permissions: ['camera'],
});

const pdfText = (file: string): string =>
  existsSync(file)
    ? execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'])
        .toString('utf8')
        .normalize('NFC')
        .replace(/\s+/g, ' ')
    : '';

test('a temporary-residence dossier with a photographed and a scanned document reaches the system with both files', async ({
  page,
  demoKiosk,
  request,
}) => {
  test.setTimeout(150_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await chooseService(page, 4);
  await page.getByTestId('start-service').click();
  await page.getByTestId('continue').click();
  await page.locator('[data-field="phone"]').click();
  for (const k of '0912345678') await page.locator(`.keyboard-dock [data-key="${k}"]`).click();
  await page.getByTestId('continue').click();
  await answerTemporaryResidence(page);
  await declareAndSubmit(page);

  // Going on without choosing is refused with an error summary: the paper is required.
  await expect(page.getByTestId('screen-attachments')).toBeVisible();
  await page.getByTestId('attachments-continue').click();
  await expect(page.getByTestId('error-summary')).toContainText('Giấy tờ chứng minh chỗ ở hợp pháp');

  // (a) The camera: the sheet is framed out of the tray and found readable.
  await page.getByTestId('attach-photo-lawful-residence').click();
  await expect(page.getByTestId('camera-capture')).toBeEnabled({ timeout: 20_000 });
  await page.getByTestId('camera-capture').click();
  await expect(page.getByTestId('attachment-status-lawful-residence')).toHaveText('Đã đính kèm 1 tệp', {
    timeout: 20_000,
  });
  await expect(page.locator('video')).toHaveCount(0);
  // (b) The scanner: SANE's test backend through scanimage.
  await page.getByTestId('attach-scan-lawful-residence').click();
  await expect(page.getByTestId('attachment-status-lawful-residence')).toHaveText('Đã đính kèm 2 tệp', {
    timeout: 30_000,
  });
  await page.screenshot({ path: path.join(tmpdir(), 'kiosk-attachments.png') });
  await page.getByTestId('attachments-continue').click();

  await expect(page.getByTestId('screen-receipt')).toHaveAttribute('data-state', 'delivered', {
    timeout: 30_000,
  });
  const code = await page.getByTestId('dossier-code').innerText();
  const stored = (
    (await (await request.get(`${demoKiosk.mockPortal}/admin/dossiers`)).json()) as {
      dossiers: {
        MaHoSo: string;
        HoSoCoThanhPhanSoHoa: string;
        TaiLieuNop: { MaThanhPhanHoSo: string; TenTepDinhKem: string; KichThuoc: number }[];
        GiayToNopTaiQuay: unknown[];
      }[];
    }
  ).dossiers.find((d) => d.MaHoSo === code)!;
  expect(stored.HoSoCoThanhPhanSoHoa).toBe('1');
  expect(stored.GiayToNopTaiQuay).toEqual([]);
  expect(stored.TaiLieuNop.map((t) => [t.MaThanhPhanHoSo, t.TenTepDinhKem])).toEqual([
    ['lawful-residence', 'lawful-residence-1.pdf'],
    ['lawful-residence', 'lawful-residence-2.pdf'],
  ]);
  for (const t of stored.TaiLieuNop) expect(t.KichThuoc).toBeGreaterThan(1000);

  // The confirmation says nothing is left to bring, and gives a working-day date.
  await expect(page.getByTestId('receipt-print')).toHaveAttribute('data-state', 'done');
  const text = pdfText(path.join(demoKiosk.dataDir, 'receipts', `${code}.pdf`));
  expect(text).toContain('PHIẾU XÁC NHẬN ĐÃ NỘP HỒ SƠ');
  expect(text).toContain('Không cần mang thêm giấy tờ');
  expect(text).toMatch(/Buổi (sáng|chiều) thứ (Hai|Ba|Tư|Năm|Sáu), \d{2}\/\d{2}\/\d{4}/);
  await page.getByTestId('finish').click();
});
