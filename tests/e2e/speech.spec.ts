/**
 * Speech coverage (issue #18 item 3), captured at the host API boundary (the `speech.say` requests the page sends
 * over its WebSocket):
 * - every screen of the journey, every form step (each heading or legend ever shown), the error summary, the
 *   timeout warning and a queue number produce a speech request that says them;
 * - on the loudspeaker (this machine has no headset) the host's privacy filter leaves none of the fictional
 *   citizens' names, ID numbers or a dossier code in what is spoken;
 * - with no audio device the speech toggle says "Không có loa" and is disabled.
 */
import type { Page } from '@playwright/test';
import { hasAudioDevice } from '../../host/speech/output';
import { filterSpeech, type SpeechPart } from '../../host/speech/privacy-filter';
import { walkMainJourney, walkRefusedAndTimeout } from './a11y-journey';
import { expect, test } from './fixtures';
import { known, secrets } from './speech-record';

interface SayRequest {
  text: string;
  lang: 'vi' | 'en';
  parts?: SpeechPart[];
  append?: boolean;
}

const DOSSIER_CODE = /[0-9A-Z]{2,3}(?:\.[0-9A-Z]{2,3}){2,4}-\d{6}-\d{4,6}/g;

/** Records every speech request the page sends to the host. */
function captureSpeech(page: Page): SayRequest[] {
  const said: SayRequest[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      try {
        const msg = JSON.parse(String(frame.payload)) as { method?: string; params?: SayRequest };
        if (msg.method === 'speech.say' && msg.params) said.push(msg.params);
      } catch {
        // not JSON: not ours
      }
    }),
  );
  return said;
}

const plain = (r: SayRequest): string =>
  (r.parts ? r.parts.map((p) => p.text).join(' ') : r.text).replace(/\s+/g, ' ').normalize('NFC');
/** For comparing what is shown with what is said: spacing and punctuation aside (textContent glues blocks). */
const fold = (s: string): string => s.normalize('NFC').replace(/[\s.,!?;:…]+/gu, '');

