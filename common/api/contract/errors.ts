/** Errors that cross the API. */
import { z } from 'zod';
import { CodedError } from '../../errors';

/** Protocol-level error codes; domain errors (chip-*, qr-*, store-*, portal-*) pass through as their own codes. */
export const ProtocolErrorCode = z.enum([
  'bad-message',
  'unknown-method',
  'bad-params',
  'unauthorised',
  'protocol-version',
  'not-available',
  'internal',
]);
export type ProtocolErrorCode = z.infer<typeof ProtocolErrorCode>;

export const ApiErrorShape = z.object({ code: z.string().min(1), message: z.string() });
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** An error that crosses the API: a stable code the UI translates, and a developer message (never PII). */
export class KioskApiError extends CodedError {
  override readonly name = 'KioskApiError';
  constructor(code: string, message: string) {
    super(code, message);
  }
  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message };
  }
}
