/** DG14: SecurityInfos (Chip Authentication keys, Active Authentication signature algorithm, PACE info). */
import { ChipError } from '../errors';
import { expectTlv, parseTlvList } from '../tlv';
import { decodeOid } from './der';
import { parseSpki, type PublicKey } from './public-key';

export interface SecurityInfo {
  oid: string;
  raw: Uint8Array;
}

export interface Dg14 {
  securityInfos: SecurityInfo[];
  /** From ActiveAuthenticationInfo (2.23.136.1.1.5): e.g. ecdsa-with-SHA256 1.2.840.10045.4.3.2. */
  activeAuthenticationSignatureOid: string | null;
  chipAuthenticationPublicKeys: { keyId: number | null; publicKey: PublicKey }[];
}

const AA_INFO = '2.23.136.1.1.5';
const CA_PUBLIC_KEY_PREFIX = '0.4.0.127.0.7.2.2.1.';

export function parseDg14(bytes: Uint8Array): Dg14 {
  const outer = expectTlv(bytes, 0x6e, 'DG14', true);
  const set = expectTlv(outer.value, 0x31, 'DG14 SecurityInfos', true);
  const out: Dg14 = {
    securityInfos: [],
    activeAuthenticationSignatureOid: null,
    chipAuthenticationPublicKeys: [],
  };
  let at = 0;
  for (const info of parseTlvList(set.value)) {
    const raw = set.value.subarray(at, at + info.totalLength);
    at += info.totalLength;
    if (info.tag !== 0x30) throw new ChipError('chip-lds-malformed', 'SecurityInfo is not a SEQUENCE');
    const [oidTlv, ...rest] = parseTlvList(info.value);
    if (!oidTlv || oidTlv.tag !== 0x06) throw new ChipError('chip-lds-malformed', 'SecurityInfo without OID');
    const oid = decodeOid(oidTlv.value);
    out.securityInfos.push({ oid, raw });
    if (oid === AA_INFO) {
      const sig = rest.find((r) => r.tag === 0x06);
      if (sig) out.activeAuthenticationSignatureOid = decodeOid(sig.value);
    } else if (oid.startsWith(CA_PUBLIC_KEY_PREFIX) && rest[0]?.tag === 0x30) {
      const spkiLen = rest[0].totalLength;
      const start = info.value.length - rest.reduce((n, r) => n + r.totalLength, 0);
      const keyIdTlv = rest[1];
      out.chipAuthenticationPublicKeys.push({
        keyId:
          keyIdTlv && keyIdTlv.tag === 0x02 && keyIdTlv.value.length <= 4
            ? keyIdTlv.value.reduce((n, b) => n * 256 + b, 0)
            : null,
        publicKey: parseSpki(info.value.subarray(start, start + spkiLen)),
      });
    }
  }
  return out;
}
