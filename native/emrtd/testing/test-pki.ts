/**
 * Test-only PKI: CSCAs, link certificates and Document Signers generated with node:crypto (EC P-256/P-384,
 * brainpool, RSA, RSA-PSS, SHA-1 on request), with the ICAO 9303-12 extensions (basic constraints, key
 * usage, key identifiers, private key usage period) unless told otherwise; CRLs too.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { encodeTlv, parseTlvList } from '../tlv';
import { bitString, ctx, int, name, octets, oid, seq, time } from './der-builder';

export type KeySpec = { type: 'ec'; curve: string } | { type: 'rsa'; bits: number; pss?: boolean };

export interface TestKey {
  privateKey: KeyObject;
  spki: Uint8Array;
  spec: KeySpec;
}

export function generateKey(spec: KeySpec): TestKey {
  const { privateKey, publicKey } =
    spec.type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: spec.curve })
      : generateKeyPairSync('rsa', { modulusLength: spec.bits, publicExponent: 65537 });
  return { privateKey, spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })), spec };
}

/** AlgorithmIdentifier DER and the signing function for a key. */
export function signer(
  key: TestKey,
  hash: 'sha256' | 'sha1' = 'sha256',
): {
  algorithm: Uint8Array;
  algorithmOid: string;
  sign(data: Uint8Array): Uint8Array;
} {
  if (hash === 'sha1') {
    const algorithmOid = key.spec.type === 'ec' ? '1.2.840.10045.4.1' : '1.2.840.113549.1.1.5';
    return {
      algorithmOid,
      algorithm:
        key.spec.type === 'ec' ? seq(oid(algorithmOid)) : seq(oid(algorithmOid), new Uint8Array([5, 0])),
      sign: (d) => new Uint8Array(sign('sha1', d, key.privateKey)),
    };
  }
  if (key.spec.type === 'ec')
    return {
      algorithmOid: '1.2.840.10045.4.3.2',
      algorithm: seq(oid('1.2.840.10045.4.3.2')),
      sign: (d) => new Uint8Array(sign('sha256', d, key.privateKey)),
    };
  if (key.spec.pss) {
    const sha256 = seq(oid('2.16.840.1.101.3.4.2.1'));
    const params = seq(ctx(0, sha256), ctx(1, seq(oid('1.2.840.113549.1.1.8'), sha256)), ctx(2, int(32)));
    return {
      algorithmOid: '1.2.840.113549.1.1.10',
      algorithm: seq(oid('1.2.840.113549.1.1.10'), params),
      sign: (d) => new Uint8Array(sign('sha256', d, { key: key.privateKey, padding: 6, saltLength: 32 })),
    };
  }
  return {
    algorithmOid: '1.2.840.113549.1.1.11',
    algorithm: seq(oid('1.2.840.113549.1.1.11'), new Uint8Array([5, 0])),
    sign: (d) => new Uint8Array(sign('sha256', d, key.privateKey)),
  };
}

let serial = 1;

/** Certificate extensions; `false` in makeCertificate leaves them all out (a v1-style certificate). */
export interface CertExtensions {
  ca?: boolean;
  pathLength?: number;
  /** KeyUsage bit numbers (0 digitalSignature, 5 keyCertSign, 6 cRLSign); omitted: no extension. */
  keyUsage?: number[];
  pkup?: { notBefore?: Date; notAfter?: Date };
  /** Add SKI (from the subject key) and AKI (from the issuer key); default true. */
  keyIds?: boolean;
}

export function keyId(key: TestKey): Uint8Array {
  return new Uint8Array(createHash('sha1').update(key.spki).digest());
}

