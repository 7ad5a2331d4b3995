/** EF.SOD: 77 { ContentInfo(SignedData(LDSSecurityObject)) }, parsed with asn1js/pkijs into typed parts. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ChipError } from '../errors';
import { expectTlv, parseTlvList } from '../tlv';
import { decodeOid, decodeSmallInteger } from './der';

export interface LdsSecurityObject {
  version: number;
  hashAlgorithmOid: string;
  /** Data group number → hash. */
  hashes: Map<number, Uint8Array>;
}

export interface Sod {
  lso: LdsSecurityObject;
  /** DER of the encapsulated LDSSecurityObject (what signedAttrs' messageDigest covers). */
  eContent: Uint8Array;
  signerInfo: pkijs.SignerInfo;
  /** DER of the signed attributes as a SET (0x31), or null when the signature covers eContent directly. */
  signedAttributes: Uint8Array | null;
  certificates: pkijs.Certificate[];
}

function fail(message: string): never {
  throw new ChipError('chip-sod-malformed', message);
}

export function parseLdsSecurityObject(der: Uint8Array): LdsSecurityObject {
  const seq = expectTlv(der, 0x30, 'LDSSecurityObject', true);
  const [version, alg, hashes] = parseTlvList(seq.value);
  if (!version || version.tag !== 0x02 || !alg || alg.tag !== 0x30 || !hashes || hashes.tag !== 0x30)
    fail('LDSSecurityObject shape');
  const algOid = parseTlvList(alg.value)[0];
  if (!algOid || algOid.tag !== 0x06) fail('LDSSecurityObject hash algorithm');
  const map = new Map<number, Uint8Array>();
  for (const h of parseTlvList(hashes.value)) {
    const [n, v] = parseTlvList(h.value);
    if (h.tag !== 0x30 || !n || n.tag !== 0x02 || !v || v.tag !== 0x04) fail('DataGroupHash shape');
    map.set(decodeSmallInteger(n.value), Uint8Array.from(v.value));
  }
  return {
    version: decodeSmallInteger(version.value),
    hashAlgorithmOid: decodeOid(algOid.value),
    hashes: map,
  };
}

export function parseSod(bytes: Uint8Array): Sod {
  try {
    const outer = expectTlv(bytes, 0x77, 'EF.SOD', true);
    const asn = asn1js.fromBER(Uint8Array.from(outer.value));
    if (asn.offset === -1) fail('SOD is not BER');
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== pkijs.ContentInfo.SIGNED_DATA) fail('SOD content is not SignedData');
    const sd = new pkijs.SignedData({ schema: ci.content });
    const e = sd.encapContentInfo.eContent;
    if (!e) fail('SOD has no encapsulated content');
    // eContent may be constructed (BER); take the concatenated value.
    const eContent = new Uint8Array(e.getValue());
    const signerInfo = sd.signerInfos[0];
    if (!signerInfo) fail('SOD has no SignerInfo');
    let signedAttributes: Uint8Array | null = null;
    if (signerInfo.signedAttrs) {
      signedAttributes = Uint8Array.from(new Uint8Array(signerInfo.signedAttrs.encodedValue));
      signedAttributes[0] = 0x31;
    }
    const certificates = (sd.certificates ?? []).filter(
      (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
    );
    return { lso: parseLdsSecurityObject(eContent), eContent, signerInfo, signedAttributes, certificates };
  } catch (err) {
    if (err instanceof ChipError)
      throw err.code === 'chip-sod-malformed' ? err : new ChipError('chip-sod-malformed', err.message);
    throw new ChipError('chip-sod-malformed', `SOD: ${(err as Error).message ?? 'unparseable'}`);
  }
}
