import type { z } from 'zod';
import { parsePortalTime } from './dates';
import { parseDossierCode } from './dossier-code';
import { PortalError } from './errors';
import { isDossierStatus, type DossierStatus } from './status';
import type {
  DossierStatusInfo,
  DossierSubmission,
  EReceipt,
  PaymentConfirmation,
  PaymentRequest,
  PortalAdapter,
  ProcedureSummary,
  SubmitResult,
} from './types';
import {
  Envelope,
  LookupResult,
  PaymentConfirmResult,
  PaymentRequestResult,
  ProcedureListResult,
  SERVICES,
  SubmitWireResult,
  TokenResponse,
  UploadResult,
  WIRE_ERROR,
  WireEReceipt,
  toWireDossier,
  type UploadedFiles,
} from './wire';

export interface HttpPortalOptions {
  /** The gateway's base URL, e.g. `https://lgsp.example.gov.vn/tthc`; `api/<Service>` is appended. */
  baseUrl: string;
  /** OAuth2 token endpoint; default `<baseUrl>/token`. */
  tokenUrl?: string;
  /** OAuth2 client credentials issued by the gateway (kept out of the config file: see host/config). */
  clientId: string;
  clientSecret: string;
  scope?: string;
  /** Renew the token this long before it expires. Default 30 s. */
  tokenSkewMs?: number;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /** A fetch with a mutual-TLS dispatcher when the gateway asks for client certificates; default global fetch. */
  fetch?: typeof fetch;
  now?: () => number;
}

function toStatus(text: string): DossierStatus {
  const n = Number(text);
  if (!isDossierStatus(n))
    throw new PortalError('portal-bad-response', `unknown TrangThaiHoSo ${JSON.stringify(text)}`);
  return n;
}

function optTime(text: string): number | null {
  return text === '' ? null : parsePortalTime(text);
}

function eReceipt(r: z.infer<typeof WireEReceipt> | null): EReceipt | null {
  if (!r) return null;
  return {
    number: r.SoBienLai,
    series: r.KyHieu,
    issuedAt: parsePortalTime(r.NgayLap) ?? 0,
    amountVnd: r.SoTien,
    url: r.DuongDanTraCuu,
  };
}

const UNIT = { NgayLamViec: 'working-day', Ngay: 'day', Gio: 'hour' } as const;
const CHANNEL = { '0': 'any', '1': 'in-person', '2': 'online', '3': 'any' } as const;

/** HTTP client of the provincial TTHC system behind the gateway: OAuth2 client credentials, cached token. */
export class HttpPortalAdapter implements PortalAdapter {
  private token: { value: string; expiresAt: number } | null = null;
  private fetching: Promise<string> | null = null;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly baseUrl: string;
  private readonly now: () => number;

