import { CodedError } from '../../common/errors';
import type { PcscErrorCode } from '../pcsc/errors';

/** Typed errors of the eMRTD stack. `code` is stable and keys `renderer/i18n/errors/chip.json`. */
export const CHIP_ERROR_CODES = [
  'chip-tlv-malformed',
  'chip-apdu-invalid',
  'chip-status',
  'chip-sm-mac-invalid',
  'chip-sm-malformed',
  'chip-sm-session-lost',
  'chip-bac-failed',
  'chip-bac-no-key-matched',
  'chip-bac-invalid-key',
  'chip-file-not-found',
  'chip-file-too-large',
  'chip-read-failed',
  'chip-lds-malformed',
  'chip-mrz-malformed',
  'chip-dg13-malformed',
  'chip-dg2-malformed',
  'chip-sod-malformed',
  'chip-unsupported-algorithm',
  'chip-card-removed',
  'chip-reader-gone',
  'chip-aborted',
  'chip-trust-malformed',
  'chip-trust-insecure',
  'chip-pace-failed',
  'chip-can-required',
  'chip-can-invalid',
] as const;
export type ChipErrorCode = (typeof CHIP_ERROR_CODES)[number];

export class ChipError extends CodedError<ChipErrorCode | PcscErrorCode> {
  override readonly name = 'ChipError';
  constructor(
    code: ChipErrorCode | PcscErrorCode,
    message: string,
    readonly details: { sw?: number } = {},
  ) {
    super(code, message);
  }
}

/** A status word that is not 9000, from a plain or secure-messaging response. */
export class StatusWordError extends ChipError {
  constructor(
    readonly sw: number,
    readonly command: string,
  ) {
    super('chip-status', `${command} returned SW ${sw.toString(16).padStart(4, '0').toUpperCase()}`, { sw });
  }
}
