/**
 * Typed errors of every agency adapter (vehicle registration, traffic fines, seals, exams…). Citizen-facing
 * sentences: renderer/i18n/errors/agencies.json (one sentence and a way forward per code).
 */
import { CodedError } from '../../common/errors';
export const AGENCY_ERROR_CODES = [
  /** Connection refused or reset: the agency's system is down or the network is. */
  'agency-unreachable',
  /** No answer in time. */
  'agency-timeout',
  /** HTTP 5xx. */
  'agency-server-error',
  /** The agency refused the request (data it does not accept); final for this request. */
  'agency-rejected',
  /** Nothing found for what was asked (no violation, no record). */
  'agency-not-found',
  /** An answer the adapter cannot read. */
  'agency-bad-response',
] as const;
export type AgencyErrorCode = (typeof AGENCY_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<AgencyErrorCode> = new Set([
  'agency-unreachable',
  'agency-timeout',
  'agency-server-error',
  'agency-bad-response',
]);

export class AgencyError extends CodedError<AgencyErrorCode> {
  override readonly name = 'AgencyError';
  constructor(code: AgencyErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
  /** True when the same request may succeed later (network, 5xx, timeouts); false for refusals. */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}
