/**
 * Every screen of every form in the catalogue, opened in Chromium for each fictional citizen after a real chip
 * read (private pcscd + vpcd + simulator), with the values prefilled from the card checked on screen. The
 * technician's form preview walks the screens without answering; the services' own flow is in journey.spec.
 * Screenshots of one form per family are written to docs/screens/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  expect,
  identifyWithDemoCard,
  nextPreviewScreen,
  openFormPreview,
  removeDemoCard,
  tapKeys,
  test,
} from './fixtures';

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

const forms = readdirSync(`${root}catalogue/forms/`)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      JSON.parse(readFileSync(`${root}catalogue/forms/${f}`, 'utf8')) as {
        id: string;
        version: string;
        steps: { fields: { id: string; options?: { value: string; label: { vi: string } }[] }[] }[];
      },
  );

const FAMILY_SCREENSHOTS: Record<string, string> = {
  ct01: 'form-ct01-residence',
  'birth-declaration': 'form-birth',
  'death-declaration': 'form-death',
  'marriage-declaration': 'form-marriage',
  dc02: 'form-dc02-identity-card',
  tk01: 'form-tk01-passport',
};

function expected(
  type: string,
  value: unknown,
  options?: { value: string; label: { vi: string } }[],
): string {
  if (value === null || value === undefined) return '';
  const option = options?.find((o) => o.value === value);
  if (type === 'choice' && option) return option.label.vi;
  if (type === 'date' && typeof value === 'string') {
    const [y, m, d] = value.split('-');
    return d ? `${d}/${m}/${y}` : m ? `${m}/${y}` : y!;
  }
  if (type === 'choice' && value === 'male') return 'Nam';
  if (type === 'choice' && value === 'female') return 'Nữ';
  return String(value);
}

interface Prefilled {
  field: string;
  binding: string;
  type: string;
  readonly: string | null;
  value: string | null;
}

/** Runs in the page: every prefilled value on the screen, as the citizen sees it. */
function readPrefilled(): Prefilled[] {
  return [...document.querySelectorAll<HTMLElement>('[data-testid^="prefilled-"]')].map((el) => ({
    field: (el.dataset.testid ?? '').replace(/^prefilled-/, ''),
    binding: el.dataset.binding ?? '',
    type: el.dataset.type ?? '',
    readonly: el.dataset.readonly ?? null,
    value: el.querySelector('.prefilled__value')?.textContent ?? null,
  }));
}

test.describe.configure({ mode: 'serial' });

for (const profile of profiles) {
  test(`forms prefilled from the chip of ${profile.id}`, async ({ page, demoKiosk }) => {
    test.setTimeout(240_000);
    await page.goto(demoKiosk.url);
    await identifyWithDemoCard(page, profile.id);
    // A PACE-only chip (`pace-only`) opens with the Card Access Number printed on the card.
    const chip = (profile as { chip?: { bac?: boolean; pace?: { can: string } } }).chip;
    if (chip?.bac === false && chip.pace) {
      await expect(page.getByTestId('screen-can')).toBeVisible({ timeout: 30_000 });
      await tapKeys(page, chip.pace.can);
      await page.getByTestId('can-continue').click();
    }
    await expect(page.getByTestId('identity-name')).toHaveText(String(profile.fullName), { timeout: 30_000 });
    await page.getByTestId('confirm-yes').click();
    // The next screen (services, or a saved draft) follows the host's answer: a preview opened before it would be
    // replaced by it.
    await expect(page.getByTestId('screen-confirm')).toHaveCount(0);
    let checked = 0;
    // Every screen of every form in the catalogue, through the technician's preview (nothing is submitted). Each
    // screen's prefilled values are read in one round trip (readPrefilled), polled until each is as expected.
    for (const form of forms) {
      const defs = new Map(form.steps.flatMap((s) => s.fields).map((f) => [f.id, f]));
      await openFormPreview(page, form);
      let step: string | null = null;
      for (let stepNo = 0; ; stepNo++) {
        step = await nextPreviewScreen(page, step);
        if (step === null) break; // "check your answers"
        let prefilled: Prefilled[] = [];
        await expect
          .poll(async () => {
            prefilled = await page.evaluate(readPrefilled);
            return prefilled.flatMap((p) => {
              const want = expected(
                p.type,
                profile[p.binding.replace(/^identity\./, '')],
                defs.get(p.field)?.options,
              );
              return [
                // chip-verified values are read-only (a wrong card is for staff to fix)
                ...(p.readonly === 'true' ? [] : [`${p.field} is not read-only`]),
                ...(p.value === want ? [] : [`${p.field}: "${String(p.value)}", expected "${want}"`]),
              ];
            });
          }, `${form.id} ${step}`)
          .toEqual([]);
        checked += prefilled.length;
        if (stepNo === 0 && profile.id === profiles[0]!.id && FAMILY_SCREENSHOTS[form.id])
          await page.screenshot({ path: `${root}docs/screens/${FAMILY_SCREENSHOTS[form.id]}.png` });
        // The click event straight away (no wait for still frames, as a tap has): this walk checks what the
        // screens show; tapping through a form is journey.spec's.
        await page.getByTestId('continue').dispatchEvent('click');
        expect(stepNo).toBeLessThan(form.steps.length);
      }
      await page.getByTestId('submit-form').dispatchEvent('click'); // ends the preview
      await expect(page.getByTestId('form-preview')).toHaveCount(0);
    }
    expect(checked).toBeGreaterThan(forms.length);
    // Leave the reader empty: a card left there (the PACE-only one asks for its CAN) would be read at the next
    // citizen's consent.
    await removeDemoCard(page);
  });
}
