/**
 * The call button and the staff console, end to end in demo mode: "Gọi cán bộ" → what the citizen is told
 * follows the real delivery (a tiny Alertmanager stand-in here) → the call on the staff console → counted in
 * `/metrics` (bearer token). Staff mode opens only with the right PIN, locks on "Khoá", and staff-only methods
 * are refused while locked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, WebSocketRoute } from '@playwright/test';
import { hashPin } from '../../host/staff/staff-pin';
import {
  expectAxeClean,
  expect,
  openStaffMode,
  startHostProcess,
  type StartedKiosk,
  test,
  chooseService,
} from './fixtures';
import { stopHost } from '../support/host-process';

const TOKEN = 'e2e-metrics-token-0123456789';
const PIN = '482915';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The centre's receiver: records the alerts' labels, answers `status`. */
const received: { screen: string; resolved: boolean }[] = [];
let answer = 200;
let receiver: Server;

let host: StartedKiosk;
let counterHost: StartedKiosk;
let metricsPort: number;

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const alerts = JSON.parse(body) as { labels: { screen: string }; endsAt?: string }[];
      for (const a of alerts) received.push({ screen: a.labels.screen, resolved: Boolean(a.endsAt) });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/v2/alerts`;
  metricsPort = await freePort();
  host = await startHostProcess(
    ['--demo', '--no-devices'],
    { ...process.env, KIOSK_METRICS_TOKEN: TOKEN },
    {
      staff: { pinHash: hashPin(PIN), alertWebhook: { url } },
      metrics: { enabled: true, port: metricsPort },
    },
  );
  // A second kiosk with no receiver configured: the citizen is sent to the counter, with a queue number.
  counterHost = await startHostProcess(['--demo', '--no-devices'], process.env, {
    staff: { pinHash: hashPin(PIN) },
  });
});
test.afterAll(async () => {
  await stopHost(host);
  await stopHost(counterHost);
  await new Promise<void>((r) => receiver.close(() => r()));
});

/**
 * Calls KioskApi on the page's OWN connection (only the owner connection may call staff methods): the page's
 * WebSocket is routed through Playwright, which forwards every frame and lets the test add its own call.
 */
async function routeApi(page: Page): Promise<(method: string) => Promise<unknown>> {
  let server: WebSocketRoute | null = null;
  const waiting = new Map<number, (m: unknown) => void>();
  await page.routeWebSocket(/\/api$/, (ws) => {
    const s = ws.connectToServer();
    server = s;
    ws.onMessage((m) => s.send(m));
    s.onMessage((m) => {
      const msg = JSON.parse(String(m)) as { id?: number };
      const resolve = typeof msg.id === 'number' ? waiting.get(msg.id) : undefined;
      if (resolve) {
        waiting.delete(msg.id!);
        resolve(msg);
      } else ws.send(m);
    });
  });
  let id = 900_000;
  return (method) =>
    new Promise((resolve) => {
      const n = ++id;
      waiting.set(n, resolve);
      server!.send(JSON.stringify({ v: 1, id: n, method, params: {} }));
    });
}

async function scrape(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status).toBe(200);
  return res.text();
}

test('call button → "staff have been told" only when delivered → on the staff console → in /metrics', async ({
  page,
}) => {
  const apiCall = await routeApi(page);
  await page.goto(host.kiosk.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();

  // The centre's receiver fails first: the citizen is told so, with a way forward, and can try again.
  answer = 503;
  await page.getByTestId('call-staff').click();
  const dialog = page.getByTestId('call-staff-dialog');
  await expect(dialog).toHaveAttribute('data-outcome', 'failed');
  await expect(page.getByTestId('call-staff-message')).toContainText('máy chưa báo được cho cán bộ');
  await expect(page.getByTestId('call-staff-take-number')).toBeVisible();
  answer = 200;
  await page.getByTestId('call-staff-retry').click();
  await expect(dialog).toHaveAttribute('data-outcome', 'delivered');
  await expect(page.getByTestId('call-staff-message')).toHaveText(
    'Cán bộ đã được báo, xin vui lòng chờ trong giây lát.',
  );
  await expectAxeClean(page, 'the staff console');
  await page.getByTestId('call-staff-close').click();
  expect(received.map((r) => r.screen)).toEqual(['attract', 'attract']);

  // From a service's page (none of the 25 is information-only any more, so no dead end to show the big call).
  await page.getByTestId('browse-services').click();
  await chooseService(page, 24);
  await expect(page.getByTestId('service-info-only')).toHaveCount(0);
  await page.getByTestId('call-staff').click();
  await expect(dialog).toHaveAttribute('data-outcome', 'delivered');
  await page.getByTestId('call-staff-close').click();
  expect(received.at(-1)).toEqual({ screen: 'service', resolved: false });

  // Counted in /metrics, per screen, and the staff-call alert is active.
  const text = await scrape();
  expect(text).toContain('kiosk_staff_calls_total{screen="attract"} 2');
  expect(text).toContain('kiosk_staff_calls_total{screen="service"} 1');
  expect(text).toContain('kiosk_staff_calls_open 3');
  expect(text).toContain('kiosk_staff_alerts_active{code="staff-call"} 1');

  // Staff-only methods are refused while locked; a wrong PIN does not open the console.
  expect(await apiCall('staff.calls')).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
  await openStaffMode(page, '111111');
  await expect(page.getByTestId('staff-message')).toHaveText('Mã PIN không đúng.');
  await expect(page.getByTestId('staff-console')).toHaveCount(0);
  await page.getByRole('button', { name: 'Huỷ' }).click();

  await openStaffMode(page, PIN);
  const console_ = page.getByTestId('staff-console');
  await expect(console_).toBeVisible();
  const calls = page.getByTestId('staff-call');
  await expect(calls).toHaveCount(3);
  await expect(calls.first()).toContainText('Gọi từ màn hình “Màn hình chào”');
  await expect(calls.first()).toContainText('Chưa gửi được đến trung tâm');
  await expect(calls.nth(1)).toContainText('Đã gửi đến trung tâm');
  await expect(calls.nth(2)).toContainText('“Thông tin dịch vụ”');
  await expect(page.getByTestId('staff-alert-staff-call')).toContainText(
    'Có người dân đang cần cán bộ hỗ trợ tại ki-ốt.',
  );
  await expectAxeClean(page, 'the staff console');
  await page.screenshot({ path: test.info().outputPath('staff-console.png'), fullPage: true });
  // The citizen's call button is not on the console.
  await expect(page.getByTestId('call-staff')).toHaveCount(0);
  expect(await apiCall('staff.calls')).toMatchObject({ ok: true });

  // Answering one call; clearing the alert answers the rest. The delivered ones are resolved at the centre.
  await calls.first().getByTestId('staff-call-answer').click();
  await expect(calls).toHaveCount(2);
  await page.getByTestId('staff-alert-staff-call').getByTestId('staff-alert-clear').click();
  await expect(calls).toHaveCount(0);
  await expect(page.getByTestId('staff-alert-staff-call')).toHaveCount(0);
  await expect.poll(() => received.filter((r) => r.resolved).length).toBe(2);
  expect(await scrape()).toContain('kiosk_staff_calls_open 0');

  // Devices: this kiosk runs without a reader; the mock portal answers; disk and CSCA are checked now.
  await page.getByTestId('staff-tab-devices').click();
  await expect(page.getByTestId('staff-device-reader')).toHaveAttribute('data-state', 'unknown');
  await expect(page.getByTestId('staff-device-disk')).toContainText('Ổ đĩa');
  await expect(page.getByTestId('staff-device-csca')).toBeVisible();
  // Diagnostics: the doctor's checks, one verdict each, translated.
  await page.getByTestId('staff-tab-diagnostics').click();
  await page.getByTestId('staff-diagnostics-run').click();
  await expect(page.getByTestId('staff-diagnostics-summary')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('staff-check-version')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('staff-check-version')).toContainText('Phiên bản phần mềm');
  await expect(page.getByTestId('staff-check-card-read')).toHaveAttribute('data-status', 'skip');
  await expectAxeClean(page, 'the staff console');
  await page.screenshot({ path: test.info().outputPath('staff-diagnostics.png'), fullPage: true });

  // "Khoá" locks: back to the citizen screens, staff-only methods refused again.
  await page.getByTestId('staff-lock').click();
  await expect(console_).toHaveCount(0);
  await expect(page.getByTestId('call-staff')).toBeVisible();
  expect(await apiCall('staff.calls')).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
});

test('without a receiver the citizen is asked to go to the counter and can take a queue number', async ({
  page,
}) => {
  await page.goto(counterHost.kiosk.url);
  await expect(page.getByTestId('screen-attract')).toBeVisible();
  await page.getByTestId('call-staff').click();
  const dialog = page.getByTestId('call-staff-dialog');
  await expect(dialog).toHaveAttribute('data-outcome', 'counter');
  await expect(dialog.locator('h2')).toHaveText('Xin mời bạn đến quầy tiếp nhận');
  await expect(dialog).not.toContainText('Cán bộ đã được báo');
  await page.getByTestId('call-staff-take-number').click();
  await expect(page.getByTestId('call-staff-ticket')).toBeVisible();
  await expect(page.getByTestId('call-staff-ticket').locator('.queue-number')).toHaveText(/\S+/);
  await page.getByTestId('call-staff-close').click();
  await expect(dialog).toHaveCount(0);

  // The call is still on this kiosk's console, marked as shown here only.
  await openStaffMode(page, PIN);
  await expect(page.getByTestId('staff-call')).toContainText('Chỉ hiện trên ki-ốt này');
  await page.getByTestId('staff-lock').click();
  await expect(page.getByTestId('staff-console')).toHaveCount(0);
});
