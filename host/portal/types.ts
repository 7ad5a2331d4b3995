import type { DossierStatus } from './status';

/** A procedure as the portal lists it (`LayDanhSachTTHC`). */
export interface ProcedureSummary {
  code: string;
  name: string;
  fieldCode: string | null;
}

export interface DossierFee {
  name: string;
  code: string;
  amountVnd: number;
}

/** One dossier as the kiosk submits it. Personal: keep it encrypted at rest (the outbox does). */
export interface DossierSubmission {
  /** The kiosk's local reference (`SoBienNhan`), printed on the queued receipt. */
  localRef: string;
  procedureCode: string;
  procedureName: string;
  fieldCode: string | null;
  applicant: {
    fullName: string;
    idNumber: string;
    phone: string | null;
    email: string | null;
    kind: 'citizen' | 'business';
  };
  summary: string;
  /** When the kiosk accepted it (epoch ms); fixed at commit so retries send identical bodies. */
  receivedAt: number;
  appointmentAt: number | null;
  channel: 'in-person' | 'online' | 'post';
  fees: DossierFee[];
  documents: { title: string; code: string | null }[];
  /** The form's answers, keyed by catalogue field id. */
  answers: Record<string, unknown>;
}

export interface SubmitResult {
  dossierCode: string;
  status: DossierStatus;
  appointmentAt: number | null;
}

/** Status lookup answer: no personal data beyond what the receipt already shows. */
export interface DossierStatusInfo {
  dossierCode: string;
  status: DossierStatus;
  procedureCode: string;
  procedureName: string;
  receivedAt: number;
  appointmentAt: number | null;
  feeVnd: number;
  feePaid: boolean;
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
}

/**
 * The national portal as the kiosk sees it. Implementations: `HttpPortalAdapter` (DVCQG/OpenCPS-shaped
 * synchronisation API; the mock portal speaks the same). All methods throw `PortalError`.
 */
export interface PortalAdapter {
  login(): Promise<void>;
  listProcedures(): Promise<ProcedureSummary[]>;
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
