/**
 * Card-side cryptography of BAC and 3DES secure messaging (ICAO 9303-11 §9.7, §9.8), on node:crypto.
 * OpenSSL 3's default provider has no single DES, so single DES with key K is 3DES with K‖K‖K.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { concat } from './bytes';

const ZERO_IV = Buffer.alloc(8);

function tripleKey(key16: Uint8Array): Buffer {
  const k = Buffer.from(key16);
  return Buffer.concat([k.subarray(0, 8), k.subarray(8, 16), k.subarray(0, 8)]);
}

function singleAsTriple(key8: Uint8Array): Buffer {
  const k = Buffer.from(key8);
  return Buffer.concat([k, k, k]);
}

function cbc(encrypt: boolean, key24: Buffer, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  const c = encrypt ? createCipheriv('des-ede3-cbc', key24, iv) : createDecipheriv('des-ede3-cbc', key24, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

/** Two-key 3DES-CBC with a zero IV (the cipher of BAC and 3DES SM). `data` must be a multiple of 8. */
export function tdesEncrypt(key16: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(true, tripleKey(key16), data);
}

export function tdesDecrypt(key16: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(false, tripleKey(key16), data);
}

/** ISO/IEC 9797-1 padding method 2: 0x80 then zeros to a multiple of 8. */
export function pad(data: Uint8Array): Uint8Array {
  const padLen = 8 - (data.length % 8);
  const out = new Uint8Array(data.length + padLen);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Removes padding method 2; returns null when the padding is malformed. */
export function unpad(data: Uint8Array): Uint8Array | null {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0x00) i--;
  if (i < 0 || data[i] !== 0x80 || data.length - i > 8) return null;
  return data.slice(0, i);
}

/** ISO/IEC 9797-1 MAC algorithm 3 (retail MAC) with DES, key Ka‖Kb; pads with method 2. */
export function retailMac(key16: Uint8Array, message: Uint8Array): Uint8Array {
  const padded = pad(message);
  const ka = singleAsTriple(key16.subarray(0, 8));
  const kb = singleAsTriple(key16.subarray(8, 16));
  const chained = cbc(true, ka, padded);
  const last = chained.subarray(chained.length - 8);
  const step = cbc(false, kb, last);
  return cbc(true, ka, step);
}

function adjustParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key);
  for (let i = 0; i < out.length; i++) {
    const b = out[i] ?? 0;
    let ones = 0;
    for (let bit = 1; bit < 8; bit++) ones += (b >> bit) & 1;
    out[i] = (b & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  }
  return out;
}

/** ICAO 9303-11 §9.7.1: key derivation for 3DES (counter 1 = ENC, 2 = MAC). */
export function deriveKey(seed: Uint8Array, counter: 1 | 2): Uint8Array {
  const d = createHash('sha1')
    .update(concat(seed, new Uint8Array([0, 0, 0, counter])))
    .digest();
  return adjustParity(new Uint8Array(d.subarray(0, 16)));
}

/** Kseed = first 16 bytes of SHA-1(MRZ_information). */
export function kseedFromMrzInformation(mrzInformation: string): Uint8Array {
  return new Uint8Array(createHash('sha1').update(mrzInformation, 'ascii').digest().subarray(0, 16));
}

export interface BacKeys {
  kEnc: Uint8Array;
  kMac: Uint8Array;
}

export function bacKeysFromMrzInformation(mrzInformation: string): BacKeys {
  const seed = kseedFromMrzInformation(mrzInformation);
  return { kEnc: deriveKey(seed, 1), kMac: deriveKey(seed, 2) };
}
