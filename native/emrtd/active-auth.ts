/** Active Authentication (ICAO 9303-11 §6.1): INTERNAL AUTHENTICATE vs the DG15 key; RSA ISO 9796-2 and ECDSA. */
import { randomBytes } from 'node:crypto';
import type { ActiveVerdict } from '../../common/identity';
import { concat, equalBytes } from './bytes';
import { digest, SIGNATURE_HASH_BY_OID, verifyEcdsaPlain, type HashName } from './crypto/signature';
import type { PublicKey } from './lds/public-key';

const TRAILER_HASH: Record<number, HashName> = {
  0x33: 'sha1',
  0x38: 'sha224',
  0x34: 'sha256',
  0x36: 'sha384',
  0x35: 'sha512',
};
const HASH_LENGTH: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

function toBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = n;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** ISO/IEC 9796-2 digital signature scheme 1 (partial message recovery) over the challenge. */
export function verifyRsaIso9796(
  key: Extract<PublicKey, { kind: 'rsa' }>,
  challenge: Uint8Array,
  signature: Uint8Array,
): boolean {
  let s = 0n;
  for (const b of signature) s = (s << 8n) | BigInt(b);
  if (s >= key.n) return false;
  const k = Math.ceil(key.bits / 8);
  let m = modPow(s, key.e, key.n);
  let bytes = toBytes(m, k);
  if ((bytes[k - 1]! & 0x0f) !== 0x0c) {
    m = key.n - m; // ISO 9796-2 allows the signer to return min(σ, n − σ).
    bytes = toBytes(m, k);
  }
  // With a modulus bit length ≡ 1 mod 8 the leading byte of the padded form is dropped.
  if (bytes[0] === 0x00) bytes = bytes.subarray(1);
  let trailer: number;
  let hash: HashName = 'sha1';
  if (bytes[bytes.length - 1] === 0xbc) trailer = 1;
  else if (bytes[bytes.length - 1] === 0xcc) {
    const h = TRAILER_HASH[bytes[bytes.length - 2]!];
    if (!h) return false;
    hash = h;
    trailer = 2;
  } else return false;
  if ((bytes[0]! & 0xc0) !== 0x40) return false;
  const t = HASH_LENGTH[hash];
  const dStart = bytes.length - trailer - t;
  if (dStart < 1) return false;
  const m1 = bytes.subarray(1, dStart);
  const d = bytes.subarray(dStart, bytes.length - trailer);
  return equalBytes(digest(hash, concat(m1, challenge)), d);
}

/** Verdict for a signature over `challenge`, given the DG15 key and (for ECDSA) DG14's AA signature OID. */
export function verifyActiveAuthentication(
  key: PublicKey,
  challenge: Uint8Array,
  signature: Uint8Array,
  aaSignatureOid: string | null,
): ActiveVerdict {
  if (key.kind === 'rsa') return verifyRsaIso9796(key, challenge, signature) ? 'valid' : 'failed';
  if (key.kind === 'ec') {
    const named = aaSignatureOid ? SIGNATURE_HASH_BY_OID[aaSignatureOid] : undefined;
    const hashes: HashName[] = named ? [named] : ['sha256', 'sha384', 'sha512', 'sha224', 'sha1'];
    try {
      return hashes.some((h) => verifyEcdsaPlain(key, h, challenge, signature)) ? 'valid' : 'failed';
    } catch {
      return 'unsupported';
    }
  }
  return 'unsupported';
}

export function newChallenge(): Uint8Array {
  return new Uint8Array(randomBytes(8));
}

export const INTERNAL_AUTHENTICATE = { cla: 0x00, ins: 0x88, p1: 0x00, p2: 0x00 } as const;
