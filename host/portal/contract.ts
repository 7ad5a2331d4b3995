import { expect, it } from 'vitest';
import { isDossierCode, parseDossierCode } from './dossier-code';
import { PortalError } from './errors';
import type { DossierSubmission, PortalAdapter } from './types';

/** Controls the test needs over the portal behind the adapter (the mock's admin endpoint). */
export interface PortalContractControl {
  expireSessions(): Promise<void>;
  advanceClock(ms: number): Promise<void>;
}

export function contractDossier(n: number, over: Partial<DossierSubmission> = {}): DossierSubmission {
  return {
    localRef: `L-CT-${n}`,
    procedureCode: '1.004194',
    procedureName: 'Đăng ký tạm trú',
    fieldCode: 'CU_TRU',
    applicant: {
      fullName: 'Nguyễn Văn Giả Lập',
      idNumber: '079099900271',
      phone: '0900000002',
      email: null,
      kind: 'citizen',
    },
    summary: 'Đăng ký tạm trú tại kiosk',
    receivedAt: Date.UTC(2026, 10, 23, 2, 30),
    appointmentAt: Date.UTC(2026, 10, 26, 2, 30),
    channel: 'in-person',
    fees: [{ name: 'Lệ phí đăng ký tạm trú', code: 'LP-TT', amountVnd: 15000 }],
    documents: [{ title: 'Tờ khai CT01', code: 'CT01' }],
    answers: { address: 'Số 1 Phố Mẫu, Phường Thử Nghiệm', n },
    ...over,
  };
}

/**
 * The behaviour every `PortalAdapter` must show, whatever is behind it. Registered by a test file with
 * `describe(...)` around it; `get()` returns the adapter and control once `beforeAll` has run.
 */
export function portalContract(
  get: () => { adapter: PortalAdapter; control: PortalContractControl; agencyCode: string },
): void {
  it('logs in and lists procedures', async () => {
    const { adapter } = get();
    await adapter.login();
    const list = await adapter.listProcedures();
    expect(list.length).toBeGreaterThan(0);
    expect(list.find((p) => p.code === '1.004194')?.name).toBe('Đăng ký tạm trú');
  });

  it('gives a dossier code <agency>-YYMMDD-XXXX and the same code for the same idempotency key', async () => {
    const { adapter, agencyCode } = get();
    const a = await adapter.submitDossier(contractDossier(1), 'contract-key-1');
    expect(isDossierCode(a.dossierCode)).toBe(true);
    expect(parseDossierCode(a.dossierCode).agency).toBe(agencyCode);
    const again = await adapter.submitDossier(contractDossier(1), 'contract-key-1');
    expect(again.dossierCode).toBe(a.dossierCode);
    const b = await adapter.submitDossier(contractDossier(2), 'contract-key-2');
    expect(b.dossierCode).not.toBe(a.dossierCode);
    expect(parseDossierCode(b.dossierCode).sequence).toBe(parseDossierCode(a.dossierCode).sequence + 1);
  });

  it('refuses an idempotency key reused for a different dossier', async () => {
    const { adapter } = get();
    await adapter.submitDossier(contractDossier(3), 'contract-key-3');
    const err = await adapter.submitDossier(contractDossier(4), 'contract-key-3').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortalError);
    expect((err as PortalError).code).toBe('portal-conflict');
    expect((err as PortalError).retryable).toBe(false);
  });

  it('refuses invalid dossiers for good', async () => {
    const { adapter } = get();
    const bad = contractDossier(5, { applicant: { ...contractDossier(5).applicant, fullName: '' } });
    const err = await adapter.submitDossier(bad, 'contract-key-5').catch((e: unknown) => e);
    expect((err as PortalError).code).toBe('portal-rejected');
  });

  it('looks a dossier up by code and moves its status over time; unknown codes are not found', async () => {
    const { adapter, control } = get();
    const { dossierCode } = await adapter.submitDossier(contractDossier(6), 'contract-key-6');
    const s1 = await adapter.getStatus(dossierCode.toLowerCase());
    expect(s1).toMatchObject({
      dossierCode,
      procedureCode: '1.004194',
      feeVnd: 15000,
      feePaid: false,
      receivedAt: expect.any(Number),
    });
    expect([1, 2]).toContain(s1.status);
    await control.advanceClock(3_600_000);
    const s2 = await adapter.getStatus(dossierCode);
    expect(s2.status).toBe(6);
    const missing = await adapter.getStatus(`${dossierCode.slice(0, -4)}9999`).catch((e: unknown) => e);
    expect((missing as PortalError).code).toBe('portal-not-found');
    const malformed = await adapter.getStatus('not a code').catch((e: unknown) => e);
    expect((malformed as PortalError).code).toBe('portal-invalid-dossier-code');
  });

  it('requests and confirms payment; paid dossiers owe nothing', async () => {
    const { adapter } = get();
    const { dossierCode } = await adapter.submitDossier(contractDossier(7), 'contract-key-7');
    const pay = await adapter.requestPayment(dossierCode);
    expect(pay).toMatchObject({ dossierCode, amountVnd: 15000, bankBin: expect.stringMatching(/^\d{6}$/) });
    const wrong = await adapter
      .confirmPayment({ dossierCode, reference: pay.reference, amountVnd: 1 })
      .catch((e: unknown) => e);
    expect((wrong as PortalError).code).toBe('portal-rejected');
    const ok = await adapter.confirmPayment({
      dossierCode,
      reference: pay.reference,
      amountVnd: pay.amountVnd,
    });
    expect(ok.paid).toBe(true);
    expect((await adapter.requestPayment(dossierCode)).amountVnd).toBe(0);
    expect((await adapter.getStatus(dossierCode)).feePaid).toBe(true);
  });

  it('logs in again by itself when the session has expired', async () => {
    const { adapter, control } = get();
    await adapter.listProcedures();
    await control.expireSessions();
    expect((await adapter.listProcedures()).length).toBeGreaterThan(0);
  });
}
