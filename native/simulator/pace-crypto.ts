/**
 * Card-side cryptography of PACE, Chip Authentication and AES secure messaging (ICAO 9303-11 §4.4, §6.2,
 * §9.7, §9.8; BSI TR-03110-3), written from the specifications, independently of the reader: AES-CBC/ECB
 * (node:crypto), AES-CMAC (NIST SP 800-38B), the key derivation function, and EC domains (@noble/curves).
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { concat } from './bytes';

export type CipherName = '3des' | 'aes-128' | 'aes-192' | 'aes-256';

/** Last arc of id-PACE-* / id-CA-* OIDs for each cipher. */
export const CIPHER_ARC: Record<CipherName, number> = { '3des': 1, 'aes-128': 2, 'aes-192': 3, 'aes-256': 4 };

export function keyBytes(c: CipherName): number {
  return c === 'aes-192' ? 24 : c === 'aes-256' ? 32 : 16;
}

function aes(
  mode: 'cbc' | 'ecb',
  encrypt: boolean,
  key: Uint8Array,
  data: Uint8Array,
  iv: Uint8Array | null,
) {
  const name = `aes-${key.length * 8}-${mode}`;
  const c = encrypt ? createCipheriv(name, key, iv) : createDecipheriv(name, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export const aesCbcEncrypt = (key: Uint8Array, data: Uint8Array, iv = new Uint8Array(16)) =>
  aes('cbc', true, key, data, iv);
export const aesCbcDecrypt = (key: Uint8Array, data: Uint8Array, iv = new Uint8Array(16)) =>
  aes('cbc', false, key, data, iv);
export const aesBlock = (key: Uint8Array, block: Uint8Array) => aes('ecb', true, key, block, null);

/** ISO/IEC 9797-1 padding method 2 to a multiple of 16. */
export function pad16(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 16 - (data.length % 16));
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

export function unpad16(data: Uint8Array): Uint8Array | null {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0) i--;
  if (i < 0 || data[i] !== 0x80 || data.length - i > 16) return null;
  return data.slice(0, i);
}

/** Left shift by one bit, XOR 0x87 into the last byte on carry (SP 800-38B subkey generation). */
function shiftXor(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = (((b[i] ?? 0) << 1) | ((b[i + 1] ?? 0) >> 7)) & 0xff;
  if ((b[0] ?? 0) & 0x80) out[15] = (out[15] ?? 0) ^ 0x87;
  return out;
}

/** AES-CMAC, full 16 bytes. */
export function cmac(key: Uint8Array, msg: Uint8Array): Uint8Array {
  const l = aesBlock(key, new Uint8Array(16));
  const k1 = shiftXor(l);
  const k2 = shiftXor(k1);
  const full = msg.length > 0 && msg.length % 16 === 0;
  const padded = full ? Uint8Array.from(msg) : pad16(msg);
  const lastStart = padded.length - 16;
  const sub = full ? k1 : k2;
  for (let i = 0; i < 16; i++) padded[lastStart + i] = (padded[lastStart + i] ?? 0) ^ (sub[i] ?? 0);
  const cbc = aesCbcEncrypt(key, padded);
  return cbc.slice(cbc.length - 16);
}

function adjustParity(key: Uint8Array): Uint8Array {
  return key.map((b) => {
    let ones = 0;
    for (let bit = 1; bit < 8; bit++) ones += (b >> bit) & 1;
    return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  });
}

/** KDF(K, c): SHA-1 for 3DES (parity adjusted) and AES-128, SHA-256 for AES-192/256. */
export function kdf(secret: Uint8Array, counter: number, cipher: CipherName): Uint8Array {
  const input = concat(secret, new Uint8Array([0, 0, 0, counter]));
  const hash = cipher === 'aes-192' || cipher === 'aes-256' ? 'sha256' : 'sha1';
  const digest = new Uint8Array(createHash(hash).update(input).digest()).slice(0, keyBytes(cipher));
  return cipher === '3des' ? adjustParity(digest) : digest;
}

export const CURVES = {
  'P-256': { curve: p256, size: 32, parameterId: 12, oid: '1.2.840.10045.3.1.7' },
  'P-384': { curve: p384, size: 48, parameterId: 15, oid: '1.3.132.0.34' },
  'P-521': { curve: p521, size: 66, parameterId: 18, oid: '1.3.132.0.35' },
  brainpoolP256r1: { curve: brainpoolP256r1, size: 32, parameterId: 13, oid: '1.3.36.3.3.2.8.1.1.7' },
  brainpoolP384r1: { curve: brainpoolP384r1, size: 48, parameterId: 16, oid: '1.3.36.3.3.2.8.1.1.11' },
  brainpoolP512r1: { curve: brainpoolP512r1, size: 64, parameterId: 17, oid: '1.3.36.3.3.2.8.1.1.13' },
} as const;
export type CurveName = keyof typeof CURVES;
export type Curve = (typeof CURVES)[CurveName]['curve'];
export type Point = InstanceType<Curve['Point']>;

export function toBigint(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

export function fieldBytes(n: bigint, size: number): Uint8Array {
  return new Uint8Array(Buffer.from(n.toString(16).padStart(size * 2, '0'), 'hex'));
}

/** Parses an uncompressed point and checks it is on the curve (null otherwise). */
export function pointOf(name: CurveName, bytes: Uint8Array): Point | null {
  const { curve, size } = CURVES[name];
  if (bytes.length !== 1 + 2 * size || bytes[0] !== 0x04) return null;
  try {
    const p = curve.Point.fromBytes(bytes) as Point;
    p.assertValidity();
    return p;
  } catch {
    return null;
  }
}

/** A random scalar in [1, n−1]. */
export function randomScalar(name: CurveName): bigint {
  const { curve } = CURVES[name];
  return (toBigint(curve.utils.randomSecretKey()) % (curve.Point.Fn.ORDER - 1n)) + 1n;
}

/** DER OBJECT IDENTIFIER content bytes. */
export function oidBytes(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [];
  const base128 = (n: number) => {
    const stack = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) stack.unshift((v & 0x7f) | 0x80);
    out.push(...stack);
  };
  base128((parts[0] ?? 0) * 40 + (parts[1] ?? 0));
  for (const p of parts.slice(2)) base128(p);
  return new Uint8Array(out);
}
