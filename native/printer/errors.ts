/**
 * Typed errors of the printer area. `code` is stable (the key of renderer/i18n/errors/printer.json);
 * `message` is English for developers and never contains receipt content.
 */
import { CodedError } from '../../common/errors';
export const PRINTER_ERROR_CODES = ['printer-out-of-paper', 'printer-offline', 'printer-failed'] as const;
export type PrinterErrorCode = (typeof PRINTER_ERROR_CODES)[number];

export class PrinterError extends CodedError<PrinterErrorCode> {
  override readonly name = 'PrinterError';
}
