/**
 * Key derivation for PACE and Chip Authentication (ICAO 9303-11 §9.7.1): KDF(K, c) = H(K ‖ c) cut to the key
 * length; SHA-1 for 3DES (with DES parity) and AES-128, SHA-256 for AES-192/256. c = 1 KS.enc, 2 KS.mac,
 * 3 the PACE password key Kπ. Passwords: MRZ → SHA-1(MRZ information); CAN → its digits (ISO 8859-1).
 */
import { createHash } from 'node:crypto';
import { concat } from '../bytes';
import { adjustParity, mrzInformation, type BacKey } from '../keys';
import type { CipherSpec } from '../lds/security-infos';

export function kdf(secret: Uint8Array, counter: 1 | 2 | 3, spec: CipherSpec): Uint8Array {
  const input = concat(secret, Uint8Array.of(0, 0, 0, counter));
  if (spec.cipher === '3des') {
    const h = new Uint8Array(createHash('sha1').update(input).digest());
    return adjustParity(h.subarray(0, 16));
  }
  const hash = spec.keyLength === 16 ? 'sha1' : 'sha256';
  return new Uint8Array(createHash(hash).update(input).digest()).slice(0, spec.keyLength);
}

/** A PACE password: the MRZ (document number, birth, expiry — the BAC key) or the 6-digit CAN. */
export type PacePassword = { kind: 'mrz'; key: BacKey } | { kind: 'can'; can: string };

/** Password reference in MSE:Set AT (tag 83): 01 MRZ, 02 CAN. */
export function passwordReference(p: PacePassword): number {
  return p.kind === 'mrz' ? 0x01 : 0x02;
}

/** The password bytes before the KDF: SHA-1(MRZ information) for the MRZ, the CAN digits for the CAN. */
export function passwordBytes(p: PacePassword): Uint8Array {
  if (p.kind === 'mrz')
    return new Uint8Array(createHash('sha1').update(mrzInformation(p.key), 'latin1').digest());
  return new Uint8Array(Buffer.from(p.can, 'latin1'));
}

/** Kπ = KDF(password, 3). */
export function passwordKey(p: PacePassword, spec: CipherSpec): Uint8Array {
  return kdf(passwordBytes(p), 3, spec);
}
