/**
 * Test fixtures: real kiosk host processes (tsx host/main.ts) serving the built renderer, one per worker.
 * The host prints a one-time bootstrap URL; the fixture redeems it once for the HttpOnly session cookie and
 * every test's browser context gets that cookie (the `context` fixture below), so `page.goto(kiosk.url)`
 * opens the kiosk as the launcher's Chromium would.
 * - `kiosk`: the host without devices, production mode (attract screen, API security).
 * - `demoKiosk`: the host in demo mode with its own isolated pcscd (vpcd reachable from this machine only,
 *   host/devices/isolated-pcscd.ts), the reader simulator behind
 *   it, the virtual serial QR scanner and the mock national portal in its own process — the real stack a
 *   technician sees with `npm start` on a machine without a reader.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { type IsolatedPcscd, startIsolatedPcscd } from '../../host/devices/isolated-pcscd';
import { seriousViolations } from './axe';
import { ROOT, startHostProcess as startHost, stopHost } from '../support/host-process';

export interface KioskProcess {
  /** The kiosk's page (the context has its session cookie). */
  url: string;
  /** The mock national portal (its admin API injects faults), when the host runs it. */
  mockPortal: string | null;
  port: number;
  origin: string;
  /** The session cookie's value (the secret the renderer never sees; HttpOnly). */
  token: string;
  cookieName: string;
  mode: 'production' | 'demo';
  dataDir: string;
}

/** Every kiosk this worker started, and the contexts that must carry their cookies. */
const kiosks: KioskProcess[] = [];
const contexts = new Set<BrowserContext>();

function cookieFor(k: KioskProcess) {
  return {
    name: k.cookieName,
    value: k.token,
    domain: '127.0.0.1',
    path: '/',
    httpOnly: true,
    sameSite: 'Strict' as const,
  };
}

/** The bootstrap exchange, as the launcher's Chromium does it: one GET, a 303 and a Set-Cookie. */
async function redeem(bootstrapUrl: string): Promise<{ name: string; value: string }> {
  const res = await fetch(bootstrapUrl, { redirect: 'manual' });
  const set = res.headers.get('set-cookie') ?? '';
  const m = /^([^=;]+)=([^;]*)/.exec(set);
  if (res.status !== 303 || !m) throw new Error(`bootstrap refused: HTTP ${res.status}`);
  return { name: m[1]!, value: m[2]! };
}

/** A host started by `startHostProcess`; `stopHost` (tests/support/host-process.ts) stops it and removes its data. */
export interface StartedKiosk {
  kiosk: KioskProcess;
  child: ChildProcess;
  dataDir: string;
}

/**
 * A host process (tests/support/host-process.ts) whose bootstrap link is redeemed for the session cookie; the
 * cookie goes to every browser context of this worker.
 */
export async function startHostProcess(
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  config: Record<string, unknown> | null = null,
): Promise<StartedKiosk> {
  const { child, ready, dataDir } = await startHost({
    args: extraArgs,
    env,
    config,
    dataDirPrefix: 'kiosk-e2e-',
  });
  const u = new URL(ready.url);
  const cookie = await redeem(ready.url);
  const kiosk: KioskProcess = {
    url: `${u.origin}/`,
    mockPortal: ready.mockPortal ?? null,
    port: ready.port,
    origin: u.origin,
    token: cookie.value,
    cookieName: cookie.name,
    mode: ready.mode,
    dataDir,
  };
  kiosks.push(kiosk);
  for (const c of contexts) await c.addCookies([cookieFor(kiosk)]);
  child.once('exit', () => kiosks.splice(kiosks.indexOf(kiosk), 1));
  return { child, kiosk, dataDir };
}

/** host/main.ts flags for a demo kiosk whose simulator reaches `pcscd`'s vpcd through its Unix-socket bridges. */
export function demoHostArgs(pcscd: IsolatedPcscd): string[] {
  return ['--demo', '--simulator', '--vpcd-port', String(pcscd.basePort), '--vpcd-socket-dir', pcscd.dir];
}

/**
 * The worker's demo kiosk: the outbox retries a queued dossier within about a second of the portal coming back
 * (`dossier.retry`, demo mode only) instead of after its production waits (backoff from 2 s, circuit open 30 s),
 * so "portal down → queued → delivered later" journeys do not wait ~40 s for the circuit.
 */
export const DEMO_KIOSK_CONFIG = {
  dossier: { retry: { backoffBaseMs: 200, backoffCapMs: 1_000, breakerOpenMs: 1_000 } },
};

