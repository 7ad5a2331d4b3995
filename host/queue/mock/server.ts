/**
 * Mock queue centre (its own process in demo mode and tests; `npm run -s queue:mock`): numbers per group and day
 * shared by every kiosk that asks, with fault injection.
 *   POST /tickets               {group, kioskId} → 201 {number, group, ahead}   (Bearer token when configured)
 *   POST /admin/faults          {down?: boolean, latencyMs?: number}   replaces the faults
 *   GET  /admin/tickets         every number issued, with the kiosk that asked
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface QueueCentreFaults {
  /** Refuse the ticket path (the connection is dropped). */
  down: boolean;
  /** Added before every ticket answer. */
  latencyMs: number;
}

export interface IssuedTicket {
  number: string;
  group: string;
  kioskId: string;
  at: number;
}

const LETTERS: Record<string, string> = { police: 'A', justice: 'B', general: 'C' };

export class MockQueueCentre {
  private readonly server: Server;
  private faults: QueueCentreFaults = { down: false, latencyMs: 0 };
  readonly issued: IssuedTicket[] = [];
  private readonly counters = new Map<string, number>();

  constructor(private readonly o: { token?: string | null; now?: () => number } = {}) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) send(res, 500, { error: 'internal' });
        else res.destroy();
      });
    });
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, host, () => resolve()));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/admin/faults' && req.method === 'POST') {
      const b = (await readJson(req)) as Partial<QueueCentreFaults> | null;
      this.faults = {
        down: b?.down === true,
        latencyMs: typeof b?.latencyMs === 'number' && b.latencyMs >= 0 ? Math.min(b.latencyMs, 60_000) : 0,
      };
      return send(res, 200, { faults: this.faults });
    }
    if (path === '/admin/tickets' && req.method === 'GET') return send(res, 200, { tickets: this.issued });
    if (path !== '/tickets' || req.method !== 'POST') return send(res, 404, { error: 'not-found' });
    if (this.faults.down) {
      req.socket.destroy();
      return;
    }
    if (this.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
    if (this.o.token && req.headers.authorization !== `Bearer ${this.o.token}`)
      return send(res, 401, { error: 'unauthorised' });
    const b = (await readJson(req)) as { group?: unknown; kioskId?: unknown } | null;
    const group = typeof b?.group === 'string' ? b.group : '';
    const kioskId = typeof b?.kioskId === 'string' ? b.kioskId.slice(0, 32) : '';
    const letter = LETTERS[group];
    if (!letter || !kioskId) return send(res, 400, { error: 'bad-request' });
    const at = this.o.now?.() ?? Date.now();
    const key = `${new Date(at + 7 * 3_600_000).toISOString().slice(0, 10)}:${group}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    const number = `${letter}${String(n).padStart(3, '0')}`;
    this.issued.push({ number, group, kioskId, at });
    return send(res, 201, { number, group, ahead: n - 1 });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > 16_384) return null;
    chunks.push(c);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}
