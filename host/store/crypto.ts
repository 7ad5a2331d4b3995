import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { StoreError } from './errors';
import type { KeyProvider } from './keys';

/** Blob layout: version (1 byte = 1) ‖ IV (12) ‖ GCM tag (16) ‖ ciphertext. */
const VERSION = 1;
const IV_LEN = 12;
const TAG_LEN = 16;

export interface Sealed {
  keyId: string;
  blob: Buffer;
}

/**
 * Encrypts a JSON value with AES-256-GCM under the provider's current key. `context` (table and row
 * identity) is bound as additional authenticated data, so a blob copied to another row does not open.
 */
export function seal(keys: KeyProvider, value: unknown, context: string): Sealed {
  const { id, key } = keys.current();
  const iv = randomBytes(IV_LEN);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { keyId: id, blob: Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ct]) };
}

export function open<T = unknown>(keys: KeyProvider, sealed: Sealed, context: string): T {
  const { blob } = sealed;
  if (blob.length < 1 + IV_LEN + TAG_LEN || blob[0] !== VERSION) {
    throw new StoreError('store-decrypt-failed', `encrypted value for ${context} has an unknown layout`);
  }
  const key = keys.byId(sealed.keyId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(1, 1 + IV_LEN));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(blob.subarray(1 + IV_LEN, 1 + IV_LEN + TAG_LEN));
    const pt = Buffer.concat([decipher.update(blob.subarray(1 + IV_LEN + TAG_LEN)), decipher.final()]);
    return JSON.parse(pt.toString('utf8')) as T;
  } catch (err) {
    throw new StoreError('store-decrypt-failed', `encrypted value for ${context} did not authenticate`, {
      cause: err,
    });
  }
}

/** The only handle the store keeps for a card: HMAC-SHA256(lookupSecret, idNumber), hex. */
export function cardKeyOf(keys: KeyProvider, idNumber: string): string {
  return createHmac('sha256', keys.lookupSecret()).update(idNumber, 'utf8').digest('hex');
}