export const test = base.extend<
  object,
  { kiosk: KioskProcess; demoKiosk: KioskProcess; pcscd: IsolatedPcscd }
>({
  context: async ({ context }, use) => {
    contexts.add(context);
    if (kiosks.length > 0) await context.addCookies(kiosks.map(cookieFor));
    await use(context);
    contexts.delete(context);
  },
  kiosk: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startHostProcess(['--no-devices']);
      await use(host.kiosk);
      await stopHost(host);
    },
    { scope: 'worker' },
  ],
  pcscd: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const p = await startIsolatedPcscd();
      await use(p);
      await p.stop();
    },
    { scope: 'worker' },
  ],
  demoKiosk: [
    async ({ pcscd }, use) => {
      const host = await startHostProcess(demoHostArgs(pcscd), pcscd.env, DEMO_KIOSK_CONFIG);
      await use(host.kiosk);
      await stopHost(host);
    },
    { scope: 'worker' },
  ],
});

export { expect };

/** From the attract screen to "Is this you?" with a simulated card: consent, QR through the serial scanner, chip. */
export async function identifyWithDemoCard(
  page: Page,
  profileId: string,
  faults: string[] = [],
  opts: { close?: boolean; fromConsent?: boolean } = {},
): Promise<void> {
  // `fromConsent`: the consent screen is already shown (a service chosen while browsing).
  if (!opts.fromConsent) await page.getByTestId('start').click();
  await page.getByTestId('consent-yes').click();
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-profile').selectOption(profileId);
  for (const f of faults) await page.getByTestId('demo-panel').getByLabel(f).check();
  await page.getByTestId('demo-qr').click();
  await page.getByTestId('task-qr').locator('.task-list__mark', { hasText: '✓' }).waitFor();
  await page.getByTestId('demo-insert').click();
  if (opts.close !== false)
    await page
      .getByTestId('demo-panel')
      .getByRole('button', { name: /Đóng|Close/ })
      .click();
}

/** From the welcome screen to a service's page, as the demo citizen Nguyễn Thị Hồng Nhung (card and QR). */
export async function openServiceWithDemoCard(page: Page, url: string, serviceNumber: number): Promise<void> {
  await page.goto(url);
  await identifyWithDemoCard(page, 'cccd-2021-with-cmnd');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await chooseService(page, serviceNumber);
}

/**
 * A dossier as the mock provincial system recorded it in its own database (demo mode keeps it outside the
 * kiosk's data folder, `<dataDir>-mock-portal`): procedure, fee, paid, and the wire body it received.
 */
export function mockPortalDossier(
  kiosk: KioskProcess,
  code: string,
): { procedureCode: string; feeVnd: number; paid: number; body: Record<string, unknown> } | null {
  const db = new Database(path.join(`${kiosk.dataDir}-mock-portal`, 'mock-portal.db'), { readonly: true });
  try {
    const row = db
      .prepare(
        'SELECT procedure_code AS procedureCode, fee_vnd AS feeVnd, paid, body FROM hoso WHERE code = ?',
      )
      .get(code) as { procedureCode: string; feeVnd: number; paid: number; body: string } | undefined;
    return row ? { ...row, body: JSON.parse(row.body) as Record<string, unknown> } : null;
  } finally {
    db.close();
  }
}

/**
 * Opens a catalogue form in the technician's preview (demo panel): its first screen, nothing submitted. The
 * panel's buttons get their click events straight away (`dispatchEvent`) rather than as taps, which wait for
 * still frames: the walks that open every form hundreds of times check the form, not the panel (a technician's
 * taps on the panel are in identify.spec and every journey).
 */
export async function openFormPreview(page: Page, form: { id: string; version: string }): Promise<void> {
  await page.getByTestId('demo-open').dispatchEvent('click');
  await page.getByTestId('demo-form').selectOption(`${form.id}@${form.version}`);
  await page.getByTestId('demo-preview').dispatchEvent('click');
  await expect(page.getByTestId('form-preview')).toHaveAttribute('data-form', `${form.id}@${form.version}`);
}

/**
 * In the form preview: waits for the screen after `previous` (a step's test id, `step-…`; null before the first)
 * and returns its test id, or null once "check your answers" is shown. A step changes after the form's own
 * (asynchronous) submit handler, so the old screen may still be up just after "Tiếp tục".
 */
