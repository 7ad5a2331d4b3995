/**
 * Document Signer → CSCA path validation (ICAO 9303-11 §5.1, 9303-12 §7; RFC 5280 §6 simplified to the
 * two- or three-certificate paths eMRTDs use):
 * - trust anchors are the self-signed CA certificates of the store; a **link certificate** (a CSCA's new key
 *   certified by its previous key) becomes trusted once it verifies with an anchor (or an earlier link);
 * - the issuer is matched by name, authority/subject key identifier and signature; SOD-carried CA
 *   certificates may sit between the DS and a trusted CSCA (path length constraints apply);
 * - DS: keyUsage digitalSignature required, never a CA; CAs: basicConstraints cA, keyCertSign;
 * - revocation: CRLs whose signature verifies with the certificate's issuer;
 * - time: the DS and the chain valid now, the signing time inside the DS's validity and private key usage
 *   period, the DS issued inside its CSCA's private key usage period;
 * - weak algorithms per ./policy.ts.
 */
import type * as pkijs from 'pkijs';
import { equalBytes } from '../bytes';
import type { PassiveVerdict } from '../../../common/identity';
import {
  KEY_USAGE,
  authorityKeyId,
  basicConstraints,
  isSelfSigned,
  keyUsage,
  nameText,
  privateKeyUsagePeriod,
  rsaBits,
  sameName,
  serialHex,
  signedBy,
  subjectKeyId,
  validAt,
} from './certificate';
import type { RevocationList } from './crl';
import { isWeakAlgorithm, resolvePolicy, weakAllowed, type TrustPolicy } from './policy';

export interface TrustAnchors {
  /** Self-signed CA certificates and link certificates that verified. */
  trusted: pkijs.Certificate[];
  /** Certificates of the store that are not usable (not a CA, link to nothing), with the reason. */
  rejected: { certificate: pkijs.Certificate; reason: string }[];
}

export interface TrustMaterial {
  certificates: pkijs.Certificate[];
  crls?: RevocationList[];
  policy?: Partial<TrustPolicy>;
}

function caProblem(c: pkijs.Certificate): string | null {
  const bc = basicConstraints(c);
  if (!bc?.ca) return 'not a CA certificate (basicConstraints cA missing)';
  const ku = keyUsage(c);
  if (ku && !ku.has(KEY_USAGE.keyCertSign)) return 'keyUsage lacks keyCertSign';
  return null;
}

function keyIdsAgree(child: pkijs.Certificate, issuer: pkijs.Certificate): boolean {
  const aki = authorityKeyId(child);
  const ski = subjectKeyId(issuer);
  return !aki || !ski || equalBytes(aki, ski);
}

/** Possible issuers of `cert` among `candidates`: same name, key identifiers agree, signature verifies. */
function issuersOf(cert: pkijs.Certificate, candidates: pkijs.Certificate[]): pkijs.Certificate[] {
  return candidates.filter(
    (c) => c !== cert && sameName(c.subject, cert.issuer) && keyIdsAgree(cert, c) && signedBy(cert, c),
  );
}

const anchorCache = new WeakMap<pkijs.Certificate[], TrustAnchors>();

/** Anchors and verified link certificates of a store (cached per certificate array). */
export function trustAnchors(certificates: pkijs.Certificate[]): TrustAnchors {
  const cached = anchorCache.get(certificates);
  if (cached) return cached;
  const trusted: pkijs.Certificate[] = [];
  const rejected: TrustAnchors['rejected'] = [];
  const links: pkijs.Certificate[] = [];
  for (const c of certificates) {
    const problem = caProblem(c);
    if (problem) rejected.push({ certificate: c, reason: problem });
    else if (isSelfSigned(c)) trusted.push(c);
    else links.push(c);
  }
  // Link certificates may chain (old → middle → new): admit until nothing changes.
  let pending = links;
  for (let changed = true; changed && pending.length > 0;) {
    changed = false;
    const rest: pkijs.Certificate[] = [];
    for (const l of pending) {
      if (issuersOf(l, trusted).length > 0) {
        trusted.push(l);
        changed = true;
      } else rest.push(l);
    }
    pending = rest;
  }
  for (const l of pending)
    rejected.push({
      certificate: l,
      reason: `link certificate from an unknown CSCA (${nameText(l.issuer)})`,
    });
  const result = { trusted, rejected };
  anchorCache.set(certificates, result);
  return result;
}

export interface ChainInput {
  ds: pkijs.Certificate;
  /** Other certificates carried by the SOD (possible intermediates; never trusted by themselves). */
  carried: pkijs.Certificate[];
  store: TrustMaterial;
  /** The CMS signingTime, or null. */
  signingTime: Date | null;
  /** SOD signature and digest algorithms and the LDS hash algorithm, for the weak-algorithm policy. */
  documentAlgorithms: pkijs.AlgorithmIdentifier[];
  now: Date;
}

export interface ChainResult {
  verdict: Exclude<PassiveVerdict, 'hash-mismatch' | 'bad-signature' | 'not-checked'>;
  reason: string;
  /** DS first, the trusted CSCA (or link certificate) last; empty when no path was found. */
  path: pkijs.Certificate[];
}

const MAX_INTERMEDIATES = 2;

