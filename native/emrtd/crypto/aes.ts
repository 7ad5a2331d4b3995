/**
 * AES primitives for PACE and AES secure messaging (ICAO 9303-11 §9.8, BSI TR-03110-3 / TR-03111):
 * AES-CBC without padding, AES-ECB of one block (SM IVs), AES-CMAC (NIST SP 800-38B / RFC 4493), and
 * ISO 9797-1 method 2 padding to 16 bytes. node:crypto `aes-*-cbc`/`aes-*-ecb` exist under OpenSSL and
 * Electron's BoringSSL alike.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { xor } from '../bytes';
import { ChipError } from '../errors';

const ZERO_IV = new Uint8Array(16);

function algorithm(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32)
    throw new RangeError('AES key must be 16, 24 or 32 bytes');
  return `aes-${key.length * 8}-${mode}`;
}

export function aesCbcEncrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  if (data.length % 16 !== 0) throw new RangeError('AES input must be a multiple of 16 bytes');
  const c = createCipheriv(algorithm(key, 'cbc'), key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export function aesCbcDecrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  if (data.length % 16 !== 0)
    throw new ChipError('chip-sm-malformed', 'AES ciphertext is not a multiple of 16 bytes');
  const d = createDecipheriv(algorithm(key, 'cbc'), key, iv);
  d.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
}

/** E(K, block) for one 16-byte block (the SM IV is E(KS.enc, SSC)). */
export function aesEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  const c = createCipheriv(algorithm(key, 'ecb'), key, null);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
}

/** ISO 9797-1 padding method 2 to a multiple of 16. */
export function pad16(data: Uint8Array): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / 16) + 1) * 16);
  out.set(data, 0);
  out[data.length] = 0x80;
  return out;
}

export function unpad16(data: Uint8Array): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0x00) i--;
  if (i < 0 || data[i] !== 0x80 || data.length - i > 16)
    throw new ChipError('chip-sm-malformed', 'bad ISO 9797-1 padding');
  return data.subarray(0, i);
}

/** Doubling in GF(2^128) for the CMAC subkeys. */
function dbl(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  let carry = 0;
  for (let i = 15; i >= 0; i--) {
    const b = block[i]!;
    out[i] = ((b << 1) | carry) & 0xff;
    carry = b >> 7;
  }
  if (carry) out[15]! ^= 0x87;
  return out;
}

/** AES-CMAC (full 16 bytes). eMRTD secure messaging and PACE tokens use the first 8 bytes. */
export function aesCmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  const k1 = dbl(aesEncryptBlock(key, new Uint8Array(16)));
  const k2 = dbl(k1);
  const n = Math.max(1, Math.ceil(message.length / 16));
  const complete = message.length > 0 && message.length % 16 === 0;
  const last = new Uint8Array(16);
  const tail = message.subarray((n - 1) * 16);
  if (complete) last.set(xor(tail, k1));
  else {
    last.set(tail);
    last[tail.length] = 0x80;
    last.set(xor(last, k2));
  }
  let x: Uint8Array = new Uint8Array(16);
  for (let i = 0; i < n - 1; i++) x = aesEncryptBlock(key, xor(x, message.subarray(i * 16, i * 16 + 16)));
  return aesEncryptBlock(key, xor(x, last));
}
