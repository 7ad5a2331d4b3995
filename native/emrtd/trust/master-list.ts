/**
 * ICAO CSCA Master List (ICAO 9303-12 §9, Doc 9303 "CscaMasterList"): a CMS SignedData whose
 * encapsulated content (type id-icao-cscaMasterList 2.23.136.1.1.2) is
 * `CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }`.
 * The CMS signature is checked with the embedded Master List Signer certificate; whether that signer is
 * trusted is the caller's decision (this kiosk takes trust from the protected folder it loads from).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ChipError } from '../errors';
import { digest, hashOidName, verifySignature } from '../crypto/signature';
import { equalBytes } from '../bytes';
import { bytesOf, certificateFromDer, nameText, paramsOf, serialHex, sameName, spkiOf } from './certificate';

export const ID_ICAO_CSCA_MASTER_LIST = '2.23.136.1.1.2';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

export interface MasterList {
  version: number;
  certificates: pkijs.Certificate[];
  /** The Master List Signer certificate matched by the SignerInfo's SID, if the CMS carries it. */
  signer: pkijs.Certificate | null;
  /** The CMS signature verifies with `signer`. */
  signatureValid: boolean;
}

function fail(message: string): never {
  throw new ChipError('chip-trust-malformed', message);
}

/** Does `cert` match a CMS SignerIdentifier (issuerAndSerialNumber or [0] subjectKeyIdentifier)? */
export function matchesSid(cert: pkijs.Certificate, sid: unknown, ski: Uint8Array | null): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return (
      serialHex(sid.serialNumber) === serialHex(cert.serialNumber) &&
      // Same DER, or the same names in another string type (PrintableString vs UTF8String) or letter case.
      (sameName(sid.issuer, cert.issuer) ||
        nameText(sid.issuer).toLowerCase() === nameText(cert.issuer).toLowerCase())
    );
  const prim = sid as { valueBlock?: { valueHexView?: Uint8Array; value?: unknown[] } } | null;
  // [0] IMPLICIT SubjectKeyIdentifier: asn1js keeps it as a primitive (or, under BER, a constructed) block.
  let id: Uint8Array | undefined = prim?.valueBlock?.valueHexView;
  if ((!id || id.length === 0) && Array.isArray(prim?.valueBlock?.value)) {
    const inner = prim.valueBlock.value[0] as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
    id = inner?.valueBlock?.valueHexView;
  }
  return Boolean(ski && id && id.length > 0 && equalBytes(new Uint8Array(id), ski));
}

export function parseMasterList(der: Uint8Array): MasterList {
  try {
    return parse(der);
  } catch (e) {
    if (e instanceof ChipError && e.code === 'chip-trust-malformed') throw e;
    fail(`master list: ${(e as Error).message ?? 'unparseable'}`);
  }
}

function parse(der: Uint8Array): MasterList {
  const asn = asn1js.fromBER(Uint8Array.from(der));
  if (asn.offset === -1) fail('master list is not BER');
  let sd: pkijs.SignedData;
  try {
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== pkijs.ContentInfo.SIGNED_DATA) fail('master list is not CMS SignedData');
    sd = new pkijs.SignedData({ schema: ci.content });
  } catch (e) {
    if (e instanceof ChipError) throw e;
    fail(`master list CMS: ${(e as Error).message}`);
  }
  if (sd.encapContentInfo.eContentType !== ID_ICAO_CSCA_MASTER_LIST)
    fail(`not a CSCA master list (content type ${sd.encapContentInfo.eContentType})`);
  const e = sd.encapContentInfo.eContent;
  if (!e) fail('master list has no content');
  const content = new Uint8Array(e.getValue());
  const inner = asn1js.fromBER(content);
  if (inner.offset === -1 || !(inner.result instanceof asn1js.Sequence))
    fail('CscaMasterList is not a SEQUENCE');
  const [version, list] = inner.result.valueBlock.value;
  if (!(version instanceof asn1js.Integer) || !(list instanceof asn1js.Set)) fail('CscaMasterList shape');
  let certificates: pkijs.Certificate[];
  try {
    certificates = list.valueBlock.value.map((c) =>
      certificateFromDer(new Uint8Array(c.toBER()), 'chip-trust-malformed'),
    );
  } catch (err) {
    fail(`master list certificate: ${(err as Error).message}`);
  }

  const embedded = (sd.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const si = sd.signerInfos[0];
  let signer: pkijs.Certificate | null = null;
  let signatureValid = false;
  if (si) {
    signer = embedded.find((c) => matchesSid(c, si.sid, subjectKeyIdOf(c))) ?? null;
    if (signer) signatureValid = cmsSignatureValid(si, content, signer);
  }
  return { version: version.valueBlock.valueDec, certificates, signer, signatureValid };
}

function subjectKeyIdOf(c: pkijs.Certificate): Uint8Array | null {
  const e = c.extensions?.find((x) => x.extnID === '2.5.29.14')?.parsedValue;
  return e instanceof asn1js.OctetString ? new Uint8Array(e.valueBlock.valueHexView) : null;
}

/** RFC 5652 §5.4: the signature covers the DER SET of signed attributes (messageDigest = H(content)). */
export function cmsSignatureValid(
  si: pkijs.SignerInfo,
  content: Uint8Array,
  signer: pkijs.Certificate,
): boolean {
  try {
    let signed = content;
    if (si.signedAttrs) {
      const md = si.signedAttrs.attributes.find((a) => a.type === MESSAGE_DIGEST);
      const v = (md?.values[0] as { valueBlock?: { valueHexView?: Uint8Array } } | undefined)?.valueBlock
        ?.valueHexView;
      if (!v || !equalBytes(new Uint8Array(v), digest(hashOidName(si.digestAlgorithm.algorithmId), content)))
        return false;
      signed = Uint8Array.from(new Uint8Array(si.signedAttrs.encodedValue));
      signed[0] = 0x31;
    }
    return verifySignature({
      algorithmOid: si.signatureAlgorithm.algorithmId,
      algorithmParams: paramsOf(si.signatureAlgorithm),
      digestOid: si.digestAlgorithm.algorithmId,
      publicKey: spkiOf(signer),
      data: signed,
      signature: bytesOf(si.signature.valueBlock.valueHexView),
    });
  } catch {
    return false;
  }
}
