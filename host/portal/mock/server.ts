import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatPortalTime, parsePortalTime } from '../dates';
import { SERVICES, WIRE_ERROR, WireDossier } from '../wire';
import { NO_FAULTS, parseFaults, seededRandom, type Faults } from './faults';
import { MockPortalState, bodyHash, statusAt, type StoredDossier } from './state';

export interface MockPortalOptions {
  dbPath: string;
  username?: string;
  password?: string;
  /** Time per status step (see `statusAt`). Default 60 s. */
  stepMs?: number;
  /** Session lifetime. Default 30 min. */
  sessionTtlMs?: number;
  /** Procedures answered to `LayDanhSachTTHC`. Default: fixtures/portal/procedures.json. */
  procedures?: { MaTTHC: string; TenTTHC: string; MaLinhVuc?: string }[];
  /** Account fees are paid to (VietQR). */
  bank?: { bin: string; accountNo: string; accountName: string };
  /** Days until the appointment when the kiosk sends none. Default 3. */
  defaultProcessingDays?: number;
}

export const MOCK_CREDENTIALS = { username: 'kiosk-demo', password: 'mat-khau-demo' } as const;

const AGENCY_RE = /^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,4}$/;

function defaultProcedures(): NonNullable<MockPortalOptions['procedures']> {
  const url = new URL('../../../fixtures/portal/procedures.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as NonNullable<MockPortalOptions['procedures']>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 5_000_000) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * A stand-in for the national portal's synchronisation API (see `../wire.ts`), with persistence, daily
 * dossier codes, time-driven statuses, idempotency on the kiosk's key and fault injection.
 */
export class MockPortal {
  readonly server: Server;
  private readonly state: MockPortalState;
  private readonly sessions = new Map<string, number>();
  private faults: Faults = NO_FAULTS;
  private rand: () => number = Math.random;
  private clockOffsetMs = 0;
  private stepMs: number;
  private readonly procedures: NonNullable<MockPortalOptions['procedures']>;
  private readonly creds: { username: string; password: string };

  constructor(private readonly opts: MockPortalOptions) {
    this.state = new MockPortalState(opts.dbPath);
    this.stepMs = opts.stepMs ?? 60_000;
    this.procedures = opts.procedures ?? defaultProcedures();
    this.creds = {
      username: opts.username ?? MOCK_CREDENTIALS.username,
      password: opts.password ?? MOCK_CREDENTIALS.password,
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
    return (this.server.address() as AddressInfo).port;
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
    const f = this.faults;
    if (f.down) {
      req.socket.destroy();
      return;
    }
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (this.roll(f.errorRate)) return send(res, 503, { message: 'Service Unavailable' });
    if (this.roll(f.timeoutRate)) {
      // Hold the request without answering; the client's timeout fires. Freed on close.
      const t = setTimeout(() => res.destroy(), 120_000);
      res.on('close', () => clearTimeout(t));
      return;
    }
    if (req.method !== 'POST') return send(res, 405, { message: 'POST only' });
    let body: Record<string, unknown>;
    try {
      body = (await readBody(req)) as Record<string, unknown>;
    } catch {
      return send(res, 400, { error_code: WIRE_ERROR.invalidData, message: 'body is not JSON' });
    }
    if (path === '/login') return send(res, 200, this.login(body));
    if (path !== '/sync') return send(res, 404, { message: 'not found' });
    const session = typeof body.session === 'string' ? body.session : '';
    const exp = this.sessions.get(session);
    if (exp === undefined || exp <= this.now() || this.roll(f.expireSessionRate)) {
      this.sessions.delete(session);
      return send(res, 200, { error_code: WIRE_ERROR.sessionInvalid, message: 'Phiên làm việc đã hết hạn' });
    }
    let result = this.dispatch(body);
    if (this.roll(f.duplicateRate)) result = this.dispatch(body);
    if (
      body.service === SERVICES.pushDossier &&
      result.error_code === WIRE_ERROR.ok &&
      this.roll(f.dropAfterStoreRate)
    ) {
      req.socket.destroy();
      return;
    }
    send(res, 200, result);
  }

  private login(body: Record<string, unknown>): unknown {
    if (body.username !== this.creds.username || body.password !== this.creds.password) {
      return { error_code: 1, message: 'Sai tên đăng nhập hoặc mật khẩu' };
    }
    const session = randomBytes(16).toString('hex');
    this.sessions.set(session, this.now() + (this.opts.sessionTtlMs ?? 30 * 60_000));
    return { session, error_code: 0 };
  }

  private lookupView(d: StoredDossier): Record<string, unknown> {
    return {
      MaHoSo: d.code,
      MaTTHC: d.procedureCode,
      TenTTHC: d.procedureName,
      TrangThaiHoSo: String(statusAt(d, this.now(), this.stepMs)),
      NgayTiepNhan: formatPortalTime(d.receivedAt),
      NgayHenTra: d.appointmentAt === null ? '' : formatPortalTime(d.appointmentAt),
      TongLePhi: d.feeVnd,
      DaThanhToan: d.paid,
    };
  }

  private dispatch(body: Record<string, unknown>): {
    error_code: string;
    message?: string;
    result?: unknown;
  } {
    const agency = typeof body.madonvi === 'string' ? body.madonvi : '';
    if (!AGENCY_RE.test(agency))
      return { error_code: WIRE_ERROR.invalidData, message: 'madonvi không hợp lệ' };
    switch (body.service) {
      case SERVICES.listProcedures:
        return { error_code: WIRE_ERROR.ok, result: this.procedures };
      case SERVICES.pushDossier: {
        const key = typeof body.IdempotencyKey === 'string' ? body.IdempotencyKey : '';
        const list = Array.isArray(body.data) ? body.data : [];
        const parsed = WireDossier.safeParse(list[0]);
        if (!key || key.length > 200 || list.length !== 1 || !parsed.success) {
          return { error_code: WIRE_ERROR.invalidData, message: 'Dữ liệu hồ sơ không hợp lệ' };
        }
        const d = parsed.data;
        const known = this.state.byKey(key);
        if (known && known.bodyHash !== bodyHash(d))
          return { error_code: WIRE_ERROR.conflict, message: 'IdempotencyKey đã dùng cho hồ sơ khác' };
        const now = this.now();
        const appointment = d.NgayHenTra
          ? parsePortalTime(d.NgayHenTra)
          : now + (this.opts.defaultProcessingDays ?? 3) * 86_400_000;
        const { dossier } = this.state.push(agency, key, d, now, appointment);
        return {
          error_code: WIRE_ERROR.ok,
          result: [
            {
              MaHoSo: dossier.code,
              SoBienNhan: dossier.localRef,
              TrangThaiHoSo: String(statusAt(dossier, now, this.stepMs)),
              NgayHenTra: dossier.appointmentAt === null ? '' : formatPortalTime(dossier.appointmentAt),
              IdempotencyKey: key,
            },
          ],
        };
      }
      case SERVICES.lookup: {
        const d = this.state.byCode(String(body.MaHoSo ?? '').toUpperCase());
        if (!d) return { error_code: WIRE_ERROR.notFound, message: 'Không tìm thấy hồ sơ' };
        return { error_code: WIRE_ERROR.ok, result: this.lookupView(d) };
      }
      case SERVICES.requestPayment: {
        const d = this.state.byCode(String(body.MaHoSo ?? ''));
        if (!d) return { error_code: WIRE_ERROR.notFound, message: 'Không tìm thấy hồ sơ' };
        const bank = this.opts.bank ?? {
          bin: '970436',
          accountNo: '0011000000001',
          accountName: 'KHO BAC NHA NUOC (MO PHONG)',
        };
        return {
          error_code: WIRE_ERROR.ok,
          result: {
            MaHoSo: d.code,
            SoTien: d.paid ? 0 : d.feeVnd,
            MaThamChieu: d.payRef,
            MaNganHang: bank.bin,
            SoTaiKhoan: bank.accountNo,
            TenTaiKhoan: bank.accountName,
          },
        };
      }
      case SERVICES.confirmPayment: {
        const d = this.state.byCode(String(body.MaHoSo ?? ''));
        if (!d) return { error_code: WIRE_ERROR.notFound, message: 'Không tìm thấy hồ sơ' };
        if (!d.paid && (body.MaThamChieu !== d.payRef || body.SoTien !== d.feeVnd)) {
          return { error_code: WIRE_ERROR.invalidData, message: 'Thông tin thanh toán không khớp' };
        }
        this.state.markPaid(d.code);
        const after = this.state.byCode(d.code) as StoredDossier;
        return {
          error_code: WIRE_ERROR.ok,
          result: {
            MaHoSo: d.code,
            DaThanhToan: true,
            TrangThaiHoSo: String(statusAt(after, this.now(), this.stepMs)),
          },
        };
      }
      default:
        return {
          error_code: WIRE_ERROR.invalidData,
          message: `service không hỗ trợ: ${String(body.service)}`,
        };
    }
  }

  private async admin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/health') return send(res, 200, { ok: true });
    const body =
      req.method === 'POST' ? ((await readBody(req).catch(() => ({}))) as Record<string, unknown>) : {};
    switch (`${req.method} ${path}`) {
      case 'GET /admin/faults':
        return send(res, 200, this.faults);
      case 'POST /admin/faults': {
        this.setFaults(parseFaults(body));
        if (body.expireSessions === true) this.sessions.clear();
        return send(res, 200, this.faults);
      }
      case 'POST /admin/clock': {
        const advance = typeof body.advanceMs === 'number' ? body.advanceMs : 0;
        this.clockOffsetMs += advance;
        if (typeof body.stepMs === 'number') this.stepMs = body.stepMs;
        return send(res, 200, { clockOffsetMs: this.clockOffsetMs, stepMs: this.stepMs });
      }
      case 'GET /admin/dossiers':
        return send(res, 200, {
          dossiers: this.state.list().map((d) => ({
            MaHoSo: d.code,
            IdempotencyKey: d.idempotencyKey,
            SoBienNhan: d.localRef,
            MaTTHC: d.procedureCode,
            requests: d.requests,
            TrangThaiHoSo: statusAt(d, this.now(), this.stepMs),
          })),
        });
      default:
        return send(res, 404, { message: 'not found' });
    }
  }
}
