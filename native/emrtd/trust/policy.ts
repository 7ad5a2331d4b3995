/**
 * Algorithm policy for passive authentication: SHA-1 and short RSA keys are weak. Documents signed before
 * `refuseWeakAfter` may still use them (old passports); from that date on a weak algorithm anywhere in the
 * chain gives the `weak-algorithm` verdict. The date of a document is its CMS signingTime, else the
 * notBefore of its Document Signer certificate.
 */
import type * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import * as pkijsRuntime from 'pkijs';

export interface TrustPolicy {
  /** Weak algorithms are refused for documents signed on or after this date; null: always refused. */
  refuseWeakAfter: Date | null;
  /** RSA keys shorter than this are weak (bits). */
  minRsaBits: number;
}

/**
 * 2021-01-01: the Vietnamese CSCA (P-384/SHA-384) dates from 2021-01-19 and chip CCCDs from 2021, so no
 * genuine Vietnamese chip should need SHA-1 or short RSA; older foreign passports still pass.
 */
export const DEFAULT_POLICY: TrustPolicy = {
  refuseWeakAfter: new Date('2021-01-01T00:00:00Z'),
  minRsaBits: 2048,
};

const WEAK_OIDS = new Set([
  '1.3.14.3.2.26', // sha1
  '1.2.840.113549.2.5', // md5
  '1.2.840.113549.1.1.4', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5', // sha1WithRSAEncryption
  '1.2.840.10045.4.1', // ecdsa-with-SHA1
  '0.4.0.127.0.7.1.1.4.1.1', // ecdsa-plain-SHA1
  '1.2.840.10040.4.3', // dsa-with-sha1
]);

/** A weak hash or signature algorithm (RSASSA-PSS: by its hash parameter, SHA-1 by default). */
export function isWeakAlgorithm(alg: pkijs.AlgorithmIdentifier): boolean {
  if (WEAK_OIDS.has(alg.algorithmId)) return true;
  if (alg.algorithmId === '1.2.840.113549.1.1.10') {
    try {
      const params = alg.algorithmParams as asn1js.AsnType | undefined;
      if (!params || params instanceof asn1js.Null) return true;
      const pss = new pkijsRuntime.RSASSAPSSParams({ schema: params });
      return WEAK_OIDS.has(pss.hashAlgorithm.algorithmId);
    } catch {
      return true;
    }
  }
  return false;
}

export function resolvePolicy(p: Partial<TrustPolicy> | undefined): TrustPolicy {
  return { ...DEFAULT_POLICY, ...(p ?? {}) };
}

export function weakAllowed(policy: TrustPolicy, documentDate: Date): boolean {
  return policy.refuseWeakAfter !== null && documentDate.getTime() < policy.refuseWeakAfter.getTime();
}
