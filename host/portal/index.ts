export type {
  PortalAdapter,
  DossierSubmission,
  DossierFee,
  SubmitResult,
  DossierStatusInfo,
  PaymentRequest,
  PaymentConfirmation,
  ProcedureSummary,
  EReceipt,
  SubmissionDocument,
  SubmissionFile,
} from './types';
export { HttpPortalAdapter, type HttpPortalOptions } from './http-adapter';
export { PortalError, PORTAL_ERROR_CODES, isRetryable, type PortalErrorCode } from './errors';
export { DOSSIER_STATUSES, FINAL_STATUSES, isDossierStatus, statusLabel, type DossierStatus } from './status';
export { parseDossierCode, isDossierCode, formatDossierCode, DOSSIER_CODE_RE } from './dossier-code';
export { formatPortalTime, parsePortalTime } from './dates';
export { createVietQr, readVietQr, preparePayment, type VietQrInput } from './payment';
export { startMockPortal, type StartedMockPortal } from './mock/start';
export { MOCK_CREDENTIALS } from './mock/server';
