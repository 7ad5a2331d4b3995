/** The API cannot be called by a page on another origin, nor by a page of ours without the token. */
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

test('a page on another origin cannot call the API, even knowing the token', async ({ page, kiosk }) => {
  const evil = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>other site</h1>'),
  );
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  const port = (evil.address() as AddressInfo).port;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(await tryApi(page, `ws://127.0.0.1:${kiosk.port}/api?token=${kiosk.token}`)).toBe('refused');
  } finally {
    evil.close();
  }
});

test('our own origin without the token cannot call the API; with it, it can', async ({ page, kiosk }) => {
  await page.goto(`${kiosk.origin}/healthz`);
  expect(await tryApi(page, `ws://127.0.0.1:${kiosk.port}/api`)).toBe('refused');
  expect(await tryApi(page, `ws://127.0.0.1:${kiosk.port}/api?token=wrong`)).toBe('refused');
  expect(await tryApi(page, `ws://127.0.0.1:${kiosk.port}/api?token=${kiosk.token}`)).toMatch(/^answered:/);
});
