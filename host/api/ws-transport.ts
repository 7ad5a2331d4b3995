/**
 * Browser transport for KioskApi: an HTTP server on 127.0.0.1 that serves the built renderer and
 * upgrades `/api` to a WebSocket.
 * - Authentication: the launcher opens `/bootstrap?code=…` with a ONE-TIME code; the server answers with an
 *   HttpOnly, SameSite=Strict session cookie and redirects to `/`. The session secret itself is never in a
 *   URL, on a command line or in a log; a used (or expired) code opens nothing.
 * - The WebSocket requires that cookie and an Origin (and Host) of this very server.
 * - One owner: the first connection (while none is open) owns the kiosk; personal-data events and session
 *   methods are for it alone (routing.ts), other connections get public status only. A non-owner may claim
 *   the kiosk by `session.start` only while no citizen session runs (a reloaded renderer whose old
 *   connection lingers). When the owner's connection closes, its session ends and the newest connection
 *   left becomes the owner.
 * - Per-connection limits: a token bucket of calls and a bounded number of calls in flight; anything over
 *   is answered at once with `rate-limited` / `busy`, so one client's flood cannot delay another's calls.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type RawData, WebSocketServer, type WebSocket } from 'ws';
import { PROTOCOL_VERSION } from '../../common/api/contract';
import { rendererCsp } from '../../common/csp';
import { eventMessage, MAX_MESSAGE_BYTES } from '../../common/api/wire';
import type { KioskHost } from './kiosk-host';
import { isPublicEvent, isPublicMethod } from './routing';
import { logger, swallowed } from '../log/logger';

const log = logger('ws-transport');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

export interface RateLimits {
  /** Calls a connection may make in a burst. */
  burst: number;
  /** Calls per second the bucket refills. */
  perSecond: number;
  /** Calls of one connection being handled at once; more are answered `busy`. */
  maxInFlight: number;
}
/** Far above what the renderer does (a few calls per tap, bursts of ~20 at start), far below a flood. */
export const DEFAULT_RATE_LIMITS: RateLimits = { burst: 200, perSecond: 100, maxInFlight: 32 };

export interface WsTransportOptions {
  host: KioskHost;
  rendererDir: string;
  port?: number;
  limits?: Partial<RateLimits>;
  /** How long a bootstrap code stays valid (default 10 minutes). */
  bootstrapTtlMs?: number;
  now?: () => number;
}

export interface WsTransport {
  port: number;
  /** The name of the HttpOnly session cookie (per port: cookies do not tell ports apart). */
  cookieName: string;
  /** Mints a one-time URL that opens the UI (`/bootstrap?code=…`). */
  bootstrapUrl(): string;
  /** Open API connections, and whether one owns the session (tests, diagnostics). */
  connections(): { total: number; owner: boolean };
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function contentSecurityPolicy(port: number): string {
  return rendererCsp({ wsPort: port, frameAncestors: true });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return '';
}

/** A token bucket (calls) and an in-flight counter for one connection. */
class ConnectionLimiter {
  private tokens: number;
  private last: number;
  inFlight = 0;
  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    this.tokens = limits.burst;
    this.last = now();
  }
  take(): 'ok' | 'rate-limited' | 'busy' {
    const t = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((t - this.last) / 1000) * this.limits.perSecond);
    this.last = t;
    if (this.inFlight >= this.limits.maxInFlight) return 'busy';
    if (this.tokens < 1) return 'rate-limited';
    this.tokens -= 1;
    return 'ok';
  }
}

function errorFrame(id: number | null, code: string, message: string): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, id, ok: false, error: { code, message } });
}

