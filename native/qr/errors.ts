/**
 * Typed errors of the QR area. `code` is stable (it is the key of renderer/i18n/errors/qr.json);
 * `message` is for developers, in English, and never contains personal data (no payload, no field values).
 */
import { CodedError } from '../../common/errors';

export const QR_PAYLOAD_ERROR_CODES = [
  'qr-field-count',
  'qr-id-number',
  'qr-old-id-number',
  'qr-name',
  'qr-date',
  'qr-issue-before-birth',
  'qr-issue-in-future',
  'qr-sex',
  'qr-garbled',
  'qr-junk',
  'qr-too-long',
] as const;
export type QrPayloadErrorCode = (typeof QR_PAYLOAD_ERROR_CODES)[number];

/** A scanned text that is not a usable CCCD / Căn cước QR payload. */
export class QrPayloadError extends CodedError<QrPayloadErrorCode> {
  override readonly name = 'QrPayloadError';
}

export const QR_SCANNER_ERROR_CODES = ['qr-scanner-unavailable'] as const;
export type QrScannerErrorCode = (typeof QR_SCANNER_ERROR_CODES)[number];

/** The scanner device itself failed (cannot be opened, vanished). Not about a payload. */
export class QrScannerError extends CodedError<QrScannerErrorCode> {
  override readonly name = 'QrScannerError';
}

export function isQrPayloadError(e: unknown): e is QrPayloadError {
  return e instanceof QrPayloadError;
}
