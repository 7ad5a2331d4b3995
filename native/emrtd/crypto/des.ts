/**
 * 3DES primitives for BAC and secure messaging, on node:crypto `des-ede3-cbc` / `des-ede3` only.
 * Single DES is not in OpenSSL 3's default provider nor in Electron's BoringSSL, so every single-DES
 * step runs as 3DES with key K‖K‖K (mathematically identical).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { concat, xor } from '../bytes';
import { ChipError } from '../errors';

const ZERO_IV = new Uint8Array(8);

/** 16-byte two-key 3DES key (K1‖K2) → 24-byte K1‖K2‖K1. 8-byte key K → K‖K‖K. */
function expandKey(key: Uint8Array): Uint8Array {
  if (key.length === 8) return concat(key, key, key);
  if (key.length === 16) return concat(key, key.subarray(0, 8));
  if (key.length === 24) return key;
  throw new RangeError('3DES key must be 8, 16 or 24 bytes');
}

export function tdesEncrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  if (data.length % 8 !== 0) throw new RangeError('3DES input must be a multiple of 8 bytes');
  const c = createCipheriv('des-ede3-cbc', expandKey(key), iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export function tdesDecrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  if (data.length % 8 !== 0)
    throw new ChipError('chip-sm-malformed', '3DES ciphertext is not a multiple of 8 bytes');
  const d = createDecipheriv('des-ede3-cbc', expandKey(key), iv);
  d.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
}

/** ISO 9797-1 padding method 2: 0x80 then zeros to a multiple of 8. */
export function pad(data: Uint8Array): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / 8) + 1) * 8);
  out.set(data, 0);
  out[data.length] = 0x80;
  return out;
}

/** Removes ISO 9797-1 method 2 padding; throws a typed error when absent. */
export function unpad(data: Uint8Array): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0x00) i--;
  if (i < 0 || data[i] !== 0x80 || data.length - i > 8)
    throw new ChipError('chip-sm-malformed', 'bad ISO 9797-1 padding');
  return data.subarray(0, i);
}

/**
 * ISO 9797-1 MAC algorithm 3 ("retail MAC") with DES, padding method 2 applied here.
 * CBC-MAC with K1 over all blocks, final block also through D(K2) and E(K1): the same as
 * single-DES CBC over blocks 1..n-1 then two-key 3DES on (block n ⊕ chain).
 */
export function retailMac(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError('retail MAC key must be 16 bytes');
  const padded = pad(data);
  const k1 = key.subarray(0, 8);
  let chain: Uint8Array = ZERO_IV;
  const head = padded.subarray(0, padded.length - 8);
  if (head.length > 0) {
    const enc = tdesEncrypt(k1, head);
    chain = enc.subarray(enc.length - 8);
  }
  const last = xor(padded.subarray(padded.length - 8), chain);
  return tdesEncrypt(key, last);
}
