import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadWorkingCalendar, type WorkingCalendar } from '../../calendar';
import { SERVICES, WIRE_ERROR } from '../wire';
import { applyTransportFaults, readRaw } from '../../agencies/mock-server';
import { adminRoute, type AdminControls } from './admin';
import { seededRandom } from '../../../common/seeded-random';
import { NO_FAULTS, type Faults } from './faults';
import { refuse, send } from './respond';
import { dispatch, eReceiptPage, type ServiceContext } from './services';
import { MockPortalState } from './state';
import { defaultMockData, type MockTthcData } from './tthc-data';

export { defaultMockData, type MockTthcData } from './tthc-data';

export interface MockPortalOptions {
  dbPath: string;
  clientId?: string;
  clientSecret?: string;
  /** Time per status step (see `statusAt`). Default 60 s. */
  stepMs?: number;
  /** Access-token lifetime. Default 30 min. */
  tokenTtlMs?: number;
  /** Default: fixtures/portal/tthc.json. */
  data?: MockTthcData;
  /** Account fees are paid to (VietQR). */
  bank?: { bin: string; accountNo: string; accountName: string };
  /** Largest file `TaiLenTepTin` accepts. Default 10 MB. */
  maxFileBytes?: number;
  calendar?: WorkingCalendar;
}

/** The demo gateway client (fictional): `{clientId, clientSecret}` as `HttpPortalOptions` takes them. */
export const MOCK_CREDENTIALS = { clientId: 'kiosk-demo', clientSecret: 'bi-mat-demo' } as const;

const DEMO_BANK = { bin: '970436', accountNo: '0011000000001', accountName: 'KHO BAC NHA NUOC (MO PHONG)' };

/**
 * A stand-in for the province's TTHC information system behind the gateway (see `../wire.ts`): OAuth2
 * client-credentials tokens, per-agency procedure lists, validation of every dossier field by meaning,
 * file upload, daily dossier codes, working-day appointments, time-driven statuses, payment with an
 * electronic fee receipt, idempotency on the kiosk's key and fault injection. This class is the HTTP front
 * (routing, tokens, faults); the services are in `services.ts`, the admin routes in `admin.ts`.
 */
export class MockPortal {
  readonly server: Server;
  private readonly state: MockPortalState;
  private readonly tokens = new Map<string, number>();
  private faults: Faults = NO_FAULTS;
  private rand: () => number = Math.random;
  private clockOffsetMs = 0;
  private stepMs: number;
  private readonly creds: { clientId: string; clientSecret: string };
  private origin = 'http://127.0.0.1';
  private readonly services: ServiceContext;
  private readonly controls: AdminControls;

  constructor(private readonly opts: MockPortalOptions) {
    this.state = new MockPortalState(opts.dbPath);
    this.stepMs = opts.stepMs ?? 60_000;
    this.creds = {
      clientId: opts.clientId ?? MOCK_CREDENTIALS.clientId,
      clientSecret: opts.clientSecret ?? MOCK_CREDENTIALS.clientSecret,
    };
    this.services = {
      state: this.state,
      data: opts.data ?? defaultMockData(),
      calendar: opts.calendar ?? loadWorkingCalendar(),
      bank: opts.bank ?? DEMO_BANK,
      maxFileBytes: opts.maxFileBytes ?? 10_000_000,
      now: () => this.now(),
      stepMs: () => this.stepMs,
      origin: () => this.origin,
    };
    this.controls = {
      services: this.services,
      faults: () => this.faults,
      setFaults: (f) => this.setFaults(f),
      expireTokens: () => this.tokens.clear(),
      advanceClock: (ms) => (this.clockOffsetMs += ms),
      setStepMs: (ms) => {
        this.stepMs = ms;
      },
    };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) send(res, 500, { error_code: WIRE_ERROR.server, message: 'internal error' });
        else res.destroy();
      });
    });
    this.server.keepAliveTimeout = 1000;
  }

  private now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const bound = (this.server.address() as AddressInfo).port;
    this.origin = `http://${host}:${bound}`;
    return bound;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
    this.state.close();
  }

  setFaults(f: Faults): void {
    this.faults = f;
    this.rand = f.seed === undefined ? Math.random : seededRandom(f.seed);
  }

  private roll(p: number): boolean {
    return p > 0 && this.rand() < p;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    if (path.startsWith('/admin/') || path === '/health') return this.admin(req, res, path);
    if (req.method === 'GET' && path.startsWith('/bienlai/')) {
      const page = eReceiptPage(this.services, path);
      return send(res, page.status, page.body);
    }
    const f = this.faults;
    if (await applyTransportFaults(f, (p) => this.roll(p), req, res)) return;
    if (req.method !== 'POST') return send(res, 405, { message: 'POST only' });
    let raw: string;
    try {
      raw = await readRaw(req, 16_000_000);
    } catch {
      return send(res, 413, { error_code: WIRE_ERROR.invalidData, message: 'Dữ liệu quá lớn' });
    }
    if (path === '/token') return this.token(res, raw);
    const service = /^\/api\/([A-Za-z]+)$/.exec(path)?.[1];
    if (!service) return send(res, 404, { message: 'not found' });
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const exp = this.tokens.get(auth);
    if (exp === undefined || exp <= this.now() || this.roll(f.expireSessionRate)) {
      this.tokens.delete(auth);
      return send(
        res,
        401,
        { error: 'invalid_token', message: 'Mã truy cập không hợp lệ hoặc đã hết hạn' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
    }
    let body: Record<string, unknown>;
    try {
      const parsed = raw ? (JSON.parse(raw) as unknown) : {};
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return send(res, 400, { error_code: WIRE_ERROR.invalidData, message: 'body is not JSON' });
    }
    if (service === SERVICES.submit && this.roll(f.rejectRate))
      return send(res, 200, refuse('Hồ sơ bị từ chối (lỗi mô phỏng)'));
    let result = dispatch(this.services, service, body);
    if (this.roll(f.duplicateRate)) result = dispatch(this.services, service, body);
    if (
      service === SERVICES.submit &&
      result.error_code === WIRE_ERROR.ok &&
      this.roll(f.dropAfterStoreRate)
    ) {
      req.socket.destroy();
      return;
    }
    send(res, 200, result);
  }

  /** OAuth2 client credentials (RFC 6749 §4.4), client authenticated in the form body or by HTTP Basic. */
  private token(res: ServerResponse, raw: string): void {
    const form = new URLSearchParams(raw);
    if (form.get('grant_type') !== 'client_credentials')
      return send(res, 400, { error: 'unsupported_grant_type' });
    if (
      form.get('client_id') !== this.creds.clientId ||
      form.get('client_secret') !== this.creds.clientSecret
    )
      return send(res, 401, { error: 'invalid_client' });
    const token = randomBytes(24).toString('base64url');
    const ttl = this.opts.tokenTtlMs ?? 30 * 60_000;
    this.tokens.set(token, this.now() + ttl);
    send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: Math.round(ttl / 1000) });
  }

  private async admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/health') return send(res, 200, { ok: true });
    let body: Record<string, unknown> = {};
    if (req.method === 'POST') {
      try {
        body = JSON.parse((await readRaw(req, 100_000)) || '{}') as Record<string, unknown>;
      } catch {
        body = {};
      }
    }
    const answer = adminRoute(this.controls, `${req.method} ${path}`, body);
    send(res, answer.status, answer.body);
  }
}
