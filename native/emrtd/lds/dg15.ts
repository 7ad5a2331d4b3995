/** DG15: the Active Authentication public key (6F { SubjectPublicKeyInfo }). */
import { expectTlv } from '../tlv';
import { parseSpki, type PublicKey } from './public-key';

export function parseDg15(bytes: Uint8Array): PublicKey {
  const outer = expectTlv(bytes, 0x6f, 'DG15', true);
  return parseSpki(outer.value);
}
