import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../config/config';
import { createHost } from '../create-host';
import { startWsTransport, type WsTransport } from './ws-transport';

let t: WsTransport;
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-renderer-'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');

beforeAll(async () => {
  const { host } = createHost(loadConfig({ dataDir: dir }, {}));
  t = await startWsTransport({ host, rendererDir: dir });
});
afterAll(() => t.close());

function open(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, msg: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (d) => resolve(JSON.parse(d.toString())));
    ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  });
}

describe('WebSocket transport', () => {
  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(`http://127.0.0.1:${t.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<title>kiosk</title>');
  });

  it('refuses path traversal', async () => {
    const res = await fetch(`http://127.0.0.1:${t.port}/..%2f..%2fetc%2fpasswd`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('root:');
  });

  it('accepts the right token from its own origin', async () => {
    const ws = await open(`ws://127.0.0.1:${t.port}/api?token=${t.token}`, `http://127.0.0.1:${t.port}`);
    const res = await call(ws, { v: 1, id: 1, method: 'status.get', params: {} });
    expect(res).toMatchObject({ ok: true, result: { reader: { state: 'no-service' } } });
    ws.close();
  });

  it('refuses a foreign origin even with the token', async () => {
    await expect(
      open(`ws://127.0.0.1:${t.port}/api?token=${t.token}`, 'http://evil.example'),
    ).rejects.toThrow('403');
  });

  it('refuses a missing or wrong token', async () => {
    const origin = `http://127.0.0.1:${t.port}`;
    await expect(open(`ws://127.0.0.1:${t.port}/api`, origin)).rejects.toThrow('403');
    await expect(open(`ws://127.0.0.1:${t.port}/api?token=nope`, origin)).rejects.toThrow('403');
  });

  it('answers garbage with a typed error and keeps the connection', async () => {
    const ws = await open(`ws://127.0.0.1:${t.port}/api?token=${t.token}`, `http://127.0.0.1:${t.port}`);
    expect(await call(ws, '{not json')).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(await call(ws, { v: 1, id: 2, method: 'nope', params: {} })).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await call(ws, { v: 1, id: 3, method: 'kiosk.hello', params: {} })).toMatchObject({
      ok: true,
      id: 3,
    });
    ws.close();
  });
});
