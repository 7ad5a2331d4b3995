/**
 * Passive authentication (ICAO 9303-11 §5.1): DG hashes vs the SOD, the SOD signature with the embedded
 * Document Signer certificate, the DS chained to a CSCA in the trust store, validity of the chain.
 */
import type * as pkijs from 'pkijs';
import type { PassiveVerdict } from '../../common/identity';
import { equalBytes } from './bytes';
import { ChipError } from './errors';
import { digest, hashOidName, verifySignature } from './crypto/signature';
import { dataGroupNumber, type LdsFileName } from './lds/files';
import { parseSod, type Sod } from './lds/sod';
import type { TrustStore } from './trust-store';

export interface PassiveAuthResult {
  verdict: PassiveVerdict;
  /** English developer detail, no personal data. */
  reason: string;
  /** Data group numbers the SOD lists (empty when the SOD could not be parsed). */
  listed: number[];
  /** Listed data groups that were not among `files` (e.g. `DG3`, never read). */
  notRead: string[];
}

const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

function bytesOf(buf: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buf instanceof ArrayBuffer
    ? new Uint8Array(buf)
    : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function spkiOf(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER());
}

function paramsOf(alg: pkijs.AlgorithmIdentifier): Uint8Array | undefined {
  const p = alg.algorithmParams as { toBER?: () => ArrayBuffer } | undefined;
  return p?.toBER ? new Uint8Array(p.toBER()) : undefined;
}

function sameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  return equalBytes(new Uint8Array(a.toSchema().toBER()), new Uint8Array(b.toSchema().toBER()));
}

/** Does `issuer` sign `cert`? */
export function certificateSignedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): boolean {
  try {
    return verifySignature({
      algorithmOid: cert.signatureAlgorithm.algorithmId,
      algorithmParams: paramsOf(cert.signatureAlgorithm),
      publicKey: spkiOf(issuer),
      data: bytesOf(cert.tbsView),
      signature: bytesOf(cert.signatureValue.valueBlock.valueHexView),
    });
  } catch {
    return false;
  }
}

function validAt(cert: pkijs.Certificate, at: Date): boolean {
  return cert.notBefore.value.getTime() <= at.getTime() && at.getTime() <= cert.notAfter.value.getTime();
}

/**
 * `files` must include SOD; every DG present in `files` is hashed. `at` is the checking time for the chain.
 */
export function passiveAuthenticate(
  files: Partial<Record<LdsFileName, Uint8Array>>,
  trustStore: TrustStore,
  at: Date = new Date(),
): PassiveAuthResult {
  const sodBytes = files.SOD;
  if (!sodBytes) return { verdict: 'not-checked', reason: 'EF.SOD not read', listed: [], notRead: [] };
  let sod;
  try {
    sod = parseSod(sodBytes);
  } catch (e) {
    if (e instanceof ChipError)
      return { verdict: 'bad-signature', reason: `SOD unreadable: ${e.message}`, listed: [], notRead: [] };
    throw e;
  }
  const listed = [...sod.lso.hashes.keys()].sort((a, b) => a - b);
  const notRead = listed.map((n) => `DG${n}`).filter((name) => !(name in files));
  return { ...verifySod(sod, files, trustStore, at), listed, notRead };
}

function verifySod(
  sod: Sod,
  files: Partial<Record<LdsFileName, Uint8Array>>,
  trustStore: TrustStore,
  at: Date,
): Omit<PassiveAuthResult, 'listed' | 'notRead'> {
  // 1. Data group hashes.
  let hash;
  try {
    hash = hashOidName(sod.lso.hashAlgorithmOid);
  } catch {
    return { verdict: 'bad-signature', reason: `unsupported LDS hash ${sod.lso.hashAlgorithmOid}` };
  }
  for (const [name, bytes] of Object.entries(files) as [LdsFileName, Uint8Array][]) {
    const n = dataGroupNumber(name);
    if (n === null) continue;
    const expected = sod.lso.hashes.get(n);
    if (!expected) return { verdict: 'hash-mismatch', reason: `${name} has no hash in the SOD` };
    if (!equalBytes(expected, digest(hash, bytes)))
      return { verdict: 'hash-mismatch', reason: `${name} hash differs from the SOD` };
  }
  // 2. SOD signature with the Document Signer certificate.
  const si = sod.signerInfo;
  const ds = sod.certificates[0];
  if (!ds) return { verdict: 'bad-signature', reason: 'SOD carries no Document Signer certificate' };
  let signed: Uint8Array = sod.eContent;
  try {
    if (sod.signedAttributes) {
      const md = si.signedAttrs?.attributes.find((a) => a.type === MESSAGE_DIGEST);
      const mdValue = md?.values[0] as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
      const mdBytes = mdValue?.valueBlock?.valueHexView;
      const dHash = hashOidName(si.digestAlgorithm.algorithmId);
      if (!mdBytes || !equalBytes(new Uint8Array(mdBytes), digest(dHash, sod.eContent)))
        return { verdict: 'bad-signature', reason: 'messageDigest does not match the LDS security object' };
      signed = sod.signedAttributes;
    }
    const ok = verifySignature({
      algorithmOid: si.signatureAlgorithm.algorithmId,
      algorithmParams: paramsOf(si.signatureAlgorithm),
      digestOid: si.digestAlgorithm.algorithmId,
      publicKey: spkiOf(ds),
      data: signed,
      signature: bytesOf(si.signature.valueBlock.valueHexView),
    });
    if (!ok)
      return { verdict: 'bad-signature', reason: 'SOD signature does not verify with the DS certificate' };
  } catch (e) {
    if (e instanceof ChipError) return { verdict: 'bad-signature', reason: e.message };
    throw e;
  }
  // 3. DS chained to a trusted CSCA.
  const csca = trustStore.certificates.find(
    (c) => sameName(c.subject, ds.issuer) && certificateSignedBy(ds, c),
  );
  if (!csca) return { verdict: 'unknown-csca', reason: 'no trusted CSCA signed the DS certificate' };
  // 4. Validity of the chain at the checking time.
  if (!validAt(ds, at) || !validAt(csca, at))
    return { verdict: 'expired-chain', reason: 'DS or CSCA certificate not valid now' };
  return { verdict: 'valid', reason: 'hashes, SOD signature and chain verified' };
}
