/**
 * Card side of PACE (ICAO 9303-11 §4.4) with ECDH Generic Mapping: MSE:Set AT (INS 22, P1P2 C1A4) selects the
 * mechanism and password, then four chained GENERAL AUTHENTICATE commands (INS 86): encrypted nonce,
 * mapping, key agreement, mutual authentication. Written from the specification, not from the reader.
 */
import { createHash, randomBytes } from 'node:crypto';
import { equalBytes } from './bytes';
import { retailMac, tdesEncrypt } from './crypto';
import {
  CIPHER_ARC,
  CURVES,
  aesCbcEncrypt,
  cmac,
  fieldBytes,
  kdf,
  oidBytes,
  pointOf,
  randomScalar,
  toBigint,
  type CipherName,
  type CurveName,
  type Point,
} from './pace-crypto';
import type { SessionKeys } from './secure-messaging';
import { parseFlatTlv, tlv } from './tlv';

export interface PaceCardConfig {
  can: string;
  curve: CurveName;
  cipher: CipherName;
  /** The MRZ is accepted as a password (else only the CAN). */
  mrz: boolean;
}

/** id-PACE-ECDH-GM-<cipher>. */
export function paceOid(cipher: CipherName): string {
  return `0.4.0.127.0.7.2.2.4.2.${CIPHER_ARC[cipher]}`;
}

/** EF.CardAccess: SET { PACEInfo { id-PACE-ECDH-GM-…, version 2, parameterId } }. */
export function buildCardAccess(cfg: PaceCardConfig): Uint8Array {
  const paceInfo = tlv(
    0x30,
    tlv(0x06, oidBytes(paceOid(cfg.cipher))),
    tlv(0x02, new Uint8Array([2])),
    tlv(0x02, new Uint8Array([CURVES[cfg.curve].parameterId])),
  );
  return tlv(0x31, paceInfo);
}

export interface GaResult {
  status: number;
  data: Uint8Array;
  /** Set when the last step succeeded: the card enters secure messaging with these keys. */
  session?: SessionKeys;
}

/** Ephemeral randomness of the card (tests may fix it). */
export interface PaceCardRandom {
  nonce(length: number): Uint8Array;
  scalar(curve: CurveName): bigint;
}

export const defaultPaceRandom: PaceCardRandom = {
  nonce: (n) => new Uint8Array(randomBytes(n)),
  scalar: (c) => randomScalar(c),
};

const fail = (status: number): GaResult => ({ status, data: new Uint8Array(0) });

export class CardPace {
  private step = 0;
  private kPi: Uint8Array | null = null;
  private nonce: Uint8Array | null = null;
  private gHat: Point | null = null;
  private skMap = 0n;
  private skEph = 0n;
  private pkEphIc: Uint8Array | null = null;
  private pkEphIfd: Uint8Array | null = null;
  private keys: { enc: Uint8Array; mac: Uint8Array } | null = null;

  constructor(
    private readonly cfg: PaceCardConfig,
    private readonly mrzInformation: string,
    private readonly random: PaceCardRandom = defaultPaceRandom,
  ) {}

  /** MSE:Set AT data: 80 OID, 83 password reference (01 MRZ, 02 CAN), optional 84 parameter ID. */
  setAt(data: Uint8Array): number {
    const objects = parseFlatTlv(data);
    if (!objects) return 0x6a80;
    const oid = objects.find((o) => o.tag === 0x80)?.value;
    const ref = objects.find((o) => o.tag === 0x83)?.value;
    const param = objects.find((o) => o.tag === 0x84)?.value;
    if (!oid || !equalBytes(oid, oidBytes(paceOid(this.cfg.cipher)))) return 0x6a80;
    if (param && (param.length !== 1 || param[0] !== CURVES[this.cfg.curve].parameterId)) return 0x6a80;
    if (!ref || ref.length !== 1) return 0x6a80;
    let password: Uint8Array;
    if (ref[0] === 0x01 && this.cfg.mrz)
      password = new Uint8Array(createHash('sha1').update(this.mrzInformation, 'latin1').digest());
    else if (ref[0] === 0x02) password = new Uint8Array(Buffer.from(this.cfg.can, 'latin1'));
    else return 0x6a80;
    this.kPi = kdf(password, 3, this.cfg.cipher);
    this.step = 1;
    return 0x9000;
  }

