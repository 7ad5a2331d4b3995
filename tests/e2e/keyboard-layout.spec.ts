/**
 * Layout walk with the on-screen keyboard open: every field the keyboard types into, on every screen of every
 * catalogue form (the technician's preview), in portrait (1080×1920) and landscape (1920×1080), at text sizes ×1,
 * ×1.5 and ×2 (all six on every screen). Each form is walked first unanswered (the questions a blank form shows),
 * then once per set of answers that reveals its conditional questions and screens (`revealing`: from each
 * `visibleWhen` of the catalogue's condition model — "other" choices, a second parent, a member table, …), with a
 * province chosen in every address so the commune picker's search is walked too; a screen already checked with
 * the same fields is not checked again. For each field, tapped:
 * - the field is inside the viewport and above the keyboard dock (bounding boxes);
 * - the primary button ("Tiếp tục") is too, or else the dock's echo line shows the field's label;
 * - nothing scrolls sideways and no text overflows its control (scrollWidth ≤ clientWidth) on the page or
 *   on the keys.
 * Screens shown by the card holder's age (a guardian for a minor) are walked last, with a minor's card read
 * (fixtures/citizens/age-16).
 * One test per form, in parallel across the workers (each on its worker's demo kiosk, with its own page); each
 * screen is checked in all six combinations before moving on. Each test asserts its own form has no problem,
 * that its blank screens had keyboard fields, and, where answers reveal typed questions, that they were checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Condition, Scalar } from '../../common/catalogue/form-conditions';
import type { Form } from '../../common/catalogue/schema';
import type { Page } from '@playwright/test';
import {
  expect,
  identifyWithDemoCard,
  nextPreviewScreen,
  openFormPreview,
  removeDemoCard,
  setTextSize,
  test,
} from './fixtures';

const root = fileURLToPath(new URL('../..', import.meta.url));
const forms = readdirSync(`${root}catalogue/forms/`)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`${root}catalogue/forms/${f}`, 'utf8')) as Form);

type Answers = Record<string, Scalar>;

/** Answers that make a condition true, from the form's own options; null when the preview cannot (age, chip). */
function satisfying(c: Condition, form: Form): Answers | null {
  const field = (id: string) => form.steps.flatMap((s) => s.fields).find((f) => f.id === id);
  if ('all' in c) {
    const parts = c.all.map((x) => satisfying(x, form));
    return parts.every((p) => p !== null) ? merged(parts) : null;
  }
  if ('any' in c) return c.any.map((x) => satisfying(x, form)).find((p) => p !== null) ?? null;
  if ('not' in c || 'age' in c || 'chip' in c) return null;
  if ('field' in c) return { [c.field]: c.equals };
  if (typeof c.eq !== 'undefined' && typeof c.eq !== 'object') return { [c.answer]: c.eq };
  if (c.in) return { [c.answer]: c.in[0]! };
  if (typeof c.ne !== 'undefined' && typeof c.ne !== 'object') {
    const f = field(c.answer);
    if (f?.type === 'yesno') return { [c.answer]: !c.ne };
    const other = f?.options?.find((o) => o.value !== c.ne);
    return other ? { [c.answer]: other.value } : null;
  }
  return null;
}

function merged(parts: (Answers | null)[]): Answers | null {
  const out: Answers = {};
  for (const p of parts)
    for (const [k, v] of Object.entries(p ?? {})) {
      if (k in out && out[k] !== v) return null;
      out[k] = v;
    }
  return out;
}

/** Sets of answers that, together, reveal every conditional question and screen the preview can reach. */
function revealing(form: Form): Answers[] {
  const conditions = form.steps.flatMap((s) => [
    ...(s.visibleWhen ? [s.visibleWhen as Condition] : []),
    ...s.fields.flatMap((f) => (f.visibleWhen ? [f.visibleWhen as Condition] : [])),
  ]);
  const sets: Answers[] = [];
  for (const c of conditions) {
    const want = satisfying(c, form);
    if (!want) continue;
    const fits = sets.findIndex((s) => merged([s, want]) !== null);
    if (fits >= 0) sets[fits] = merged([sets[fits]!, want])!;
    else sets.push(want);
  }
  return sets.length > 0 ? sets : [{}]; // at least one answered pass: a province chosen in every address
}

/** Gives the step's questions the answers of `set` (radios), and a province to every open address picker. */
async function answerStep(page: Page, set: Answers): Promise<void> {
  for (const [id, value] of Object.entries(set)) {
    const group = page.getByTestId(`field-${id}`);
    if (!(await group.isVisible())) continue;
    const radio =
      typeof value === 'boolean'
        ? group.locator('input[type=radio]').nth(value ? 0 : 1)
        : group.locator(`input[type=radio][value="${String(value)}"]`);
    if ((await radio.count()) > 0) await radio.check();
  }
  const provinces = page.locator('main [data-testid^="province-search-"]');
  for (let i = (await provinces.count()) - 1; i >= 0; i--)
    await provinces.nth(i).getByTestId('province-option').first().click();
}

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
 * into view and tapped (focused), the keyboard opening at the first — checks the bounding boxes and the overflow.
 */
