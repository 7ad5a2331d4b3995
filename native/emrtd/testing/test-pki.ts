/** Test-only PKI: a CSCA and Document Signers generated with node:crypto (EC P-256/P-384, brainpool, RSA, RSA-PSS). */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { bitString, ctx, int, name, oid, seq, time } from './der-builder';

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
export function signer(key: TestKey): {
  algorithm: Uint8Array;
  algorithmOid: string;
  sign(data: Uint8Array): Uint8Array;
} {
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

export function makeCertificate(opts: {
  subject: string;
  issuer: string;
  subjectKey: TestKey;
  issuerKey: TestKey;
  notBefore?: Date;
  notAfter?: Date;
}): Uint8Array {
  const s = signer(opts.issuerKey);
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
  );
  return seq(tbs, s.algorithm, bitString(s.sign(tbs)));
}

export interface TestPki {
  csca: TestKey;
  cscaCert: Uint8Array;
  ds: TestKey;
  dsCert: Uint8Array;
  cscaName: string;
}

export function makePki(
  opts: { csca?: KeySpec; ds?: KeySpec; dsNotAfter?: Date; cscaName?: string } = {},
): TestPki {
  const cscaName = opts.cscaName ?? 'CSCA Test';
  const csca = generateKey(opts.csca ?? { type: 'ec', curve: 'P-384' });
  const ds = generateKey(opts.ds ?? { type: 'ec', curve: 'P-256' });
  const cscaCert = makeCertificate({
    subject: cscaName,
    issuer: cscaName,
    subjectKey: csca,
    issuerKey: csca,
  });
  const dsCert = makeCertificate({
    subject: 'DS Test',
    issuer: cscaName,
    subjectKey: ds,
    issuerKey: csca,
    notBefore: new Date('2021-01-01T00:00:00Z'),
    ...(opts.dsNotAfter ? { notAfter: opts.dsNotAfter } : {}),
  });
  return { csca, cscaCert, ds, dsCert, cscaName };
}

export function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}