function buildPath(ds: pkijs.Certificate, carried: pkijs.Certificate[], trusted: pkijs.Certificate[]) {
  const walk = (cert: pkijs.Certificate, depth: number): pkijs.Certificate[] | null => {
    const direct = issuersOf(cert, trusted)[0];
    if (direct) return [cert, direct];
    if (depth >= MAX_INTERMEDIATES) return null;
    for (const mid of issuersOf(cert, carried)) {
      const rest = walk(mid, depth + 1);
      if (rest) return [cert, ...rest];
    }
    return null;
  };
  return walk(ds, 0);
}

function revokedBy(
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  crls: RevocationList[],
): RevocationList | null {
  const serial = serialHex(cert.serialNumber);
  for (const crl of crls) {
    if (!sameName(crl.issuer, cert.issuer) || !crl.revoked.has(serial)) continue;
    const ku = keyUsage(issuer);
    if (ku && !ku.has(KEY_USAGE.cRLSign)) continue;
    if (signedBy(crl.crl, issuer)) return crl;
  }
  return null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function verifyChain(input: ChainInput): ChainResult {
  const { ds, store, now } = input;
  const policy = resolvePolicy(store.policy);
  const { trusted } = trustAnchors(store.certificates);
  const path = buildPath(ds, input.carried, trusted);
  if (!path)
    return { verdict: 'unknown-csca', reason: 'no trusted CSCA signed the DS certificate', path: [] };

  // Profiles: key usage, basic constraints, path length.
  const dsKu = keyUsage(ds);
  if (!dsKu || !dsKu.has(KEY_USAGE.digitalSignature))
    return { verdict: 'invalid-chain', reason: 'DS keyUsage lacks digitalSignature', path };
  if (basicConstraints(ds)?.ca) return { verdict: 'invalid-chain', reason: 'DS is a CA certificate', path };
  for (let i = 1; i < path.length; i++) {
    const ca = path[i]!;
    const problem = caProblem(ca);
    if (problem) return { verdict: 'invalid-chain', reason: `${nameText(ca.subject)}: ${problem}`, path };
    const limit = basicConstraints(ca)!.pathLength;
    if (limit !== null && i - 1 > limit)
      return {
        verdict: 'invalid-chain',
        reason: `path length ${i - 1} below ${nameText(ca.subject)} exceeds its limit ${limit}`,
        path,
      };
  }

  // Revocation (a link certificate at the top is checked against the CSCA that signed it).
  const top = path[path.length - 1]!;
  const linkIssuer = isSelfSigned(top) ? undefined : issuersOf(top, trusted)[0];
  const checks = linkIssuer ? [...path, linkIssuer] : path;
  for (let i = 0; i < checks.length - 1; i++) {
    const crl = revokedBy(checks[i]!, checks[i + 1]!, store.crls ?? []);
    if (crl)
      return {
        verdict: 'revoked',
        reason: `${i === 0 ? 'DS' : 'CA'} certificate ${serialHex(checks[i]!.serialNumber)} is on the CRL of ${nameText(crl.issuer)} (${day(crl.thisUpdate)})`,
        path,
      };
  }

  // Time.
  const signedAt = input.signingTime ?? ds.notBefore.value;
  for (const c of path)
    if (!validAt(c, now))
      return { verdict: 'expired-chain', reason: `${nameText(c.subject)} not valid on ${day(now)}`, path };
  if (!validAt(ds, signedAt))
    return { verdict: 'expired-chain', reason: `DS not valid at signing time ${day(signedAt)}`, path };
  const dsPkup = privateKeyUsagePeriod(ds);
  if (input.signingTime && dsPkup && !within(input.signingTime, dsPkup))
    return { verdict: 'expired-chain', reason: 'signed outside the DS private key usage period', path };
  for (let i = 0; i < path.length - 1; i++) {
    const issued = path[i]!.notBefore.value;
    const issuer = path[i + 1]!;
    const pkup = privateKeyUsagePeriod(issuer);
    if (!validAt(issuer, issued) || (pkup && !within(issued, pkup)))
      return {
        verdict: 'expired-chain',
        reason: `${nameText(path[i]!.subject)} issued ${day(issued)}, outside the signing period of ${nameText(issuer.subject)}`,
        path,
      };
  }

  // Algorithms.
  if (!weakAllowed(policy, signedAt)) {
    const weak = [...input.documentAlgorithms, ...path.slice(0, -1).map((c) => c.signatureAlgorithm)].find(
      isWeakAlgorithm,
    );
    if (weak)
      return {
        verdict: 'weak-algorithm',
        reason: `weak algorithm ${weak.algorithmId} in a document of ${day(signedAt)}`,
        path,
      };
    for (const c of path) {
      const bits = rsaBits(c);
      if (bits !== null && bits < policy.minRsaBits)
        return {
          verdict: 'weak-algorithm',
          reason: `${bits}-bit RSA key in ${nameText(c.subject)} (minimum ${policy.minRsaBits})`,
          path,
        };
    }
  }
  return { verdict: 'valid', reason: 'hashes, SOD signature and chain verified', path };
}

function within(t: Date, p: { notBefore?: Date; notAfter?: Date }): boolean {
  return (
    (!p.notBefore || p.notBefore.getTime() <= t.getTime()) &&
    (!p.notAfter || t.getTime() <= p.notAfter.getTime())
  );
}