  private mac(key: Uint8Array, data: Uint8Array): Uint8Array {
    return this.cfg.cipher === '3des' ? retailMac(key, data) : cmac(key, data).slice(0, 8);
  }

  private token(key: Uint8Array, point: Uint8Array): Uint8Array {
    const pkdo = tlv(0x7f49, tlv(0x06, oidBytes(paceOid(this.cfg.cipher))), tlv(0x86, point));
    return this.mac(key, pkdo);
  }

  /** One GENERAL AUTHENTICATE; `last` = CLA without the chaining bit. */
  generalAuthenticate(data: Uint8Array, last: boolean): GaResult {
    const outer = parseFlatTlv(data);
    if (!outer || outer.length !== 1 || outer[0]?.tag !== 0x7c) return this.abort(0x6a80);
    const inner = parseFlatTlv(outer[0].value);
    if (!inner) return this.abort(0x6a80);
    const get = (tag: number) => inner.find((o) => o.tag === tag)?.value;
    const { curve, size } = CURVES[this.cfg.curve];
    const G = curve.Point.BASE as Point;
    switch (this.step) {
      case 1: {
        if (last || inner.length !== 0) return this.abort(0x6985);
        const n = this.cfg.cipher === '3des' ? 8 : 16;
        this.nonce = this.random.nonce(n);
        const z =
          this.cfg.cipher === '3des'
            ? tdesEncrypt(this.kPi!, this.nonce)
            : aesCbcEncrypt(this.kPi!, this.nonce);
        this.step = 2;
        return { status: 0x9000, data: tlv(0x7c, tlv(0x80, z)) };
      }
      case 2: {
        const pk = get(0x81);
        const pkIfd = pk ? pointOf(this.cfg.curve, pk) : null;
        if (last || !pkIfd) return this.abort(0x6a80);
        this.skMap = this.random.scalar(this.cfg.curve);
        const pkMapIc = G.multiply(this.skMap);
        const h = pkIfd.multiply(this.skMap);
        this.gHat = G.multiply(toBigint(this.nonce!) % curve.Point.Fn.ORDER).add(h) as Point;
        this.step = 3;
        return { status: 0x9000, data: tlv(0x7c, tlv(0x82, pkMapIc.toBytes(false))) };
      }
      case 3: {
        const pk = get(0x83);
        const pkIfd = pk ? pointOf(this.cfg.curve, pk) : null;
        if (last || !pk || !pkIfd) return this.abort(0x6a80);
        this.skEph = this.random.scalar(this.cfg.curve);
        this.pkEphIc = this.gHat!.multiply(this.skEph).toBytes(false);
        if (equalBytes(this.pkEphIc, pk)) return this.abort(0x6a80);
        this.pkEphIfd = pk;
        const k = fieldBytes(pkIfd.multiply(this.skEph).toAffine().x, size);
        this.keys = { enc: kdf(k, 1, this.cfg.cipher), mac: kdf(k, 2, this.cfg.cipher) };
        this.step = 4;
        return { status: 0x9000, data: tlv(0x7c, tlv(0x84, this.pkEphIc)) };
      }
      case 4: {
        const t = get(0x85);
        if (!last || !t) return this.abort(0x6a80);
        const keys = this.keys!;
        // A wrong password gives another nonce, so another generator, so another token: 6300.
        if (!equalBytes(t, this.token(keys.mac, this.pkEphIc!))) return this.abort(0x6300);
        const tIc = this.token(keys.mac, this.pkEphIfd!);
        this.step = 0;
        const aes = this.cfg.cipher !== '3des';
        return {
          status: 0x9000,
          data: tlv(0x7c, tlv(0x86, tIc)),
          session: {
            ksEnc: keys.enc,
            ksMac: keys.mac,
            ssc: new Uint8Array(aes ? 16 : 8),
            cipher: aes ? 'aes' : '3des',
          },
        };
      }
      default:
        return fail(0x6985);
    }
  }

  private abort(status: number): GaResult {
    this.step = 0;
    return fail(status);
  }
}
