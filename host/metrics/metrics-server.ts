/**
 * `GET /metrics` over HTTP for the centre's Prometheus. Bound to loopback by default (a configured management
 * address otherwise); every request needs `Authorization: Bearer <token>` (compared in constant time); the
 * token comes from a file (0600) or KIOSK_METRICS_TOKEN, never from kiosk.json. Anything else is 404/405/401.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_TYPE, type MetricsSources, metricsText } from './exposition';

export interface MetricsServerOptions {
  host: string;
  port: number;
  token: string;
  sources: MetricsSources;
}

export interface RunningMetricsServer {
  url: string;
  server: Server;
  stop(): Promise<void>;
}

/** The bearer token: KIOSK_METRICS_TOKEN, else the file's first line; at least 16 characters. */
export function resolveMetricsToken(tokenFile: string | null, env = process.env): string {
  const raw = env.KIOSK_METRICS_TOKEN ?? (tokenFile ? readFileSync(tokenFile, 'utf8') : '');
  const token = raw.split(/\r?\n/)[0]!.trim();
  if (token.length < 16)
    throw new Error(
      'metrics: a bearer token of at least 16 characters is required (metrics.tokenFile or KIOSK_METRICS_TOKEN)',
    );
  return token;
}

function sameToken(given: string, token: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<RunningMetricsServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://kiosk');
    if (url.pathname !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (\S+)$/.exec(auth);
    if (!m || !sameToken(m[1]!, opts.token)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="kiosk-metrics"' }).end();
      return;
    }
    let body: string;
    try {
      body = metricsText(opts.sources);
    } catch {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': CONTENT_TYPE, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/metrics`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
