import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../config/config';
import { createHost, type CreatedHost } from '../create-host';
import { redeemBootstrap, startWsTransport, type WsTransport } from './ws-transport';

let t: WsTransport;
let created: CreatedHost;
let cookie: string;
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-renderer-'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');

beforeAll(async () => {
  created = createHost(loadConfig({ dataDir: dir }, {}));
  t = await startWsTransport({ host: created.host, rendererDir: dir });
  cookie = await redeemBootstrap(t.bootstrapUrl());
});
afterAll(() => t.close());

function open(url: string, origin?: string, cookieHeader?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      ...(origin ? { origin } : {}),
      ...(cookieHeader ? { headers: { cookie: cookieHeader } } : {}),
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const api = (): string => `ws://127.0.0.1:${t.port}/api`;
const own = (): string => `http://127.0.0.1:${t.port}`;

function call(ws: WebSocket, msg: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const id = typeof msg === 'object' && msg ? (msg as { id?: unknown }).id : null;
    const onMessage = (d: WebSocket.RawData): void => {
      const m = JSON.parse(d.toString()) as Record<string, unknown>;
      if ('event' in m) return;
      if (id !== undefined && id !== null && m.id !== id) return;
      ws.off('message', onMessage);
      resolve(m);
    };
    ws.on('message', onMessage);
    ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  });
}

function closeAll(...sockets: WebSocket[]): Promise<void> {
  return Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((r) =>
          ws.readyState === ws.CLOSED ? r() : (ws.once('close', () => r()), ws.close()),
        ),
    ),
  ).then(() => undefined);
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

  it('a bootstrap code works once and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const url = t.bootstrapUrl();
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('set-cookie')).toMatch(
      /^kiosk_api_\d+=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/,
    );
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('đã được dùng');
    expect((await fetch(`${own()}/bootstrap?code=guess`, { redirect: 'manual' })).status).toBe(403);
  });

  it('accepts the session cookie from its own origin', async () => {
    const ws = await open(api(), own(), cookie);
    const res = await call(ws, { v: 1, id: 1, method: 'status.get', params: {} });
    expect(res).toMatchObject({ ok: true, result: { reader: { state: 'no-service' } } });
    await closeAll(ws);
  });

  it('refuses a foreign origin even with the cookie', async () => {
    await expect(open(api(), 'http://evil.example', cookie)).rejects.toThrow('403');
  });

  it('refuses a missing or wrong cookie, and the old ?token= form', async () => {
    await expect(open(api(), own())).rejects.toThrow('403');
    await expect(open(api(), own(), `${t.cookieName}=nope`)).rejects.toThrow('403');
    const secret = cookie.split('=')[1]!;
    await expect(open(`${api()}?token=${secret}`, own())).rejects.toThrow('403');
  });

  it('answers garbage with a typed error and keeps the connection', async () => {
    const ws = await open(api(), own(), cookie);
    expect(await call(ws, '{not json')).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(await call(ws, { v: 1, id: 2, method: 'nope', params: {} })).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    expect(await call(ws, { v: 1, id: 3, method: 'kiosk.hello', params: {} })).toMatchObject({
      ok: true,
      id: 3,
    });
    await closeAll(ws);
  });
});

