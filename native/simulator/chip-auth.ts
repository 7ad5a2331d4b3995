/**
 * Card side of Chip Authentication (ICAO 9303-11 §6.2, BSI TR-03110-3): a static ECDH key pair whose public
 * half is in DG14 (ChipAuthenticationPublicKeyInfo + ChipAuthenticationInfo); under secure messaging the
 * terminal sends MSE:Set AT (P1P2 41A4, 80 id-CA-ECDH-…, optional 84 key ID) and GENERAL AUTHENTICATE with its
 * ephemeral public key (7C { 80 PK }); the card answers 7C 00 under the old keys and switches to
 * KS = KDF(x(SK_IC · PK_IFD), 1|2), SSC = 0. The key is derived from the profile id (test-only).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { equalBytes } from './bytes';
import {
  CIPHER_ARC,
  CURVES,
  fieldBytes,
  kdf,
  oidBytes,
  pointOf,
  toBigint,
  type CipherName,
  type CurveName,
} from './pace-crypto';
import type { SessionKeys } from './secure-messaging';
import { parseFlatTlv } from './tlv';

export interface CaCardConfig {
  curve: CurveName;
  cipher: CipherName;
  keyId: number;
  /** Only MSE:Set KAT (41A6, 91 PK_IFD): the keys change at once, no GENERAL AUTHENTICATE. */
  kat?: boolean;
}

export interface CaKey {
  curve: CurveName;
  privateKey: bigint;
  /** Uncompressed point. */
  publicKey: Uint8Array;
}

export const OID_PK_ECDH = '0.4.0.127.0.7.2.2.1.2';
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

export function caOid(cipher: CipherName): string {
  return `0.4.0.127.0.7.2.2.3.2.${CIPHER_ARC[cipher]}`;
}

export function deriveCaKey(label: string, curve: CurveName): CaKey {
  const { curve: c } = CURVES[curve];
  for (let counter = 0; ; counter++) {
    const seed = createHash('sha512').update(`ca-key:${label}:${counter}`).digest();
    const k = toBigint(new Uint8Array(seed)) % c.Point.Fn.ORDER;
    if (k > 0n) return { curve, privateKey: k, publicKey: c.Point.BASE.multiply(k).toBytes(false) };
  }
}

/** The two DG14 SecurityInfos for Chip Authentication (DER SEQUENCEs). */
export function caSecurityInfos(cfg: CaCardConfig, key: CaKey): asn1js.Sequence[] {
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: OID_EC_PUBLIC_KEY }),
          new asn1js.ObjectIdentifier({ value: CURVES[cfg.curve].oid }),
        ],
      }),
      new asn1js.BitString({ valueHex: key.publicKey, unusedBits: 0 }),
    ],
  });
  return [
    new asn1js.Sequence({
      value: [
        new asn1js.ObjectIdentifier({ value: caOid(cfg.cipher) }),
        new asn1js.Integer({ value: 1 }),
        new asn1js.Integer({ value: cfg.keyId }),
      ],
    }),
    new asn1js.Sequence({
      value: [
        new asn1js.ObjectIdentifier({ value: OID_PK_ECDH }),
        spki,
        new asn1js.Integer({ value: cfg.keyId }),
      ],
    }),
  ];
}

export class CardChipAuthentication {
  private armed = false;

  constructor(
    private readonly cfg: CaCardConfig,
    /** The key the card really holds (differs from DG14's under the `ca-fail` fault). */
    private readonly key: CaKey,
  ) {}

  /** MSE:Set KAT (3DES chips of CA version 1): 91 PK_IFD, optional 84 key ID → new session keys. */
  setKat(data: Uint8Array): { status: number; session?: SessionKeys } {
    if (!this.cfg.kat) return { status: 0x6a80 };
    const objects = parseFlatTlv(data);
    const pk = objects?.find((o) => o.tag === 0x91)?.value;
    const keyId = objects?.find((o) => o.tag === 0x84)?.value;
    if (keyId && (keyId.length !== 1 || keyId[0] !== this.cfg.keyId)) return { status: 0x6a88 };
    return this.agree(pk);
  }

  /** MSE:Set AT for CA. */
  setAt(data: Uint8Array): number {
    if (this.cfg.kat) return 0x6a80;
    const objects = parseFlatTlv(data);
    const oid = objects?.find((o) => o.tag === 0x80)?.value;
    const keyId = objects?.find((o) => o.tag === 0x84)?.value;
    if (!oid || !equalBytes(oid, oidBytes(caOid(this.cfg.cipher)))) return 0x6a80;
    if (keyId && (keyId.length !== 1 || keyId[0] !== this.cfg.keyId)) return 0x6a88;
    this.armed = true;
    return 0x9000;
  }

  /** GENERAL AUTHENTICATE 7C { 80 PK_IFD } → new session keys, or an error status. */
  generalAuthenticate(data: Uint8Array): { status: number; session?: SessionKeys } {
    if (!this.armed) return { status: 0x6985 };
    this.armed = false;
    const outer = parseFlatTlv(data);
    if (!outer || outer.length !== 1 || outer[0]?.tag !== 0x7c) return { status: 0x6a80 };
    return this.agree(parseFlatTlv(outer[0].value)?.find((o) => o.tag === 0x80)?.value);
  }

  private agree(pk: Uint8Array | undefined): { status: number; session?: SessionKeys } {
    const point = pk ? pointOf(this.key.curve, pk) : null;
    if (!point) return { status: 0x6a80 };
    const k = fieldBytes(point.multiply(this.key.privateKey).toAffine().x, CURVES[this.key.curve].size);
    const aes = this.cfg.cipher !== '3des';
    return {
      status: 0x9000,
      session: {
        ksEnc: kdf(k, 1, this.cfg.cipher),
        ksMac: kdf(k, 2, this.cfg.cipher),
        ssc: new Uint8Array(aes ? 16 : 8),
        cipher: aes ? 'aes' : '3des',
      },
    };
  }
}
