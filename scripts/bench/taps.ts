/**
 * Taps benchmark: how many times a citizen touches the screen to finish a service, for scripted journeys
 * against the real demo kiosk (`--demo --simulator` behind a private pcscd, Debian's Chromium, as
 * tests/e2e/fixtures.ts). Counted in the page by a probe installed before the app starts:
 * - `taps`: trusted clicks on anything but the on-screen keyboard (buttons, radios, links, text boxes); a tap on
 *   a radio's text counts once (the click the browser forwards from the label to the radio is not another tap:
 *   before this, each such answer counted 2); a native drop-down (`<select>`) counts 2 (open + choose);
 * - `keystrokes`: keys of the on-screen keyboard (a capital letter is 2: shift + letter);
 * - `total` = taps + keystrokes, from the attract screen's "start" to the receipt;
 * - `seconds`: the scripted journey's wall time, start to receipt (the script does not pause like a citizen: it
 *   measures the kiosk's own waits — chip reads, host calls, rendering — on this machine).
 * A place picker's option counts 1 like any button (the province and commune pickers replaced the drop-downs).
 * The technician's demo panel (it stands in for the citizen presenting the card and the QR) is not counted.
 * Journeys (fictional citizens, fixtures/citizens):
 * - temporaryResidenceElderly: Lê Thị Bưởi (over-60) registers temporary residence at her son's house; the son
 *   (household head and owner, played by the fictional cccd-2021-no-cmnd card) taps his own card, which fills
 *   his block and suggests the address; she types her phone number.
 * - temporaryResidenceElderlyTyped (no target): the same when the son is not there: his name, ID number and
 *   the address typed (the kiosk's own commune offered first, then the house number).
 * - birthByMother: Nguyễn Thị Hồng Nhung registers her daughter's birth; her own block comes from her chip.
 * - idCardRenewal: Trần Văn Đức renews his ID card.
 * Targets (issue #14): temporary residence ≤ 60, birth by the mother ≤ 90 (119 and 214 before). Needs a built
 * renderer (dist/renderer: `npm run build:renderer`).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium';
import { ROOT, startHostProcess, stopHost } from '../../tests/support/host-process';
import { startPrivatePcscd } from '../../tests/support/pcscd';

const KIOSK_COMMUNE = '14797';
export const TARGETS = { temporaryResidenceElderly: 60, birthByMother: 90 } as const;

const log = (m: string): void => void process.stderr.write(`taps: ${m}\n`);

/** Runs in the page before the app: counts the citizen's taps and keystrokes. */
const PAGE_PROBE = `
(() => {
  const c = { taps: 0, keystrokes: 0 };
  window.__taps = c;
  const demo = (el) => el.closest('[data-testid="demo-panel"], [data-testid="demo-open"]');
  // A tap on a radio's or checkbox's text is one tap, though the browser then clicks the control too (trusted).
  let forwarded = null;
  document.addEventListener('click', (e) => {
    if (!e.isTrusted || !(e.target instanceof Element) || demo(e.target)) return;
    if (forwarded !== null && e.target === forwarded) {
      forwarded = null;
      return;
    }
    const label = e.target.closest('label');
    forwarded = label && label.control && label.control !== e.target ? label.control : null;
    if (e.target.closest('[data-key]')) c.keystrokes++;
    else if (e.target.closest('select')) return;
    else c.taps++;
  }, true);
  document.addEventListener('change', (e) => {
    if (e.target instanceof HTMLSelectElement && !demo(e.target)) c.taps += 2;
  }, true);
})();
`;

async function startHost(
  env: NodeJS.ProcessEnv,
  vpcdPort: number,
): Promise<{ child: ChildProcess; url: string; dataDir: string }> {
  const { child, ready, dataDir } = await startHostProcess({
    args: ['--demo', '--simulator', '--vpcd-port', String(vpcdPort)],
    env,
    // The kiosk stands in Phường Hạc Thành (Thanh Hóa), where the son lives: its commune is offered first.
    config: { kioskCommuneCode: KIOSK_COMMUNE },
    stderr: 'ignore',
    dataDirPrefix: 'kiosk-bench-taps-',
  });
  return { child, url: ready.url, dataDir };
}

// ---------------------------------------------------------------------------------------------
// What the citizen does (the demo panel stands in for the card and its QR)

/** The demo panel stands in for a person showing their card's QR and putting the card on the reader. */
async function presentCard(page: Page, profileId: string, qrDone = 'task-qr'): Promise<void> {
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-profile').selectOption(profileId);
  await page.getByTestId('demo-qr').click();
  await page.getByTestId(qrDone).locator('.task-list__mark', { hasText: '✓' }).waitFor();
  await page.getByTestId('demo-insert').click();
  await page
    .getByTestId('demo-panel')
    .getByRole('button', { name: /Đóng|Close/ })
    .click();
}

