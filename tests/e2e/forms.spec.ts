/**
 * Every form of every service the kiosk handles, opened in Chromium for each fictional citizen after a real
 * chip read (private pcscd + vpcd + simulator), with the values prefilled from the card checked on screen.
 * Screenshots of one form per family are written to docs/screens/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, identifyWithDemoCard, test } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const citizensDir = `${root}fixtures/citizens/`;
const profiles = readdirSync(citizensDir)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      JSON.parse(readFileSync(citizensDir + f, 'utf8')) as Record<string, unknown> & {
        id: string;
        cardType: string;
      },
  )
  .filter((p) => p.cardType !== 'passport');

const services = readdirSync(`${root}catalogue/services/`)
  .map(
    (f) =>
      JSON.parse(readFileSync(`${root}catalogue/services/${f}`, 'utf8')) as {
        number: number;
        id: string;
        kioskSupport: { mode: string };
        forms: { id: string }[];
      },
  )
  .filter((s) => s.kioskSupport.mode === 'full')
  .sort((a, b) => a.number - b.number);

const FAMILY_SCREENSHOTS: Record<string, string> = {
  ct01: 'form-ct01-residence',
  'birth-declaration': 'form-birth',
  'death-declaration': 'form-death',
  'marriage-declaration': 'form-marriage',
  dc02: 'form-dc02-identity-card',
  tk01: 'form-tk01-passport',
};

function expected(type: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (type === 'date' && typeof value === 'string') {
    const [y, m, d] = value.split('-');
    return d ? `${d}/${m}/${y}` : m ? `${m}/${y}` : y!;
  }
  if (type === 'choice' && value === 'male') return 'Nam';
  if (type === 'choice' && value === 'female') return 'Nữ';
  return String(value);
}

test.describe.configure({ mode: 'serial' });

for (const profile of profiles) {
  test(`forms prefilled from the chip of ${profile.id}`, async ({ page, demoKiosk }) => {
    test.setTimeout(240_000);
    await page.goto(demoKiosk.url);
    await identifyWithDemoCard(page, profile.id);
    await expect(page.getByTestId('identity-name')).toHaveText(String(profile.fullName), { timeout: 30_000 });
    await page.getByTestId('confirm-yes').click();
    let checked = 0;
    for (const service of services) {
      await page.getByTestId(`all-service-${service.number}`).click();
      await page.getByTestId('start-service').click();
      const step = page.locator('[data-testid^="step-"]');
      await expect(step).toBeVisible();
      const prefilled = page.locator('[data-testid^="prefilled-"]');
      const count = await prefilled.count();
      for (let i = 0; i < count; i++) {
        const el = prefilled.nth(i);
        const binding = (await el.getAttribute('data-binding'))!;
        const type = (await el.getAttribute('data-type'))!;
        const key = binding.replace(/^identity\./, '');
        await expect(el.locator('.prefilled__value')).toHaveText(expected(type, profile[key]));
        checked++;
      }
      // Identity-bound fields that are empty on the card (no old ID, no spouse) are asked, not invented.
      const firstForm = service.forms[0]!.id;
      if (profile.id === profiles[0]!.id && FAMILY_SCREENSHOTS[firstForm]) {
        await page.screenshot({ path: `${root}docs/screens/${FAMILY_SCREENSHOTS[firstForm]}.png` });
      }
      await page.getByRole('button', { name: 'Quay lại' }).click(); // to the service page
      await page.getByRole('button', { name: 'Quay lại' }).click(); // to the list
    }
    expect(checked).toBeGreaterThan(services.length);
  });
}
