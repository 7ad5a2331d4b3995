/**
 * Layout walk with the on-screen keyboard open: every field the keyboard types into, on every screen of every
 * catalogue form (the technician's preview, unanswered, so the questions shown are those a blank form shows),
 * in portrait (1080×1920) and landscape (1920×1080), at text sizes ×1, ×1.5 and ×2 (all six on every screen:
 * 1,536 checks in about 3 minutes on the shared 2-core machine). For each field, tapped:
 * - the field is inside the viewport and above the keyboard dock (bounding boxes);
 * - the primary button ("Tiếp tục") is too, or else the dock's echo line shows the field's label;
 * - nothing scrolls sideways and no text overflows its control (scrollWidth ≤ clientWidth) on the page or
 *   on the keys.
 * One browser page for the whole walk; each screen is checked in all six combinations before moving on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, setTextSize, test } from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const forms = readdirSync(`${root}catalogue/forms/`)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map(
    (f) => JSON.parse(readFileSync(`${root}catalogue/forms/${f}`, 'utf8')) as { id: string; version: string },
  );

const ORIENTATIONS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;
const SIZES = ['1', '1.5', '2'] as const;

interface Verdict {
  field: string;
  problems: string[];
  echo: boolean;
}

/**
 * Runs in the page: for every visible field the keyboard types into, as a citizen would — the field scrolled
 * into view and tapped (focused), the keyboard opening — checks the bounding boxes and the overflow.
 */
async function walkFields(): Promise<Verdict[]> {
  const frame = (): Promise<void> =>
    new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
  const out: Verdict[] = [];
  const inputs = [...document.querySelectorAll<HTMLInputElement>('main input[data-field]')].filter(
    (i) => i.offsetParent !== null,
  );
  for (const input of inputs) {
    window.scrollTo(0, 0);
    input.blur();
    await frame();
    input.scrollIntoView({ block: 'nearest' });
    input.focus();
    await frame();
    const problems: string[] = [];
    const vh = window.innerHeight;
    const dock = document.querySelector('.keyboard-dock');
    const field = document.activeElement;
    let echo = false;
    if (!dock) problems.push('no keyboard dock');
    else if (field !== input) problems.push('the field lost the focus');
    else {
      const top = dock.getBoundingClientRect().top;
      const inside = (r: DOMRect): boolean => r.top >= 0 && r.bottom <= top + 0.5 && r.bottom <= vh;
      const f = input.getBoundingClientRect();
      if (!inside(f))
        problems.push(
          `field at ${Math.round(f.top)}–${Math.round(f.bottom)}, keyboard from ${Math.round(top)}`,
        );
      const primary = document.querySelector<HTMLElement>('main button[type="submit"]');
      if (primary && !inside(primary.getBoundingClientRect())) {
        const r = dock.querySelector('.keyboard-dock__echo')?.getBoundingClientRect();
        if (!r || r.top < 0 || r.bottom > vh) problems.push('primary button hidden and no echo line');
        else echo = true;
      }
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth)
      problems.push(`horizontal scroll ${document.documentElement.scrollWidth}`);
    const controls = document.querySelectorAll<HTMLElement>(
      'main button, main label, main legend, main h1, main .hint, main select, .keyboard-dock .osk-key, .keyboard-dock__echo, .kiosk__header button',
    );
    for (const el of controls) {
      if (el.offsetParent === null) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        problems.push(
          `overflow ${el.className || el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${el.scrollWidth}>${el.clientWidth}`,
        );
    }
    out.push({ field: input.dataset.field ?? input.id, problems, echo });
  }
  return out;
}

test.describe.configure({ mode: 'serial' });

test('every keyboard field of every form stays above the keyboard, both orientations, ×1 ×1.5 ×2', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(600_000);
  await page.goto(demoKiosk.url);
  let checked = 0;
  let echoed = 0;
  const failures: string[] = [];
  for (const form of forms) {
    await page.getByTestId('demo-open').click();
    await page.getByTestId('demo-form').selectOption(`${form.id}@${form.version}`);
    await page.getByTestId('demo-preview').click();
    await expect(page.getByTestId('form-preview')).toHaveAttribute('data-form', `${form.id}@${form.version}`);
    for (let stepNo = 0; ; stepNo++) {
      if (await page.getByTestId('check-answers').isVisible()) break;
      const step = page.locator('[data-testid^="step-"]');
      await expect(step).toBeVisible();
      const stepId = await step.getAttribute('data-testid');
      for (const [orientation, size] of Object.entries(ORIENTATIONS)) {
        await page.setViewportSize(size);
        for (const textSize of SIZES) {
          await setTextSize(page, textSize);
          for (const v of await page.evaluate(walkFields)) {
            checked++;
            if (v.echo) echoed++;
            for (const p of v.problems)
              failures.push(`${form.id} ${stepId} ${v.field} ${orientation} ×${textSize}: ${p}`);
          }
        }
      }
      await page.setViewportSize(ORIENTATIONS.portrait);
      await setTextSize(page, '1');
      await page.getByTestId('continue').click();
      expect(stepNo).toBeLessThan(50);
    }
    console.log(`${form.id}: ${checked} checks, ${failures.length} problems`);
    await page.getByTestId('submit-form').click(); // ends the preview
    await expect(page.getByTestId('form-preview')).toHaveCount(0);
  }
  console.log(`keyboard layout walk: ${checked} field checks, echo line used in ${echoed}`);
  expect(failures.slice(0, 40)).toEqual([]);
  expect(checked).toBeGreaterThan(forms.length * 6);
});
