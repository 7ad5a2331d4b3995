/**
 * SecurityInfos (ICAO 9303-11 §9.2, BSI TR-03110-3 A.1): the SET in EF.CardAccess and in DG14. Typed:
 * PACEInfo, PACEDomainParameterInfo, ChipAuthenticationInfo, ChipAuthenticationPublicKeyInfo,
 * TerminalAuthenticationInfo, ActiveAuthenticationInfo; anything else is kept as `other` (ignored).
 * Malformed input throws ChipError `chip-lds-malformed` (or `chip-tlv-malformed`), never anything else.
 */
import { ChipError } from '../errors';
import { parseTlvList, type Tlv } from '../tlv';
import { decodeOid, decodeSmallInteger } from './der';
import { parseSpki, type PublicKey } from './public-key';

export const OID_BSI = '0.4.0.127.0.7.2.2';
export const OID_PK = `${OID_BSI}.1`;
export const OID_TA = `${OID_BSI}.2`;
export const OID_CA = `${OID_BSI}.3`;
export const OID_PACE = `${OID_BSI}.4`;
export const OID_AA_INFO = '2.23.136.1.1.5';

export type KeyAgreement = 'DH' | 'ECDH';
export type SmCipherName = '3des' | 'aes';
export type PaceMapping = 'GM' | 'IM' | 'CAM';

export interface CipherSpec {
  cipher: SmCipherName;
  /** Session key length in bytes: 16 (3DES, AES-128), 24, 32. */
  keyLength: 16 | 24 | 32;
}

export type SecurityInfo = { oid: string; raw: Uint8Array } & (
  | ({
      kind: 'pace';
      version: number;
      parameterId: number | null;
      agreement: KeyAgreement;
      mapping: PaceMapping;
    } & CipherSpec)
  | { kind: 'pace-domain-parameters'; parameterId: number | null }
  | ({ kind: 'ca'; version: number; keyId: number | null; agreement: KeyAgreement } & CipherSpec)
  | { kind: 'ca-public-key'; agreement: KeyAgreement; publicKey: PublicKey; keyId: number | null }
  | { kind: 'ta'; version: number }
  | { kind: 'aa'; version: number; signatureOid: string | null }
  | { kind: 'other' }
);

/** The last arc of a PACE/CA OID → cipher: 1 3DES-CBC-CBC, 2 AES-CBC-CMAC-128, 3 -192, 4 -256. */
export function cipherOfArc(arc: number): CipherSpec | null {
  switch (arc) {
    case 1:
      return { cipher: '3des', keyLength: 16 };
    case 2:
      return { cipher: 'aes', keyLength: 16 };
    case 3:
      return { cipher: 'aes', keyLength: 24 };
    case 4:
      return { cipher: 'aes', keyLength: 32 };
    default:
      return null;
  }
}

const PACE_KIND: Record<number, [KeyAgreement, PaceMapping]> = {
  1: ['DH', 'GM'],
  2: ['ECDH', 'GM'],
  3: ['DH', 'IM'],
  4: ['ECDH', 'IM'],
  6: ['ECDH', 'CAM'],
};

function integer(t: Tlv | undefined, what: string): number {
  if (!t || t.tag !== 0x02) throw new ChipError('chip-lds-malformed', `${what}: INTEGER expected`);
  return decodeSmallInteger(t.value);
}

function optionalInteger(t: Tlv | undefined): number | null {
  return t && t.tag === 0x02 && t.value.length > 0 && t.value.length <= 4
    ? decodeSmallInteger(t.value)
    : null;
}

function arcs(oid: string, prefix: string): number[] | null {
  if (!oid.startsWith(`${prefix}.`)) return null;
  return oid
    .slice(prefix.length + 1)
    .split('.')
    .map(Number);
}

/** One SecurityInfo SEQUENCE (its value = OID, requiredData, optionalData). */
export function parseSecurityInfo(info: Tlv, raw: Uint8Array): SecurityInfo {
  if (info.tag !== 0x30) throw new ChipError('chip-lds-malformed', 'SecurityInfo is not a SEQUENCE');
  const [oidTlv, ...rest] = parseTlvList(info.value);
  if (!oidTlv || oidTlv.tag !== 0x06) throw new ChipError('chip-lds-malformed', 'SecurityInfo without OID');
  const oid = decodeOid(oidTlv.value);
  const base = { oid, raw };
  const pace = arcs(oid, OID_PACE);
  if (pace) {
    if (pace.length === 2 && PACE_KIND[pace[0]!] && cipherOfArc(pace[1]!)) {
      const [agreement, mapping] = PACE_KIND[pace[0]!]!;
      return {
        ...base,
        kind: 'pace',
        version: integer(rest[0], 'PACEInfo version'),
        parameterId: optionalInteger(rest[1]),
        agreement,
        mapping,
        ...cipherOfArc(pace[1]!)!,
      };
    }
    if (
      pace.length === 1 &&
      (pace[0] === 1 || pace[0] === 2 || pace[0] === 3 || pace[0] === 4 || pace[0] === 6)
    )
      return { ...base, kind: 'pace-domain-parameters', parameterId: optionalInteger(rest[1]) };
    return { ...base, kind: 'other' };
  }
  const ca = arcs(oid, OID_CA);
  if (ca && ca.length === 2 && (ca[0] === 1 || ca[0] === 2) && cipherOfArc(ca[1]!)) {
    return {
      ...base,
      kind: 'ca',
      version: integer(rest[0], 'ChipAuthenticationInfo version'),
      keyId: optionalInteger(rest[1]),
      agreement: ca[0] === 1 ? 'DH' : 'ECDH',
      ...cipherOfArc(ca[1]!)!,
    };
  }
  const pk = arcs(oid, OID_PK);
  if (pk && pk.length === 1 && (pk[0] === 1 || pk[0] === 2)) {
    const spki = rest[0];
    if (!spki || spki.tag !== 0x30)
      throw new ChipError('chip-lds-malformed', 'ChipAuthenticationPublicKeyInfo without a key');
    const start = info.value.length - rest.reduce((n, r) => n + r.totalLength, 0);
    return {
      ...base,
      kind: 'ca-public-key',
      agreement: pk[0] === 1 ? 'DH' : 'ECDH',
      publicKey: parseSpki(info.value.subarray(start, start + spki.totalLength)),
      keyId: optionalInteger(rest[1]),
    };
  }
  if (oid === OID_TA || arcs(oid, OID_TA))
    return { ...base, kind: 'ta', version: optionalInteger(rest[0]) ?? 0 };
  if (oid === OID_AA_INFO) {
    const sig = rest.find((r) => r.tag === 0x06);
    return {
      ...base,
      kind: 'aa',
      version: optionalInteger(rest[0]) ?? 0,
      signatureOid: sig ? decodeOid(sig.value) : null,
    };
  }
  return { ...base, kind: 'other' };
}

/** The content of a SET OF SecurityInfo. */
export function parseSecurityInfoSet(setValue: Uint8Array): SecurityInfo[] {
  const out: SecurityInfo[] = [];
  let at = 0;
  for (const info of parseTlvList(setValue)) {
    const raw = setValue.subarray(at, at + info.totalLength);
    at += info.totalLength;
    out.push(parseSecurityInfo(info, raw));
  }
  return out;
}