export async function nextPreviewScreen(page: Page, previous: string | null): Promise<string | null> {
  let shown = '';
  await expect
    .poll(
      async () => {
        shown = await page.evaluate(() => {
          const visible = (el: Element | null): boolean => el !== null && el.getClientRects().length > 0;
          if (visible(document.querySelector('[data-testid="check-answers"]'))) return 'check-answers';
          const step = document.querySelector('[data-testid^="step-"]');
          return visible(step) ? (step!.getAttribute('data-testid') ?? '') : '';
        });
        return shown !== '' && shown !== previous;
      },
      { message: `the preview's screen after ${String(previous)}` },
    )
    .toBe(true);
  return shown === 'check-answers' ? null : shown;
}

/** Takes the simulated card off the reader through the technician's panel (opened and closed again if need be). */
export async function removeDemoCard(page: Page): Promise<void> {
  const panel = page.getByTestId('demo-panel');
  const wasOpen = await panel.isVisible();
  if (!wasOpen) await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-remove').click();
  if (!wasOpen) await panel.getByRole('button', { name: /Đóng|Close/ }).click();
}

/**
 * After any ending: the end screen. With the card still on the reader it asks for it back and stays until the
 * simulated card is taken off; then (or with no card, after a few seconds) the welcome screen comes back.
 */
export async function takeCardAndLeave(page: Page): Promise<void> {
  const ending = page.getByTestId('screen-ending');
  await expect(ending).toBeVisible();
  if ((await ending.getAttribute('data-card')) === 'present') {
    await expect(page.getByTestId('take-card')).toBeVisible();
    await removeDemoCard(page);
  }
  await expect(page.getByTestId('screen-attract')).toBeVisible();
}

/**
 * Taps keys on the kiosk's on-screen keyboard: letters and digits by their key, ' ' → space, an upper-case
 * letter → shift then the letter. `keys` are raw key presses (Telex "Nguyeenx", VNI "Nguye64n").
 */
export async function tapKeys(
  page: Page,
  keys: string,
  within = '.keyboard-dock, [role="dialog"]',
): Promise<void> {
  const dock = page.locator(within).last();
  for (const ch of keys) {
    if (ch === ' ') await dock.locator('[data-key="space"]').click();
    else if (ch !== ch.toLowerCase()) {
      await dock.locator('[data-key="shift"]').click();
      await dock.locator(`[data-key="${ch.toLowerCase()}"]`).click();
    } else await dock.locator(`[data-key="${ch}"]`).click();
  }
}

/** The catalogue's services (number, category, names) as the JSON files give them. */
export function catalogueServices(): {
  number: number;
  id: string;
  category: string;
  shortName: { vi: string; en: string };
}[] {
  const dir = path.join(ROOT, 'catalogue/services');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map(
      (f) =>
        JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ReturnType<typeof catalogueServices>[number],
    );
}

/** On the services screen: the service's category tile, then its tile (service `number`, 1–25). */
export async function chooseService(page: Page, number: number): Promise<void> {
  const service = catalogueServices().find((s) => s.number === number);
  if (!service) throw new Error(`no service ${number}`);
  await page.getByTestId(`category-${service.category}`).click();
  await page.getByTestId(`service-${number}`).click();
}

/**
 * Steps the header's text-size button (×1 → ×1.5 → ×2 → ×1) to `size`. Clicks as events, so a modal
 * warning stays up (a tap elsewhere must not dismiss it).
 */
export async function setTextSize(page: Page, size: '1' | '1.5' | '2'): Promise<void> {
  const button = page.getByTestId('display-large-text');
  for (let i = 0; i < 3 && (await button.getAttribute('data-size')) !== size; i++)
    await button.dispatchEvent('click');
  await expect(button).toHaveAttribute('data-size', size);
}

/** On "check your answers": ticks the declaration ("Tôi xin cam đoan…") and sends. */
export async function declareAndSubmit(page: Page): Promise<void> {
  await page.getByTestId('declaration-agree').check();
  await page.getByTestId('submit-form').click();
}

/** Focuses a text box of the form and types on the on-screen keyboard. */
export async function fillWithKeyboard(page: Page, field: string, keys: string): Promise<void> {
  await page.locator(`[data-field="${field}"]`).click();
  await tapKeys(page, keys);
}

/**
 * Staff mode: a 3-second press on the kiosk's name, then the PIN on the pad (`staff.unlock`).
 */
export async function openStaffMode(page: Page, pin: string): Promise<void> {
  await page.getByTestId('staff-hold').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('staff-hold').boundingBox())!;
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  // Held until the PIN pad opens (the page's own 3-second timer, on Playwright's clock if the spec installed it).
  await expect(page.getByTestId('staff-dialog')).toBeVisible();
  await page.mouse.up();
  await tapKeys(page, pin);
  await page.getByTestId('staff-submit').click();
}

