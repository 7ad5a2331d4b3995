/**
 * The camera path: Chromium's fake capture device plays a video of the card's QR (generated here with the
 * qrcode package) and the kiosk reads it with @zxing, then opens the chip with the key it gives.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { expect, test, writeFakeVideo } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const profile = (id: string) =>
  JSON.parse(readFileSync(`${root}fixtures/citizens/${id}.json`, 'utf8')) as { qr: string; fullName: string };

/** A Y4M (YUV 4:2:0) video whose frames show `text` as a QR code, for --use-file-for-fake-video-capture. */
function qrVideo(text: string): string {
  const W = 640;
  const H = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = Math.floor(400 / (n + 8));
  const side = (n + 8) * scale;
  const x0 = Math.floor((W - side) / 2);
  const y0 = Math.floor((H - side) / 2);
  const y = Buffer.alloc(W * H, 200);
  for (let py = 0; py < side; py++)
    for (let px = 0; px < side; px++) {
      const mx = Math.floor(px / scale) - 4;
      const my = Math.floor(py / scale) - 4;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx);
      y[(y0 + py) * W + x0 + px] = dark ? 16 : 235;
    }
  return writeFakeVideo(y, W, H, 'qr');
}

const video = qrVideo(profile('cccd-2021-no-cmnd').qr);
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

test('the card’s QR shown to the camera opens the chip and identifies the citizen', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(90_000);
  await page.goto(demoKiosk.url);
  await page.getByTestId('start').click();
  await page.getByTestId('consent-yes').click();
  await page.getByTestId('use-camera').click();
  await expect(page.getByTestId('task-qr')).toContainText('Đã quét được mã QR', { timeout: 30_000 });
  // The camera is released once the code is read.
  await expect(page.locator('video')).toHaveCount(0);
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-profile').selectOption('cccd-2021-no-cmnd');
  await page.getByTestId('demo-insert').click();
  await expect(page.getByTestId('identity-name')).toHaveText(profile('cccd-2021-no-cmnd').fullName, {
    timeout: 30_000,
  });
});
