/**
 * Active Authentication key of a virtual card: ECDSA P-256, derived deterministically from the profile id
 * (test-only; nothing secret). INTERNAL AUTHENTICATE returns the plain signature r‖s (BSI TR-03111
 * ecdsa-plain-SHA256) over SHA-256 of the 8-byte challenge.
 */
import { createHash } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import * as asn1js from 'asn1js';

export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_PRIME256V1 = '1.2.840.10045.3.1.7';
export const OID_ECDSA_PLAIN_SHA256 = '0.4.0.127.0.7.1.1.4.1.3';
export const OID_AA_INFO = '2.23.136.1.1.5';

export interface AaKey {
  privateKey: Uint8Array;
  /** Uncompressed point 04‖X‖Y. */
  publicKey: Uint8Array;
}

export function deriveAaKey(label: string): AaKey {
  let counter = 0;
  for (;;) {
    const candidate = new Uint8Array(createHash('sha256').update(`aa-key:${label}:${counter}`).digest());
    if (p256.utils.isValidSecretKey(candidate)) {
      return { privateKey: candidate, publicKey: p256.getPublicKey(candidate, false) };
    }
    counter++;
  }
}

export function signChallenge(key: AaKey, challenge: Uint8Array): Uint8Array {
  return p256.sign(challenge, key.privateKey, { prehash: true });
}

/** SubjectPublicKeyInfo DER for the AA key (named curve). */
export function aaSubjectPublicKeyInfo(key: AaKey): Uint8Array {
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID_EC_PUBLIC_KEY }),
          new asn1js.ObjectIdentifier({ value: OID_PRIME256V1 }),
        ],
      }),
      new asn1js.BitString({ valueHex: key.publicKey, unusedBits: 0 }),
    ],
  });
  return new Uint8Array(spki.toBER(false));
}
