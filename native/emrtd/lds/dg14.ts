/** DG14: SecurityInfos (Chip Authentication keys and infos, Active Authentication signature algorithm). */
import { expectTlv } from '../tlv';
import type { PublicKey } from './public-key';
import { parseSecurityInfoSet, type SecurityInfo } from './security-infos';

export type ChipAuthenticationInfo = Extract<SecurityInfo, { kind: 'ca' }>;
export type ChipAuthenticationPublicKeyInfo = Extract<SecurityInfo, { kind: 'ca-public-key' }>;

export interface Dg14 {
  securityInfos: SecurityInfo[];
  /** From ActiveAuthenticationInfo (2.23.136.1.1.5): e.g. ecdsa-with-SHA256 1.2.840.10045.4.3.2. */
  activeAuthenticationSignatureOid: string | null;
  chipAuthenticationPublicKeys: { keyId: number | null; publicKey: PublicKey; agreement: 'DH' | 'ECDH' }[];
  chipAuthenticationInfos: ChipAuthenticationInfo[];
}

export function parseDg14(bytes: Uint8Array): Dg14 {
  const outer = expectTlv(bytes, 0x6e, 'DG14', true);
  const set = expectTlv(outer.value, 0x31, 'DG14 SecurityInfos', true);
  const securityInfos = parseSecurityInfoSet(set.value);
  const aa = securityInfos.find((i) => i.kind === 'aa');
  return {
    securityInfos,
    activeAuthenticationSignatureOid: aa?.kind === 'aa' ? aa.signatureOid : null,
    chipAuthenticationPublicKeys: securityInfos
      .filter((i): i is ChipAuthenticationPublicKeyInfo => i.kind === 'ca-public-key')
      .map((i) => ({ keyId: i.keyId, publicKey: i.publicKey, agreement: i.agreement })),
    chipAuthenticationInfos: securityInfos.filter((i): i is ChipAuthenticationInfo => i.kind === 'ca'),
  };
}
