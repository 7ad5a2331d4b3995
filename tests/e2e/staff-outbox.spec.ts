/**
 * Staff mode, issue #17 items 2 and 6, against the real host in demo mode (private pcscd, simulator, mock portal)
 * with a staff PIN and the mock queue centre in its own process:
 * - an officer takes over a citizen's form with the citizen's consent and hands it back (audit rows in the DB);
 * - the mock portal refuses that dossier (fault injection) → a dead letter; the outbox monitor shows it without
 *   personal data, exports it, retries it, and it reaches the mock portal;
 * - queue numbers come from the centre, and from the kiosk (prefixed) when the centre is down.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { type StartedMockQueueCentre, startMockQueueCentre } from '../../host/queue/mock/start';
import { hashPin } from '../../host/staff/staff-pin';
import {
  bringAllToCounter,
  demoHostArgs,
  expect,
  fillTemporaryAbsence,
  identifyWithDemoCard,
  openStaffMode,
  startHostProcess,
  type StartedKiosk,
  test,
  chooseService,
  declareAndSubmit,
} from './fixtures';
import { stopHost } from '../support/host-process';
import { runAxe } from './axe';

const PIN = '482915';
const citizen = JSON.parse(
  readFileSync(new URL('../../fixtures/citizens/over-60.json', import.meta.url), 'utf8'),
) as { fullName: string; idNumber: string; oldIdNumber: string };

test.describe.configure({ mode: 'serial' });
let host: StartedKiosk;
let centre: StartedMockQueueCentre;
test.beforeAll(async ({ pcscd }) => {
  centre = await startMockQueueCentre({ port: 0 });
  host = await startHostProcess(demoHostArgs(pcscd), pcscd.env, {
    staff: { pinHash: hashPin(PIN) },
    queue: { centre: { url: centre.url, timeoutMs: 1000 }, kioskPrefix: 'K07' },
  });
});
test.afterAll(async () => {
  await stopHost(host);
  await centre.stop();
});

async function openStaffConsole(page: Page): Promise<void> {
  // The demo banner arrives with the host's hello and moves the header: press where the name finally is.
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await openStaffMode(page, PIN);
  await expect(page.getByTestId('staff-console')).toBeVisible();
}

let localRef = '';

test('an officer helps with the citizen’s consent and hands back; every step is audited', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const portal = host.kiosk.mockPortal!;
  // The portal refuses the next dossier for good: it becomes a dead letter.
  await request.post(`${portal}/admin/faults`, { data: { rejectRate: 1 } });
  await page.goto(host.kiosk.url);
  await identifyWithDemoCard(page, 'over-60');
  await page.getByTestId('confirm-yes').click({ timeout: 30_000 });
  await chooseService(page, 5);
  await page.getByTestId('start-service').click();

  // The officer offers help from the staff console; the console gives way to the citizen's screen.
  await openStaffConsole(page);
  await page.getByTestId('staff-tab-assist').click();
  await page.getByTestId('assist-request').click();
  await expect(page.getByTestId('staff-console')).toHaveCount(0);
  const dialog = page.getByTestId('assist-dialog');
  await expect(dialog).toContainText('Cho phép cán bộ hỗ trợ bạn điền hồ sơ?');
  await expect(page.getByTestId('assist-no')).toBeFocused();
  const axe = async (testId: string) =>
    (await runAxe(page, { include: `[data-testid="${testId}"]` })).violations.map((v) => v.id);
  expect(await axe('assist-dialog')).toEqual([]);
  await page.getByTestId('assist-yes').click();
  await expect(page.getByTestId('assist-banner')).toContainText('Cán bộ đang hỗ trợ (staff:pin)');
  expect(await axe('assist-banner')).toEqual([]);

  // The officer fills the form on the same screens.
  await fillTemporaryAbsence(page);
  await declareAndSubmit(page);
  await bringAllToCounter(page);
  await expect(page.getByTestId('screen-receipt')).toBeVisible({ timeout: 30_000 });
  localRef = await page.getByTestId('local-ref').innerText();
  // Refused for good: the citizen is not told it "will be sent"; staff will check it, and a way forward is there.
  await expect(page.getByTestId('screen-receipt')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('receipt-refused')).toContainText('Cán bộ sẽ kiểm tra hồ sơ cùng bạn');
  await expect(page.getByTestId('receipt-refused')).toContainText('lấy số thứ tự hoặc bấm nút Gọi cán bộ');
  await expect(page.getByTestId('screen-receipt')).not.toContainText('sẽ tự động được gửi');
  await expect(page.getByTestId('call-staff-big')).toBeVisible();
  await expect(page.getByTestId('receipt-print')).toHaveAttribute('data-state', 'done');
  const paper = execFileSync('pdftotext', [
    '-enc',
    'UTF-8',
    path.join(host.kiosk.dataDir, 'receipts', `${localRef}.pdf`),
    '-',
  ])
    .toString('utf8')
    .normalize('NFC')
    .replace(/\s+/g, ' ');
  expect(paper).toContain('sẽ không gửi lại — cán bộ sẽ kiểm tra');
  expect(paper).not.toMatch(/sẽ tự gửi|sẽ cấp khi gửi xong/);

  await page.getByTestId('assist-hand-back').click();
  await expect(page.getByTestId('assist-banner')).toHaveCount(0);

  const db = new Database(path.join(host.kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const rows = db
      .prepare(`SELECT actor, action, subject, detail FROM audit WHERE action LIKE 'assist.%' ORDER BY seq`)
      .all() as { actor: string; action: string; subject: string; detail: string }[];
    expect(rows.map((r) => [r.actor, r.action])).toEqual([
      ['staff:pin', 'assist.requested'],
      ['staff:pin', 'assist.takeover'],
      ['staff:pin', 'assist.dossier'],
      ['staff:pin', 'assist.handback'],
    ]);
    // The session is named by a hash only; the dossier by the kiosk's local reference.
    expect(rows[0]!.subject).toMatch(/^[0-9a-f]{32}$/);
    expect(rows[3]!.subject).toBe(rows[0]!.subject);
    expect(rows[2]!.subject).toBe(localRef);
    const all = JSON.stringify(db.prepare('SELECT * FROM audit').all());
    expect(all).not.toContain(citizen.fullName);
    expect(all).not.toContain(citizen.idNumber);
  } finally {
    db.close();
  }
});

test('the dead letter is shown without personal data, exported, retried, and reaches the mock portal', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  expect(localRef).not.toBe('');
  const portal = host.kiosk.mockPortal!;
  await request.post(`${portal}/admin/faults`, { data: {} });
  await page.goto(host.kiosk.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await openStaffConsole(page);
  await page.getByTestId('staff-tab-outbox').click();
  const row = page.locator(`[data-testid="outbox-row"][data-id="${localRef}"]`);
  await expect(row).toHaveAttribute('data-state', 'dead-letter');
  await expect(row).toContainText('portal-rejected');
  const outboxAxe = await runAxe(page, { include: '[data-testid="outbox-panel"]' });
  expect(outboxAxe.violations.map((v) => v.id)).toEqual([]);
  await expect(page.getByTestId('outbox-count-dead')).toContainText('1');

  await page.getByTestId('outbox-export').click();
  const csv = page.getByTestId('outbox-export-text');
  await expect(csv).toContainText(`${localRef},`);
  await expect(page.getByTestId('outbox-message')).toContainText('Đã gửi danh sách tới máy in.');
  // The file printer (demo) wrote the printed list beside the receipts.
  const receipts = path.join(host.kiosk.dataDir, 'receipts');
  const exportFile = readdirSync(receipts).find((f) => f.startsWith('outbox-export-'))!;
  const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(receipts, exportFile), '-'])
    .toString('utf8')
    .normalize('NFC');
  expect(printed).toContain(localRef);
  const shown = (await page.getByTestId('outbox-panel').innerText()).normalize('NFC');
  for (const pii of [citizen.fullName, citizen.idNumber, citizen.oldIdNumber, '0912000111']) {
    expect(shown).not.toContain(pii);
    expect(printed).not.toContain(pii);
  }

  await page.getByTestId(`outbox-retry-${localRef}`).click();
  await expect(page.getByTestId('outbox-message')).toContainText(localRef);
  await expect
    .poll(
      async () => {
        const body = (await (await request.get(`${portal}/admin/dossiers`)).json()) as {
          dossiers: { MaThamChieuKiosk: string }[];
        };
        return body.dossiers.some((d) => d.MaThamChieuKiosk === localRef);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await page.getByRole('button', { name: 'Cập nhật' }).click();
  await expect(row).toHaveAttribute('data-state', 'delivered');
  await page.getByTestId('staff-lock').click();

  const db = new Database(path.join(host.kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const retry = db
      .prepare(`SELECT actor, subject FROM audit WHERE action = 'outbox.retry-now' ORDER BY seq DESC LIMIT 1`)
      .get() as { actor: string; subject: string };
    expect(retry).toEqual({ actor: 'staff:pin', subject: localRef });
  } finally {
    db.close();
  }
});

test('queue numbers come from the centre, and from the kiosk with its prefix when the centre is down', async ({
  page,
}) => {
  await page.goto(host.kiosk.url);
  await page.getByTestId('queue').click();
  await page.getByTestId('queue-justice').click();
  const fromCentre = await page.getByTestId('queue-number').innerText();
  expect(fromCentre).toMatch(/^B\d{3}$/);
  expect((await centre.tickets()).at(-1)).toMatchObject({
    number: fromCentre,
    group: 'justice',
    kioskId: 'K07',
  });
  await expect(page.getByTestId('queue-centre-down')).toHaveCount(0);
  await page.getByTestId('queue-done').click();

  await centre.setFaults({ down: true });
  try {
    await page.getByTestId('queue').click();
    await page.getByTestId('queue-justice').click();
    await expect(page.getByTestId('queue-number')).toHaveText(/^K07-B\d{3}$/);
    await expect(page.getByTestId('queue-centre-down')).toContainText('số này do ki-ốt cấp');
  } finally {
    await centre.setFaults({});
  }
});