async function identify(page: Page, profileId: string): Promise<void> {
  await page.getByTestId('start').click();
  await page.getByTestId('consent-yes').click();
  await presentCard(page, profileId);
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
}

/** A fictional citizen standing in for her son (fixtures/citizens). */
const SON = 'cccd-2021-no-cmnd';

/** Taps keys on the on-screen keyboard (capitals through shift), like tests/e2e/fixtures.ts `tapKeys`. */
async function keys(page: Page, text: string): Promise<void> {
  const dock = page.locator('.keyboard-dock').last();
  for (const ch of text) {
    if (ch === ' ') await dock.locator('[data-key="space"]').click();
    else if (ch !== ch.toLowerCase()) {
      await dock.locator('[data-key="shift"]').click();
      await dock.locator(`[data-key="${ch.toLowerCase()}"]`).click();
    } else await dock.locator(`[data-key="${ch}"]`).click();
  }
}

async function type(page: Page, field: string, text: string): Promise<void> {
  await page.locator(`[data-field="${field}"]`).click();
  await keys(page, text);
}

const choose = (page: Page, field: string, label: string): Promise<void> =>
  page.getByTestId(`field-${field}`).getByText(label, { exact: true }).click();
const next = (page: Page): Promise<void> => page.getByTestId('continue').click();

async function startService(page: Page, serviceNumber: number): Promise<void> {
  await page.getByTestId(`service-${serviceNumber}`).first().click();
  await page.getByTestId('start-service').click();
}

async function submit(page: Page): Promise<void> {
  await page.getByTestId('check-answers').waitFor();
  await page.getByTestId('declaration-agree').check(); // "Tôi xin cam đoan…", required before sending
  await page.getByTestId('submit-form').click();
  // A fee the card cannot prove exempt: one question ("none of these"), then send.
  const exemption = page.getByTestId('screen-exemption');
  const attachmentsOrReceipt = page.getByTestId('screen-attachments').or(page.getByTestId('screen-receipt'));
  await exemption.or(attachmentsOrReceipt).first().waitFor({ timeout: 30_000 });
  if (await exemption.isVisible()) {
    await page.getByTestId('exemption-none').check();
    await page.getByTestId('exemption-submit').click();
  }
  // Papers besides the forms: each required one brought to the counter (one tap each), then on.
  const attachments = page.getByTestId('screen-attachments');
  await attachments.or(page.getByTestId('screen-receipt')).first().waitFor({ timeout: 30_000 });
  if (await attachments.isVisible()) {
    const required = page.locator('[data-testid^="attachment-"][data-required="true"]');
    await required
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    for (const section of await required.all())
      await section.locator('[data-testid^="attach-bring-"]').click();
    await page.getByTestId('attachments-continue').click();
  }
  await page.getByTestId('screen-receipt').waitFor({ timeout: 30_000 });
}