describe('one owner of the session', () => {
  const events = (ws: WebSocket): string[] => {
    const seen: string[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { event?: string };
      if (m.event) seen.push(m.event);
    });
    return seen;
  };
  const req = (id: number, method: string, params: unknown = {}) => ({ v: 1, id, method, params });

  it('personal events and session methods go to the owner only', async () => {
    const owner = await open(api(), own(), cookie);
    const other = await open(api(), own(), cookie);
    const seen = { owner: events(owner), other: events(other) };
    expect(await call(owner, req(1, 'session.start', { language: 'vi' }))).toMatchObject({ ok: true });
    // The other connection may read public things, but not start, read or end the running session.
    expect(await call(other, req(2, 'catalogue.home'))).toMatchObject({ ok: true });
    for (const [method, params] of [
      ['session.start', { language: 'vi' }],
      ['session.end', { reason: 'cancel' }],
      ['draft.load', {}],
      ['identify.mrz', { documentNumber: '190012345', dateOfBirth: '900315', dateOfExpiry: '300315' }],
    ] as const)
      expect(await call(other, req(3, method, params))).toMatchObject({
        ok: false,
        error: { code: 'not-owner' },
      });
    created.host.emit('identify.photo', { dataUrl: 'data:image/jpeg;base64,AAAA' });
    created.host.emit('identify.qr', { cardType: 'cccd-2021' });
    created.host.emit('lookup.scanned', { text: 'G22.99-261130-0001' });
    created.host.emit('status.changed', created.services.status.get());
    expect(await call(owner, req(4, 'session.end', { reason: 'cancel' }))).toMatchObject({ ok: true });
    // A round trip on each socket flushes the events before checking.
    await call(owner, req(5, 'kiosk.hello'));
    await call(other, req(6, 'kiosk.hello'));
    expect(seen.owner).toEqual([
      'identify.photo',
      'identify.qr',
      'lookup.scanned',
      'status.changed',
      'session.ended',
    ]);
    expect(seen.other).toEqual(['status.changed']);
    await closeAll(owner, other);
  });

  it('a reloaded renderer claims the kiosk by starting a session once none runs; the owner leaving ends its session', async () => {
    const old = await open(api(), own(), cookie);
    const reloaded = await open(api(), own(), cookie);
    const seen = { old: events(old), reloaded: events(reloaded) };
    expect(await call(reloaded, req(1, 'session.start', { language: 'vi' }))).toMatchObject({ ok: true });
    expect(created.services.sessions.active).not.toBeNull();
    created.host.emit('identify.qr', { cardType: 'cccd-2021' });
    await call(old, req(2, 'kiosk.hello'));
    await call(reloaded, req(3, 'kiosk.hello'));
    expect(seen.reloaded).toContain('identify.qr');
    expect(seen.old).not.toContain('identify.qr');
    // The old connection cannot take the running session back.
    expect(await call(old, req(4, 'session.start', { language: 'vi' }))).toMatchObject({
      ok: false,
      error: { code: 'not-owner' },
    });
    // The owner goes away mid-session: the session ends (personal data wiped) and the one left owns the kiosk.
    await closeAll(reloaded);
    await expect.poll(() => created.services.sessions.active).toBeNull();
    expect(await call(old, req(5, 'session.start', { language: 'vi' }))).toMatchObject({ ok: true });
    await call(old, req(6, 'session.end', { reason: 'cancel' }));
    await closeAll(old);
  });
});

describe('per-connection rate limits', () => {
  it("one client's flood is refused cheaply and another client's call is still answered", async () => {
    const limited = await startWsTransport({
      host: created.host,
      rendererDir: dir,
      limits: { burst: 20, perSecond: 1, maxInFlight: 4 },
      now: () => 0, // a frozen clock: the bucket never refills during the test
    });
    try {
      const c = await redeemBootstrap(limited.bootstrapUrl());
      const url = `ws://127.0.0.1:${limited.port}/api`;
      const origin = `http://127.0.0.1:${limited.port}`;
      const flooder = await open(url, origin, c);
      const quiet = await open(url, origin, c);
      const N = 2000;
      const codes = new Map<string, number>();
      const answered = new Promise<void>((resolve) => {
        let n = 0;
        flooder.on('message', (d) => {
          const m = JSON.parse(d.toString()) as { ok?: boolean; error?: { code: string }; event?: string };
          if (m.event) return;
          const k = m.ok ? 'ok' : m.error!.code;
          codes.set(k, (codes.get(k) ?? 0) + 1);
          if (++n === N) resolve();
        });
      });
      for (let i = 0; i < N; i++)
        flooder.send(
          JSON.stringify({ v: 1, id: i + 1, method: 'catalogue.search', params: { query: 'tam tru' } }),
        );
      const quietAnswer = call(quiet, { v: 1, id: 1, method: 'status.get', params: {} });
      await answered;
      expect(await quietAnswer).toMatchObject({ ok: true });
      // At most `burst` calls of the flood reached the host; every other one was refused at the door.
      expect(codes.get('ok') ?? 0).toBeLessThanOrEqual(20);
      expect((codes.get('rate-limited') ?? 0) + (codes.get('busy') ?? 0)).toBeGreaterThanOrEqual(N - 20);
      await closeAll(flooder, quiet);
    } finally {
      await limited.close();
    }
  });
});
