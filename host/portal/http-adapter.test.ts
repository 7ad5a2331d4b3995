import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortalError } from './errors';
import { HttpPortalAdapter } from './http-adapter';
import { contractDossier } from './contract';
import { preparePayment } from './payment';

/** An adapter whose fetch answers `/login` normally and `/sync` with `answer`. */
function withAnswer(answer: () => { status: number; body: string }) {
  const fetchImpl = (async (url: URL | string) => {
    if (String(url).endsWith('/login')) return new Response(JSON.stringify({ session: 's', error_code: 0 }));
    const a = answer();
    return new Response(a.body, { status: a.status });
  }) as typeof fetch;
  return new HttpPortalAdapter({
    baseUrl: 'http://portal.invalid/',
    username: 'u',
    password: 'p',
    agencyCode: '000.00.01.H22',
    fetch: fetchImpl,
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
              error_code: fc.constantFrom('00', '-1', '01', '02', '04', '99', 'x'),
              result: fc.anything(),
            })
            .map((o) => JSON.stringify(o)),
        ),
        fc.constantFrom('submit', 'status', 'list', 'pay'),
        async (status, body, op) => {
          const a = withAnswer(() => ({ status, body }));
          try {
            if (op === 'submit') await a.submitDossier(contractDossier(1), 'k');
            else if (op === 'status') await a.getStatus('000.00.01.H22-261123-0001');
            else if (op === 'list') await a.listProcedures();
            else await a.requestPayment('000.00.01.H22-261123-0001');
          } catch (e) {
            expect(e).toBeInstanceOf(PortalError);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 10000) },
    );
  });

  it('keeps the base URL path (`/api/dvc` + `login`)', async () => {
    const seen: string[] = [];
    const a = new HttpPortalAdapter({
      baseUrl: 'http://portal.invalid/api/dvc',
      username: 'u',
      password: 'p',
      agencyCode: '000.00.01.H22',
      fetch: (async (url: URL | string) => {
        seen.push(String(url));
        return new Response(JSON.stringify({ session: 's', error_code: 0 }));
      }) as typeof fetch,
    });
    await a.login();
    expect(seen).toEqual(['http://portal.invalid/api/dvc/login']);
  });

  it('a payment of 0 đồng needs no QR', async () => {
    const a = withAnswer(() => ({
      status: 200,
      body: JSON.stringify({
        error_code: '00',
        result: {
          MaHoSo: '000.00.01.H22-261123-0001',
          SoTien: 0,
          MaThamChieu: 'HS1',
          MaNganHang: '970436',
          SoTaiKhoan: '1',
          TenTaiKhoan: 'KBNN',
        },
      }),
    }));
    const p = await preparePayment(a, '000.00.01.H22-261123-0001');
    expect(p.vietQr).toBeNull();
    expect(p.request.amountVnd).toBe(0);
  });
});
