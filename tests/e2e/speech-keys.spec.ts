/**
 * The tactile path (issue #18 item 3; EN 301 549 §5.1.3, §5.1.6) with the keys only: from the welcome screen to the
 * services list on a numeric keypad (+ next, − previous, * read, / repeat, Enter activate) and F-keys, asserting
 * the focus and the speech requests the page sends to the host. The citizen's card is shown to the (simulated)
 * reader and QR scanner through the technician panel: that is the card, not the screen.
 */
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test } from './fixtures';
import { type RecordingKiosk, startRecordingKiosk } from './speech-record';

// The host records what it would play (this machine may have no sound card: the speech bar would say "no speaker").
let kiosk: RecordingKiosk;
test.beforeAll(async () => {
  kiosk = await startRecordingKiosk('loudspeaker');
});
test.afterAll(async () => {
  await kiosk?.stop();
});

interface Sent {
  method: string;
  params: {
    parts?: { text: string; personal?: boolean }[];
    text?: string;
    action?: string;
    append?: boolean;
  };
}

/** Every API request the page sends (speech.say, speech.control …). */
function captureRequests(page: Page): Sent[] {
  const sent: Sent[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      try {
        const msg = JSON.parse(String(frame.payload)) as Partial<Sent>;
        if (msg.method && msg.params) sent.push(msg as Sent);
      } catch {
        // not JSON
      }
    }),
  );
  return sent;
}

const said = (sent: Sent[]): string[] =>
  sent
    .filter((r) => r.method === 'speech.say')
    .map((r) => (r.params.parts ?? [{ text: r.params.text ?? '' }]).map((p) => p.text).join(' '));
const fold = (s: string): string => s.normalize('NFC').replace(/[\s.,!?;:…]+/gu, '');

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
/** The focused control's accessible name (aria-label, aria-labelledby, its labels, else its text). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return '';
    const by = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (by
        ? by
            .split(/\s+/)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : el.labels?.length
          ? [...el.labels].map((l) => l.textContent ?? '').join(' ')
          : (el.textContent ?? ''));
    return `${name}`.replace(/\s+/g, ' ').trim() || `<${el.tagName} ${el.outerHTML.slice(0, 200)}>`;
  });

/**
 * Presses `key` until the control `testId` has the focus; each press must move the focus to a control and ask
 * the host to say that control's name.
 */
async function moveTo(page: Page, sent: Sent[], key: string, testId: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    const before = said(sent).length;
    await page.keyboard.press(key);
    await expect.poll(() => said(sent).length, { message: `${key} speaks` }).toBeGreaterThan(before);
    const name = await focusedName(page);
    expect(name, 'a control has the focus').not.toBe('');
    await expect
      .poll(
        () =>
          said(sent)
            .slice(before)
            .some((s) => fold(s).includes(fold(name))),
        {
          message: `"${name}" spoken after ${key}`,
        },
      )
      .toBe(true);
    if ((await focusedTestId(page)) === testId) return;
  }
  throw new Error(`${testId} not reached with ${key}`);
}

/** Activates the focused control with keypad Enter; the new screen's heading is spoken. */
async function activateTo(page: Page, sent: Sent[], screen: string): Promise<void> {
  const before = said(sent).length;
  await page.keyboard.press('NumpadEnter');
  await expect(page.getByTestId(screen)).toBeVisible({ timeout: 30_000 });
  const heading = ((await page.locator('main h1').first().textContent()) ?? '').trim();
  await expect
    .poll(
      () =>
        said(sent)
          .slice(before)
          .some((s) => fold(s).includes(fold(heading))),
      {
        message: `${screen}: "${heading}" spoken`,
      },
    )
    .toBe(true);
}

