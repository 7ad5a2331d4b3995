/** DG1: the machine readable zone (TD1 cards incl. the Vietnamese layout, TD3 passports, TD2). */
import { ChipError } from '../errors';
import { checkDigit } from '../keys';
import { expectTlv, parseTlvList, findChild } from '../tlv';

export interface MrzChecks {
  documentNumber: boolean;
  dateOfBirth: boolean;
  dateOfExpiry: boolean;
  composite: boolean;
  /** TD3 personal number / Vietnamese TD1 12-digit ID check digit; null when the layout has none. */
  optionalData: boolean | null;
}

export interface Mrz {
  format: 'TD1' | 'TD2' | 'TD3';
  documentCode: string;
  issuingState: string;
  /** Full document number without filler (long numbers recovered from the optional data, ICAO 9303-5 §4.2.2). */
  documentNumber: string;
  dateOfBirth: string;
  sex: 'M' | 'F' | '<';
  dateOfExpiry: string;
  nationality: string;
  optionalData1: string;
  optionalData2: string;
  primaryIdentifier: string;
  secondaryIdentifier: string;
  /** Vietnamese TD1: the 12-digit personal ID carried in optional data 1; TD3: a 12-digit personal number; else null. */
  personalIdNumber: string | null;
  checks: MrzChecks;
  raw: string;
}

function fail(message: string): never {
  throw new ChipError('chip-mrz-malformed', message);
}

function cd(field: string, digit: string | undefined): boolean {
  return digit !== undefined && /^[0-9]$/.test(digit)
    ? checkDigit(field) === Number(digit)
    : digit === '<' && /^<*$/.test(field);
}

function names(field: string): { primary: string; secondary: string } {
  const [p = '', ...rest] = field.split('<<');
  const clean = (s: string) => s.replace(/</g, ' ').trim().replace(/ +/g, ' ');
  return { primary: clean(p), secondary: clean(rest.join(' ')) };
}

function sexOf(ch: string): 'M' | 'F' | '<' {
  return ch === 'M' || ch === 'F' ? ch : '<';
}

/** Parses MRZ text (no line breaks) of 90 (TD1), 72 (TD2) or 88 (TD3) characters. */
export function parseMrz(text: string): Mrz {
  const mrz = text.replace(/[\r\n]/g, '');
  if (!/^[0-9A-Z<]*$/.test(mrz)) fail('MRZ has characters outside 0-9 A-Z <');
  if (mrz.length === 90) return parseTd1(mrz);
  if (mrz.length === 88) return parseTwoLine(mrz, 'TD3');
  if (mrz.length === 72) return parseTwoLine(mrz, 'TD2');
  return fail(`MRZ length ${mrz.length} is not TD1/TD2/TD3`);
}

function parseTd1(m: string): Mrz {
  const l1 = m.slice(0, 30);
  const l2 = m.slice(30, 60);
  const l3 = m.slice(60, 90);
  let documentNumber = l1.slice(5, 14);
  let docCd = l1[14];
  const optional1 = l1.slice(15, 30);
  let docField = documentNumber;
  if (docCd === '<' && optional1.length > 0) {
    // Long document number: the rest sits in optional data 1, followed by its check digit.
    const end = optional1.indexOf('<');
    const rest = end < 0 ? optional1 : optional1.slice(0, end);
    docField = documentNumber + rest.slice(0, -1);
    docCd = rest.slice(-1);
    documentNumber = docField;
  }
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  // Vietnamese layout: optional data 1 = 12-digit ID + "<<" + check digit of those 12 digits.
  const vn = /^(\d{12})<<(\d)$/.exec(optional1);
  const n = names(l3);
  return {
    format: 'TD1',
    documentCode: l1.slice(0, 2).replace(/</g, ''),
    issuingState: l1.slice(2, 5).replace(/</g, ''),
    documentNumber: documentNumber.replace(/<+$/, ''),
    dateOfBirth: l2.slice(0, 6),
    sex: sexOf(l2[7]!),
    dateOfExpiry: l2.slice(8, 14),
    nationality: l2.slice(15, 18).replace(/</g, ''),
    optionalData1: optional1,
    optionalData2: l2.slice(18, 29),
    primaryIdentifier: n.primary,
    secondaryIdentifier: n.secondary,
    personalIdNumber: vn ? vn[1]! : null,
    checks: {
      documentNumber: cd(docField, docCd),
      dateOfBirth: cd(l2.slice(0, 6), l2[6]),
      dateOfExpiry: cd(l2.slice(8, 14), l2[14]),
      composite: cd(composite, l2[29]),
      optionalData: vn ? checkDigit(vn[1]!) === Number(vn[2]) : null,
    },
    raw: m,
  };
}

/**
 * TD3 (passport, 2 × 44) and TD2 (2 × 36) share one layout (ICAO 9303-4 and -6): names from line 1 position 6,
 * and line 2 alike up to its optional data, which TD3 gives 14 characters and a check digit, TD2 only 7.
 */
function parseTwoLine(m: string, format: 'TD2' | 'TD3'): Mrz {
  const width = format === 'TD3' ? 44 : 36;
  const l1 = m.slice(0, width);
  const l2 = m.slice(width, 2 * width);
  const n = names(l1.slice(5, width));
  const optional = l2.slice(28, format === 'TD3' ? 42 : 35);
  const personalDigits = optional.replace(/<+$/, '');
  return {
    format,
    documentCode: l1.slice(0, 2).replace(/</g, ''),
    issuingState: l1.slice(2, 5).replace(/</g, ''),
    documentNumber: l2.slice(0, 9).replace(/<+$/, ''),
    dateOfBirth: l2.slice(13, 19),
    sex: sexOf(l2[20]!),
    dateOfExpiry: l2.slice(21, 27),
    nationality: l2.slice(10, 13).replace(/</g, ''),
    optionalData1: optional,
    optionalData2: '',
    primaryIdentifier: n.primary,
    secondaryIdentifier: n.secondary,
    personalIdNumber: format === 'TD3' && /^\d{12}$/.test(personalDigits) ? personalDigits : null,
    checks: {
      documentNumber: cd(l2.slice(0, 9), l2[9]),
      dateOfBirth: cd(l2.slice(13, 19), l2[19]),
      dateOfExpiry: cd(l2.slice(21, 27), l2[27]),
      composite: cd(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, width - 1), l2[width - 1]),
      optionalData: format === 'TD3' ? cd(optional, l2[42]) : null,
    },
    raw: m,
  };
}

/** DG1 = 61 { 5F1F MRZ }. */
export function parseDg1(bytes: Uint8Array): Mrz {
  const outer = expectTlv(bytes, 0x61, 'DG1', true);
  const mrz = findChild(parseTlvList(outer.value), 0x5f1f);
  if (!mrz) throw new ChipError('chip-mrz-malformed', 'DG1 has no 5F1F');
  return parseMrz(Buffer.from(mrz.value).toString('latin1'));
}
