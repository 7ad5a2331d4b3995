/**
 * Passive authentication (ICAO 9303-11 §5.1): DG hashes vs the SOD, the SOD signature with the Document
 * Signer certificate the SignerInfo names (SID), then the DS path to a trusted CSCA (./trust/path.ts:
 * link certificates, key usage, basic constraints, path length, CRLs, validity, weak algorithms).
 */
import * as pkijs from 'pkijs';
import type { PassiveVerdict } from '../../common/identity';
import { equalBytes } from './bytes';
import { ChipError } from './errors';
import { digest, hashOidName, verifySignature } from './crypto/signature';
import { dataGroupNumber, type LdsFileName } from './lds/files';
import { parseSod, type Sod } from './lds/sod';
import type { TrustStore } from './trust-store';
import { bytesOf, paramsOf, signedBy, spkiOf, subjectKeyId } from './trust/certificate';
import { matchesSid } from './trust/master-list';
import { verifyChain } from './trust/path';

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
const SIGNING_TIME = '1.2.840.113549.1.9.5';

/** Does `issuer` sign `cert`? */
export function certificateSignedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): boolean {
  return signedBy(cert, issuer);
}

function signingTimeOf(si: pkijs.SignerInfo): Date | null {
  const attr = si.signedAttrs?.attributes.find((a) => a.type === SIGNING_TIME);
  const v = attr?.values[0] as { toDate?: () => Date } | undefined;
  try {
    const d = v?.toDate?.();
    return d && !Number.isNaN(d.getTime()) ? d : null;
  } catch {
    return null;
  }
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
  // 2. SOD signature with the Document Signer certificate named by the SignerInfo.
  const si = sod.signerInfo;
  if (sod.certificates.length === 0)
    return { verdict: 'bad-signature', reason: 'SOD carries no Document Signer certificate' };
  const ds = sod.certificates.find((c) => matchesSid(c, si.sid, subjectKeyId(c)));
  if (!ds) return { verdict: 'bad-signature', reason: 'no SOD certificate matches the SignerInfo SID' };
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
  // 3. The DS path to a trusted CSCA, revocation, validity, algorithm policy.
  const { verdict, reason } = verifyChain({
    ds,
    carried: sod.certificates.filter((c) => c !== ds),
    store: trustStore,
    signingTime: signingTimeOf(si),
    documentAlgorithms: [
      si.digestAlgorithm,
      si.signatureAlgorithm,
      new pkijs.AlgorithmIdentifier({ algorithmId: sod.lso.hashAlgorithmOid }),
    ],
    now: at,
  });
  return { verdict, reason };
}
