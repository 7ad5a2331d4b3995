/** EF.COM (tag 60): LDS version, Unicode version, tag list of the data groups present. */
import { tlv } from '../tlv';

export function buildCom(dgTags: number[], ldsVersion = '0107', unicodeVersion = '040000'): Uint8Array {
  const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'ascii'));
  return tlv(
    0x60,
    tlv(0x5f01, ascii(ldsVersion)),
    tlv(0x5f36, ascii(unicodeVersion)),
    tlv(0x5c, new Uint8Array(dgTags)),
  );
}
