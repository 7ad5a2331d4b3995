import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortalError } from './errors';
import { HttpPortalAdapter } from './http-adapter';
import { contractDossier } from './contract';
import { preparePayment } from './payment';

const TOKEN = JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 600 });

/** An adapter whose fetch answers `/token` normally and every `/api/…` call with `answer`. */
function withAnswer(answer: () => { status: number; body: string }, now = () => 0) {
  const fetchImpl = (async (url: URL | string) => {
    if (String(url).endsWith('/token')) return new Response(TOKEN);
    const a = answer();
    return new Response(a.body, { status: a.status });
  }) as typeof fetch;
  return new HttpPortalAdapter({
    baseUrl: 'http://portal.invalid/',
    clientId: 'c',
    clientSecret: 's',
    fetch: fetchImpl,
    now,
  });
}

describe('HttpPortalAdapter answer parsing', () => {
  it('fuzz: any answer yields a result or a PortalError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc
            .record({
              error_code: fc.constantFrom('00', '01', '02', '04', '99', 'x'),
              result: fc.anything(),
            })
            .map((o) => JSON.stringify(o)),
        ),
        fc.constantFrom('submit', 'status', 'list', 'pay'),
        async (status, body, op) => {
          const a = withAnswer(() => ({ status, body }));
          try {
            if (op === 'submit') await a.submitDossier(contractDossier(1), 'k');
            else if (op === 'status') await a.getStatus('000.30.01.H22-261123-0001');
            else if (op === 'list') await a.listProcedures('000.30.01.H22');
            else await a.requestPayment('000.30.01.H22-261123-0001');
          } catch (e) {
            expect(e).toBeInstanceOf(PortalError);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 10000) },
    );
  });

  it('keeps the base URL path and asks for a client-credentials token once while it is valid', async () => {
    const seen: { url: string; body: string; auth: string }[] = [];
    let t = 0;
    const a = new HttpPortalAdapter({
      baseUrl: 'http://portal.invalid/lgsp/tthc',
      clientId: 'kiosk 1',
      clientSecret: 's&cret',
      now: () => t,
      fetch: (async (url: URL | string, init?: RequestInit) => {
        const h = new Headers(init?.headers);
        seen.push({ url: String(url), body: String(init?.body ?? ''), auth: h.get('authorization') ?? '' });
        if (String(url).endsWith('/token')) return new Response(TOKEN);
        return new Response(JSON.stringify({ error_code: '00', result: [] }));
      }) as typeof fetch,
    });
    await a.listProcedures('000.30.01.H22');
    await a.listProcedures('000.30.01.H22');
    expect(seen.map((s) => s.url)).toEqual([
      'http://portal.invalid/lgsp/tthc/token',
      'http://portal.invalid/lgsp/tthc/api/LayDanhSachTTHC',
      'http://portal.invalid/lgsp/tthc/api/LayDanhSachTTHC',
    ]);
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'kiosk 1',
      client_secret: 's&cret',
    });
    expect(seen[1]!.auth).toBe('Bearer t');
    // 600 s token renewed 30 s before it expires.
    t = 569_000;
    await a.listProcedures('000.30.01.H22');
    expect(seen).toHaveLength(4);
    t = 571_000;
    await a.listProcedures('000.30.01.H22');
    expect(seen.filter((s) => s.url.endsWith('/token'))).toHaveLength(2);
  });

  it('a 401 renews the token once; a second 401 is portal-session-expired, retryable', async () => {
    let tokens = 0;
    const a = new HttpPortalAdapter({
      baseUrl: 'http://portal.invalid/',
      clientId: 'c',
      clientSecret: 's',
      fetch: (async (url: URL | string) => {
        if (String(url).endsWith('/token')) {
          tokens++;
          return new Response(TOKEN);
        }
        return new Response('{"error":"invalid_token"}', { status: 401 });
      }) as typeof fetch,
    });
    const e = (await a.listProcedures('000.30.01.H22').catch((x: unknown) => x)) as PortalError;
    expect([e.code, e.retryable, tokens]).toEqual(['portal-session-expired', true, 2]);
  });

  it('a refused client is portal-auth-failed', async () => {
    const a = new HttpPortalAdapter({
      baseUrl: 'http://portal.invalid/',
      clientId: 'c',
      clientSecret: 'wrong',
      fetch: (async () => new Response('{"error":"invalid_client"}', { status: 401 })) as typeof fetch,
    });
    await expect(a.login()).rejects.toMatchObject({ code: 'portal-auth-failed' });
  });

  it('a payment of 0 đồng needs no QR', async () => {
    const a = withAnswer(() => ({
      status: 200,
      body: JSON.stringify({
        error_code: '00',
        result: {
          MaHoSo: '000.30.01.H22-261123-0001',
          SoTien: 0,
          MaThamChieu: 'HS1',
          MaNganHang: '970436',
          SoTaiKhoan: '1',
          TenTaiKhoan: 'KBNN',
        },
      }),
    }));
    const p = await preparePayment(a, '000.30.01.H22-261123-0001');
    expect(p.vietQr).toBeNull();
    expect(p.request.amountVnd).toBe(0);
  });
});