export async function startWsTransport(opts: WsTransportOptions): Promise<WsTransport> {
  const token = newToken();
  const limits = { ...DEFAULT_RATE_LIMITS, ...opts.limits };
  const now = opts.now ?? Date.now;
  const ttl = opts.bootstrapTtlMs ?? 10 * 60_000;
  const codes = new Map<string, number>();
  const root = path.resolve(opts.rendererDir);
  let port = 0;
  let cookieName = 'kiosk_api';
  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const redeem = (code: string): boolean => {
    for (const [c, expires] of codes) if (expires < now()) codes.delete(c);
    for (const c of codes.keys()) {
      if (sameToken(c, code)) {
        codes.delete(c);
        return true;
      }
    }
    return false;
  };

  const server = http.createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/healthz') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: true, protocol: PROTOCOL_VERSION }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/bootstrap') {
      if (!redeem(url.searchParams.get('code') ?? '')) {
        res
          .writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
          .end(
            'Liên kết mở ki-ốt này đã được dùng hoặc đã hết hạn. Kỹ thuật viên: khởi động lại ki-ốt.\n' +
              'This kiosk link has been used or has expired. Technician: restart the kiosk.\n',
          );
        return;
      }
      res
        .writeHead(303, {
          location: '/',
          'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        })
        .end();
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.resolve(root, '.' + rel);
    if (!file.startsWith(root + path.sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
    if (!existsSync(file)) {
      res
        .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Renderer not built: run npm run build:renderer');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin ?? '';
    const ok =
      url.pathname === '/api' &&
      allowedHosts().has(req.headers.host ?? '') &&
      allowedOrigins().has(origin) &&
      sameToken(cookieValue(req.headers.cookie, cookieName), token);
    if (!ok) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // The session owner (see the header). `sessionActive` follows the host's own session.start / session.ended.
  let owner: WebSocket | null = null;
  let sessionActive = false;
  const clients: WebSocket[] = [];
  const offSession = opts.host.onEvent((event) => {
    if (event === 'session.ended') sessionActive = false;
  });
  wss.on('connection', (ws: WebSocket) => {
    clients.push(ws);
    if (!owner) owner = ws;
    const isOwner = (): boolean => owner === ws;
    const limiter = new ConnectionLimiter(limits, now);
    const unsubscribe = opts.host.onEvent((event, payload) => {
      if (!isOwner() && !isPublicEvent(event)) return;
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(eventMessage(event, payload)));
    });
    const onMessage = async (data: RawData, isBinary: boolean): Promise<void> => {
      let raw: unknown;
      try {
        if (isBinary) throw new Error('binary');
        raw = JSON.parse(data.toString());
      } catch {
        ws.send(errorFrame(null, 'bad-message', 'Not JSON'));
        return;
      }
      const msg = raw as { id?: unknown; method?: unknown };
      const id = typeof msg?.id === 'number' ? msg.id : null;
      const verdict = limiter.take();
      if (verdict !== 'ok') {
        ws.send(errorFrame(id, verdict, verdict === 'busy' ? 'Too many calls in flight' : 'Too many calls'));
        return;
      }
      const method = typeof msg?.method === 'string' ? msg.method : '';
      if (!isOwner() && !isPublicMethod(method)) {
        // A renderer that reloaded (its old connection not yet closed) claims the kiosk by starting a
        // session — but never while another connection's citizen session is running.
        if (method === 'session.start' && !sessionActive) owner = ws;
        else {
          ws.send(errorFrame(id, 'not-owner', 'Another client owns the kiosk session'));
          return;
        }
      }
      limiter.inFlight++;
      try {
        const response = await opts.host.handleMessage(raw);
        if (method === 'session.start' && response.ok) sessionActive = true;
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
      } finally {
        limiter.inFlight--;
      }
    };
    // handleMessage answers every call (errors included); what can still fail is the socket itself.
    ws.on('message', (data, isBinary) => {
      void onMessage(data, isBinary).catch(swallowed(log, 'warn', 'API message not answered', undefined));
    });
    let closedOnce = false;
    const closed = (): void => {
      if (closedOnce) return;
      closedOnce = true;
      unsubscribe();
      clients.splice(clients.indexOf(ws), 1);
      if (owner !== ws) return;
      // The owner is gone: its citizen's session ends (personal data wiped), and the newest connection left
      // (a reloaded renderer) owns the kiosk.
      owner = clients.at(-1) ?? null;
      if (sessionActive)
        void opts.host
          .call('session.end', { reason: 'cancel' })
          .catch(swallowed(log, 'warn', 'session not ended after the owner left', undefined));
    };
    ws.on('close', closed);
    ws.on('error', closed);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  cookieName = `kiosk_api_${port}`;

  return {
    port,
    cookieName,
    bootstrapUrl: () => {
      const code = newToken();
      codes.set(code, now() + ttl);
      return `http://127.0.0.1:${port}/bootstrap?code=${code}`;
    },
    connections: () => ({ total: wss.clients.size, owner: owner !== null }),
    close: () =>
      new Promise<void>((resolve) => {
        offSession();
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** For Node clients (tests, benchmarks, diagnostics): redeems a bootstrap URL and returns the `Cookie` header. */
export async function redeemBootstrap(bootstrapUrl: string): Promise<string> {
  const res = await fetch(bootstrapUrl, { redirect: 'manual' });
  const set = res.headers.get('set-cookie');
  if (res.status !== 303 || !set) throw new Error(`bootstrap refused: HTTP ${res.status}`);
  return set.split(';')[0]!;
}