function generalizedTime(d: Date): Uint8Array {
  return new TextEncoder().encode(d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z');
}

function extension(extnOid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return seq(oid(extnOid), ...(critical ? [Uint8Array.of(1, 1, 0xff)] : []), octets(value));
}

function keyUsageBits(bits: number[]): Uint8Array {
  let v = 0;
  for (const b of bits) v |= 0x8000 >> b;
  const bytes = v & 0xff ? [v >> 8, v & 0xff] : [v >> 8];
  const last = bytes[bytes.length - 1]!;
  let unused = 0;
  while (last !== 0 && unused < 7 && !(last & (1 << unused))) unused++;
  return encodeTlv(0x03, Uint8Array.of(unused, ...bytes));
}

export function encodeExtensions(e: CertExtensions, subjectKey: TestKey, issuerKey: TestKey): Uint8Array {
  const list: Uint8Array[] = [];
  if (e.ca !== undefined || e.pathLength !== undefined)
    list.push(
      extension(
        '2.5.29.19',
        true,
        seq(
          ...(e.ca ? [Uint8Array.of(1, 1, 0xff)] : []),
          ...(e.pathLength !== undefined ? [int(e.pathLength)] : []),
        ),
      ),
    );
  if (e.keyUsage) list.push(extension('2.5.29.15', true, keyUsageBits(e.keyUsage)));
  if (e.keyIds ?? true) {
    list.push(extension('2.5.29.14', false, octets(keyId(subjectKey))));
    list.push(extension('2.5.29.35', false, seq(encodeTlv(0x80, keyId(issuerKey)))));
  }
  if (e.pkup)
    list.push(
      extension(
        '2.5.29.16',
        false,
        seq(
          ...(e.pkup.notBefore ? [encodeTlv(0x80, generalizedTime(e.pkup.notBefore))] : []),
          ...(e.pkup.notAfter ? [encodeTlv(0x81, generalizedTime(e.pkup.notAfter))] : []),
        ),
      ),
    );
  return list.length ? ctx(3, seq(...list)) : new Uint8Array(0);
}

export const CSCA_EXTENSIONS: CertExtensions = { ca: true, pathLength: 0, keyUsage: [5, 6] };
export const DS_EXTENSIONS: CertExtensions = { keyUsage: [0] };

export function makeCertificate(opts: {
  subject: string;
  issuer: string;
  subjectKey: TestKey;
  issuerKey: TestKey;
  notBefore?: Date;
  notAfter?: Date;
  extensions?: CertExtensions | false;
  hash?: 'sha256' | 'sha1';
}): Uint8Array {
  const s = signer(opts.issuerKey, opts.hash);
  const tbs = seq(
    ctx(0, int(2)),
    int(serial++),
    s.algorithm,
    name(opts.issuer),
    seq(
      time(opts.notBefore ?? new Date('2020-01-01T00:00:00Z')),
      time(opts.notAfter ?? new Date('2045-01-01T00:00:00Z')),
    ),
    name(opts.subject),
    opts.subjectKey.spki,
    opts.extensions ? encodeExtensions(opts.extensions, opts.subjectKey, opts.issuerKey) : new Uint8Array(0),
  );
  return seq(tbs, s.algorithm, bitString(s.sign(tbs)));
}

/** A CRL of `issuer` revoking `serials` (DER INTEGER encodings taken from certificates: see serialOf). */
export function makeCrl(opts: {
  issuer: string;
  issuerKey: TestKey;
  revoked: Uint8Array[];
  thisUpdate?: Date;
  nextUpdate?: Date;
}): Uint8Array {
  const s = signer(opts.issuerKey);
  const at = opts.thisUpdate ?? new Date('2026-01-01T00:00:00Z');
  const tbs = seq(
    int(1),
    s.algorithm,
    name(opts.issuer),
    time(at),
    time(opts.nextUpdate ?? new Date('2026-04-01T00:00:00Z')),
    ...(opts.revoked.length ? [seq(...opts.revoked.map((serialDer) => seq(serialDer, time(at))))] : []),
  );
  return seq(tbs, s.algorithm, bitString(s.sign(tbs)));
}

export function pemOf(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The serial number INTEGER (DER) of a certificate built here. */
export function serialOf(cert: Uint8Array): Uint8Array {
  return tbsField(cert, 1);
}
/** The issuer Name (DER) of a certificate built here. */
export function issuerOf(cert: Uint8Array): Uint8Array {
  return tbsField(cert, 3);
}
function tbsField(cert: Uint8Array, index: number): Uint8Array {
  const [c] = parseTlvList(cert);
  const [tbs] = parseTlvList(c!.value);
  const f = parseTlvList(tbs!.value)[index]!;
  return encodeTlv(f.tag, f.value);
}

export interface TestPki {
  csca: TestKey;
  cscaCert: Uint8Array;
  ds: TestKey;
  dsCert: Uint8Array;
  cscaName: string;
}

export function makePki(
  opts: {
    csca?: KeySpec;
    ds?: KeySpec;
    dsNotAfter?: Date;
    dsNotBefore?: Date;
    cscaName?: string;
    cscaExtensions?: CertExtensions | false;
    dsExtensions?: CertExtensions | false;
    /** Hash of the DS certificate's signature (the CSCA signs with it). */
    dsCertHash?: 'sha256' | 'sha1';
  } = {},
): TestPki {
  const cscaName = opts.cscaName ?? 'CSCA Test';
  const csca = generateKey(opts.csca ?? { type: 'ec', curve: 'P-384' });
  const ds = generateKey(opts.ds ?? { type: 'ec', curve: 'P-256' });
  const cscaCert = makeCertificate({
    subject: cscaName,
    issuer: cscaName,
    subjectKey: csca,
    issuerKey: csca,
    extensions: opts.cscaExtensions ?? CSCA_EXTENSIONS,
  });
  const dsCert = makeCertificate({
    subject: 'DS Test',
    issuer: cscaName,
    subjectKey: ds,
    issuerKey: csca,
    notBefore: opts.dsNotBefore ?? new Date('2021-01-01T00:00:00Z'),
    ...(opts.dsNotAfter ? { notAfter: opts.dsNotAfter } : {}),
    extensions: opts.dsExtensions ?? DS_EXTENSIONS,
    ...(opts.dsCertHash ? { hash: opts.dsCertHash } : {}),
  });
  return { csca, cscaCert, ds, dsCert, cscaName };
}

export function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
