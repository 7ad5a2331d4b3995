import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeAppointment, loadWorkingCalendar, type WorkingCalendar } from '../../calendar';
import { formatPortalTime, parsePortalTime } from '../dates';
import { SERVICES, WIRE_ERROR, WireDossier, loaiDinhDanh, type WireProcedure } from '../wire';
import { applyTransportFaults, readRaw } from '../../agencies/mock-server';
import { NO_FAULTS, parseFaults, seededRandom, type Faults } from './faults';
import { MockPortalState, bodyHash, statusAt, type StoredDossier } from './state';

/** The mock system's data: receiving agencies and the procedures each accepts (fixtures/portal/tthc.json). */
export interface MockTthcData {
  agencies: { MaDonVi: string; TenDonVi: string; MaTTHC: string[] }[];
  procedures: WireProcedure[];
}

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

export function defaultMockData(): MockTthcData {
  const url = new URL('../../../fixtures/portal/tthc.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as MockTthcData;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

type Answer = { error_code: string; message?: string; result?: unknown };
const refuse = (message: string): Answer => ({ error_code: WIRE_ERROR.invalidData, message });
const NOT_FOUND: Answer = { error_code: WIRE_ERROR.notFound, message: 'Không tìm thấy hồ sơ' };

/**
 * A stand-in for the province's TTHC information system behind the gateway (see `../wire.ts`): OAuth2
 * client-credentials tokens, per-agency procedure lists, validation of every dossier field by meaning,
 * file upload, daily dossier codes, working-day appointments, time-driven statuses, payment with an
 * electronic fee receipt, idempotency on the kiosk's key and fault injection.
 */
export class MockPortal {
  readonly server: Server;
  private readonly state: MockPortalState;
  private readonly tokens = new Map<string, number>();
  private faults: Faults = NO_FAULTS;
  private rand: () => number = Math.random;
  private clockOffsetMs = 0;
  private stepMs: number;
  private readonly data: MockTthcData;
  private readonly calendar: WorkingCalendar;
  private readonly creds: { clientId: string; clientSecret: string };
  private origin = 'http://127.0.0.1';

  constructor(private readonly opts: MockPortalOptions) {
    this.state = new MockPortalState(opts.dbPath);
    this.stepMs = opts.stepMs ?? 60_000;
    this.data = opts.data ?? defaultMockData();
    this.calendar = opts.calendar ?? loadWorkingCalendar();
    this.creds = {
      clientId: opts.clientId ?? MOCK_CREDENTIALS.clientId,
      clientSecret: opts.clientSecret ?? MOCK_CREDENTIALS.clientSecret,
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
    if (req.method === 'GET' && path.startsWith('/bienlai/')) return this.eReceiptPage(res, path);
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
    let result = this.dispatch(service, body);
    if (this.roll(f.duplicateRate)) result = this.dispatch(service, body);
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

  private agency(code: unknown) {
    return this.data.agencies.find((a) => a.MaDonVi === code) ?? null;
  }

  private procedure(code: string) {
    return this.data.procedures.find((p) => p.MaTTHC === code) ?? null;
  }

  private eReceiptView(d: StoredDossier) {
    if (!d.eReceipt) return null;
    return { ...d.eReceipt, DuongDanTraCuu: `${this.origin}/bienlai/${d.eReceipt.SoBienLai}` };
  }

  private lookupView(d: StoredDossier): Record<string, unknown> {
    return {
      MaHoSo: d.code,
      MaTTHC: d.procedureCode,
      TenTTHC: d.procedureName,
      DonViXuLy: d.agency,
      TrangThaiHoSo: String(statusAt(d, this.now(), this.stepMs)),
      NgayNopHoSo: formatPortalTime(d.receivedAt),
      NgayHenTra: d.appointmentAt === null ? '' : formatPortalTime(d.appointmentAt),
      TongLePhi: d.feeVnd,
      DaThanhToan: d.paid,
      BienLaiDienTu: this.eReceiptView(d),
    };
  }

  /** Checks a dossier the way a receiving system would; returns the refusal message or null. */
  private validate(agencyCode: string, d: WireDossier): string | null {
    const agency = this.agency(agencyCode);
    if (!agency) return 'Đơn vị tiếp nhận (madonvi) không tồn tại';
    if (d.DonViXuLy !== agencyCode) return 'DonViXuLy khác đơn vị nhận hồ sơ';
    const proc = this.procedure(d.MaTTHC);
    if (!proc || !agency.MaTTHC.includes(d.MaTTHC))
      return `Thủ tục ${d.MaTTHC} không thuộc thẩm quyền của ${agency.TenDonVi}`;
    const id = d.DinhDanhCHS[0]!;
    if (id.SoDinhDanh !== d.SoGiayToChuHoSo || id.LoaiDinhDanh !== loaiDinhDanh(d.SoGiayToChuHoSo))
      return 'DinhDanhCHS không khớp SoGiayToChuHoSo';
    const filed = parsePortalTime(d.NgayNopHoSo);
    if (filed === null || filed > this.now() + 10 * 60_000) return 'NgayNopHoSo không hợp lệ';
    const components = new Set((proc.THANHPHANHOSO ?? []).map((c) => c.MAGIAYTO));
    for (const t of d.TaiLieuNop) {
      const file = this.state.fileById(t.TepDinhKemId);
      if (!file || file.path !== t.DuongDanTaiTepTin) return `Tệp ${t.TepDinhKemId} chưa được tải lên`;
      if (!components.has(t.MaThanhPhanHoSo))
        return `Thành phần hồ sơ ${t.MaThanhPhanHoSo} không thuộc thủ tục`;
    }
    for (const g of d.GiayToNopTaiQuay)
      if (g.MaThanhPhanHoSo && !components.has(g.MaThanhPhanHoSo))
        return `Thành phần hồ sơ ${g.MaThanhPhanHoSo} không thuộc thủ tục`;
    const digitised = d.TaiLieuNop.some((t) => t.DuocSoHoa === '1' && t.IsDeleted === '0');
    if ((d.HoSoCoThanhPhanSoHoa === '1') !== digitised) return 'HoSoCoThanhPhanSoHoa không khớp TaiLieuNop';
    if (d.DuocThanhToanTrucTuyen !== '0') return 'DuocThanhToanTrucTuyen chỉ được đặt khi đã thanh toán';
    return null;
  }

  /**
   * The system's own fee for the channel (the catalogue's may be stale): the line for the channel, else "any";
   * null when it has no line (the amount is not the system's to bill: unknown, not free).
   */
  private feeFor(proc: WireProcedure, channel: string): number | null {
    const lines = proc.PhiLePhi ?? [];
    const line = lines.find((l) => l.KenhThucHien === channel) ?? lines.find((l) => l.KenhThucHien === '0');
    return line?.Gia ?? null;
  }

  private dispatch(service: string, body: Record<string, unknown>): Answer {
    switch (service) {
      case SERVICES.listProcedures: {
        const agency = this.agency(body.madonvi);
        if (!agency) return refuse('madonvi không hợp lệ');
        return {
          error_code: WIRE_ERROR.ok,
          result: this.data.procedures.filter((p) => agency.MaTTHC.includes(p.MaTTHC)),
        };
      }
      case SERVICES.uploadFile: {
        if (!this.agency(body.madonvi)) return refuse('madonvi không hợp lệ');
        const { TenTep, LoaiTep, HashTepTin, NoiDung } = body;
        if (typeof TenTep !== 'string' || !TenTep || typeof NoiDung !== 'string')
          return refuse('Thiếu tên tệp hoặc nội dung');
        if (LoaiTep !== 'application/pdf') return refuse('Chỉ nhận tệp PDF');
        const bytes = Buffer.from(NoiDung, 'base64');
        if (bytes.length > (this.opts.maxFileBytes ?? 10_000_000)) return refuse('Tệp quá lớn');
        if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return refuse('Tệp không phải PDF');
        if (createHash('sha256').update(bytes).digest('hex') !== HashTepTin)
          return refuse('HashTepTin không khớp nội dung');
        const f = this.state.putFile(TenTep, LoaiTep, bytes);
        return {
          error_code: WIRE_ERROR.ok,
          result: { IdTepTin: f.id, HashTepTin: f.sha256, DuongDanTaiTepTin: f.path },
        };
      }
      case SERVICES.submit: {
        const agencyCode = typeof body.madonvi === 'string' ? body.madonvi : '';
        const key = typeof body.IdempotencyKey === 'string' ? body.IdempotencyKey : '';
        if (!key || key.length > 200) return refuse('Thiếu IdempotencyKey');
        const parsed = WireDossier.safeParse(body.HoSo);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return refuse(`Dữ liệu hồ sơ không hợp lệ: ${issue?.path.join('.') ?? ''}`);
        }
        const d = parsed.data;
        const known = this.state.byKey(key);
        if (known && known.bodyHash !== bodyHash(d))
          return { error_code: WIRE_ERROR.conflict, message: 'IdempotencyKey đã dùng cho hồ sơ khác' };
        if (!known) {
          const why = this.validate(agencyCode, d);
          if (why) return refuse(why);
        }
        const proc = this.procedure(d.MaTTHC)!;
        const now = this.now();
        const appointment =
          proc.ThoiHanGiaiQuyet == null || !proc.DonViThoiGian
            ? null
            : computeAppointment(
                now,
                {
                  value: proc.ThoiHanGiaiQuyet,
                  unit: ({ NgayLamViec: 'working-day', Ngay: 'day', Gio: 'hour' } as const)[
                    proc.DonViThoiGian
                  ],
                },
                this.calendar,
              ).at;
        const { dossier } = this.state.push(
          agencyCode,
          key,
          d,
          now,
          appointment,
          // The system's own fee for the channel. A dossier that lists no fee line (an exemption, a free case or a
          // fee nobody has sourced) is billed nothing at filing: the receiving officer sets it, so the fee stays
          // unknown (null), never a billed 0 that would read as "free".
          d.DanhSachLePhi.length === 0 ? null : this.feeFor(proc, d.KenhThucHien),
        );
        return {
          error_code: WIRE_ERROR.ok,
          result: {
            MaHoSo: dossier.code,
            MaThamChieuKiosk: dossier.localRef,
            TrangThaiHoSo: String(statusAt(dossier, now, this.stepMs)),
            NgayNopHoSo: formatPortalTime(dossier.receivedAt),
            NgayHenTra: dossier.appointmentAt === null ? '' : formatPortalTime(dossier.appointmentAt),
            DonViXuLy: dossier.agency,
            IdempotencyKey: key,
          },
        };
      }
      case SERVICES.lookup: {
        const d = this.state.byCode(String(body.MaHoSo ?? '').toUpperCase());
        if (!d) return NOT_FOUND;
        return { error_code: WIRE_ERROR.ok, result: this.lookupView(d) };
      }
      case SERVICES.requestPayment: {
        const d = this.state.byCode(String(body.MaHoSo ?? ''));
        if (!d) return NOT_FOUND;
        const bank = this.opts.bank ?? {
          bin: '970436',
          accountNo: '0011000000001',
          accountName: 'KHO BAC NHA NUOC (MO PHONG)',
        };
        return {
          error_code: WIRE_ERROR.ok,
          result: {
            MaHoSo: d.code,
            SoTien: d.paid ? 0 : (d.feeVnd ?? 0),
            MaThamChieu: d.payRef,
            MaNganHang: bank.bin,
            SoTaiKhoan: bank.accountNo,
            TenTaiKhoan: bank.accountName,
          },
        };
      }
      case SERVICES.confirmPayment: {
        const d = this.state.byCode(String(body.MaHoSo ?? ''));
        if (!d) return NOT_FOUND;
        // Nothing billed (the fee is the receiving officer's to set): nothing to collect here.
        const fee = d.feeVnd;
        if (fee === null) return refuse('Hồ sơ chưa có lệ phí phải thu');
        if (!d.paid && (body.MaThamChieu !== d.payRef || body.SoTien !== fee)) {
          return refuse('Thông tin thanh toán không khớp');
        }
        const now = this.now();
        this.state.markPaid(d.code, (serial) => ({
          SoBienLai: String(serial).padStart(7, '0'),
          KyHieu: `BLP-${formatPortalTime(now).slice(2, 4)}MP`,
          NgayLap: formatPortalTime(now),
          SoTien: fee,
        }));
        const after = this.state.byCode(d.code) as StoredDossier;
        return {
          error_code: WIRE_ERROR.ok,
          result: {
            MaHoSo: d.code,
            DaThanhToan: true,
            TrangThaiHoSo: String(statusAt(after, now, this.stepMs)),
            BienLaiDienTu: this.eReceiptView(after),
          },
        };
      }
      default:
        return refuse(`service không hỗ trợ: ${service}`);
    }
  }

  /** The public page of an e-receipt (what its QR opens): no personal data, only the fee and dossier code. */
  private eReceiptPage(res: ServerResponse, path: string): void {
    const n = path.slice('/bienlai/'.length);
    const d = this.state.list().find((x) => x.eReceipt?.SoBienLai === n);
    if (!d?.eReceipt) return send(res, 404, { message: 'Không tìm thấy biên lai' });
    send(res, 200, { ...d.eReceipt, MaHoSo: d.code, TenTTHC: d.procedureName, DonViThu: d.agency });
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
    switch (`${req.method} ${path}`) {
      case 'GET /admin/faults':
        return send(res, 200, this.faults);
      case 'POST /admin/faults': {
        this.setFaults(parseFaults(body));
        if (body.expireSessions === true || body.expireTokens === true) this.tokens.clear();
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
            MaThamChieuKiosk: d.localRef,
            MaTTHC: d.procedureCode,
            DonViXuLy: d.agency,
            requests: d.requests,
            TrangThaiHoSo: statusAt(d, this.now(), this.stepMs),
            TongLePhi: d.feeVnd,
            DaThanhToan: d.paid,
            NgayHenTra: d.appointmentAt === null ? '' : formatPortalTime(d.appointmentAt),
            KenhThucHien: d.body.KenhThucHien,
            HoSoCoThanhPhanSoHoa: d.body.HoSoCoThanhPhanSoHoa,
            TaiKhoanDuocXacThucVoiVNeID: d.body.TaiKhoanDuocXacThucVoiVNeID,
            DuocThanhToanTrucTuyen: d.body.DuocThanhToanTrucTuyen,
            TaiLieuNop: d.body.TaiLieuNop.map((t) => {
              const f = this.state.fileById(t.TepDinhKemId);
              return {
                MaThanhPhanHoSo: t.MaThanhPhanHoSo,
                TenTepDinhKem: t.TenTepDinhKem,
                KichThuoc: f?.size ?? 0,
              };
            }),
            GiayToNopTaiQuay: d.body.GiayToNopTaiQuay,
            DuLieuBieuMau: d.body.DuLieuBieuMau,
            BienLaiDienTu: d.eReceipt?.SoBienLai ?? null,
          })),
        });
      default:
        return send(res, 404, { message: 'not found' });
    }
  }
}
