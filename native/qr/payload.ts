/**
 * The printed QR of the chip CCCD (2021+) and the Căn cước card (2024+): parse and format.
 *
 * CCCD (7 fields, `|`-separated, UTF-8):
 *   `ID12|oldID (9 digits or empty)|Full name|DOB ddMMyyyy|Nam/Nữ|Permanent address|Issue date ddMMyyyy`
 * Căn cước 2024 (≥ 10 fields): the first seven as above; the rest are undocumented and kept as
 * `extraFields` keyed by their 1-based position ("8", "9", …).
 * 8 or 9 fields: no documented card prints that many; the first seven are read as above, the extras kept the same
 * way, and the card type stays `unknown`.
 * Facts and sources: /work/shared/domain/cccd-chip-and-qr.md §8.
 */
import { Identity } from '../../common/identity';
import { todayInVietnam } from '../../common/text/format';
import { nfc } from '../../common/text/vietnamese';
import { QrPayloadError } from './errors';

/** The identity read from a QR: the shared model with `source: 'qr'`. */
export type QrIdentity = Identity & { source: 'qr'; cardType: 'cccd-2021' | 'can-cuoc-2024' | 'unknown' };

export const QR_MAX_LENGTH = 1024;
export const QR_SEPARATOR = '|';

export interface ParseOptions {
  /** "Today" for the issue-date-in-future check, ISO `YYYY-MM-DD`. Defaults to today in Vietnam (UTC+7). */
  today?: string;
}

const FIELD_INDEX = { id: 0, oldId: 1, name: 2, dob: 3, sex: 4, address: 5, issue: 6 } as const;
const CCCD_FIELDS = 7;
const CAN_CUOC_MIN_FIELDS = 10;

// ---------------------------------------------------------------------------------------------------------------
// Garbled-text detection (keyboard-wedge scanners, wrong code page).

/**
 * Characters a UTF-8 continuation byte (0x80–0xBF) becomes when decoded as Windows-1252 or Latin-1:
 * C1 controls, the Windows-1252 punctuation block, and U+00A0–U+00BF.
 */
const CONTINUATION_AS_1252 =
  '\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC' +
  '\\u2013\\u2014\\u2018-\\u201A\\u201C-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122';

/**
 * Mojibake of Vietnamese UTF-8 read as Windows-1252 / Latin-1:
 * - `á»`, `áº`: the 3-byte letters U+1EA0–U+1EF9 (ạ ả ấ … ỹ) start with E1 BA / E1 BB;
 * - `Ã`, `Ä`, `Å`, `Æ`, `Ì`, `Í`, `Â` + a continuation character: the 2-byte letters (à, ă, đ, ơ, ư, combining marks…).
 * Real Vietnamese never puts `º`/`»` after `á`, nor a continuation character right after those capitals.
 */
const MOJIBAKE = new RegExp(`á[º»]|[ÂÃÄÅÆÌÍ][${CONTINUATION_AS_1252}]`, 'u');

/** C0/C1 controls (CR and LF are removed before this check), DEL, lone surrogates, non-characters. */
const JUNK =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Characters scanners substitute for letters they cannot type; never part of a name. */
const SUBSTITUTE_IN_NAME = /[?\uFFFD]/;

