/**
 * EF.SOD (tag 77): CMS SignedData (RFC 5652) whose content is an LDSSecurityObject (ICAO 9303-10 §4.6.2)
 * with SHA-256 hashes of the data groups, signed by a Document Signer with deterministic ECDSA P-256.
 */
import { createHash } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { tlv } from '../tlv';
import type { DocumentSigner } from '../pki';

export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
export const OID_LDS_SECURITY_OBJECT = '2.23.136.1.1.1';
export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

const der = (o: asn1js.BaseBlock): Uint8Array => new Uint8Array(o.toBER(false));
const oid = (value: string): Uint8Array => der(new asn1js.ObjectIdentifier({ value }));
const integer = (value: number): Uint8Array => der(new asn1js.Integer({ value }));
const octets = (value: Uint8Array): Uint8Array => tlv(0x04, value);
const algorithm = (o: string): Uint8Array => tlv(0x30, oid(o));

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

/** DER SET OF: elements sorted by their encodings. */
function setOf(tag: number, elements: Uint8Array[]): Uint8Array {
  return tlv(tag, ...[...elements].sort(compareBytes));
}

export function buildLdsSecurityObject(dgHashes: Map<number, Uint8Array>): Uint8Array {
  const values = [...dgHashes.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([dg, hash]) => tlv(0x30, integer(dg), octets(hash)));
  return tlv(0x30, integer(0), algorithm(OID_SHA256), tlv(0x30, ...values));
}

export interface SodOptions {
  signer: DocumentSigner;
  signingTime: Date;
  /** Corrupts the signature after signing (fault `bad-sod-signature`). */
  corruptSignature?: boolean;
}

export function buildSod(dataGroups: Map<number, Uint8Array>, opts: SodOptions): Uint8Array {
  const hashes = new Map([...dataGroups.entries()].map(([dg, bytes]) => [dg, sha256(bytes)] as const));
  const ldsSo = buildLdsSecurityObject(hashes);

  const cert = pkijs.Certificate.fromBER(new Uint8Array(opts.signer.certificateDer));
  const issuerDer = der(cert.issuer.toSchema());
  const serialDer = der(cert.serialNumber);

  const attributes = [
    tlv(0x30, oid(OID_CONTENT_TYPE), tlv(0x31, oid(OID_LDS_SECURITY_OBJECT))),
    tlv(0x30, oid(OID_SIGNING_TIME), tlv(0x31, der(new asn1js.UTCTime({ valueDate: opts.signingTime })))),
    tlv(0x30, oid(OID_MESSAGE_DIGEST), tlv(0x31, octets(sha256(ldsSo)))),
  ];
  const signedAttrsForSignature = setOf(0x31, attributes);
  const signature = p256.sign(signedAttrsForSignature, opts.signer.privateKey, {
    prehash: true,
    format: 'der',
  });
  const sig = new Uint8Array(signature);
  if (opts.corruptSignature) sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 0x01;

  const signerInfo = tlv(
    0x30,
    integer(1),
    tlv(0x30, issuerDer, serialDer),
    algorithm(OID_SHA256),
    setOf(0xa0, attributes), // [0] IMPLICIT SET OF Attribute
    algorithm(OID_ECDSA_WITH_SHA256),
    octets(sig),
  );
  const signedData = tlv(
    0x30,
    integer(3),
    tlv(0x31, algorithm(OID_SHA256)),
    tlv(0x30, oid(OID_LDS_SECURITY_OBJECT), tlv(0xa0, octets(ldsSo))),
    tlv(0xa0, opts.signer.certificateDer),
    tlv(0x31, signerInfo),
  );
  const contentInfo = tlv(0x30, oid(OID_SIGNED_DATA), tlv(0xa0, signedData));
  return tlv(0x77, contentInfo);
}
