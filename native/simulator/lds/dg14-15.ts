/** DG14 (6E: SecurityInfos with ActiveAuthenticationInfo) and DG15 (6F: AA public key). */
import * as asn1js from 'asn1js';
import { tlv } from '../tlv';
import { OID_AA_INFO, OID_ECDSA_PLAIN_SHA256, aaSubjectPublicKeyInfo, type AaKey } from './aa-key';

/** `extra`: more SecurityInfos (Chip Authentication infos). */
export function buildDg14(extra: asn1js.Sequence[] = []): Uint8Array {
  const aaInfo = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID_AA_INFO }),
      new asn1js.Integer({ value: 1 }),
      new asn1js.ObjectIdentifier({ value: OID_ECDSA_PLAIN_SHA256 }),
    ],
  });
  const securityInfos = new asn1js.Set({ value: [aaInfo, ...extra] });
  return tlv(0x6e, new Uint8Array(securityInfos.toBER(false)));
}

export function buildDg15(key: AaKey): Uint8Array {
  return tlv(0x6f, aaSubjectPublicKeyInfo(key));
}
