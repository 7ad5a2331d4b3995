import type { DossierStatus } from './status';

/** How long the procedure takes, as the procedure list states it. */
export interface ProcedureTimeLimit {
  value: number;
  unit: 'working-day' | 'day' | 'hour';
}

/** A procedure as the provincial system lists it for one receiving agency (`LayDanhSachTTHC`). */
export interface ProcedureSummary {
  code: string;
  name: string;
  fieldCode: string | null;
  fieldName: string | null;
  /** null: the system gives none. */
  timeLimit: ProcedureTimeLimit | null;
  /** Fee lines by channel; alternatives, never added up. */
  fees: { code: string; name: string; channel: 'in-person' | 'online' | 'any'; amountVnd: number }[];
  /** Dossier components (`THANHPHANHOSO`): `code` is `MAGIAYTO`. */
  components: { code: string; name: string; required: boolean }[];
}

export interface DossierFee {
  name: string;
  code: string;
  amountVnd: number;
}

/** A PDF the citizen photographed or scanned for one dossier component. Personal: encrypted at rest. */
export interface SubmissionFile {
  name: string;
  mime: 'application/pdf';
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  base64: string;
  pages: number;
}

/**
 * One dossier component: `attached` (a file goes with the dossier), `form` (the kiosk's e-form answers are
 * the component), `at-counter` (the citizen brings the paper to the receiving agency). Missing `delivery`
 * (dossiers queued by an older kiosk) means `at-counter`.
 */
export interface SubmissionDocument {
  title: string;
  /** The component's code (`MaThanhPhanHoSo`); null when the catalogue has none. */
  code: string | null;
  delivery?: 'attached' | 'form' | 'at-counter';
  file?: SubmissionFile | null;
}

/** One dossier as the kiosk submits it. Personal: keep it encrypted at rest (the outbox does). */
export interface DossierSubmission {
  /** The kiosk's local reference, printed on the submission confirmation (a kiosk extension field). */
  localRef: string;
  procedureCode: string;
  procedureName: string;
  fieldCode: string | null;
  fieldName?: string | null;
  /** The competent receiving agency (`madonvi` / `DonViXuLy`), chosen per dossier. */
  receivingAgency: { code: string; name: string };
  /** Where the dossier was filed (`NoiNopHoSo`), e.g. the kiosk's place. */
  placeOfFiling?: string;
  applicant: {
    fullName: string;
    idNumber: string;
    phone: string | null;
    email: string | null;
    kind: 'citizen' | 'business';
  };
  /**
   * The applicant's identity was verified electronically (`TaiKhoanDuocXacThucVoiVNeID`): the kiosk sets it
   * when the chip passed passive AND active/chip authentication (assumption documented in README).
   */
  identityVerified?: boolean;
  summary: string;
  /** When the kiosk accepted it (epoch ms, `NgayNopHoSo`); fixed at commit so retries send identical bodies. */
  receivedAt: number;
  /** The kiosk's own estimate from the catalogue's time limit; the system's answer wins. */
  appointmentAt: number | null;
  /** Submission channel (`KenhThucHien`). */
  channel: 'in-person' | 'online' | 'post';
  /** How the result is returned (`HinhThuc`): at the counter (default) or by post. */
  resultDelivery?: 'counter' | 'post';
  fees: DossierFee[];
  documents: SubmissionDocument[];
  /** The form's answers, keyed by catalogue field id. */
  answers: Record<string, unknown>;
}

export interface SubmitResult {
  dossierCode: string;
  status: DossierStatus;
  appointmentAt: number | null;
}

/** The electronic fee receipt (biên lai thu phí, lệ phí điện tử) the system issues after payment. */
export interface EReceipt {
  number: string;
  series: string;
  issuedAt: number;
  amountVnd: number;
  /** Where anyone can view it (printed as a QR). */
  url: string;
}

/** Status lookup answer: no personal data beyond what the receipt already shows. */
export interface DossierStatusInfo {
  dossierCode: string;
  status: DossierStatus;
  procedureCode: string;
  procedureName: string;
  agencyCode: string;
  receivedAt: number;
  appointmentAt: number | null;
  /**
   * The fee the system has billed (`TongLePhi`). null: it has billed nothing yet (the dossier listed no fee line
   * and the receiving officer sets the amount): unknown, never "free". 0 is free only as the system's own figure.
   */
  feeVnd: number | null;
  feePaid: boolean;
  eReceipt: EReceipt | null;
}

/** Where and how much to pay for a dossier; amountVnd 0 means nothing to pay (exempt or free). */
export interface PaymentRequest {
  dossierCode: string;
  amountVnd: number;
  reference: string;
  bankBin: string;
  accountNo: string;
  accountName: string;
}

export interface PaymentConfirmation {
  dossierCode: string;
  paid: boolean;
  status: DossierStatus;
  eReceipt: EReceipt | null;
}

/**
 * The province's TTHC information system as the kiosk sees it, behind the data-sharing gateway.
 * Implementations: `HttpPortalAdapter` (the mock portal speaks the same API). All methods throw `PortalError`.
 */
export interface PortalAdapter {
  /** Obtains an access token (OAuth2 client credentials); calls do it by themselves when needed. */
  login(): Promise<void>;
  /** The procedures one receiving agency accepts, with fees, time limits and components. */
  listProcedures(agencyCode: string): Promise<ProcedureSummary[]>;
  /** Idempotent on `idempotencyKey`: sending the same dossier again returns the same dossier code. */
  submitDossier(d: DossierSubmission, idempotencyKey: string): Promise<SubmitResult>;
  getStatus(dossierCode: string): Promise<DossierStatusInfo>;
  requestPayment(dossierCode: string): Promise<PaymentRequest>;
  confirmPayment(p: {
    dossierCode: string;
    reference: string;
    amountVnd: number;
  }): Promise<PaymentConfirmation>;
}
