/** SubjectPublicKeyInfo → a typed RSA or EC public key, without relying on the platform's curve list. */
import { ChipError } from '../errors';
import { expectTlv, parseTlvList } from '../tlv';
import { decodeOid, decodeUnsignedInteger } from './der';

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

export type PublicKey =
  | { kind: 'rsa'; n: bigint; e: bigint; bits: number; spki: Uint8Array }
  | { kind: 'ec'; curveOid: string | null; point: Uint8Array; spki: Uint8Array }
  | { kind: 'other'; algorithmOid: string; spki: Uint8Array };

function fail(message: string): never {
  throw new ChipError('chip-lds-malformed', message);
}

export function parseSpki(spki: Uint8Array): PublicKey {
  const seq = expectTlv(spki, 0x30, 'SubjectPublicKeyInfo', true);
  const [alg, bits] = parseTlvList(seq.value);
  if (!alg || alg.tag !== 0x30 || !bits || bits.tag !== 0x03) fail('SubjectPublicKeyInfo shape');
  const [oid, params] = parseTlvList(alg.value);
  if (!oid || oid.tag !== 0x06) fail('SubjectPublicKeyInfo algorithm');
  const algorithmOid = decodeOid(oid.value);
  const key = bits.value.subarray(1);
  const raw = spki.subarray(0, seq.totalLength);
  if (algorithmOid === OID.rsaEncryption) {
    const rsa = expectTlv(key, 0x30, 'RSAPublicKey', true);
    const [n, e] = parseTlvList(rsa.value);
    if (!n || !e || n.tag !== 2 || e.tag !== 2) fail('RSAPublicKey shape');
    const nn = decodeUnsignedInteger(n.value);
    return { kind: 'rsa', n: nn, e: decodeUnsignedInteger(e.value), bits: nn.toString(2).length, spki: raw };
  }
  if (algorithmOid === OID.ecPublicKey) {
    const curveOid = params && params.tag === 0x06 ? decodeOid(params.value) : null;
    return { kind: 'ec', curveOid, point: key, spki: raw };
  }
  return { kind: 'other', algorithmOid, spki: raw };
}
