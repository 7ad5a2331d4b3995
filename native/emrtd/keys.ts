/** ICAO 9303-11 §9.7: MRZ information, K.seed and 3DES key derivation with DES parity. */
import { createHash } from 'node:crypto';
import { concat } from './bytes';
import { ChipError } from './errors';

/** Document number and dates (YYMMDD) that make the BAC access key. */
export interface BacKey {
  documentNumber: string;
  dateOfBirth: string;
  dateOfExpiry: string;
}

const WEIGHTS = [7, 3, 1];

function mrzValue(ch: string): number {
  if (ch === '<') return 0;
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  throw new ChipError('chip-mrz-malformed', `character not allowed in an MRZ field`);
}

/** ICAO 9303 7-3-1 check digit over MRZ characters (0-9, A-Z, <). */
export function checkDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += mrzValue(field[i]!) * WEIGHTS[i % 3]!;
  return sum % 10;
}

/** `docNo(≥9, padded with <) + cd + DOB + cd + expiry + cd`. */
export function mrzInformation(key: BacKey): string {
  const doc = key.documentNumber.toUpperCase().replace(/ /g, '<');
  if (!/^[0-9A-Z<]{1,}$/.test(doc))
    throw new ChipError('chip-bac-invalid-key', 'document number must be MRZ characters');
  if (!/^\d{6}$/.test(key.dateOfBirth) || !/^\d{6}$/.test(key.dateOfExpiry))
    throw new ChipError('chip-bac-invalid-key', 'dates must be YYMMDD');
  const docField = doc.length < 9 ? doc.padEnd(9, '<') : doc;
  return (
    docField +
    checkDigit(docField) +
    key.dateOfBirth +
    checkDigit(key.dateOfBirth) +
    key.dateOfExpiry +
    checkDigit(key.dateOfExpiry)
  );
}

/** K.seed = first 16 bytes of SHA-1(MRZ_information). */
export function keySeed(mrzInfo: string): Uint8Array {
  return new Uint8Array(createHash('sha1').update(mrzInfo, 'latin1').digest().subarray(0, 16));
}

/** Sets the DES odd-parity bit (lowest bit) of every byte. */
export function adjustParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) {
    const b = key[i]! & 0xfe;
    let ones = 0;
    for (let x = b; x; x >>= 1) ones += x & 1;
    out[i] = b | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}

/** 3DES key for `counter` 1 (encryption) or 2 (MAC) from a 16-byte seed. */
export function deriveKey(seed: Uint8Array, counter: 1 | 2): Uint8Array {
  const d = createHash('sha1')
    .update(concat(seed, Uint8Array.of(0, 0, 0, counter)))
    .digest();
  return adjustParity(new Uint8Array(d.subarray(0, 16)));
}

export function deriveBacKeys(key: BacKey): { kEnc: Uint8Array; kMac: Uint8Array; seed: Uint8Array } {
  const seed = keySeed(mrzInformation(key));
  return { seed, kEnc: deriveKey(seed, 1), kMac: deriveKey(seed, 2) };
}
