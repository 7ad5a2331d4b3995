/** MRZ building blocks: ICAO 9303-3 check digits, BAC MRZ information, TD1 (Vietnamese card) and TD3 lines. */
import { toMrzName } from '../../common/text/vietnamese';

const WEIGHTS = [7, 3, 1];

export function checkDigit(text: string): string {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '<';
    let v: number;
    if (ch >= '0' && ch <= '9') v = ch.charCodeAt(0) - 48;
    else if (ch >= 'A' && ch <= 'Z') v = ch.charCodeAt(0) - 55;
    else v = 0;
    sum += v * (WEIGHTS[i % 3] ?? 1);
  }
  return String(sum % 10);
}

export interface BacKey {
  /** 9 characters, `<`-padded; for Vietnamese cards the last 9 digits of the 12-digit ID. */
  documentNumber: string;
  /** YYMMDD */
  dateOfBirth: string;
  /** YYMMDD; `991231` when the card does not expire. */
  dateOfExpiry: string;
}

/** `docNo + cd + DOB + cd + expiry + cd` (ICAO 9303-11 §9.7.1). */
export function mrzInformation(key: BacKey): string {
  const doc = key.documentNumber.padEnd(9, '<');
  return (
    doc +
    checkDigit(doc) +
    key.dateOfBirth +
    checkDigit(key.dateOfBirth) +
    key.dateOfExpiry +
    checkDigit(key.dateOfExpiry)
  );
}

function fit(text: string, length: number): string {
  return text.padEnd(length, '<').slice(0, length);
}

/** Name field: `SURNAME<<GIVEN<NAMES` (Vietnamese: the first word is the family name). */
export function mrzNameField(fullName: string, length: number, surnameFirstWord = true): string {
  const words = toMrzName(fullName).split('<').filter(Boolean);
  if (words.length === 0) return fit('', length);
  const name = surnameFirstWord ? `${words[0]}<<${words.slice(1).join('<')}` : words.join('<');
  return fit(name, length);
}

export interface Td1Input {
  idNumber: string; // 12 digits
  bac: BacKey;
  sex: 'M' | 'F' | '<';
  fullName: string;
}

/** Vietnamese TD1: `IDVNM` + last 9 digits + cd + full ID + `<<` + cd(ID) / DOB cd sex expiry cd VNM … composite / name. */
export function vietnameseTd1(input: Td1Input): [string, string, string] {
  const doc9 = input.idNumber.slice(-9);
  const line1 = `IDVNM${doc9}${checkDigit(doc9)}${input.idNumber}<<${checkDigit(input.idNumber)}`;
  const { dateOfBirth: dob, dateOfExpiry: exp } = input.bac;
  const line2head = `${dob}${checkDigit(dob)}${input.sex}${exp}${checkDigit(exp)}VNM<<<<<<<<<<<`;
  const composite = checkDigit(
    line1.slice(5, 30) + line2head.slice(0, 7) + line2head.slice(8, 15) + line2head.slice(18, 29),
  );
  const line3 = mrzNameField(input.fullName, 30);
  return [line1, line2head + composite, line3];
}

export interface Td3Input {
  documentCode: string; // 'P<'
  issuingState: string; // 3 letters
  nationality: string;
  bac: BacKey;
  sex: 'M' | 'F' | '<';
  surname: string;
  givenNames: string;
  personalNumber: string;
}

/** TD3 (passport) two lines of 44. */
export function td3(input: Td3Input): [string, string] {
  const name = `${input.surname.toUpperCase().replace(/ /g, '<')}<<${input.givenNames.toUpperCase().replace(/ /g, '<')}`;
  const line1 = fit(`${input.documentCode}${input.issuingState}${name}`, 44);
  const doc = input.bac.documentNumber.padEnd(9, '<');
  const pn = fit(input.personalNumber, 14);
  const pnCd = /^<*$/.test(pn) ? '<' : checkDigit(pn);
  const { dateOfBirth: dob, dateOfExpiry: exp } = input.bac;
  const body = `${doc}${checkDigit(doc)}${input.nationality}${dob}${checkDigit(dob)}${input.sex}${exp}${checkDigit(exp)}${pn}${pnCd}`;
  const composite = checkDigit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43));
  return [line1, body + composite];
}
