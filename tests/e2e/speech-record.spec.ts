/**
 * Speech through the real host (issue #18 item 3, acceptance "Speech coverage test"): the host records what it would
 * play and on which output (config `speech.output: { kind: "record" }`, demo only). A journey with a fictional
 * citizen:
 * - on the loudspeaker every screen produced speech, and nothing recorded holds a fictional citizen's name, ID
 *   number or the journey's dossier code — the filter ran in the host, not in the test;
 * - with `speech.privateOutput: "headset"`, the personal parts (the citizen's name and ID number on "Is this you?")
 *   are spoken on the private output.
 */
import { walkMainJourney } from './a11y-journey';
import { expect, identifyWithDemoCard, test } from './fixtures';
import { citizens, secrets, startRecordingKiosk } from './speech-record';

const DOSSIER_CODE = /[0-9A-Z]{2,3}(?:\.[0-9A-Z]{2,3}){2,4}-\d{6}-\d{4,6}/;
const fold = (s: string): string => s.normalize('NFC').replace(/[\s.,!?;:…]+/gu, '');
const nhung = citizens.find((c) => c.id === 'cccd-2021-with-cmnd') as { fullName: string; idNumber: string };

test('loudspeaker: every screen of a journey is spoken by the host, nothing personal is', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const kiosk = await startRecordingKiosk('loudspeaker');
  try {
    await page.goto(kiosk.kiosk.url);
    let mark = 0;
    let previous = { heading: '', mark: 0 };
    let dossierCode = '';
    await walkMainJourney(page, kiosk.kiosk.token, async (name) => {
      const dialog = page.locator('[role="alertdialog"] h2');
      const heading = (await dialog.count()) ? dialog.first() : page.locator('main h1').first();
      const text = ((await heading.textContent()) ?? '').trim();
      expect(text, `${name} has a heading`).not.toBe('');
      const from = text === previous.heading ? previous.mark : mark;
      await expect
        .poll(
          () =>
            kiosk
              .record()
              .slice(from)
              .some((u) => fold(u.text).includes(fold(text))),
          {
            message: `${name}: the host played "${text}"`,
            timeout: 10_000,
          },
        )
        .toBe(true);
      if (name === 'receipt')
        dossierCode = ((await page.getByTestId('dossier-code').textContent()) ?? '').trim();
      previous = { heading: text, mark: from };
      mark = kiosk.record().length;
    });
    expect(dossierCode).toMatch(DOSSIER_CODE);
    const record = kiosk.record();
    expect(record.length).toBeGreaterThan(15);
    // The confirm screen said "your details on the screen" where the name and ID number are.
    expect(record.some((u) => u.text.includes('thông tin của bạn trên màn hình'))).toBe(true);
    for (const u of record) {
      expect(u.output, u.text).toBe('loudspeaker');
      for (const s of secrets) expect(u.text, 'personal data on the loudspeaker').not.toContain(s);
      expect(u.text).not.toContain(dossierCode);
      expect(u.text).not.toMatch(DOSSIER_CODE);
    }
  } finally {
    await kiosk.stop();
  }
});

test('headset: the citizen’s name and ID number are spoken on the private output only', async ({ page }) => {
  test.setTimeout(120_000);
  const kiosk = await startRecordingKiosk('headset');
  try {
    await page.goto(kiosk.kiosk.url);
    await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
    await expect(page.getByTestId('screen-confirm')).toBeVisible({ timeout: 60_000 });
    // The host records an utterance when it plays it: the name and the ID number may be separate ones, the ID
    // later; wait for both.
    const heard = (value: string): boolean => kiosk.record().some((u) => u.text.includes(value));
    await expect.poll(() => heard(nhung.fullName) && heard(nhung.idNumber), { timeout: 10_000 }).toBe(true);
    const record = kiosk.record();
    const personal = record.filter((u) => u.text.includes(nhung.fullName) || u.text.includes(nhung.idNumber));
    for (const u of personal) expect(u.output).toBe('private');
    expect(record.every((u) => u.output === 'private')).toBe(true);
  } finally {
    await kiosk.stop();
  }
});
