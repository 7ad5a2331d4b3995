import { Identity } from '../../common/identity';

/**
 * What the log must never carry, by schema: every field of `Identity` (names, ID numbers, dates, addresses,
 * marks, parents…) plus the secrets and free-text answers that travel next to it. Keys are compared
 * case-insensitively with `_`/`-` removed, so `id_number`, `idNumber` and `ID-NUMBER` are one key.
 */
const SECRET_KEYS = [
  // document access and card secrets
  'mrz',
  'mrzLine',
  'mrzLines',
  'can',
  'pin',
  'puk',
  'bac',
  'documentNumber',
  'qr',
  'qrText',
  'raw',
  // citizen input
  'answers',
  'answer',
  'values',
  'draft',
  'form',
  'identity',
  'phone',
  'phoneNumber',
  'email',
  'address',
  'name',
  'photo',
  'face',
  'portrait',
  'signature',
  // credentials
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'bearer',
  'authorization',
  'cookie',
  'password',
  'secret',
  'clientSecret',
  'apiKey',
  'bootstrapCode',
  'code_verifier',
  'key',
  'privateKey',
] as const;

const norm = (k: string): string => k.replace(/[_-]/g, '').toLowerCase();

/** Identity fields that describe the document, not the person: useful in a log, and safe. */
const NOT_PERSONAL = new Set(['source', 'cardType']);

export const REDACTED_KEYS: ReadonlySet<string> = new Set(
  [...Object.keys(Identity.shape).filter((k) => !NOT_PERSONAL.has(k)), ...SECRET_KEYS].map(norm),
);

export const REDACTED = '[redacted]';

/** True when a key names personal data or a secret. */
export const isRedactedKey = (key: string): boolean => REDACTED_KEYS.has(norm(key));

/**
 * The safety net for values under innocent keys (an error message, a URL): 12-digit personal ID numbers,
 * 9-digit old ID numbers next to them are left alone (too common), and MRZ lines (runs of `<` fillers).
 */
const ID_NUMBER = /(?<!\d)\d{12}(?!\d)/g;
const MRZ_LINE = /[A-Z0-9<]*<<[A-Z0-9<]*/g;

export function scrubText(s: string): string {
  return s.replace(ID_NUMBER, '[id-number]').replace(MRZ_LINE, '[mrz]');
}

/** A copy of `value` with personal keys redacted and text scrubbed; cycles and depth are bounded. */
export function scrub(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  try {
    return scrubObject(value, depth, seen);
  } finally {
    seen.delete(value); // only ancestors count as cycles; the same object twice is logged twice
  }
}

function scrubObject(value: object, depth: number, seen: WeakSet<object>): unknown {
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      ...(code === undefined ? {} : { code: scrub(code, depth + 1, seen) }),
      message: scrubText(value.message),
      ...(value.stack ? { stack: scrubText(value.stack) } : {}),
      ...(value.cause === undefined ? {} : { cause: scrub(value.cause, depth + 1, seen) }),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isRedactedKey(k) ? REDACTED : scrub(v, depth + 1, seen);
  }
  return out;
}
