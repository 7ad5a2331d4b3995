/** Typed errors of receipt rendering. Citizen-facing sentences: renderer/i18n/errors/store.json. */
import { CodedError } from '../../common/errors';
export const RECEIPT_ERROR_CODES = [
  'receipt-font-missing',
  'receipt-rasterizer-missing',
  'receipt-render-failed',
  'receipt-qr-invalid',
] as const;
export type ReceiptErrorCode = (typeof RECEIPT_ERROR_CODES)[number];

export class ReceiptError extends CodedError<ReceiptErrorCode> {
  override readonly name = 'ReceiptError';
}