async function walkFields(): Promise<Verdict[]> {
  const oneFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
  const frame = async (): Promise<void> => {
    await oneFrame();
    await oneFrame();
  };
  const out: Verdict[] = [];
  const inputs = [...document.querySelectorAll<HTMLInputElement>('main input[data-field]')].filter(
    (i) => i.offsetParent !== null,
  );
  // The first field is tapped with the keyboard closed and the screen at its top; the others in turn, as a citizen
  // moves from field to field with the keyboard open.
  (document.activeElement as HTMLElement | null)?.blur();
  window.scrollTo(0, 0);
  await frame();
  const dockHeight = (): number =>
    document.querySelector('.keyboard-dock')?.getBoundingClientRect().height ?? -1;
  for (const input of inputs) {
    const before = dockHeight();
    input.scrollIntoView({ block: 'nearest' });
    input.focus();
    // The dock scrolls the field clear in the next frame (its focus handler's animation frame); when the keyboard
    // has just opened or changed height (a longer label on its echo line), its ResizeObserver does so once more
    // after that frame's callbacks, so the check waits one frame more.
    await oneFrame();
    if (before < 0 || dockHeight() !== before) await frame();
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

/** Field types typed on the keyboard (an address's picker search and detail line too). */
const TYPED = new Set(['text', 'date', 'idNumber', 'number', 'address', 'phone', 'email']);

/** Whether a condition holds only when a question is answered (no negation): a blank form does not show it. */
const positive = (c: Condition): boolean =>
  'all' in c
    ? c.all.every(positive)
    : 'any' in c
      ? c.any.every(positive)
      : !('not' in c) && !('ne' in c && typeof c.ne !== 'undefined');

/** Whether one of `revealing(form)`'s answers shows a typed question a blank form hides. */
function answersRevealTyping(form: Form): boolean {
  return form.steps.some((s) =>
    s.fields.some((f) => {
      if (!TYPED.has(f.type)) return false;
      const c = (f.visibleWhen ?? s.visibleWhen) as Condition | undefined;
      return c !== undefined && positive(c) && satisfying(c, form) !== null;
    }),
  );
}

test.describe.configure({ mode: 'parallel' });

for (const form of forms) {
  const byCard = /"(age|chip)":/.test(JSON.stringify(form.steps));
  test(`${form.id}: every keyboard field stays above the keyboard, both orientations, ×1 ×1.5 ×2${byCard ? ", and with a minor's card" : ''}`, async ({
    page,
    demoKiosk,
  }) => {
    test.setTimeout(600_000);
    await page.goto(demoKiosk.url);
    let checked = 0;
    let checkedBlank = 0;
    let echoed = 0;
    let passes = 0;
    let checkedCard = 0;
    const failures: string[] = [];
    /** Screens already checked, by their keyboard fields: a later pass checks only what it newly shows. */
    const seen = new Set<string>();
    let card = '';
    const walk = async (set: Answers | null): Promise<void> => {
      passes++;
      await openFormPreview(page, form);
      let stepId: string | null = null;
      for (let stepNo = 0; ; stepNo++) {
        stepId = await nextPreviewScreen(page, stepId);
        if (stepId === null) break; // "check your answers"
        if (set) await answerStep(page, set);
        const fields = await page
          .locator('main input[data-field]')
          .evaluateAll((all) =>
            all
              .filter((i) => (i as HTMLElement).offsetParent !== null)
              .map((i) => (i as HTMLElement).dataset.field),
          );
        const key = `${stepId} ${fields.join(',')}`;
        if (!seen.has(key)) {
          seen.add(key);
          for (const [orientation, size] of Object.entries(ORIENTATIONS)) {
            await page.setViewportSize(size);
            for (const textSize of SIZES) {
              await setTextSize(page, textSize);
              for (const v of await page.evaluate(walkFields)) {
                checked++;
                if (!set) checkedBlank++;
                if (card) checkedCard++;
                if (v.echo) echoed++;
                for (const p of v.problems)
                  failures.push(
                    `${form.id}${card ? ` (${card}'s card)` : ''}${set ? ` ${JSON.stringify(set)}` : ''} ${stepId} ${v.field} ${orientation} ×${textSize}: ${p}`,
                  );
              }
            }
          }
          await page.setViewportSize(ORIENTATIONS.portrait);
          await setTextSize(page, '1');
        }
        // Click events straight away (no wait for still frames, as a tap has): the walk checks the layout.
        await page.getByTestId('continue').dispatchEvent('click');
        expect(stepNo).toBeLessThan(50);
      }
      await page.getByTestId('submit-form').dispatchEvent('click'); // ends the preview
      await expect(page.getByTestId('form-preview')).toHaveCount(0);
    };
    for (const set of [null, ...revealing(form)]) await walk(set);
    // Screens shown by the card holder's age (a guardian for a minor): walked again with a minor's card read.
    if (byCard) {
      card = 'age-16';
      await identifyWithDemoCard(page, card);
      await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
      // The next screen (services, or a saved draft) follows the host's answer: a preview opened before it would be
      // replaced by it.
      await expect(page.getByTestId('screen-confirm')).toHaveCount(0);
      for (const set of revealing(form)) await walk(set);
      await removeDemoCard(page);
    }
    console.log(
      `keyboard layout walk, ${form.id}: ${checked} field checks (${checkedBlank} on the blank form, ` +
        `${checked - checkedBlank} on screens shown by answers, ${checkedCard} of them with a minor's card), ` +
        `${passes} passes, echo line used in ${echoed}, ${failures.length} problems`,
    );
    expect(failures.slice(0, 40)).toEqual([]);
    // Every form has typed questions on its blank screens, each checked in the six combinations.
    expect(checkedBlank).toBeGreaterThanOrEqual(6);
    if (answersRevealTyping(form)) expect(checked).toBeGreaterThan(checkedBlank);
  });
}
