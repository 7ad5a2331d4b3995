/**
 * Issue #18 (visual): the services screen is search plus category tiles (no endless list) and every service
 * is reached both ways; "n services found" is pluralised in both languages; the declaration "Tôi xin cam
 * đoan…" must be ticked before a dossier is sent; "Continue" on the documents screen, tapped before the host has
 * answered "I will bring it", still goes on. Real host in demo mode (reader simulator, mock portal).
 */
import type { Page } from '@playwright/test';
import { foldForSearch } from '../../common/text/vietnamese';
import {
  answerTemporaryResidence,
  catalogueServices,
  chooseService,
  expect,
  identifyWithDemoCard,
  removeDemoCard,
  test,
} from './fixtures';

const services = catalogueServices();

/**
 * The page's KioskApi connection through Playwright, every frame forwarded, except the host's answers to
 * `method`: those are held until the returned release() (a slow host, made certain).
 */
async function holdAnswersTo(page: Page, method: string): Promise<{ held(): number; release(): void }> {
  const ids = new Set<number>();
  const held: (() => void)[] = [];
  let releasing = false;
  await page.routeWebSocket(/\/api$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { id?: number; method?: string };
      if (msg.method === method && typeof msg.id === 'number') ids.add(msg.id);
      server.send(m);
    });
    server.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { id?: number };
      if (!releasing && typeof msg.id === 'number' && ids.has(msg.id)) held.push(() => ws.send(m));
      else ws.send(m);
    });
  });
  return {
    held: () => held.length,
    release: () => {
      releasing = true;
      for (const send of held.splice(0)) send();
    },
  };
}

test.describe.configure({ mode: 'serial' });

test('every service is reached through its category tile and through the search', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(120_000);
  await page.goto(demoKiosk.url);
  await page.getByTestId('browse-services').click();
  await expect(page.getByTestId('screen-services')).toBeVisible();
  await expect(page.locator('[data-testid^="category-"]').first()).toBeVisible();
  // No endless list: the whole home of the services fits in about two portrait screens.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(2 * 1920);
  await expect(page.getByTestId('all-services')).toHaveCount(0);

  // Category tiles: each opens its services; together they hold every service once.
  const tiles = page.locator('[data-testid^="category-"]');
  const categories = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  const seen: number[] = [];
  for (const id of categories) {
    await page.getByTestId(id).click();
    await expect(page.getByTestId(id.replace('category-', 'category-services-'))).toBeVisible();
    await expect(page.locator('main svg.pictogram').first()).toBeVisible();
    const numbers = await page
      .locator('main [data-testid^="service-"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-testid')!.slice('service-'.length))));
    seen.push(...numbers);
    await page.getByRole('button', { name: 'Quay lại' }).click();
  }
  expect(seen.sort((a, b) => a - b)).toEqual(services.map((s) => s.number).sort((a, b) => a - b));

  // Search, typed without accents: every service's short name finds it.
  const search = page.getByTestId('service-search');
  for (const s of services) {
    await search.fill(foldForSearch(s.shortName.vi));
    await expect(page.getByTestId('services-found')).toHaveText(/^Tìm thấy \d+ thủ tục$/);
    await expect(page.getByTestId(`service-${s.number}`)).toBeVisible();
  }
  // The count in English: one, then many.
  await page.getByRole('button', { name: 'English' }).click();
  await search.fill('zzzz qqqq');
  await expect(page.getByTestId('services-found')).toHaveText('0 services found');
  await search.fill(foldForSearch(services.find((s) => s.number === 12)!.shortName.vi));
  await expect(page.getByTestId('services-found')).toHaveText(/^(1 service found|\d+ services found)$/);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await search.fill('');

  // The helper other specs use: category, then the service.
  await chooseService(page, 4);
  await expect(page.getByTestId('screen-service-info')).toBeVisible();
});

test('the dossier is not sent until the declaration is ticked; Continue tapped before the host answers still goes on', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(150_000);
  const bring = await holdAnswersTo(page, 'attachment.bring');
  await page.goto(demoKiosk.url);
  await identifyWithDemoCard(page, 'cccd-2021-no-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  const list = page.getByTestId('screen-services');
  await list.or(page.getByTestId('screen-resume')).first().waitFor();
  if (await page.getByTestId('screen-resume').isVisible()) await page.getByTestId('resume-no').click();
  await chooseService(page, 4);
  await page.getByTestId('start-service').click();
  await page.getByTestId('continue').click(); // name and ID from the card
  await page.locator('[data-field="phone"]').click();
  for (const k of '0912345678') await page.locator(`.keyboard-dock [data-key="${k}"]`).click();
  await page.getByTestId('continue').click();
  await answerTemporaryResidence(page);

  await expect(page.getByTestId('check-answers')).toBeVisible();
  const declaration = page.getByTestId('declaration');
  await expect(declaration).toContainText(
    'Tôi xin cam đoan những thông tin kê khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.',
  );
  const send = page.getByTestId('submit-form');
  await expect(send).toHaveAttribute('aria-disabled', 'true');
  await send.click({ force: true }); // looks disabled (aria-disabled) but a press explains why
  await expect(page.getByTestId('error-summary')).toContainText(
    'Vui lòng đánh dấu vào ô cam đoan trước khi gửi hồ sơ',
  );
  await expect(page.getByTestId('check-answers')).toBeVisible();
  // The error summary's link goes to the checkbox.
  await page.getByTestId('error-summary').getByRole('link').click();
  await expect(page.getByTestId('declaration-agree')).toBeFocused();
  await page.getByTestId('declaration-agree').check();
  await expect(page.getByTestId('error-summary')).toHaveCount(0);
  await expect(send).not.toHaveAttribute('aria-disabled', 'true');
  await send.click();

  // The proof of residence: "I will bring it", then "Continue" before the host's answer comes (held here). The tap
  // waits for the answer and goes on; it is neither lost nor answered with "choose for this paper".
  await page.getByTestId('attach-bring-lawful-residence').click();
  await expect.poll(() => bring.held()).toBe(1);
  await page.getByTestId('attachments-continue').click();
  await expect(page.getByTestId('screen-attachments')).toBeVisible();
  await expect(page.getByTestId('error-summary')).toHaveCount(0);
  bring.release();
  await expect(page.getByTestId('screen-receipt')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('error-summary')).toHaveCount(0);
  await removeDemoCard(page);
});

test('in landscape every option of the welcome screen, the queue ticket included, is on the screen', async ({
  page,
  demoKiosk,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(demoKiosk.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  for (const id of ['start', 'browse-services', 'lookup', 'queue']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.y + box.height, id).toBeLessThanOrEqual(1080);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
});