/**
 * Service 5 (temporary absence) from its first form page to "check your answers": name and ID from the card, dates a
 * week and two months ahead, the reason typed in Telex, the first destination offered, a phone number.
 */
export async function fillTemporaryAbsence(page: Page): Promise<void> {
  await page.getByTestId('continue').click(); // name and ID from the card
  const day = (offset: number): [string, string, string] => {
    const d = new Date(Date.now() + offset * 86_400_000);
    return [String(d.getUTCDate()), String(d.getUTCMonth() + 1), String(d.getUTCFullYear())];
  };
  for (const [field, offset] of [
    ['fromDate', 7],
    ['toDate', 60],
  ] as const) {
    const [d, m, y] = day(offset);
    await fillWithKeyboard(page, `${field}__d`, d);
    await fillWithKeyboard(page, `${field}__m`, m);
    await fillWithKeyboard(page, `${field}__y`, y);
  }
  await fillWithKeyboard(page, 'reason', 'DDi lamf xa');
  await page.getByTestId('continue').click();
  // the address pickers: the first province, then its whole commune list, the first commune
  const destination = page.getByTestId('field-destination');
  await destination.getByTestId('province-option').first().click();
  await destination.getByTestId('commune-show-all-destination').click();
  await destination.getByTestId('commune-option').first().click();
  await fillWithKeyboard(page, 'destination.detail', 'so 1');
  await page.getByTestId('continue').click();
  await fillWithKeyboard(page, 'phone', '0912000111');
  await page.getByTestId('continue').click();
}

/**
 * The "documents to add" step: every required paper is marked "I will bring it to the counter", then on.
 * (tests/e2e/attachments.spec.ts photographs and scans them instead.)
 */
export async function bringAllToCounter(page: Page): Promise<void> {
  await page.getByTestId('screen-attachments').waitFor();
  const buttons = page.locator('[data-testid^="attach-bring-"]');
  await buttons.first().waitFor(); // the list arrives from the host after the screen shows
  const n = await buttons.count();
  for (let i = 0; i < n; i++) await buttons.nth(i).click();
  await page.getByTestId('attachments-continue').click();
}

/** After "send": the documents screen when the service has papers besides its forms (all brought to the counter). */
export async function passAttachmentsIfAsked(page: Page): Promise<void> {
  const attachments = page.getByTestId('screen-attachments');
  await attachments.or(page.getByTestId('screen-receipt')).first().waitFor({ timeout: 20_000 });
  if (await attachments.isVisible()) await bringAllToCounter(page);
}

/** Temporary residence (service 4), after the phone step: first request kind, head of household, no members, own home. */
export async function answerTemporaryResidence(page: Page): Promise<void> {
  // CT01 (temporary residence): the citizen is the household head (items 7–9 from the chip), then the new
  // address (required: province, then the commune found by typing without accents), no members, own house.
  await page.getByTestId('field-isHead').getByText('Có', { exact: true }).click();
  await page.getByTestId('continue').click();
  await page.getByTestId('field-requestKind').locator('input[type=radio]').first().check();
  await answerCt01Address(page);
}

/** CT01 from its address step: an address in Hà Nội (Giảng Võ), no members moving too, the citizen's own home. */
export async function answerCt01Address(page: Page): Promise<void> {
  await page.locator('[data-testid="province-option"][data-code="01"]').click();
  await fillWithKeyboard(page, 'residenceAddress__q', 'giang vo');
  await page.getByTestId('commune-option').first().click();
  await tapKeys(page, 'So 5');
  await page.getByTestId('continue').click();
  for (const [field, answer] of [
    ['hasMembers', 'Không'],
    ['ownerIsSelf', 'Có'],
  ] as const) {
    await page.getByTestId(`field-${field}`).getByText(answer, { exact: true }).click();
    await page.getByTestId('continue').click();
  }
}

/**
 * A Y4M (YUV 4:2:0, grey) video of `frames` identical frames from a W×H luma plane, for Chromium's
 * --use-file-for-fake-video-capture. Returns its path.
 */
export function writeFakeVideo(luma: Buffer, W: number, H: number, name: string, frames = 5): string {
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const file = path.join(tmpdir(), `kiosk-${name}-${process.pid}.y4m`);
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${W} H${H} F5:1 Ip A1:1 C420jpeg\n`),
      ...Array<Buffer>(frames).fill(frame),
    ]),
  );
  return file;
}

/** No serious or critical axe violation on the current screen. */
export async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
}

/** The text of a printed PDF (a receipt saved as a file in browser mode), NFC, whitespace collapsed. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'])
    .toString('utf8')
    .normalize('NFC')
    .replace(/\s+/g, ' ');
}
