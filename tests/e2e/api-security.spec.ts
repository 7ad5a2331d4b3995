/**
 * The API cannot be called by a page on another origin, nor by a page of ours without the session cookie
 * (which only the one-time bootstrap link hands out, HttpOnly: the page's script never reads it).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

async function tryApi(page: import('@playwright/test').Page, wsUrl: string): Promise<string> {
  return page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => {
          ws.send(JSON.stringify({ v: 1, id: 1, method: 'status.get', params: {} }));
        };
        ws.onmessage = (m) => resolve(`answered:${String(m.data).slice(0, 40)}`);
        ws.onerror = () => resolve('refused');
        ws.onclose = () => resolve('refused');
      }),
    wsUrl,
  );
}

test('a page on another origin cannot call the API, even with the cookie in its jar', async ({
  page,
  kiosk,
}) => {
  const evil = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>other site</h1>'),
  );
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  const port = (evil.address() as AddressInfo).port;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(await tryApi(page, `ws://127.0.0.1:${kiosk.port}/api`)).toBe('refused');
    expect(await tryApi(page, `ws://127.0.0.1:${kiosk.port}/api?token=${kiosk.token}`)).toBe('refused');
  } finally {
    evil.close();
  }
});

test('our own origin without the cookie cannot call the API; with it, it can', async ({
  browser,
  page,
  kiosk,
}) => {
  const bare = await browser.newContext();
  try {
    const stranger = await bare.newPage();
    await stranger.goto(`${kiosk.origin}/healthz`);
    expect(await tryApi(stranger, `ws://127.0.0.1:${kiosk.port}/api`)).toBe('refused');
    // The secret in a URL opens nothing: only the cookie does.
    expect(await tryApi(stranger, `ws://127.0.0.1:${kiosk.port}/api?token=${kiosk.token}`)).toBe('refused');
  } finally {
    await bare.close();
  }
  await page.goto(`${kiosk.origin}/healthz`);
  expect(await tryApi(page, `ws://127.0.0.1:${kiosk.port}/api`)).toMatch(/^answered:/);
  // HttpOnly: the page's script cannot read the session cookie.
  expect(await page.evaluate(() => document.cookie)).not.toContain(kiosk.token);
});

test('production mode: no technician panel, no simulator methods', async ({ page, kiosk }) => {
  expect(kiosk.mode).toBe('production');
  await page.goto(kiosk.url);
  await expect(page.getByTestId('status-strip')).toBeVisible();
  await expect(page.getByTestId('demo-open')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  const answer = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/api`);
        ws.onopen = () => ws.send(JSON.stringify({ v: 1, id: 7, method: 'simulator.profiles', params: {} }));
        ws.onmessage = (m) => {
          const msg = JSON.parse(String(m.data)) as { id?: number; error?: { code: string } };
          if (msg.id === 7) resolve(msg.error?.code ?? 'ok');
        };
      }),
  );
  expect(answer).toBe('unknown-method');
});
