/** Basic Access Control (ICAO 9303-11 §4.3): GET CHALLENGE, MUTUAL AUTHENTICATE, session keys, SSC. */
import { randomBytes } from 'node:crypto';
import { concat, equalBytes, xor } from './bytes';
import { splitResponse, swHex } from './apdu';
import { retailMac, tdesDecrypt, tdesEncrypt } from './crypto/des';
import { ChipError } from './errors';
import { deriveBacKeys, deriveKey, type BacKey } from './keys';
import { SecureMessaging } from './sm';
import type { CardTransport } from '../pcsc/card-transport';

export const GET_CHALLENGE = Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x08);

/** Terminal side of MUTUAL AUTHENTICATE: E.IFD = 3DES(Kenc, RND.IFD‖RND.IC‖K.IFD), M.IFD = MAC(Kmac, E.IFD). */
export function mutualAuthenticateData(
  kEnc: Uint8Array,
  kMac: Uint8Array,
  rndIc: Uint8Array,
  rndIfd: Uint8Array,
  kIfd: Uint8Array,
): { eIfd: Uint8Array; mIfd: Uint8Array; command: Uint8Array } {
  const eIfd = tdesEncrypt(kEnc, concat(rndIfd, rndIc, kIfd));
  const mIfd = retailMac(kMac, eIfd);
  const command = concat(Uint8Array.of(0x00, 0x82, 0x00, 0x00, 0x28), eIfd, mIfd, Uint8Array.of(0x28));
  return { eIfd, mIfd, command };
}

/** Checks the chip's answer and derives KS.enc, KS.mac and the SSC. */
export function bacSessionFromResponse(
  kEnc: Uint8Array,
  kMac: Uint8Array,
  responseData: Uint8Array,
  rndIc: Uint8Array,
  rndIfd: Uint8Array,
  kIfd: Uint8Array,
): { kIc: Uint8Array; ksEnc: Uint8Array; ksMac: Uint8Array; ssc: Uint8Array } {
  if (responseData.length !== 40)
    throw new ChipError('chip-bac-failed', 'MUTUAL AUTHENTICATE response must be 40 bytes');
  const eIc = responseData.subarray(0, 32);
  const mIc = responseData.subarray(32, 40);
  if (!equalBytes(retailMac(kMac, eIc), mIc))
    throw new ChipError('chip-bac-failed', 'chip MAC does not verify');
  const r = tdesDecrypt(kEnc, eIc);
  if (!equalBytes(r.subarray(0, 8), rndIc) || !equalBytes(r.subarray(8, 16), rndIfd))
    throw new ChipError('chip-bac-failed', 'chip did not return our challenge');
  const kIc = r.subarray(16, 32);
  const seed = xor(kIfd, kIc);
  return {
    kIc: Uint8Array.from(kIc),
    ksEnc: deriveKey(seed, 1),
    ksMac: deriveKey(seed, 2),
    ssc: concat(rndIc.subarray(4, 8), rndIfd.subarray(4, 8)),
  };
}

export interface BacRandom {
  rndIfd: Uint8Array;
  kIfd: Uint8Array;
}

/**
 * Runs BAC with one key. Throws ChipError `chip-bac-failed` with `details.sw` 0x6300 when the key is wrong.
 * Returns the secure-messaging channel state and the number of APDUs used (2).
 */
export async function performBac(
  transport: CardTransport,
  key: BacKey,
  random?: BacRandom,
): Promise<SecureMessaging> {
  const { kEnc, kMac } = deriveBacKeys(key);
  const challenge = splitResponse(await transport.transmit(GET_CHALLENGE));
  if (challenge.sw !== 0x9000 || challenge.data.length !== 8)
    throw new ChipError('chip-bac-failed', `GET CHALLENGE failed (SW ${swHex(challenge.sw)})`, {
      sw: challenge.sw,
    });
  const rndIc = Uint8Array.from(challenge.data);
  const rndIfd = random?.rndIfd ?? new Uint8Array(randomBytes(8));
  const kIfd = random?.kIfd ?? new Uint8Array(randomBytes(16));
  const { command } = mutualAuthenticateData(kEnc, kMac, rndIc, rndIfd, kIfd);
  const resp = splitResponse(await transport.transmit(command));
  if (resp.sw !== 0x9000)
    throw new ChipError('chip-bac-failed', `MUTUAL AUTHENTICATE failed (SW ${swHex(resp.sw)})`, {
      sw: resp.sw,
    });
  const s = bacSessionFromResponse(kEnc, kMac, resp.data, rndIc, rndIfd, kIfd);
  return new SecureMessaging(s.ksEnc, s.ksMac, s.ssc);
}

export { deriveBacKeys };
