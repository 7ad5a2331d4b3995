import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../store/testing/test-helpers';
import { CONTRACT_AGENCY, contractDossier, portalContract, type PortalContractControl } from './contract';
import { PortalError } from './errors';
import { HttpPortalAdapter } from './http-adapter';
import { MOCK_CREDENTIALS } from './mock/server';
import { startMockPortal, type StartedMockPortal } from './mock/start';
import { preparePayment, readVietQr } from './payment';

let mock: StartedMockPortal;
let adapter: HttpPortalAdapter;
let control: PortalContractControl;
const dir = scratchDir('portal-mock-');
const adapterFor = (url: string, over: Partial<ConstructorParameters<typeof HttpPortalAdapter>[0]> = {}) =>
  new HttpPortalAdapter({ baseUrl: url, ...MOCK_CREDENTIALS, timeoutMs: 3000, ...over });

beforeAll(async () => {
  mock = await startMockPortal({ port: 0, dbPath: join(dir.dir, 'portal.db'), stepMs: 60_000 });
  adapter = adapterFor(mock.url);
  control = {
    expireTokens: () => mock.setFaults({ expireSessions: true }),
    advanceClock: (ms) => mock.advanceClock(ms),
    dossiers: () => mock.dossiers(),
  };
});
afterAll(async () => {
  await mock?.stop();
  dir.cleanup();
});

describe('HttpPortalAdapter against the mock portal (shared contract)', () => {
  portalContract(() => ({ adapter, control }));
});

describe('the mock portal as a gateway', () => {
  it('answers 401 without a bearer token, or with an unknown one', async () => {
    const body = JSON.stringify({ madonvi: CONTRACT_AGENCY.code });
    const none = await fetch(`${mock.url}/api/LayDanhSachTTHC`, { method: 'POST', body });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const forged = await fetch(`${mock.url}/api/LayDanhSachTTHC`, {
      method: 'POST',
      body,
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(forged.status).toBe(401);
  });

  it('tokens expire on their own; the adapter renews them', async () => {
    const short = await startMockPortal({ port: 0, dbPath: join(dir.dir, 'short.db'), tokenTtlMs: 1000 });
    try {
      // tokenSkewMs 0 so the adapter really sends the expired token and meets the 401.
      const a = adapterFor(short.url, { tokenSkewMs: 0 });
      await a.listProcedures(CONTRACT_AGENCY.code);
      await short.advanceClock(5000);
      expect((await a.listProcedures(CONTRACT_AGENCY.code)).length).toBeGreaterThan(0);
    } finally {
      await short.stop();
    }
  });

  it('refuses a file whose hash does not match, or that is not a PDF', async () => {
    const tok = (await (
      await fetch(`${mock.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: MOCK_CREDENTIALS.clientId,
          client_secret: MOCK_CREDENTIALS.clientSecret,
        }),
      })
    ).json()) as { access_token: string };
    const upload = async (content: Buffer, hash: string) =>
      (await (
        await fetch(`${mock.url}/api/TaiLenTepTin`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tok.access_token}` },
          body: JSON.stringify({
            madonvi: CONTRACT_AGENCY.code,
            TenTep: 'x.pdf',
            LoaiTep: 'application/pdf',
            HashTepTin: hash,
            NoiDung: content.toString('base64'),
          }),
        })
      ).json()) as { error_code: string };
    expect((await upload(Buffer.from('%PDF-1.4 x'), '0'.repeat(64))).error_code).toBe('01');
    const { createHash } = await import('node:crypto');
    const png = Buffer.from('\x89PNG....');
    expect((await upload(png, createHash('sha256').update(png).digest('hex'))).error_code).toBe('01');
  });
});

describe('HttpPortalAdapter failure mapping', () => {
  it('wrong client credentials → portal-auth-failed', async () => {
    const bad = adapterFor(mock.url, { clientSecret: 'sai' });
    await expect(bad.login()).rejects.toMatchObject({ code: 'portal-auth-failed' });
  });
  it('5xx → retryable portal-server-error; down → portal-unreachable; hang → portal-timeout', async () => {
    await mock.setFaults({ errorRate: 1 });
    const e1 = (await adapter.listProcedures(CONTRACT_AGENCY.code).catch((e: unknown) => e)) as PortalError;
    expect([e1.code, e1.retryable]).toEqual(['portal-server-error', true]);
    await mock.setFaults({ down: true });
    const e2 = (await adapter.listProcedures(CONTRACT_AGENCY.code).catch((e: unknown) => e)) as PortalError;
    expect([e2.code, e2.retryable]).toEqual(['portal-unreachable', true]);
    const quick = adapterFor(mock.url, { timeoutMs: 300 });
    await mock.setFaults({ timeoutRate: 1 });
    const e3 = (await quick.listProcedures(CONTRACT_AGENCY.code).catch((e: unknown) => e)) as PortalError;
    expect([e3.code, e3.retryable]).toEqual(['portal-timeout', true]);
    await mock.setFaults({});
  });
  it('a dossier stored but its answer lost is found again with the same key', async () => {
    await mock.setFaults({ dropAfterStoreRate: 1 });
    const e = (await adapter
      .submitDossier(contractDossier(150), 'drop-key-50')
      .catch((x: unknown) => x)) as PortalError;
    expect(e.code).toBe('portal-unreachable');
    await mock.setFaults({ duplicateRate: 1 });
    const r = await adapter.submitDossier(contractDossier(150), 'drop-key-50');
    await mock.setFaults({});
    const stored = (await mock.dossiers()).filter((d) => d.IdempotencyKey === 'drop-key-50');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.MaHoSo).toBe(r.dossierCode);
    expect(stored[0]?.requests).toBe(3);
  });
  it('pays a fee with a VietQR the mock confirms', async () => {
    const { dossierCode } = await adapter.submitDossier(contractDossier(160), 'pay-key-60');
    const { request, vietQr } = await preparePayment(adapter, dossierCode);
    expect(readVietQr(vietQr!)).toEqual({
      bankBin: request.bankBin,
      accountNo: request.accountNo,
      amountVnd: 7000,
      reference: request.reference,
    });
    const done = await adapter.confirmPayment({ dossierCode, reference: request.reference, amountVnd: 7000 });
    expect(done.paid).toBe(true);
    // The e-receipt's link opens the system's public receipt page.
    const page = (await (await fetch(done.eReceipt!.url)).json()) as { MaHoSo: string; SoTien: number };
    expect(page).toMatchObject({ MaHoSo: dossierCode, SoTien: 7000 });
    expect((await preparePayment(adapter, dossierCode)).vietQr).toBeNull();
  });
  it('the mock keeps its dossiers across a restart', async () => {
    const before = await mock.dossiers();
    await mock.stop();
    mock = await startMockPortal({ port: 0, dbPath: join(dir.dir, 'portal.db'), stepMs: 60_000 });
    adapter = adapterFor(mock.url);
    expect(await mock.dossiers()).toHaveLength(before.length);
    const first = before[0];
    expect(first).toBeDefined();
    expect((await adapter.getStatus(first!.MaHoSo)).dossierCode).toBe(first!.MaHoSo);
  });
});