const JOURNEYS: Record<string, (page: Page) => Promise<void>> = {
  async temporaryResidenceElderly(page) {
    await identify(page, 'over-60');
    await startService(page, 4);
    await next(page); // about you: from the card
    await type(page, 'phone', '0912345678');
    await next(page);
    // Her son is the household head and is with her: he taps his own card (his consent, QR, chip).
    await choose(page, 'isHead', 'Không');
    await page.getByTestId('other-card-start').click();
    await page.getByTestId('other-consent-yes').click();
    await presentCard(page, SON, 'other-qr');
    await page.getByTestId('prefilled-headName').waitFor();
    await choose(page, 'headRelation', 'Con');
    await next(page);
    // The address is suggested from his card (remapped to today's units): she only says what she asks for.
    await choose(page, 'requestKind', 'Đăng ký tạm trú');
    await page.waitForFunction(
      () => !!document.querySelector<HTMLElement>('#f-residenceAddress-communeCode')?.dataset.value,
    );
    await next(page);
    await choose(page, 'hasMembers', 'Không');
    await next(page);
    await choose(page, 'ownerIsSelf', 'Không'); // the owner is her son: name and ID carried from the head
    await next(page);
    await submit(page);
  },
  /** The same visit when the son is not there: his name, ID and the address typed. */
  async temporaryResidenceElderlyTyped(page) {
    await identify(page, 'over-60');
    await startService(page, 4);
    await next(page);
    await type(page, 'phone', '0912345678');
    await next(page);
    await choose(page, 'isHead', 'Không');
    await type(page, 'headName', 'Ddinh Coong Sown');
    await choose(page, 'headRelation', 'Con');
    await type(page, 'headIdNumber', '038085001234');
    await next(page);
    await choose(page, 'requestKind', 'Đăng ký tạm trú');
    await page.getByTestId('address-home').click(); // the kiosk's own commune, offered first
    await keys(page, 'So 12 Le Lai');
    await next(page);
    await choose(page, 'hasMembers', 'Không');
    await next(page);
    await choose(page, 'ownerIsSelf', 'Không');
    await next(page);
    await submit(page);
  },
  async birthByMother(page) {
    await identify(page, 'cccd-2021-with-cmnd');
    await startService(page, 9);
    await choose(page, 'requesterRelation', 'Mẹ');
    await next(page);
    await type(page, 'childName', 'Phan Thij Mai');
    await type(page, 'childDateOfBirth__d', '2');
    await type(page, 'childDateOfBirth__m', '11');
    await type(page, 'childDateOfBirth__y', '2026');
    await choose(page, 'childSex', 'Nữ');
    await next(page);
    await type(page, 'childPlaceOfBirth', 'Beenhj vieenj Phuj sanr Ha Nooij');
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('[data-field="childEthnicity"]')?.value === 'Kinh',
    );
    await next(page); // ethnicity, nationality, home town suggested from her card
    await page.getByTestId('prefilled-motherName').waitFor();
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('#f-motherResidence-communeCode')?.dataset.value === '00025',
    );
    await next(page); // the mother: from her chip, read-only
    await page.getByTestId('field-hasFather').locator('input:checked').waitFor({ state: 'attached' });
    await next(page); // the father is declared: her spouse on the chip (suggested)
    await type(page, 'fatherYearOfBirth__y', '1988');
    await next(page); // the rest of his block suggested from her card
    await choose(page, 'wantCopies', 'Không');
    await next(page);
    await submit(page);
  },
  async idCardRenewal(page) {
    await identify(page, 'cccd-2021-no-cmnd');
    await startService(page, 2);
    await page.locator('[data-testid^="step-"]').waitFor();
    const kind = page.getByTestId('field-requestKind');
    if (await kind.isVisible()) {
      await choose(page, 'requestKind', 'Đổi thẻ căn cước (hết hạn, hỏng, thay đổi thông tin)');
      await next(page);
    }
    await next(page); // about you: from the card
    await type(page, 'phone', '0987654321');
    await next(page);
    await submit(page);
  },
};

export default async function bench(): Promise<Record<string, unknown>> {
  if (!existsSync(path.join(ROOT, 'dist/renderer/index.html')))
    throw new Error('dist/renderer is missing: run `npm run build:renderer` first');
  const pcscd = await startPrivatePcscd();
  const host = await startHost(pcscd.env, pcscd.basePort);
  const { url } = host;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const journeys: Record<
    string,
    { taps: number; keystrokes: number; total: number; seconds: number; target?: number; met?: boolean }
  > = {};
  // One browser context: the launch URL's one-time code becomes its session cookie (host/api/ws-transport.ts),
  // so later journeys open the kiosk's own origin with that cookie.
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  await context.addInitScript({ content: PAGE_PROBE });
  let first = true;
  try {
    for (const [name, run] of Object.entries(JOURNEYS)) {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(first ? url : `${new URL(url).origin}/`);
      first = false;
      await page.getByTestId('screen-attract').waitFor();
      log(name);
      const started = performance.now();
      await run(page).catch(async (e: unknown) => {
        await page.screenshot({ path: path.join(tmpdir(), `kiosk-bench-taps-${name}.png`) });
        throw e;
      });
      const c = await page.evaluate(
        () => (window as unknown as { __taps: { taps: number; keystrokes: number } }).__taps,
      );
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const target = (TARGETS as Record<string, number>)[name];
      const total = c.taps + c.keystrokes;
      journeys[name] = {
        ...c,
        total,
        seconds,
        ...(target !== undefined ? { target, met: total <= target } : {}),
      };
      // end the session for the next journey
      await page.getByTestId('finish').click();
      await page.getByTestId('rating-skip').click();
      // The end screen holds until the card leaves the reader.
      await page.getByTestId('screen-ending').waitFor();
      if ((await page.getByTestId('screen-ending').getAttribute('data-card')) === 'present') {
        await page.getByTestId('demo-open').click();
        await page.getByTestId('demo-remove').click();
      }
      await page
        .getByTestId('screen-attract')
        .waitFor()
        .catch(async (e: unknown) => {
          await page.screenshot({ path: path.join(tmpdir(), `kiosk-bench-taps-${name}-end.png`) });
          throw e;
        });
      await page.close();
    }
  } finally {
    await browser.close();
    await stopHost(host);
    await pcscd.stop();
  }
  return { journeys, targetsMet: Object.values(journeys).every((j) => j.met !== false) };
}
