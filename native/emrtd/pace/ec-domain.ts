/**
 * Elliptic-curve domains for PACE and Chip Authentication, on @noble/curves (brainpool runs under Electron's
 * BoringSSL too). PACE standardized domain parameter IDs: ICAO 9303-11 §9.5.1 Table 6 / BSI TR-03110-3 A.2.1.1.
 */
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ChipError } from '../errors';
import { decodeOid, decodeUnsignedInteger } from '../lds/der';
import { parseTlvList } from '../tlv';

type NobleCurve = typeof p256 | typeof p384 | typeof p521 | typeof brainpoolP256r1;
export type EcPoint = InstanceType<NobleCurve['Point']>;

export interface EcDomain {
  name: string;
  curveOid: string;
  /** Bytes of a field element (x-coordinate of a shared secret, half of an uncompressed point). */
  size: number;
  curve: NobleCurve;
}

const d = (name: string, curveOid: string, size: number, curve: NobleCurve): EcDomain => ({
  name,
  curveOid,
  size,
  curve,
});

export const EC_DOMAINS: Record<string, EcDomain> = {
  'P-256': d('P-256', '1.2.840.10045.3.1.7', 32, p256),
  'P-384': d('P-384', '1.3.132.0.34', 48, p384),
  'P-521': d('P-521', '1.3.132.0.35', 66, p521),
  brainpoolP256r1: d('brainpoolP256r1', '1.3.36.3.3.2.8.1.1.7', 32, brainpoolP256r1),
  brainpoolP384r1: d('brainpoolP384r1', '1.3.36.3.3.2.8.1.1.11', 48, brainpoolP384r1),
  brainpoolP512r1: d('brainpoolP512r1', '1.3.36.3.3.2.8.1.1.13', 64, brainpoolP512r1),
};

/** PACE standardized domain parameters (ECDH only; 0–2 are DH groups, 8–11 curves too small to offer). */
export const STANDARD_EC_PARAMETERS: Record<number, EcDomain> = {
  12: EC_DOMAINS['P-256']!,
  13: EC_DOMAINS.brainpoolP256r1!,
  15: EC_DOMAINS['P-384']!,
  16: EC_DOMAINS.brainpoolP384r1!,
  17: EC_DOMAINS.brainpoolP512r1!,
  18: EC_DOMAINS['P-521']!,
};

export function domainOfParameterId(id: number | null): EcDomain {
  const domain = id === null ? undefined : STANDARD_EC_PARAMETERS[id];
  if (!domain)
    throw new ChipError(
      'chip-unsupported-algorithm',
      `PACE domain parameters ${id ?? '(none)'} not supported`,
    );
  return domain;
}

export function domainOfCurveOid(oid: string | null): EcDomain | null {
  return Object.values(EC_DOMAINS).find((x) => x.curveOid === oid) ?? null;
}

/**
 * The domain of an EC SubjectPublicKeyInfo: a named curve, or explicit ECParameters (RFC 3279 / TR-03111:
 * SEQUENCE { version, fieldID { prime-field, p }, curve { a, b [, seed] }, base, order [, cofactor] }, common
 * in DG14 of real chips) matched to a known curve by p, a, b and the order. null when unknown.
 */
export function domainOfSpki(spki: Uint8Array): EcDomain | null {
  try {
    const [seq] = parseTlvList(spki);
    const [alg] = parseTlvList(seq!.value);
    const [, params] = parseTlvList(alg!.value);
    if (!params) return null;
    if (params.tag === 0x06) return domainOfCurveOid(decodeOid(params.value));
    if (params.tag !== 0x30) return null;
    const [, fieldId, curve, , orderTlv] = parseTlvList(params.value);
    const [, prime] = parseTlvList(fieldId!.value);
    const [a, b] = parseTlvList(curve!.value);
    const p = decodeUnsignedInteger(prime!.value);
    const n = decodeUnsignedInteger(orderTlv!.value);
    const av = decodeUnsignedInteger(a!.value);
    const bv = decodeUnsignedInteger(b!.value);
    return (
      Object.values(EC_DOMAINS).find((d) => {
        const c = d.curve.Point.CURVE();
        return c.p === p && c.n === n && c.a === av && c.b === bv;
      }) ?? null
    );
  } catch {
    return null;
  }
}

/** Decodes an uncompressed point and checks it is on the curve and not the identity. */
export function decodePoint(domain: EcDomain, bytes: Uint8Array, what: string): EcPoint {
  try {
    if (bytes.length !== 1 + 2 * domain.size || bytes[0] !== 0x04) throw new Error('not uncompressed');
    const p = domain.curve.Point.fromBytes(bytes) as EcPoint;
    p.assertValidity();
    return p;
  } catch {
    throw new ChipError('chip-pace-failed', `${what} is not a point of ${domain.name}`);
  }
}

export function encodePoint(p: EcPoint): Uint8Array {
  return p.toBytes(false);
}

export function order(domain: EcDomain): bigint {
  return domain.curve.Point.Fn.ORDER;
}

export function generator(domain: EcDomain): EcPoint {
  return domain.curve.Point.BASE as EcPoint;
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

export function bigintToBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = n;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** A random private key in [1, n−1] (from the curve library's CSPRNG-backed generator). */
export function randomScalar(domain: EcDomain): bigint {
  return (bytesToBigint(domain.curve.utils.randomSecretKey()) % (order(domain) - 1n)) + 1n;
}

/** x-coordinate of k·P, as `size` bytes (the ECDH shared secret, BSI TR-03111 ECKA-DH). */
export function sharedSecret(domain: EcDomain, k: bigint, p: EcPoint): Uint8Array {
  const s = p.multiply(k);
  if (s.equals(domain.curve.Point.ZERO as EcPoint))
    throw new ChipError('chip-pace-failed', 'shared secret is the point at infinity');
  return bigintToBytes(s.toAffine().x, domain.size);
}
