/**
 * Signature verification for passive and active authentication, behind one function.
 * RSA (PKCS#1 v1.5, PSS) uses node:crypto; every ECDSA curve (NIST and brainpool) uses @noble/curves so the
 * same code runs under Electron's BoringSSL, which lacks brainpool.
 */
import { createHash, createPublicKey, verify as nodeVerify, constants } from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import { ChipError } from '../errors';
import { decodeOid, decodeSmallInteger, decodeUnsignedInteger } from '../lds/der';
import { parseSpki, type PublicKey } from '../lds/public-key';
import { parseTlvList } from '../tlv';
import { toBuffer } from '../bytes';

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

const HASH_BY_OID: Record<string, HashName> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const RSA_PKCS1: Record<string, HashName> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

const ECDSA_DER: Record<string, HashName> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/** BSI TR-03111 ecdsa-plain-* (r‖s). */
const ECDSA_PLAIN: Record<string, HashName> = {
  '0.4.0.127.0.7.1.1.4.1.1': 'sha1',
  '0.4.0.127.0.7.1.1.4.1.2': 'sha224',
  '0.4.0.127.0.7.1.1.4.1.3': 'sha256',
  '0.4.0.127.0.7.1.1.4.1.4': 'sha384',
  '0.4.0.127.0.7.1.1.4.1.5': 'sha512',
};

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';

const CURVES = {
  '1.2.840.10045.3.1.7': p256,
  '1.3.132.0.34': p384,
  '1.3.132.0.35': p521,
  '1.3.36.3.3.2.8.1.1.7': brainpoolP256r1,
  '1.3.36.3.3.2.8.1.1.11': brainpoolP384r1,
  '1.3.36.3.3.2.8.1.1.13': brainpoolP512r1,
} as const;
type Curve = (typeof CURVES)[keyof typeof CURVES];

export function hashOidName(oid: string): HashName {
  const h = HASH_BY_OID[oid];
  if (!h) throw new ChipError('chip-unsupported-algorithm', `hash algorithm ${oid} is not supported`);
  return h;
}

export function digest(name: HashName, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(name).update(data).digest());
}

/** The curve of an EC key: named, or explicit domain parameters matched on the prime. */
function curveOf(key: Extract<PublicKey, { kind: 'ec' }>): Curve {
  if (key.curveOid) {
    const c = (CURVES as Record<string, Curve>)[key.curveOid];
    if (!c) throw new ChipError('chip-unsupported-algorithm', `curve ${key.curveOid} is not supported`);
    return c;
  }
  // Explicit parameters (ICAO allows them): SPKI → alg → params SEQ { version, fieldID { prime-field, p }, … }.
  const [spkiSeq] = parseTlvList(key.spki);
  const [alg] = parseTlvList(spkiSeq!.value);
  const [, params] = parseTlvList(alg!.value);
  if (params?.tag === 0x30) {
    const [, field] = parseTlvList(params.value);
    const [, prime] = field ? parseTlvList(field.value) : [];
    if (prime) {
      const p = decodeUnsignedInteger(prime.value);
      for (const c of Object.values(CURVES)) if (c.Point.Fp.ORDER === p) return c;
    }
  }
  throw new ChipError('chip-unsupported-algorithm', 'EC domain parameters not recognised');
}

function verifyEcdsa(
  key: PublicKey,
  hash: HashName,
  data: Uint8Array,
  signature: Uint8Array,
  format: 'der' | 'compact',
): boolean {
  if (key.kind !== 'ec') return false;
  const curve = curveOf(key);
  try {
    return curve.verify(signature, digest(hash, data), key.point, { prehash: false, lowS: false, format });
  } catch {
    return false;
  }
}

function rsaKeyObject(key: PublicKey) {
  return createPublicKey({ key: toBuffer(key.spki), format: 'der', type: 'spki' });
}

function pssParams(params: Uint8Array | undefined): { hash: HashName; saltLength: number } {
  let hash: HashName = 'sha1';
  let saltLength = 20;
  if (params && params.length > 2) {
    const [seq] = parseTlvList(params);
    for (const f of parseTlvList(seq!.value)) {
      const inner = parseTlvList(f.value)[0];
      if (f.tag === 0xa0 && inner) {
        const oid = parseTlvList(inner.value)[0];
        if (oid?.tag === 0x06) hash = hashOidName(decodeOid(oid.value));
      } else if (f.tag === 0xa2 && inner?.tag === 0x02) saltLength = decodeSmallInteger(inner.value);
    }
  }
  return { hash, saltLength };
}

export interface SignatureInput {
  /** Signature algorithm OID (e.g. ecdsa-with-SHA256). */
  algorithmOid: string;
  /** DER of the AlgorithmIdentifier parameters, when present (RSASSA-PSS). */
  algorithmParams?: Uint8Array;
  /** Digest algorithm to use when the signature OID names none (plain rsaEncryption in CMS). */
  digestOid?: string;
  publicKey: PublicKey | Uint8Array;
  data: Uint8Array;
  signature: Uint8Array;
}

/** True when the signature verifies; false when it does not; ChipError for an unsupported algorithm. */
export function verifySignature(input: SignatureInput): boolean {
  const key = input.publicKey instanceof Uint8Array ? parseSpki(input.publicKey) : input.publicKey;
  const oid = input.algorithmOid;
  const sig = toBuffer(input.signature);
  if (RSA_PKCS1[oid] || oid === RSA_ENCRYPTION) {
    if (key.kind !== 'rsa') return false;
    const hash = RSA_PKCS1[oid] ?? hashOidName(input.digestOid ?? '');
    return nodeVerify(hash, toBuffer(input.data), rsaKeyObject(key), sig);
  }
  if (oid === RSA_PSS) {
    if (key.kind !== 'rsa') return false;
    const { hash, saltLength } = pssParams(input.algorithmParams);
    return nodeVerify(
      hash,
      toBuffer(input.data),
      { key: rsaKeyObject(key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
      sig,
    );
  }
  const der = ECDSA_DER[oid];
  if (der) return verifyEcdsa(key, der, input.data, input.signature, 'der');
  const plain = ECDSA_PLAIN[oid];
  if (plain) return verifyEcdsa(key, plain, input.data, input.signature, 'compact');
  throw new ChipError('chip-unsupported-algorithm', `signature algorithm ${oid} is not supported`);
}

/** ECDSA with a plain r‖s signature over `data` hashed with `hash` (Active Authentication). */
export function verifyEcdsaPlain(
  key: PublicKey,
  hash: HashName,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  return verifyEcdsa(key, hash, data, signature, 'compact');
}

export const SIGNATURE_HASH_BY_OID: Readonly<Record<string, HashName>> = {
  ...RSA_PKCS1,
  ...ECDSA_DER,
  ...ECDSA_PLAIN,
};
