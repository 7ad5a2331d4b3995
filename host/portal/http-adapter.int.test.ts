import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../store/test-helpers';
import { portalContract, contractDossier, type PortalContractControl } from './contract';
import { PortalError } from './errors';
import { HttpPortalAdapter } from './http-adapter';
import { MOCK_CREDENTIALS } from './mock/server';
import { startMockPortal, type StartedMockPortal } from './mock/start';
import { preparePayment, readVietQr } from './payment';

const AGENCY = '000.00.01.H22';
let mock: StartedMockPortal;
let adapter: HttpPortalAdapter;
let control: PortalContractControl;
const dir = scratchDir('portal-mock-');

beforeAll(async () => {
  mock = await startMockPortal({ port: 0, dbPath: join(dir.dir, 'portal.db'), stepMs: 60_000 });
  adapter = new HttpPortalAdapter({
    baseUrl: mock.url,
    ...MOCK_CREDENTIALS,
    agencyCode: AGENCY,
    timeoutMs: 3000,
  });
  control = {
    expireSessions: () => mock.setFaults({ expireSessions: true }),
    advanceClock: (ms) => mock.advanceClock(ms),
  };
});
afterAll(async () => {
  await mock?.stop();
  dir.cleanup();
});

describe('HttpPortalAdapter against the mock portal (shared contract)', () => {
  portalContract(() => ({ adapter, control, agencyCode: AGENCY }));
});

describe('HttpPortalAdapter failure mapping', () => {
  it('wrong credentials → portal-auth-failed', async () => {
    const bad = new HttpPortalAdapter({
      baseUrl: mock.url,
      username: 'x',
      password: 'y',
      agencyCode: AGENCY,
    });
    await expect(bad.login()).rejects.toMatchObject({ code: 'portal-auth-failed' });
  });
  it('5xx → retryable portal-server-error; down → portal-unreachable; hang → portal-timeout', async () => {
    await mock.setFaults({ errorRate: 1 });
    const e1 = (await adapter.listProcedures().catch((e: unknown) => e)) as PortalError;
    expect([e1.code, e1.retryable]).toEqual(['portal-server-error', true]);
    await mock.setFaults({ down: true });
    const e2 = (await adapter.listProcedures().catch((e: unknown) => e)) as PortalError;
    expect([e2.code, e2.retryable]).toEqual(['portal-unreachable', true]);
    const quick = new HttpPortalAdapter({
      baseUrl: mock.url,
      ...MOCK_CREDENTIALS,
      agencyCode: AGENCY,
      timeoutMs: 300,
    });
    await mock.setFaults({ timeoutRate: 1 });
    const e3 = (await quick.listProcedures().catch((e: unknown) => e)) as PortalError;
    expect([e3.code, e3.retryable]).toEqual(['portal-timeout', true]);
    await mock.setFaults({});
  });
  it('a dossier stored but its answer lost is found again with the same key', async () => {
    await mock.setFaults({ dropAfterStoreRate: 1 });
    const e = (await adapter
      .submitDossier(contractDossier(50), 'drop-key-50')
      .catch((x: unknown) => x)) as PortalError;
    expect(e.code).toBe('portal-unreachable');
    await mock.setFaults({ duplicateRate: 1 });
    const r = await adapter.submitDossier(contractDossier(50), 'drop-key-50');
    await mock.setFaults({});
    const stored = (await mock.dossiers()).filter((d) => d.IdempotencyKey === 'drop-key-50');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.MaHoSo).toBe(r.dossierCode);
    expect(stored[0]?.requests).toBe(3);
  });
  it('pays a fee with a VietQR the mock confirms', async () => {
    const { dossierCode } = await adapter.submitDossier(contractDossier(60), 'pay-key-60');
    const { request, vietQr } = await preparePayment(adapter, dossierCode);
    expect(readVietQr(vietQr!)).toEqual({
      bankBin: request.bankBin,
      accountNo: request.accountNo,
      amountVnd: 15000,
      reference: request.reference,
    });
    expect(
      (await adapter.confirmPayment({ dossierCode, reference: request.reference, amountVnd: 15000 })).paid,
    ).toBe(true);
    expect((await preparePayment(adapter, dossierCode)).vietQr).toBeNull();
  });
  it('the mock keeps its dossiers across a restart', async () => {
    const before = await mock.dossiers();
    await mock.stop();
    mock = await startMockPortal({ port: 0, dbPath: join(dir.dir, 'portal.db'), stepMs: 60_000 });
    adapter = new HttpPortalAdapter({
      baseUrl: mock.url,
      ...MOCK_CREDENTIALS,
      agencyCode: AGENCY,
      timeoutMs: 3000,
    });
    expect(await mock.dossiers()).toHaveLength(before.length);
    const first = before[0];
    expect(first).toBeDefined();
    expect((await adapter.getStatus(first!.MaHoSo)).dossierCode).toBe(first!.MaHoSo);
  });
});
