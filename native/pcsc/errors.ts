/** Typed PC/SC transport errors. `code` keys renderer/i18n/errors/chip.json. */
import { CodedError } from '../../common/errors';
export const PCSC_ERROR_CODES = [
  'pcsc-card-removed',
  'pcsc-reader-gone',
  'pcsc-sharing-violation',
  'pcsc-timeout',
  'pcsc-no-service',
  'pcsc-no-reader',
  'pcsc-no-card',
  'pcsc-failed',
] as const;
export type PcscErrorCode = (typeof PCSC_ERROR_CODES)[number];

export class PcscError extends CodedError<PcscErrorCode> {
  override readonly name = 'PcscError';
  constructor(
    code: PcscErrorCode,
    message: string,
    /** The PC/SC return code (SCARD_*), when known. */
    readonly scardCode: number | null = null,
  ) {
    super(code, message);
  }
}

/** PC/SC return codes (winscard / pcsclite) → typed error code. */
const BY_SCARD: Record<number, PcscErrorCode> = {
  0x80100069: 'pcsc-card-removed', // SCARD_W_REMOVED_CARD
  0x80100068: 'pcsc-card-removed', // SCARD_W_RESET_CARD
  0x8010000c: 'pcsc-no-card', // SCARD_E_NO_SMARTCARD
  0x80100066: 'pcsc-card-removed', // SCARD_W_UNRESPONSIVE_CARD
  0x80100067: 'pcsc-card-removed', // SCARD_W_UNPOWERED_CARD
  0x80100009: 'pcsc-reader-gone', // SCARD_E_UNKNOWN_READER
  0x80100017: 'pcsc-reader-gone', // SCARD_E_READER_UNAVAILABLE
  0x8010002e: 'pcsc-no-reader', // SCARD_E_NO_READERS_AVAILABLE
  0x8010000b: 'pcsc-sharing-violation', // SCARD_E_SHARING_VIOLATION
  0x8010000a: 'pcsc-timeout', // SCARD_E_TIMEOUT
  0x8010001d: 'pcsc-no-service', // SCARD_E_NO_SERVICE
  0x8010001e: 'pcsc-no-service', // SCARD_E_SERVICE_STOPPED
  0x80100003: 'pcsc-no-service', // SCARD_E_INVALID_HANDLE (context lost with pcscd)
};

const BY_TEXT: [RegExp, PcscErrorCode][] = [
  [/removed|reset|unresponsive|unpowered|no smart ?card/i, 'pcsc-card-removed'],
  [/unknown reader|reader (is )?unavailable|reader.*(gone|detached)/i, 'pcsc-reader-gone'],
  [/sharing violation/i, 'pcsc-sharing-violation'],
  [/time(d)? ?out/i, 'pcsc-timeout'],
  [/no service|service (not running|stopped)|pcscd/i, 'pcsc-no-service'],
  [/no readers/i, 'pcsc-no-reader'],
];

/** Maps anything the `smartcard` binding throws to a PcscError. */
export function toPcscError(err: unknown): PcscError {
  if (err instanceof PcscError) return err;
  const e = err as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const numeric = typeof e?.code === 'number' ? e.code >>> 0 : null;
  let code: PcscErrorCode | undefined = numeric !== null ? BY_SCARD[numeric] : undefined;
  // Other transports (the simulator) use string codes such as `simulator.card-removed`.
  if (!code && typeof e?.code === 'string') {
    if (/card-removed|no-card/.test(e.code)) code = 'pcsc-card-removed';
    else if (/reader-gone|reader-removed/.test(e.code)) code = 'pcsc-reader-gone';
  }
  if (!code) {
    const hexMatch = /0x([0-9a-f]{8})/i.exec(message);
    if (hexMatch) code = BY_SCARD[parseInt(hexMatch[1]!, 16)];
  }
  code ??= BY_TEXT.find(([re]) => re.test(message))?.[1] ?? 'pcsc-failed';
  return new PcscError(code, message, numeric);
}
