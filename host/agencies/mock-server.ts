import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NO_AGENCY_FAULTS, faultDice, parseAgencyFaults, type AgencyFaults } from './faults';
import type { AgencyAnswer } from './http-client';
import type { JsonRecords } from './records';

/** One operation of a mock agency: the JSON body in, the answer out (see `http-client.ts`). */
export type MockOperation = (body: Record<string, unknown>) => AgencyAnswer | Promise<AgencyAnswer>;

export const ok = (result: unknown): AgencyAnswer => ({ ok: true, result });
export const notFound = (message: string): AgencyAnswer => ({ ok: false, code: 'not-found', message });
export const rejected = (message: string): AgencyAnswer => ({ ok: false, code: 'rejected', message });

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as unknown) : {};
}

/**
 * A mock agency system: node:http, `POST /<operation>` answered by the operations given, fault injection
 * (`POST /admin/faults`: down, slow, 503, timeout, reject), the records it keeps (`GET /admin/records`) and
 * `GET /health`. Each agency's mock is this server plus its operations and fixtures (see README.md).
 */
export class AgencyMockServer {
  readonly server: Server;
  private faults: AgencyFaults = NO_AGENCY_FAULTS;
  private rand: () => number = Math.random;

  constructor(
    readonly name: string,
    private readonly operations: Record<string, MockOperation>,
    private readonly records: JsonRecords<object>,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) send(res, 500, { ok: false, code: 'server', message: 'internal error' });
        else res.destroy();
      });
    });
    this.server.keepAliveTimeout = 1000;
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  setFaults(f: AgencyFaults): void {
    this.faults = f;
    this.rand = faultDice(f);
  }

  private roll(p: number): boolean {
    return p > 0 && this.rand() < p;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    if (path === '/health') return send(res, 200, { ok: true, agency: this.name });
    if (path.startsWith('/admin/')) return this.admin(req, res, path);
    const f = this.faults;
    if (f.down) {
      req.socket.destroy();
      return;
    }
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (this.roll(f.errorRate)) return send(res, 503, { message: 'Service Unavailable' });
    if (this.roll(f.timeoutRate)) {
      const t = setTimeout(() => res.destroy(), 120_000);
      res.on('close', () => clearTimeout(t));
      return;
    }
    if (req.method !== 'POST') return send(res, 405, { message: 'POST only' });
    const op = this.operations[path.replace(/^\/+/, '')];
    if (!op) return send(res, 404, { message: 'not found' });
    let body: unknown;
    try {
      body = await readJson(req, 1_000_000);
    } catch {
      return send(res, 400, { ok: false, code: 'rejected', message: 'body is not JSON' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return send(res, 400, { ok: false, code: 'rejected', message: 'body is not an object' });
    if (this.roll(f.rejectRate)) return send(res, 200, rejected('Hệ thống từ chối yêu cầu (mô phỏng)'));
    send(res, 200, await op(body as Record<string, unknown>));
  }

  private async admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    let body: unknown = {};
    if (req.method === 'POST') body = await readJson(req, 100_000).catch(() => ({}));
    switch (`${req.method} ${path}`) {
      case 'GET /admin/faults':
        return send(res, 200, this.faults);
      case 'POST /admin/faults':
        this.setFaults(parseAgencyFaults(body));
        return send(res, 200, this.faults);
      case 'GET /admin/records':
        return send(res, 200, { records: this.records.list() });
      default:
        return send(res, 404, { message: 'not found' });
    }
  }
}