test('with the keys only: welcome → identify → services, every move spoken, speech turned on, help said once', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const sent = captureRequests(page);
  await page.goto(kiosk.kiosk.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();

  // Speech off (as a previous citizen may have left it): the first key turns it on and says how to use the keys.
  await page.getByTestId('speech-toggle').click();
  await expect(page.getByTestId('speech-toggle')).toHaveAttribute('aria-pressed', 'false');
  const start = sent.length;
  await page.keyboard.press('NumpadAdd');
  await expect(page.getByTestId('speech-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => said(sent.slice(start)).length).toBeGreaterThanOrEqual(2);
  const enable = sent
    .slice(start)
    .findIndex((r) => r.method === 'speech.control' && r.params.action === 'enable');
  const help = sent
    .slice(start)
    .findIndex((r) => r.method === 'speech.say' && /Hướng dẫn dùng phím/.test(said([r])[0]!));
  expect(enable).toBeGreaterThanOrEqual(0);
  expect(help).toBeGreaterThan(enable);
  const helpText = said([sent[start + help]!])[0]!;
  expect(helpText).toContain('phím cộng trên bàn phím số: sang mục tiếp theo');
  // The control the key moved to is read after the help (appended, not cutting it off).
  const afterHelp = sent.slice(start + help + 1).find((r) => r.method === 'speech.say')!;
  expect(afterHelp.params.append).toBe(true);

  // Next to "Bắt đầu", press it.
  await moveTo(page, sent, 'NumpadAdd', 'start');
  await activateTo(page, sent, 'screen-consent');
  // A new screen: next starts at its content, not at the header's buttons.
  await page.keyboard.press('F7');
  await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  await moveTo(page, sent, 'F7', 'consent-yes');
  // Previous goes back one, next returns.
  const yes = await focusedTestId(page);
  await page.keyboard.press('NumpadSubtract');
  await expect.poll(() => focusedTestId(page)).not.toBe(yes);
  await moveTo(page, sent, 'NumpadAdd', 'consent-yes');
  // Read and repeat.
  let before = said(sent).length;
  await page.keyboard.press('NumpadMultiply');
  await expect
    .poll(() =>
      said(sent)
        .slice(before)
        .some((s) => fold(s).includes(fold('Tôi đồng ý'))),
    )
    .toBe(true);
  before = sent.length;
  await page.keyboard.press('NumpadDivide');
  await expect
    .poll(() => sent.slice(before).some((r) => r.method === 'speech.control' && r.params.action === 'repeat'))
    .toBe(true);
  await activateTo(page, sent, 'screen-identify');

  // The card on the reader (the technician panel plays the citizen's hand).
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-profile').selectOption('cccd-2021-with-cmnd');
  await page.getByTestId('demo-qr').click();
  await page.getByTestId('task-qr').locator('.task-list__mark', { hasText: '✓' }).waitFor();
  await page.getByTestId('demo-insert').click();
  await page
    .getByTestId('demo-panel')
    .getByRole('button', { name: /Đóng|Close/ })
    .click();
  await expect(page.getByTestId('screen-confirm')).toBeVisible({ timeout: 60_000 });

  await moveTo(page, sent, 'NumpadAdd', 'confirm-yes');
  await activateTo(page, sent, 'screen-services');
  await moveTo(
    page,
    sent,
    'NumpadAdd',
    (await page.locator('[data-testid^="category-"]').first().getAttribute('data-testid'))!,
  );

  // Volume: louder, and the new level is said.
  const volume = await page.getByTestId('speech-volume').textContent();
  before = said(sent).length;
  await page.keyboard.press('F10');
  await expect(page.getByTestId('speech-volume')).not.toHaveText(volume ?? '');
  await expect
    .poll(() =>
      said(sent)
        .slice(before)
        .some((s) => /Âm lượng|mức/i.test(s)),
    )
    .toBe(true);

  // The key help was said once in this session, and the help key says it again.
  expect(said(sent).filter((s) => /Hướng dẫn dùng phím/.test(s))).toHaveLength(1);
  await page.keyboard.press('F1');
  await expect.poll(() => said(sent).filter((s) => /Hướng dẫn dùng phím/.test(s)).length).toBe(2);
  // The host played it all on the loudspeaker: the key help, every control, and no ID number. It records an
  // utterance when it plays it, after those queued before (the page has only sent it).
  await expect
    .poll(() => kiosk.record().some((u) => u.output === 'loudspeaker' && /Hướng dẫn dùng phím/.test(u.text)))
    .toBe(true);
  const record = kiosk.record();
  expect(record.some((u) => fold(u.text).includes(fold('Tôi đồng ý')))).toBe(true);
  for (const u of record) {
    expect(u.output).toBe('loudspeaker');
    expect(u.text).not.toMatch(/\d{12}/);
  }
});

test('a scanner burst and keys typed into a field are not taken as commands; a single keypad key is not eaten by the scanner hook', async ({
  page,
}) => {
  const sent = captureRequests(page);
  await page.goto(kiosk.kiosk.url);
  // The keys are listed on the screen too (for a helper or a technician), in plain words, and pass axe.
  const help = page.getByTestId('speech-keys-help');
  await help.locator('summary').click();
  await expect(help).toContainText('phím F7 hoặc phím cộng trên bàn phím số: sang mục tiếp theo');
  await expectAxeClean(page, 'the key help');
  await help.locator('summary').click();
  await page.getByTestId('lookup').click();
  const field = page.getByTestId('lookup-code');
  await field.click();
  // A scanner in keypad-emulation mode: a fast burst with keypad operators in it, then Enter. None of its keys is
  // taken as a command (no key help, no reading), and the focus stays in the field.
  const atBurst = said(sent).length;
  await page.keyboard.type('000.00', { delay: 0 });
  await page.keyboard.press('NumpadAdd');
  await page.keyboard.press('NumpadMultiply');
  await page.keyboard.type('01.H22', { delay: 0 });
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  expect(said(sent).slice(atBurst).join(' ')).not.toMatch(/Hướng dẫn dùng phím|ô nhập/);
  await field.fill('');
  // Typing, including + - * / from the main keys, stays in the field.
  await page.keyboard.type('AB+1-2*3/4', { delay: 120 });
  await expect(field).toHaveValue('AB+1-2*3/4');
  // A keypad key on the identify-style screen (the wedge hook listens here): read as a command, not typed.
  const before = said(sent).length;
  await page.keyboard.press('NumpadMultiply');
  await expect(field).toHaveValue('AB+1-2*3/4');
  await expect.poll(() => said(sent).length).toBeGreaterThan(before);
  expect(said(sent).slice(before).join(' ')).toMatch(/Hướng dẫn dùng phím/);
});
