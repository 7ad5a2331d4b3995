/**
 * CSCA certificate revocation lists (ICAO 9303-12 §7.1.4, RFC 5280 §5): parsed with pkijs into the issuer,
 * update times and the set of revoked serial numbers. A CRL counts only once its signature verifies with a
 * trusted CSCA of the same name (./path.ts does that); unparseable input is a typed `chip-trust-malformed`.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ChipError } from '../errors';
import { nameText, serialHex } from './certificate';

export interface RevocationList {
  crl: pkijs.CertificateRevocationList;
  issuer: pkijs.RelativeDistinguishedNames;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Revoked serial numbers (unsigned hex, upper case) → revocation date. */
  revoked: Map<string, Date>;
  der: Uint8Array;
}

function fail(message: string): never {
  throw new ChipError('chip-trust-malformed', message);
}

export function parseCrl(der: Uint8Array): RevocationList {
  let crl: pkijs.CertificateRevocationList;
  try {
    const asn = asn1js.fromBER(Uint8Array.from(der));
    if (asn.offset === -1 || asn.offset !== der.length) throw new Error('not DER');
    crl = new pkijs.CertificateRevocationList({ schema: asn.result });
  } catch (e) {
    fail(`CRL: ${(e as Error).message}`);
  }
  const revoked = new Map<string, Date>();
  try {
    for (const r of crl.revokedCertificates ?? [])
      revoked.set(serialHex(r.userCertificate), r.revocationDate.value);
    nameText(crl.issuer);
  } catch (e) {
    fail(`CRL entries: ${(e as Error).message}`);
  }
  const thisUpdate = crl.thisUpdate.value;
  if (!(thisUpdate instanceof Date) || Number.isNaN(thisUpdate.getTime())) fail('CRL thisUpdate');
  const next = crl.nextUpdate?.value ?? null;
  return {
    crl,
    issuer: crl.issuer,
    thisUpdate,
    nextUpdate: next && !Number.isNaN(next.getTime()) ? next : null,
    revoked,
    der: Uint8Array.from(der),
  };
}
