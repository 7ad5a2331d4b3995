import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { expect, it } from 'vitest';
import { parseDossierCode, isDossierCode } from './dossier-code';
import { PortalError } from './errors';
import type { MockDossierView } from './mock/start';
import type { DossierSubmission, PortalAdapter, SubmissionFile } from './types';

/** Controls the test needs over the system behind the adapter (the mock's admin endpoint). */
export interface PortalContractControl {
  /** Revokes every access token before it expires (a gateway restart). */
  expireTokens(): Promise<void>;
  advanceClock(ms: number): Promise<void>;
  /** What the system stored, field by field. */
  dossiers(): Promise<MockDossierView[]>;
}

export const CONTRACT_AGENCY = { code: '000.30.01.H22', name: 'Công an phường Mẫu Một (mô phỏng)' };

/** A one-page PDF (what the attachment pipeline produces), for upload tests. */
export async function tinyPdf(text: string): Promise<SubmissionFile> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  doc.text(text);
  doc.end();
  const bytes = await done;
  return {
    name: 'giay-to-cho-o-hop-phap.pdf',
    mime: 'application/pdf',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    base64: bytes.toString('base64'),
    pages: 1,
  };
}

export function contractDossier(n: number, over: Partial<DossierSubmission> = {}): DossierSubmission {
  return {
    localRef: `L-CT-${n}`,
    procedureCode: '1.004194',
    procedureName: 'Đăng ký tạm trú',
    fieldCode: 'CU_TRU',
    fieldName: 'Cư trú',
    receivingAgency: CONTRACT_AGENCY,
    placeOfFiling: 'Kiosk DVC - Trung tâm PVHCC phường Mẫu Một',
    applicant: {
      fullName: 'Nguyễn Văn Giả Lập',
      idNumber: '079099900271',
      phone: '0900000002',
      email: null,
      kind: 'citizen',
    },
    identityVerified: true,
    summary: 'Đăng ký tạm trú tại kiosk',
    receivedAt: Date.now() - 60_000,
    appointmentAt: null,
    channel: 'online',
    resultDelivery: 'counter',
    fees: [{ name: 'Lệ phí đăng ký tạm trú (trực tuyến)', code: 'LP-1.004194-2', amountVnd: 7000 }],
    documents: [
      { title: 'Tờ khai CT01', code: 'ct01', delivery: 'form' },
      { title: 'Giấy tờ chứng minh chỗ ở hợp pháp', code: 'lawful-residence', delivery: 'at-counter' },
    ],
    answers: { address: 'Số 1 Phố Mẫu, Phường Thử Nghiệm', n },
    ...over,
  };
}

const fails = async (p: Promise<unknown>): Promise<PortalError> => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PortalError);
  return err as PortalError;
};

/**
 * The behaviour every `PortalAdapter` must show, whatever is behind it. Registered by a test file with
 * `describe(...)` around it; `get()` returns the adapter and control once `beforeAll` has run.
 */
