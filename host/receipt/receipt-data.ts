import { formatMoney } from '../../common/text/format';
import { formatPortalTime } from '../portal/dates';
import { isDossierCode } from '../portal/dossier-code';
import type { ReceiptRecord } from '../store/store';
import { ReceiptError } from './errors';

/** The official receipt: only once the receiving system has accepted the dossier (status 2 or later). */
export const RECEIPT_TITLE = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả';
/** What the kiosk prints until then: queued, or "Mới đăng ký" (dossier-rules.md §5). */
export const CONFIRMATION_TITLE = 'Phiếu xác nhận đã nộp hồ sơ';

/** Everything printed on a receipt. The applicant's ID is only ever the masked form. */
export interface ReceiptData {
  /** `queued`: committed at the kiosk, not yet acknowledged by the portal ("đã ghi nhận, sẽ gửi"). */
  state: 'queued' | 'delivered' | 'failed';
  dossierCode: string | null;
  localRef: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string | null;
  maskedId: string;
  receivedAt: number;
  appointmentAt: number | null;
  /** null: no source gives the fee; the receipt says staff will tell (never "free"). */
  feeVnd: number | null;
  feePaid: boolean;
  /** Issuing system named in the QR and the footer, e.g. `Kiosk DVC - UBND phường Mẫu`. */
  issuingSystem: string;
  printedAt: number;
  /** `TrangThaiHoSo` as last known (null: not yet sent). Decides the title. */
  portalStatus?: number | null;
  /** Paper documents the citizen still has to bring, and where. */
  toBring?: string[];
  bringTo?: string | null;
  /** The electronic fee receipt once paid. */
  eReceipt?: { number: string; series: string; url: string } | null;
}

/** Statuses at which the receiving agency has accepted the dossier (2 and every later step but 3/7/8). */
const ACCEPTED = new Set([2, 4, 5, 6, 9, 10]);

export function isOfficialReceipt(d: Pick<ReceiptData, 'state' | 'dossierCode' | 'portalStatus'>): boolean {
  return d.state === 'delivered' && d.dossierCode !== null && ACCEPTED.has(d.portalStatus ?? 0);
}

export function receiptTitle(d: Pick<ReceiptData, 'state' | 'dossierCode' | 'portalStatus'>): string {
  return isOfficialReceipt(d) ? RECEIPT_TITLE : CONFIRMATION_TITLE;
}

/** The fee line of a receipt, as of printing: amount and state, free, or to be told by staff. */
export function feeText(d: Pick<ReceiptData, 'feeVnd' | 'feePaid'>): string {
  if (d.feeVnd === null) return 'Cán bộ sẽ thông báo';
  if (d.feeVnd === 0) return 'Miễn phí';
  const amount = formatMoney(d.feeVnd, { unit: 'đồng' });
  return `${amount} (${d.feePaid ? 'đã thanh toán' : 'chưa thanh toán'})`;
}

export function receiptDataFrom(
  r: ReceiptRecord,
  opts: { issuingSystem: string; printedAt?: number },
): ReceiptData {
  return {
    state: r.state,
    dossierCode: r.dossierCode,
    localRef: r.localRef,
    procedureCode: r.procedureCode,
    procedureName: r.procedureName,
    applicantName: r.applicant?.fullName ?? null,
    maskedId: r.maskedId,
    receivedAt: r.receivedAt,
    appointmentAt: r.appointmentAt,
    feeVnd: r.feeVnd,
    feePaid: r.feePaid,
    issuingSystem: opts.issuingSystem,
    printedAt: opts.printedAt ?? Date.now(),
    portalStatus: r.portalStatus,
  };
}

/**
 * The receipt QR (TT 01/2023/TT-VPCP: dossier code, procedure code, applicant identifier, document title,
 * issuing system, time; receipts add the appointment date) as compact JSON named like the portal fields.
 * A queued receipt has `MaHoSo: ""` and is looked up by `SoBienNhan` (the kiosk's local reference).
 */
export interface ReceiptQrPayload {
  MaHoSo: string;
  SoBienNhan: string;
  MaTTHC: string;
  ChuHoSo: string;
  TenGiayTo: string;
  HeThong: string;
  ThoiGian: string;
  NgayHenTra: string;
}

export function receiptQrPayload(d: ReceiptData): ReceiptQrPayload {
  return {
    MaHoSo: d.dossierCode ?? '',
    SoBienNhan: d.localRef,
    MaTTHC: d.procedureCode,
    ChuHoSo: d.maskedId,
    TenGiayTo: receiptTitle(d),
    HeThong: d.issuingSystem,
    ThoiGian: formatPortalTime(d.receivedAt),
    NgayHenTra: d.appointmentAt === null ? '' : formatPortalTime(d.appointmentAt),
  };
}

export function receiptQrText(d: ReceiptData): string {
  return JSON.stringify(receiptQrPayload(d));
}

/**
 * What to look up from a scanned or typed text: a receipt QR (JSON above), or a bare dossier code,
 * or a bare local reference. Throws `receipt-qr-invalid` for anything else.
 */
export function parseLookupInput(text: string): { dossierCode: string } | { localRef: string } {
  const t = text.trim();
  if (t.startsWith('{')) {
    let o: Partial<ReceiptQrPayload>;
    try {
      o = JSON.parse(t) as Partial<ReceiptQrPayload>;
    } catch (err) {
      throw new ReceiptError('receipt-qr-invalid', 'QR text is not receipt JSON', { cause: err });
    }
    if (typeof o.MaHoSo === 'string' && isDossierCode(o.MaHoSo))
      return { dossierCode: o.MaHoSo.toUpperCase() };
    if (typeof o.SoBienNhan === 'string' && /^[A-Z0-9-]{6,40}$/.test(o.SoBienNhan))
      return { localRef: o.SoBienNhan };
    throw new ReceiptError(
      'receipt-qr-invalid',
      'receipt QR carries neither a dossier code nor a local reference',
    );
  }
  if (isDossierCode(t)) return { dossierCode: t.toUpperCase() };
  if (/^[A-Za-z0-9]{2,20}-\d{6}-[0-9A-Fa-f]{8}$/.test(t)) return { localRef: t.toUpperCase() };
  throw new ReceiptError('receipt-qr-invalid', 'text is not a dossier code or receipt reference');
}