  constructor(private readonly opts: HttpPortalOptions) {
    // `new URL('api', base)` drops the last path segment unless the base ends with a slash.
    this.baseUrl = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  private async send(url: URL, init: RequestInit): Promise<{ status: number; text: string }> {
    const what = url.pathname;
    let res: Response;
    try {
      res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new PortalError('portal-timeout', `${what}: no answer within ${this.timeoutMs} ms`, {
          cause: err,
        });
      throw new PortalError('portal-unreachable', `${what}: ${(err as Error).message}`, { cause: err });
    }
    try {
      return { status: res.status, text: await res.text() };
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new PortalError('portal-timeout', `${what}: answer cut off by timeout`, { cause: err });
      throw new PortalError('portal-unreachable', `${what}: connection lost while reading the answer`, {
        cause: err,
      });
    }
  }

  /** A valid access token: the cached one, or a new one from the token endpoint (one request at a time). */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.fetching ??= (async () => {
      const url = new URL(this.opts.tokenUrl ?? 'token', this.baseUrl);
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.opts.clientId,
        client_secret: this.opts.clientSecret,
        ...(this.opts.scope ? { scope: this.opts.scope } : {}),
      });
      const { status, text } = await this.send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      if (status >= 500) throw new PortalError('portal-server-error', `token: HTTP ${status}`);
      if (status === 400 || status === 401 || status === 403)
        throw new PortalError('portal-auth-failed', `token refused (HTTP ${status})`);
      let parsed;
      try {
        parsed = TokenResponse.safeParse(JSON.parse(text));
      } catch (err) {
        throw new PortalError('portal-bad-response', 'token: answer is not JSON', { cause: err });
      }
      if (status !== 200 || !parsed.success)
        throw new PortalError('portal-bad-response', `token: unexpected answer (HTTP ${status})`);
      const skew = this.opts.tokenSkewMs ?? 30_000;
      const life = parsed.data.expires_in * 1000;
      this.token = {
        value: parsed.data.access_token,
        expiresAt: this.now() + Math.max(life - skew, life / 2),
      };
      return parsed.data.access_token;
    })().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  async login(): Promise<void> {
    await this.accessToken();
  }

  /** One service call; a 401 (token expired or revoked early) drops the token, gets a new one and retries once. */
  private async call<T>(
    service: string,
    body: Record<string, unknown>,
    schema: z.ZodType<T>,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const url = new URL(`api/${service}`, this.baseUrl);
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const { status, text } = await this.send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          authorization: `Bearer ${token}`,
          ...headers,
        },
        body: JSON.stringify(body),
      });
      if (status === 401) {
        this.token = null;
        if (attempt === 0) continue;
        throw new PortalError('portal-session-expired', `${service}: token refused right after renewal`);
      }
      if (status >= 500) throw new PortalError('portal-server-error', `${service}: HTTP ${status}`);
      if (status === 403) throw new PortalError('portal-auth-failed', `${service}: HTTP 403`);
      // Business refusals come as error_code in a 200 answer; other 4xx mean a wrong URL or a proxy in the way.
      if (status >= 400) throw new PortalError('portal-bad-response', `${service}: HTTP ${status}`);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        throw new PortalError('portal-bad-response', `${service}: answer is not JSON`, { cause: err });
      }
      const env = Envelope.safeParse(raw);
      if (!env.success) throw new PortalError('portal-bad-response', `${service}: answer has no error_code`);
      const { error_code: code, message } = env.data;
      if (code === WIRE_ERROR.notFound) throw new PortalError('portal-not-found', `${service}: not found`);
      if (code === WIRE_ERROR.invalidData)
        throw new PortalError('portal-rejected', `${service}: refused (${message ?? 'invalid data'})`);
      if (code === WIRE_ERROR.conflict)
        throw new PortalError(
          'portal-conflict',
          `${service}: idempotency key reused with a different dossier`,
        );
      if (code !== WIRE_ERROR.ok)
        throw new PortalError('portal-server-error', `${service}: error_code ${code}`);
      const parsed = schema.safeParse(env.data.result);
      if (!parsed.success)
        throw new PortalError('portal-bad-response', `${service}: unexpected result shape`);
      return parsed.data;
    }
  }

  async listProcedures(agencyCode: string): Promise<ProcedureSummary[]> {
    const list = await this.call(SERVICES.listProcedures, { madonvi: agencyCode }, ProcedureListResult);
    return list.map((p) => ({
      code: p.MaTTHC,
      name: p.TenTTHC,
      fieldCode: p.MaLinhVuc || null,
      fieldName: p.TenLinhVuc || null,
      timeLimit:
        p.ThoiHanGiaiQuyet == null || !p.DonViThoiGian
          ? null
          : { value: p.ThoiHanGiaiQuyet, unit: UNIT[p.DonViThoiGian] },
      fees: (p.PhiLePhi ?? []).map((f) => ({
        code: f.MaPhiLePhi,
        name: f.TenPhiLePhi,
        channel: CHANNEL[f.KenhThucHien],
        amountVnd: f.Gia,
      })),
      components: (p.THANHPHANHOSO ?? []).map((c) => ({
        code: c.MAGIAYTO,
        name: c.TENGIAYTO,
        required: c.BATBUOC === '1',
      })),
    }));
  }

  async submitDossier(d: DossierSubmission, idempotencyKey: string): Promise<SubmitResult> {
    const agency = d.receivingAgency.code;
    // Files first: the system answers a path per file; uploading the same bytes again is harmless.
    const uploaded: UploadedFiles = new Map();
    for (const doc of d.documents) {
      const f = doc.delivery === 'attached' ? doc.file : null;
      if (!f || uploaded.has(f.sha256)) continue;
      const r = await this.call(
        SERVICES.uploadFile,
        { madonvi: agency, TenTep: f.name, LoaiTep: f.mime, HashTepTin: f.sha256, NoiDung: f.base64 },
        UploadResult,
      );
      if (r.HashTepTin !== f.sha256)
        throw new PortalError('portal-bad-response', 'TaiLenTepTin: the system stored other bytes');
      uploaded.set(f.sha256, { id: r.IdTepTin, path: r.DuongDanTaiTepTin });
    }
    const r = await this.call(
      SERVICES.submit,
      { madonvi: agency, IdempotencyKey: idempotencyKey, HoSo: toWireDossier(d, uploaded) },
      SubmitWireResult,
      { 'idempotency-key': idempotencyKey },
    );
    if (r.IdempotencyKey !== idempotencyKey)
      throw new PortalError('portal-bad-response', 'NopHoSo: answer is for another dossier');
    parseDossierCode(r.MaHoSo);
    return { dossierCode: r.MaHoSo, status: toStatus(r.TrangThaiHoSo), appointmentAt: optTime(r.NgayHenTra) };
  }

  async getStatus(dossierCode: string): Promise<DossierStatusInfo> {
    const code = dossierCode.trim().toUpperCase();
    parseDossierCode(code);
    const r = await this.call(SERVICES.lookup, { MaHoSo: code }, LookupResult);
    const receivedAt = parsePortalTime(r.NgayNopHoSo);
    if (receivedAt === null) throw new PortalError('portal-bad-response', 'TraCuuHoSo: bad NgayNopHoSo');
    return {
      dossierCode: r.MaHoSo,
      status: toStatus(r.TrangThaiHoSo),
      procedureCode: r.MaTTHC,
      procedureName: r.TenTTHC,
      agencyCode: r.DonViXuLy,
      receivedAt,
      appointmentAt: optTime(r.NgayHenTra),
      feeVnd: r.TongLePhi,
      feePaid: r.DaThanhToan,
      eReceipt: eReceipt(r.BienLaiDienTu),
    };
  }

  async requestPayment(dossierCode: string): Promise<PaymentRequest> {
    const r = await this.call(SERVICES.requestPayment, { MaHoSo: dossierCode }, PaymentRequestResult);
    return {
      dossierCode: r.MaHoSo,
      amountVnd: r.SoTien,
      reference: r.MaThamChieu,
      bankBin: r.MaNganHang,
      accountNo: r.SoTaiKhoan,
      accountName: r.TenTaiKhoan,
    };
  }

  async confirmPayment(p: {
    dossierCode: string;
    reference: string;
    amountVnd: number;
  }): Promise<PaymentConfirmation> {
    const r = await this.call(
      SERVICES.confirmPayment,
      { MaHoSo: p.dossierCode, MaThamChieu: p.reference, SoTien: p.amountVnd },
      PaymentConfirmResult,
    );
    return {
      dossierCode: r.MaHoSo,
      paid: r.DaThanhToan,
      status: toStatus(r.TrangThaiHoSo),
      eReceipt: eReceipt(r.BienLaiDienTu),
    };
  }
}
