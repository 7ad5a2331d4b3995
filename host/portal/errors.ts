/** Typed errors of the portal adapter. Citizen-facing sentences: renderer/i18n/errors/portal.json. */
import { CodedError } from '../../common/errors';
export const PORTAL_ERROR_CODES = [
  'portal-unreachable',
  'portal-timeout',
  'portal-server-error',
  'portal-auth-failed',
  'portal-session-expired',
  'portal-rejected',
  'portal-conflict',
  'portal-not-found',
  'portal-bad-response',
  'portal-invalid-dossier-code',
  'payment-invalid',
  /** No agency in the province's table is competent for this procedure and address (final). */
  'portal-no-agency',
] as const;
export type PortalErrorCode = (typeof PORTAL_ERROR_CODES)[number];

/**
 * Codes worth retrying later with the same idempotency key: transport trouble and anything that says more
 * about the kiosk's configuration or the portal's health than about the dossier (bad credentials, an
 * unexpected answer). Only the portal's explicit refusals of a dossier are final.
 */
const RETRYABLE: ReadonlySet<PortalErrorCode> = new Set([
  'portal-unreachable',
  'portal-timeout',
  'portal-server-error',
  'portal-auth-failed',
  'portal-session-expired',
  'portal-bad-response',
]);

export class PortalError extends CodedError<PortalErrorCode> {
  override readonly name = 'PortalError';
  constructor(code: PortalErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
  /** True when the same request may succeed later (network, 5xx, timeouts); false for refusals. */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

export function isRetryable(err: unknown): boolean {
  return !(err instanceof PortalError) || err.retryable;
}
