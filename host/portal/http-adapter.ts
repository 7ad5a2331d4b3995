import type { z } from 'zod';
import { parsePortalTime } from './dates';
import { parseDossierCode } from './dossier-code';
import { PortalError } from './errors';
import { isDossierStatus, type DossierStatus } from './status';
import type {
  DossierStatusInfo,
  DossierSubmission,
  PaymentConfirmation,
  PaymentRequest,
  PortalAdapter,
  ProcedureSummary,
  SubmitResult,
} from './types';
import {
  Envelope,
  LoginResponse,
  LookupResult,
  PaymentConfirmResult,
  PaymentRequestResult,
  ProcedureListResult,
  PushResult,
  SERVICES,
  WIRE_ERROR,
  toWireDossier,
} from './wire';

export interface HttpPortalOptions {
  /** e.g. `http://127.0.0.1:8090`; `/login` and `/sync` are appended. */
  baseUrl: string;
  username: string;
  password: string;
  /** `madonvi`: the receiving agency's code (QCVN 102:2016), e.g. `000.00.01.H22`. */
  agencyCode: string;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
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

/** HTTP client of the DVCQG/OpenCPS-shaped synchronisation API, with session re-login. */
export class HttpPortalAdapter implements PortalAdapter {
  private session: string | null = null;
  private loggingIn: Promise<void> | null = null;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly baseUrl: string;

  constructor(private readonly opts: HttpPortalOptions) {
    // `new URL('login', base)` drops the last path segment unless the base ends with a slash.
    this.baseUrl = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  private async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    let res: Response;
    try {
      res = await this.fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new PortalError('portal-timeout', `${path}: no answer within ${this.timeoutMs} ms`, {
          cause: err,
        });
      throw new PortalError('portal-unreachable', `${path}: ${(err as Error).message}`, { cause: err });
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new PortalError('portal-timeout', `${path}: answer cut off by timeout`, { cause: err });
      throw new PortalError('portal-unreachable', `${path}: connection lost while reading the answer`, {
        cause: err,
      });
    }
    if (res.status >= 500) throw new PortalError('portal-server-error', `${path}: HTTP ${res.status}`);
    if (res.status === 401 || res.status === 403)
      throw new PortalError('portal-auth-failed', `${path}: HTTP ${res.status}`);
    // Business refusals come as error_code in a 200 answer; other HTTP 4xx mean a wrong URL or a proxy in the way.
    if (res.status >= 400) throw new PortalError('portal-bad-response', `${path}: HTTP ${res.status}`);
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new PortalError('portal-bad-response', `${path}: answer is not JSON`, { cause: err });
    }
  }

  async login(): Promise<void> {
    if (!this.loggingIn) {
      this.loggingIn = (async () => {
        const raw = await this.post('login', { username: this.opts.username, password: this.opts.password });
        const r = LoginResponse.safeParse(raw);
        if (!r.success) throw new PortalError('portal-bad-response', 'login: unexpected answer');
        if (Number(r.data.error_code) !== 0 || !r.data.session)
          throw new PortalError('portal-auth-failed', `login refused (error_code ${r.data.error_code})`);
        this.session = r.data.session;
      })().finally(() => {
        this.loggingIn = null;
      });
    }
    return this.loggingIn;
  }

  /** One service call; on an expired session logs in again and retries once. */
  private async call<T>(
    service: string,
    fields: Record<string, unknown>,
    schema: z.ZodType<T>,
    headers: Record<string, string> = {},
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (!this.session) await this.login();
      const raw = await this.post(
        'sync',
        { session: this.session, madonvi: this.opts.agencyCode, service, ...fields },
        headers,
      );
      const env = Envelope.safeParse(raw);
      if (!env.success) throw new PortalError('portal-bad-response', `${service}: answer has no error_code`);
      const { error_code: code, message } = env.data;
      if (code === WIRE_ERROR.sessionInvalid) {
        this.session = null;
        if (attempt === 0) continue;
        throw new PortalError('portal-session-expired', `${service}: session refused right after login`);
      }
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

  async listProcedures(): Promise<ProcedureSummary[]> {
    const list = await this.call(SERVICES.listProcedures, {}, ProcedureListResult);
    return list.map((p) => ({ code: p.MaTTHC, name: p.TenTTHC, fieldCode: p.MaLinhVuc ?? null }));
  }

  async submitDossier(d: DossierSubmission, idempotencyKey: string): Promise<SubmitResult> {
    const result = await this.call(
      SERVICES.pushDossier,
      { IdempotencyKey: idempotencyKey, data: [toWireDossier(d)] },
      PushResult,
      {
        'idempotency-key': idempotencyKey,
      },
    );
    const first = result[0];
    if (!first || first.IdempotencyKey !== idempotencyKey)
      throw new PortalError('portal-bad-response', 'DongBoHoSoMC: answer is for another dossier');
    parseDossierCode(first.MaHoSo);
    return {
      dossierCode: first.MaHoSo,
      status: toStatus(first.TrangThaiHoSo),
      appointmentAt: optTime(first.NgayHenTra),
    };
  }

  async getStatus(dossierCode: string): Promise<DossierStatusInfo> {
    const code = dossierCode.trim().toUpperCase();
    parseDossierCode(code);
    const r = await this.call(SERVICES.lookup, { MaHoSo: code }, LookupResult);
    const receivedAt = parsePortalTime(r.NgayTiepNhan);
    if (receivedAt === null) throw new PortalError('portal-bad-response', 'TraCuuHoSo: bad NgayTiepNhan');
    return {
      dossierCode: r.MaHoSo,
      status: toStatus(r.TrangThaiHoSo),
      procedureCode: r.MaTTHC,
      procedureName: r.TenTTHC,
      receivedAt,
      appointmentAt: optTime(r.NgayHenTra),
      feeVnd: r.TongLePhi,
      feePaid: r.DaThanhToan,
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
    return { dossierCode: r.MaHoSo, paid: r.DaThanhToan, status: toStatus(r.TrangThaiHoSo) };
  }
}
