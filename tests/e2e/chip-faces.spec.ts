/**
 * A chip whose DG2 is ISO/IEC 39794-5 with a JPEG 2000 portrait (simulator profile jp2-portrait): the host decodes it
 * in the face worker and the confirm screen shows it (as PNG; Chromium cannot show JPEG 2000 itself).
 */
import { expect, identifyWithDemoCard, test } from './fixtures';

test('a JPEG 2000 face in ISO/IEC 39794-5 is shown on "Is this you?"', async ({ page, demoKiosk }) => {
  test.setTimeout(90_000);
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'jp2-portrait');
  await expect(page.getByTestId('screen-confirm')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('identity-name')).toHaveText('Lâm Quốc Bảo');
  const photo = page.getByTestId('identity-photo');
  await expect(photo).toBeVisible({ timeout: 15_000 });
  expect(await photo.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  // The browser really decoded it: the drawn portrait is 240 × 320.
  await expect
    .poll(() =>
      photo.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight]),
    )
    .toEqual([true, 240, 320]);
  await expect(page.getByTestId('identity-photo-empty')).toHaveCount(0);
});
