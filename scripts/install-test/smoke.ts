/**
 * A short browser smoke test of the INSTALLED kiosk, served by the installed host: Debian's Chromium (as
 * tests/e2e does) opens the host's one-time bootstrap link the way the kiosk's UI launcher does, then checks the
 * attract screen is in Vietnamese, the kiosk is in production (the citizen's status strip, no demo banner, no mode
 * or technical details), there is no technician panel, and the reader simulator's API is absent (the host answers
 * `unknown-method`).
 *   smoke.ts BOOTSTRAP-URL [SCREENSHOT.png]
 * One line per check ("ok …" / "not ok …"); exit 1 if any failed.
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium';

type Check = [name: string, run: (page: Page) => Promise<void>];

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected)
    throw new Error(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

const CHECKS: Check[] = [
  [
    'attract screen in Vietnamese',
    async (page) => {
      await page.getByTestId('screen-attract').waitFor({ timeout: 30_000 });
      expectEqual(await page.locator('html').getAttribute('lang'), 'vi', 'html lang');
      expectEqual(
        (await page.getByRole('heading', { level: 1 }).textContent())?.trim(),
        'Xin chào!',
        'heading',
      );
      const start = (await page.getByTestId('start').textContent()) ?? '';
      if (!start.includes('Chạm để bắt đầu')) throw new Error(`start button says "${start}"`);
    },
  ],
  [
    'production mode: the citizen status strip, no demo banner, no mode or technical details',
    async (page) => {
      await page.getByTestId('status-citizen').waitFor({ timeout: 15_000 });
      for (const id of ['demo-banner', 'status-mode', 'status-technical'])
        expectEqual(await page.getByTestId(id).count(), 0, `${id} elements`);
      const body = (await page.locator('body').textContent()) ?? '';
      if (/trình diễn|mô phỏng/i.test(body)) throw new Error('the page speaks of demo/simulator');
    },
  ],
  [
    'no technician panel',
    async (page) => {
      expectEqual(await page.getByTestId('demo-open').count(), 0, 'demo-open (technician panel) elements');
    },
  ],
  [
    'simulator API absent (simulator.profiles → unknown-method)',
    async (page) => {
      const answer = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(`ws://${location.host}/api`);
            ws.onopen = () =>
              ws.send(JSON.stringify({ v: 1, id: 7, method: 'simulator.profiles', params: {} }));
            ws.onmessage = (m) => {
              const msg = JSON.parse(String(m.data)) as { id?: number; error?: { code: string } };
              if (msg.id === 7) resolve(msg.error?.code ?? 'answered');
            };
            ws.onerror = () => resolve('socket error');
            setTimeout(() => resolve('no answer'), 10_000);
          }),
      );
      expectEqual(answer, 'unknown-method', 'simulator.profiles');
    },
  ],
];

export async function smoke(bootstrapUrl: string, screenshot?: string): Promise<number> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  let failed = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const res = await page.goto(bootstrapUrl);
    if (!res?.ok()) {
      process.stdout.write(`not ok the bootstrap link opened the kiosk (HTTP ${res?.status()})\n`);
      return 1;
    }
    for (const [name, run] of CHECKS) {
      try {
        await run(page);
        process.stdout.write(`ok ${name}\n`);
      } catch (e) {
        failed++;
        process.stdout.write(`not ok ${name}: ${(e as Error).message.split('\n')[0]}\n`);
      }
    }
    if (screenshot) await page.screenshot({ path: screenshot });
  } finally {
    await browser.close();
  }
  return failed;
}

if (process.argv[1]?.endsWith('smoke.ts')) {
  const [url, shot] = process.argv.slice(2);
  if (!url) {
    process.stderr.write('usage: smoke.ts BOOTSTRAP-URL [SCREENSHOT.png]\n');
    process.exit(2);
  }
  process.exit((await smoke(url, shot)) === 0 ? 0 : 1);
}
