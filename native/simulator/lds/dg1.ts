/** DG1 (tag 61 → 5F1F): the MRZ as one ASCII string (TD1 90 chars, TD3 88 chars). */
import { tlv } from '../tlv';

export function buildDg1(mrzLines: string[]): Uint8Array {
  return tlv(0x61, tlv(0x5f1f, new Uint8Array(Buffer.from(mrzLines.join(''), 'ascii'))));
}