/** Every heading and legend the page ever shows (recorded in the page, so steps passed quickly count too). */
async function recordHeadings(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = new Set<string>();
    (window as unknown as { __headings: Set<string> }).__headings = seen;
    const scan = (): void => {
      for (const el of document.querySelectorAll('main h1, main legend, [role="alertdialog"] h2'))
        if (!el.closest('[aria-hidden="true"]')) {
          const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (text) seen.add(text);
        }
    };
    new MutationObserver(scan).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

function expectPrivate(said: SayRequest[]): void {
  for (const r of said) {
    const spoken = filterSpeech(r.parts ?? [{ text: r.text }], { lang: r.lang, privateOutput: false, known });
    for (const s of secrets) expect(spoken, 'personal data on the loudspeaker').not.toContain(s);
    expect(spoken.match(DOSSIER_CODE) ?? []).toEqual([]);
  }
}

test('every screen, form step, error summary and the timeout warning are spoken; nothing personal on the loudspeaker', async ({
  page,
  demoKiosk,
}) => {
  test.setTimeout(240_000);
  const said = captureSpeech(page);
  await recordHeadings(page);
  await page.clock.install();
  await page.goto(demoKiosk.url);
  const spokenSince = async (from: number, what: string): Promise<void> => {
    await expect
      .poll(() => said.slice(from).some((r) => fold(plain(r)).includes(fold(what))), {
        timeout: 10_000,
        message: `"${what}" spoken; said: ${JSON.stringify(said.slice(from).map(plain))}`,
      })
      .toBe(true);
  };
  // Each visited screen must have been spoken since the previous one (same heading: since it first showed).
  let mark = 0;
  let dossierCode = '';
  let previous = { heading: '', mark: 0 };
  const visit = async (name: string): Promise<void> => {
    const dialog = page.locator('[role="alertdialog"] h2');
    const heading = (await dialog.count()) ? dialog.first() : page.locator('main h1').first();
    const text = ((await heading.textContent()) ?? '').trim();
    expect(text, `${name} has a heading`).not.toBe('');
    const from = text === previous.heading ? previous.mark : mark;
    await spokenSince(from, text);
    if (name === 'receipt')
      dossierCode = ((await page.getByTestId('dossier-code').textContent()) ?? '').trim();
    if (name === 'form-error')
      await spokenSince(from, (await page.getByTestId('error-summary').textContent()) ?? '');
    previous = { heading: text, mark: from };
    mark = said.length;
  };
  await walkMainJourney(page, demoKiosk.token, visit);
  await walkRefusedAndTimeout(page, demoKiosk.token, visit);
  // Left idle again, the session ends and the welcome screen comes back (jumped over: the page clock is Playwright's).
  await page.clock.fastForward('02:05');
  await expect(page.getByTestId('screen-attract')).toBeVisible();

  // A lookup result (the dossier of this journey), spoken when it appears — its code only through a headset.
  expect(dossierCode).toMatch(DOSSIER_CODE);
  await page.getByTestId('lookup').click();
  await page.getByTestId('lookup-code').click();
  for (const ch of dossierCode.toLowerCase()) await page.locator(`.keyboard-dock [data-key="${ch}"]`).click();
  const before = said.length;
  await page.getByTestId('lookup-search').click();
  const status = ((await page.getByTestId('lookup-status').textContent()) ?? '').trim();
  expect(status).not.toBe('');
  await spokenSince(before, status);
  const result = said.slice(before).find((r) => fold(plain(r)).includes(fold(status)))!;
  expect(result.parts?.some((p) => p.personal && p.text.includes(dossierCode))).toBe(true);
  expect(filterSpeech(result.parts!, { lang: result.lang, privateOutput: true })).toContain(dossierCode);

  const headings = await page.evaluate(() => [
    ...(window as unknown as { __headings: Set<string> }).__headings,
  ]);
  expect(headings.length).toBeGreaterThan(15);
  const all = said.map((r) => fold(plain(r)));
  const unspoken = headings.filter((h) => !all.some((s) => s.includes(fold(h))));
  expect(unspoken, 'headings never spoken').toEqual([]);
  // The confirm screen's name and ID number were marked personal by the page.
  expect(said.some((r) => r.parts?.some((p) => p.personal))).toBe(true);
  expectPrivate(said);
});

test('a queue number is spoken, with its place in the queue', async ({ page, demoKiosk }) => {
  const said = captureSpeech(page);
  await page.goto(demoKiosk.url);
  await page.getByTestId('queue').click();
  await expect(page.getByTestId('screen-queue')).toBeVisible();
  await page.getByTestId('queue-general').click();
  const number = ((await page.getByTestId('queue-number').textContent()) ?? '').trim();
  expect(number).not.toBe('');
  await expect
    .poll(() =>
      said.some((r) =>
        filterSpeech(r.parts ?? [{ text: r.text }], { lang: r.lang, privateOutput: false }).includes(number),
      ),
    )
    .toBe(true);
  // Phrases are never glued to the number ("bạn000").
  expect(said.some((r) => new RegExp(`\\p{L}${number}`, 'u').test(plain(r)))).toBe(false);
  expectPrivate(said);
});

test('the speech toggle is honest: "Không có loa", disabled, when there is no audio device', async ({
  page,
  demoKiosk,
}) => {
  // The host's check (host/speech/output.ts), from the same machine: CI and this container have no sound card.
  const device = hasAudioDevice();
  await page.goto(demoKiosk.url);
  const toggle = page.getByTestId('speech-toggle');
  if (!device) {
    await expect(toggle).toHaveText(/Không có loa/);
    await expect(toggle).toBeDisabled();
  } else {
    await expect(toggle).not.toHaveText(/Không có loa/);
    await expect(toggle).toBeEnabled();
  }
});
