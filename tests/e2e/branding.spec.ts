/**
 * The agency's name, emblem and pictograms from the configuration (`branding`, host/branding): a kiosk configured
 * with the fictional "UBND phường Mẫu" (fixtures/branding) shows its emblem and name on the attract screen and in
 * the header, in both languages, and its own residence pictogram on the services tiles; the images arrive as
 * `data:` URLs under the unchanged CSP (no violation).
 * A kiosk without the block keeps its usual look (tests/e2e/attract.spec.ts and every other spec).
 */
import { fileURLToPath } from 'node:url';
import { rendererCsp } from '../../common/csp';
import { contentSecurityPolicy } from '../../host/api/ws-transport';
import { expect, startHostProcess, type StartedKiosk, test } from './fixtures';
import { stopHost } from '../support/host-process';

const CONFIG = fileURLToPath(new URL('../../fixtures/branding/kiosk.json', import.meta.url));
let host: StartedKiosk;
test.beforeAll(async () => {
  host = await startHostProcess(['--no-devices'], { ...process.env, KIOSK_CONFIG: CONFIG });
});
test.afterAll(async () => stopHost(host));

test('the configured agency name and emblem on the attract screen and in the header, CSP intact', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto(host.kiosk.url);
  // The CSP the host sends is the renderer's usual one (images: 'self' data: blob:), nothing loosened.
  expect(response!.headers()['content-security-policy']).toBe(
    contentSecurityPolicy(Number(new URL(response!.url()).port)),
  );
  expect(rendererCsp()).toContain("img-src 'self' data: blob:");

  const banner = page.getByTestId('agency-banner');
  await expect(banner).toContainText('UBND phường Mẫu');
  for (const id of ['agency-emblem', 'header-emblem']) {
    const img = page.getByTestId(id);
    await expect(img).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    await expect(img).toHaveAttribute('alt', ''); // decorative: the name is beside it
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBeGreaterThan(0);
  }
  await expect(page.getByTestId('header-agency')).toHaveText('UBND phường Mẫu');
  await expect(page.getByTestId('start')).toBeVisible();
  await page.screenshot({
    path: fileURLToPath(new URL('../../docs/screens/attract-branded.png', import.meta.url)),
  });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(banner).toContainText("People's Committee of Mẫu Ward");
  await expect(page.getByTestId('header-agency')).toHaveText("People's Committee of Mẫu Ward");
  expect(violations).toEqual([]);
});

test('a configured pictogram (branding.pictograms) replaces the built-in one on the services tiles', async ({
  page,
}) => {
  await page.goto(host.kiosk.url);
  await page.getByTestId('browse-services').click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
  // The fixture sets an image for the residence category only: its tile shows it, the others keep theirs.
  const residence = page.getByTestId('category-residence').locator('.pictogram');
  await expect(residence).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  await expect(residence).toHaveAttribute('alt', ''); // decorative, like the built-in one: the name is beside it
  await expect(residence).toHaveAttribute('data-pictogram-source', 'configured');
  await expect
    .poll(() => residence.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
    .toBeGreaterThan(0);
  const builtIn = page.getByTestId('category-identity').locator('svg.pictogram');
  await expect(builtIn).toBeVisible();
  // Same size as the built-in pictograms.
  const box = async (l: typeof builtIn) => {
    const b = (await l.boundingBox())!;
    return [Math.round(b.width), Math.round(b.height)];
  };
  expect(await box(residence)).toEqual(await box(builtIn));

  // The residence services have no image of their own: their tiles take the category's.
  await page.getByTestId('category-residence').click();
  const list = page.getByTestId('category-services-residence');
  await expect(list).toBeVisible();
  const tiles = list.locator('[data-testid^="service-"]');
  expect(await tiles.count()).toBeGreaterThan(0);
  await expect(list.locator('svg.pictogram')).toHaveCount(0);
  await expect(list.locator('img.pictogram')).toHaveCount(await tiles.count());
});