export function portalContract(get: () => { adapter: PortalAdapter; control: PortalContractControl }): void {
  it('obtains a token and lists the agency’s procedures with fees, time limits and components', async () => {
    const { adapter } = get();
    await adapter.login();
    const list = await adapter.listProcedures(CONTRACT_AGENCY.code);
    const p = list.find((x) => x.code === '1.004194');
    expect(p).toMatchObject({
      name: 'Đăng ký tạm trú',
      fieldCode: 'CU_TRU',
      timeLimit: { value: 3, unit: 'working-day' },
    });
    expect(p!.fees.find((f) => f.channel === 'online')?.amountVnd).toBe(7000);
    expect(p!.fees.find((f) => f.channel === 'in-person')?.amountVnd).toBe(15000);
    expect(p!.components.map((c) => c.code)).toContain('lawful-residence');
    // Civil status is not the police's: another agency's list.
    expect(list.some((x) => x.code === '1.001193')).toBe(false);
    expect((await fails(adapter.listProcedures('999.99.99.H99'))).code).toBe('portal-rejected');
  });

  it('gives a dossier code <agency>-YYMMDD-XXXX and the same code for the same idempotency key', async () => {
    const { adapter } = get();
    const a = await adapter.submitDossier(contractDossier(1), 'contract-key-1');
    expect(isDossierCode(a.dossierCode)).toBe(true);
    expect(parseDossierCode(a.dossierCode).agency).toBe(CONTRACT_AGENCY.code);
    expect(a.status).toBe(1);
    const again = await adapter.submitDossier(contractDossier(1), 'contract-key-1');
    expect(again.dossierCode).toBe(a.dossierCode);
    const b = await adapter.submitDossier(contractDossier(2), 'contract-key-2');
    expect(b.dossierCode).not.toBe(a.dossierCode);
    expect(parseDossierCode(b.dossierCode).sequence).toBe(parseDossierCode(a.dossierCode).sequence + 1);
  });

  it('sends every field with its meaning (dossier-rules §4) and the system stores them so', async () => {
    const { adapter, control } = get();
    const file = await tinyPdf('Hợp đồng thuê nhà (giả lập)');
    const d = contractDossier(10, {
      channel: 'in-person',
      resultDelivery: 'post',
      documents: [
        { title: 'Tờ khai CT01', code: 'ct01', delivery: 'form' },
        { title: 'Giấy tờ chứng minh chỗ ở hợp pháp', code: 'lawful-residence', delivery: 'attached', file },
      ],
    });
    const r = await adapter.submitDossier(d, 'contract-key-10');
    const stored = (await control.dossiers()).find((x) => x.MaHoSo === r.dossierCode)!;
    expect(stored).toMatchObject({
      MaTTHC: '1.004194',
      DonViXuLy: CONTRACT_AGENCY.code,
      MaThamChieuKiosk: 'L-CT-10',
      KenhThucHien: '1', // in person: the channel, not HinhThuc
      HoSoCoThanhPhanSoHoa: '1', // one component went as a file
      TaiKhoanDuocXacThucVoiVNeID: '1', // chip verified
      DuocThanhToanTrucTuyen: '0', // nothing paid yet
      TongLePhi: 15000, // the system's in-person fee, whatever the kiosk listed
      GiayToNopTaiQuay: [],
    });
    expect(stored.TaiLieuNop).toEqual([
      {
        MaThanhPhanHoSo: 'lawful-residence',
        TenTepDinhKem: 'giay-to-cho-o-hop-phap.pdf',
        KichThuoc: Buffer.from(file.base64, 'base64').length,
      },
    ]);
    // Working-day appointment from the procedure's 3 working days: never on a weekend.
    expect(r.appointmentAt).not.toBeNull();
    const day = new Date(r.appointmentAt! + 7 * 3_600_000).getUTCDay();
    expect([1, 2, 3, 4, 5]).toContain(day);
    const noFile = (await control.dossiers()).find((x) => x.MaThamChieuKiosk === 'L-CT-1')!;
    expect(noFile).toMatchObject({
      HoSoCoThanhPhanSoHoa: '0',
      KenhThucHien: '2',
      TongLePhi: 7000,
      GiayToNopTaiQuay: [
        { MaThanhPhanHoSo: 'lawful-residence', TenGiayTo: 'Giấy tờ chứng minh chỗ ở hợp pháp' },
      ],
    });
  });

  it('refuses an idempotency key reused for a different dossier', async () => {
    const { adapter } = get();
    await adapter.submitDossier(contractDossier(3), 'contract-key-3');
    const err = await fails(adapter.submitDossier(contractDossier(4), 'contract-key-3'));
    expect([err.code, err.retryable]).toEqual(['portal-conflict', false]);
  });

  it('refuses for good: empty name, wrong procedure for the agency, unknown agency, bad ID, unknown component', async () => {
    const { adapter } = get();
    const base = contractDossier(5);
    const cases: Partial<DossierSubmission>[] = [
      { applicant: { ...base.applicant, fullName: '' } },
      { procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh' },
      { procedureCode: '1.999999' },
      { receivingAgency: { code: '999.99.99.H99', name: 'Không có' } },
      { applicant: { ...base.applicant, idNumber: '07909990027' } },
      { documents: [{ title: 'Giấy lạ', code: 'khong-co', delivery: 'at-counter' }] },
    ];
    for (const [i, over] of cases.entries()) {
      const err = await fails(adapter.submitDossier(contractDossier(50 + i, over), `contract-bad-${i}`));
      expect([i, err.code, err.retryable]).toEqual([i, 'portal-rejected', false]);
    }
  });

  it('looks a dossier up by code and moves its status over time; unknown codes are not found', async () => {
    const { adapter, control } = get();
    const { dossierCode } = await adapter.submitDossier(contractDossier(6), 'contract-key-6');
    const s1 = await adapter.getStatus(dossierCode.toLowerCase());
    expect(s1).toMatchObject({
      dossierCode,
      procedureCode: '1.004194',
      agencyCode: CONTRACT_AGENCY.code,
      feeVnd: 7000,
      feePaid: false,
      eReceipt: null,
      receivedAt: expect.any(Number),
    });
    expect([1, 2]).toContain(s1.status);
    await control.advanceClock(3_600_000);
    expect((await adapter.getStatus(dossierCode)).status).toBe(6);
    expect((await fails(adapter.getStatus(`${dossierCode.slice(0, -4)}9999`))).code).toBe('portal-not-found');
    expect((await fails(adapter.getStatus('not a code'))).code).toBe('portal-invalid-dossier-code');
  });

  it('requests and confirms payment; the system issues an electronic fee receipt; paid dossiers owe nothing', async () => {
    const { adapter, control } = get();
    const { dossierCode } = await adapter.submitDossier(contractDossier(7), 'contract-key-7');
    const pay = await adapter.requestPayment(dossierCode);
    expect(pay).toMatchObject({ dossierCode, amountVnd: 7000, bankBin: expect.stringMatching(/^\d{6}$/) });
    const wrong = await fails(
      adapter.confirmPayment({ dossierCode, reference: pay.reference, amountVnd: 1 }),
    );
    expect(wrong.code).toBe('portal-rejected');
    const ok = await adapter.confirmPayment({
      dossierCode,
      reference: pay.reference,
      amountVnd: pay.amountVnd,
    });
    expect(ok.paid).toBe(true);
    expect(ok.eReceipt).toMatchObject({ number: expect.stringMatching(/^\d+$/), amountVnd: 7000 });
    expect(ok.eReceipt!.url).toMatch(/^https?:\/\//);
    expect((await adapter.requestPayment(dossierCode)).amountVnd).toBe(0);
    const after = await adapter.getStatus(dossierCode);
    expect(after.feePaid).toBe(true);
    expect(after.eReceipt?.number).toBe(ok.eReceipt!.number);
    const stored = (await control.dossiers()).find((x) => x.MaHoSo === dossierCode)!;
    expect(stored).toMatchObject({ DuocThanhToanTrucTuyen: '1', BienLaiDienTu: ok.eReceipt!.number });
  });

  it('a dossier with no fee line is billed nothing: its fee reads unknown (null), never a free 0', async () => {
    const { adapter, control } = get();
    const { dossierCode } = await adapter.submitDossier(contractDossier(8, { fees: [] }), 'contract-key-8');
    const status = await adapter.getStatus(dossierCode);
    expect(status).toMatchObject({ dossierCode, feeVnd: null, feePaid: false, eReceipt: null });
    // Nothing to collect at the kiosk: the receiving officer sets the amount.
    expect((await adapter.requestPayment(dossierCode)).amountVnd).toBe(0);
    const stored = (await control.dossiers()).find((x) => x.MaHoSo === dossierCode)!;
    expect(stored).toMatchObject({ TongLePhi: null, DaThanhToan: false });
    // However long it waits, an unbilled dossier is not held at "payment requested".
    await control.advanceClock(3_600_000);
    expect((await adapter.getStatus(dossierCode)).status).not.toBe(6);
  });

  it('gets a new token by itself when the old one is revoked or has expired', async () => {
    const { adapter, control } = get();
    await adapter.listProcedures(CONTRACT_AGENCY.code);
    await control.expireTokens();
    expect((await adapter.listProcedures(CONTRACT_AGENCY.code)).length).toBeGreaterThan(0);
  });
}