/** True when the text shows the marks of a wrong decoding (U+FFFD or Windows-1252 mojibake). */
export function looksGarbled(text: string): boolean {
  return text.includes('\uFFFD') || MOJIBAKE.test(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates.

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const MIN_YEAR = 1900;

/**
 * `ddMMyyyy` → ISO. Partial dates (unverified on real cards, but the Identity model allows them because some
 * records only hold the year of birth): `00MMyyyy` → `yyyy-MM`, `0000yyyy` or `yyyy` → `yyyy`.
 */
function parseQrDate(field: string, what: string): string {
  const fail = (): never => {
    throw new QrPayloadError('qr-date', `${what} is not a valid ddMMyyyy date`);
  };
  if (/^\d{4}$/.test(field)) {
    if (Number(field) < MIN_YEAR) fail();
    return field;
  }
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(field);
  if (!m) return fail();
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (year < MIN_YEAR) fail();
  if (month === 0) {
    if (day !== 0) fail();
    return m[3] as string;
  }
  if (month > 12) fail();
  if (day === 0) return `${m[3]}-${m[2]}`;
  if (day > daysInMonth(year, month)) fail();
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/** ISO (full or partial) → `ddMMyyyy` (partial: `00MMyyyy`, `0000yyyy`). */
function formatQrDate(iso: string): string {
  const [y = '', m = '00', d = '00'] = iso.split('-');
  return `${d}${m}${y}`;
}

/** Compare two (possibly partial) ISO dates: -1 / 0 / 1 when certain, null when a partial date makes it unsure. */
function compareDates(a: string, b: string): number | null {
  const n = Math.min(a.length, b.length);
  const pa = a.slice(0, n);
  const pb = b.slice(0, n);
  if (pa < pb) return -1;
  if (pa > pb) return 1;
  return a.length === b.length ? 0 : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Parse.

/** Normalise what a scanner delivers: CR/LF removed anywhere, surrounding white space trimmed. */
export function cleanPayload(raw: string): string {
  return raw.replace(/[\r\n]+/g, '').trim();
}

function parseSex(field: string): 'male' | 'female' {
  const f = field.toLocaleLowerCase('vi');
  if (f === 'nam') return 'male';
  if (f === 'nữ') return 'female';
  if (SUBSTITUTE_IN_NAME.test(field))
    throw new QrPayloadError('qr-garbled', 'sex field holds substitute characters');
  throw new QrPayloadError('qr-sex', 'sex field is neither "Nam" nor "Nữ"');
}

/**
 * The cheap checks any scanned line goes through before it is offered as a scan: CR/LF removed and trimmed,
 * not too long, not garbled, no control or binary characters. Returns the cleaned NFC text; throws
 * `QrPayloadError` (`qr-too-long`, `qr-garbled`, `qr-junk`). Does not check that it is a CCCD payload.
 */
export function precheckPayload(raw: string): string {
  if (typeof raw !== 'string') throw new QrPayloadError('qr-junk', 'payload is not a string');
  const cleaned = cleanPayload(raw);
  if (cleaned.length > QR_MAX_LENGTH) {
    throw new QrPayloadError('qr-too-long', `payload is longer than ${QR_MAX_LENGTH} characters`);
  }
  if (looksGarbled(cleaned)) {
    throw new QrPayloadError(
      'qr-garbled',
      'payload shows U+FFFD or UTF-8 decoded as Windows-1252 (mojibake)',
    );
  }
  if (JUNK.test(cleaned)) throw new QrPayloadError('qr-junk', 'payload holds control or binary characters');
  return nfc(cleaned);
}

/**
 * Parse a scanned CCCD / Căn cước QR payload into the shared `Identity` (source `qr`).
 * Throws `QrPayloadError` (and nothing else) when the payload is not usable.
 */
export function parseCccdQr(payload: string, options: ParseOptions = {}): QrIdentity {
  const text = precheckPayload(payload);
  if (!text.includes(QR_SEPARATOR)) throw new QrPayloadError('qr-junk', 'payload is not a CCCD QR (no "|")');

  const fields = text.split(QR_SEPARATOR).map((f) => f.trim());
  if (fields.length < CCCD_FIELDS) {
    throw new QrPayloadError(
      'qr-field-count',
      `payload has ${fields.length} fields; expected at least ${CCCD_FIELDS}`,
    );
  }
  const field = (i: number): string => fields[i] ?? '';

  const idNumber = field(FIELD_INDEX.id);
  if (!/^\d{12}$/.test(idNumber)) throw new QrPayloadError('qr-id-number', 'ID number is not 12 digits');

  const oldId = field(FIELD_INDEX.oldId);
  if (oldId !== '' && !/^(\d{9}|\d{12})$/.test(oldId)) {
    throw new QrPayloadError('qr-old-id-number', 'old ID number is neither empty, 9 nor 12 digits');
  }

  const fullName = field(FIELD_INDEX.name);
  if (SUBSTITUTE_IN_NAME.test(fullName))
    throw new QrPayloadError('qr-garbled', 'name holds substitute characters');
  if (fullName === '' || !/\p{L}/u.test(fullName)) throw new QrPayloadError('qr-name', 'name is empty');

  const dateOfBirth = parseQrDate(field(FIELD_INDEX.dob), 'date of birth');
  const sex = parseSex(field(FIELD_INDEX.sex));
  const address = field(FIELD_INDEX.address);
  const issueDate = parseQrDate(field(FIELD_INDEX.issue), 'issue date');

  const today = options.today ?? todayInVietnam();
  if (compareDates(dateOfBirth, today) === 1)
    throw new QrPayloadError('qr-date', 'date of birth is in the future');
  if (compareDates(issueDate, dateOfBirth) === -1) {
    throw new QrPayloadError('qr-issue-before-birth', 'issue date is before the date of birth');
  }
  if (compareDates(issueDate, today) === 1)
    throw new QrPayloadError('qr-issue-in-future', 'issue date is in the future');

  const extraFields: Record<string, string> = {};
  for (let i = CCCD_FIELDS; i < fields.length; i++) extraFields[String(i + 1)] = field(i);

  const candidate = {
    idNumber,
    oldIdNumber: oldId === '' ? null : oldId,
    fullName,
    dateOfBirth,
    sex,
    nationality: null,
    ethnicity: null,
    religion: null,
    placeOfOrigin: null,
    placeOfResidence: address === '' ? null : address,
    identifyingMarks: null,
    issueDate,
    expiryDate: null,
    fatherName: null,
    motherName: null,
    spouseName: null,
    source: 'qr' as const,
    cardType: cardTypeOf(fields.length),
    extraFields,
  };
  const checked = Identity.safeParse(candidate);
  if (!checked.success) throw new QrPayloadError('qr-junk', 'payload does not make a valid identity');
  return candidate;
}

/** 7 → CCCD 2021; ≥ 10 → Căn cước 2024; 8–9 → no documented card, so `unknown`. */
function cardTypeOf(fieldCount: number): QrIdentity['cardType'] {
  if (fieldCount === CCCD_FIELDS) return 'cccd-2021';
  return fieldCount >= CAN_CUOC_MIN_FIELDS ? 'can-cuoc-2024' : 'unknown';
}

// ---------------------------------------------------------------------------------------------------------------
// Format (the inverse, for tests, fixtures and the virtual scanner).

/**
 * Format an identity as a QR payload (no line ending). `can-cuoc-2024` identities get their `extraFields`
 * "8", "9", … in order, padded with empty fields up to 10 fields; `unknown` ones get their extra fields up to the
 * last position (8 or 9 fields stay 8 or 9); anything else gives the 7-field CCCD form.
 */
export function formatCccdQr(identity: Identity): string {
  const fields = [
    identity.idNumber,
    identity.oldIdNumber ?? '',
    identity.fullName,
    formatQrDate(identity.dateOfBirth),
    identity.sex === 'male' ? 'Nam' : identity.sex === 'female' ? 'Nữ' : '',
    identity.placeOfResidence ?? '',
    identity.issueDate === null ? '' : formatQrDate(identity.issueDate),
  ];
  if (identity.cardType === 'can-cuoc-2024' || identity.cardType === 'unknown') {
    const positions = Object.keys(identity.extraFields)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > CCCD_FIELDS);
    const last = Math.max(identity.cardType === 'unknown' ? CCCD_FIELDS : CAN_CUOC_MIN_FIELDS, ...positions);
    for (let pos = CCCD_FIELDS + 1; pos <= last; pos++) fields.push(identity.extraFields[String(pos)] ?? '');
  }
  return nfc(fields.join(QR_SEPARATOR));
}
