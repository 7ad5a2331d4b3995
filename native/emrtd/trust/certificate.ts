/**
 * X.509 facts the trust decisions need, read from pkijs certificates: fingerprints, names, serials, the
 * RFC 5280 extensions ICAO 9303-12 §7.1 profiles (basic constraints, key usage, key identifiers, private key
 * usage period), and key sizes. No policy here: see ./path.ts and ./policy.ts.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { equalBytes, hex } from '../bytes';
import { ChipError } from '../errors';
import { verifySignature } from '../crypto/signature';

const EXT = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  privateKeyUsagePeriod: '2.5.29.16',
} as const;

/** KeyUsage bit numbers (RFC 5280 §4.2.1.3). */
export const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

export function derOf(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema().toBER());
}

export function certificateFromDer(
  der: Uint8Array,
  code: 'chip-sod-malformed' | 'chip-trust-malformed' = 'chip-sod-malformed',
): pkijs.Certificate {
  try {
    const asn = asn1js.fromBER(Uint8Array.from(der));
    if (asn.offset === -1 || asn.offset !== der.length) throw new Error('certificate is not DER');
    return new pkijs.Certificate({ schema: asn.result });
  } catch (e) {
    throw new ChipError(code, `certificate: ${(e as Error).message}`);
  }
}

export function sha256Fingerprint(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase();
}

export function nameDer(n: pkijs.RelativeDistinguishedNames): Uint8Array {
  return new Uint8Array(n.toSchema().toBER());
}

export function sameName(a: pkijs.RelativeDistinguishedNames, b: pkijs.RelativeDistinguishedNames): boolean {
  return equalBytes(nameDer(a), nameDer(b));
}

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '2.5.4.7': 'L',
};

/** `C=VN, O=…, CN=…` for diagnostics. */
export function nameText(n: pkijs.RelativeDistinguishedNames): string {
  return n.typesAndValues
    .map((t) => {
      const v = (t.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
      return `${SHORT[t.type] ?? t.type}=${typeof v === 'string' ? v : '?'}`;
    })
    .join(', ');
}

/** Serial number as unsigned hex without leading zero bytes (how CRLs and SIDs are compared). */
export function serialHex(serial: asn1js.Integer): string {
  const bytes = new Uint8Array(serial.valueBlock.valueHexView);
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return hex(bytes.subarray(i)).toUpperCase();
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

export interface BasicConstraintsInfo {
  ca: boolean;
  pathLength: number | null;
}

/** null when the certificate has no basicConstraints extension. */
export function basicConstraints(cert: pkijs.Certificate): BasicConstraintsInfo | null {
  const e = extension(cert, EXT.basicConstraints);
  if (!e) return null;
  const bc = e.parsedValue as pkijs.BasicConstraints | undefined;
  if (!(bc instanceof pkijs.BasicConstraints)) return { ca: false, pathLength: null };
  const pl = bc.pathLenConstraint;
  const pathLength =
    pl === undefined ? null : typeof pl === 'number' ? pl : Number(pl.valueBlock.valueDec ?? 0);
  return { ca: bc.cA === true, pathLength };
}

/** The set key-usage bits, or null when the extension is absent. */
export function keyUsage(cert: pkijs.Certificate): Set<number> | null {
  const e = extension(cert, EXT.keyUsage);
  if (!e) return null;
  const bs = e.parsedValue as asn1js.BitString | undefined;
  const bits = new Set<number>();
  if (!(bs instanceof asn1js.BitString)) return bits;
  const bytes = new Uint8Array(bs.valueBlock.valueHexView);
  for (let i = 0; i < bytes.length * 8; i++) if (bytes[i >> 3]! & (0x80 >> (i & 7))) bits.add(i);
  return bits;
}

export function subjectKeyId(cert: pkijs.Certificate): Uint8Array | null {
  const v = extension(cert, EXT.subjectKeyId)?.parsedValue as asn1js.OctetString | undefined;
  return v instanceof asn1js.OctetString ? new Uint8Array(v.valueBlock.valueHexView) : null;
}

export function authorityKeyId(cert: pkijs.Certificate): Uint8Array | null {
  const v = extension(cert, EXT.authorityKeyId)?.parsedValue as pkijs.AuthorityKeyIdentifier | undefined;
  const id = v instanceof pkijs.AuthorityKeyIdentifier ? v.keyIdentifier : undefined;
  return id ? new Uint8Array(id.valueBlock.valueHexView) : null;
}

/** The private key usage period (ICAO: mandatory in CSCA and DS certificates), or null. */
export function privateKeyUsagePeriod(cert: pkijs.Certificate): { notBefore?: Date; notAfter?: Date } | null {
  const v = extension(cert, EXT.privateKeyUsagePeriod)?.parsedValue as
    pkijs.PrivateKeyUsagePeriod | undefined;
  if (!(v instanceof pkijs.PrivateKeyUsagePeriod)) return null;
  return {
    ...(v.notBefore ? { notBefore: v.notBefore } : {}),
    ...(v.notAfter ? { notAfter: v.notAfter } : {}),
  };
}

export function validAt(cert: pkijs.Certificate, at: Date): boolean {
  return cert.notBefore.value.getTime() <= at.getTime() && at.getTime() <= cert.notAfter.value.getTime();
}

export function spkiOf(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER());
}

/** RSA modulus size in bits, or null for other key types. */
export function rsaBits(cert: pkijs.Certificate): number | null {
  if (cert.subjectPublicKeyInfo.algorithm.algorithmId !== '1.2.840.113549.1.1.1') return null;
  try {
    const asn = asn1js.fromBER(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
    const key = new pkijs.RSAPublicKey({ schema: asn.result });
    const n = new Uint8Array(key.modulus.valueBlock.valueHexView);
    let i = 0;
    while (i < n.length && n[i] === 0) i++;
    if (i === n.length) return 0;
    return (n.length - i - 1) * 8 + (32 - Math.clz32(n[i]!));
  } catch {
    return 0;
  }
}

export function paramsOf(alg: pkijs.AlgorithmIdentifier): Uint8Array | undefined {
  const p = alg.algorithmParams as { toBER?: () => ArrayBuffer } | undefined;
  return p?.toBER ? new Uint8Array(p.toBER()) : undefined;
}

export function bytesOf(buf: ArrayBuffer | ArrayBufferView): Uint8Array {
  return buf instanceof ArrayBuffer
    ? new Uint8Array(buf)
    : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Does the key of `issuer` verify the signature on `cert` (a certificate or a CRL)? */
export function signedBy(
  signed: {
    signatureAlgorithm: pkijs.AlgorithmIdentifier;
    tbsView: Uint8Array;
    signatureValue: asn1js.BitString;
  },
  issuer: pkijs.Certificate,
): boolean {
  try {
    return verifySignature({
      algorithmOid: signed.signatureAlgorithm.algorithmId,
      algorithmParams: paramsOf(signed.signatureAlgorithm),
      publicKey: spkiOf(issuer),
      data: bytesOf(signed.tbsView),
      signature: bytesOf(signed.signatureValue.valueBlock.valueHexView),
    });
  } catch {
    return false;
  }
}

/** Subject = issuer and the certificate verifies with its own key. */
export function isSelfSigned(cert: pkijs.Certificate): boolean {
  return sameName(cert.subject, cert.issuer) && signedBy(cert, cert);
}
