/**
 * Card-side secure messaging (ICAO 9303-11 §9.8), 3DES (BAC; PACE/CA with 3DES) or AES (PACE/CA with AES:
 * 16-byte SSC, IV = E(KS.enc, SSC), CMAC truncated to 8 bytes): unwrap protected commands, wrap responses.
 * Command data may come in DO'87' (padding-indicator 01) or, for odd INS, DO'85' (no indicator);
 * response data goes in DO'87', except for odd INS (B1) where it goes in DO'85'.
 */
import { concat, equalBytes } from './bytes';
import { pad, retailMac, tdesDecrypt, tdesEncrypt, unpad } from './crypto';
import { aesBlock, aesCbcDecrypt, aesCbcEncrypt, cmac, pad16, unpad16 } from './pace-crypto';
import { tlv, parseFlatTlv } from './tlv';
import type { CommandApdu } from './apdu';

export interface SessionKeys {
  ksEnc: Uint8Array;
  ksMac: Uint8Array;
  ssc: Uint8Array;
  /** Default 3DES. */
  cipher?: '3des' | 'aes';
}

export type UnwrapResult = { ok: true; command: CommandApdu } | { ok: false; reason: string };

function incrementSsc(ssc: Uint8Array): void {
  for (let i = ssc.length - 1; i >= 0; i--) {
    ssc[i] = ((ssc[i] ?? 0) + 1) & 0xff;
    if (ssc[i] !== 0) break;
  }
}

export class CardSecureMessaging {
  private readonly ksEnc: Uint8Array;
  private readonly ksMac: Uint8Array;
  private readonly ssc: Uint8Array;
  readonly aes: boolean;

  constructor(keys: SessionKeys) {
    this.ksEnc = new Uint8Array(keys.ksEnc);
    this.ksMac = new Uint8Array(keys.ksMac);
    this.ssc = new Uint8Array(keys.ssc);
    this.aes = keys.cipher === 'aes';
  }

  private pad(d: Uint8Array): Uint8Array {
    return this.aes ? pad16(d) : pad(d);
  }

  private mac(d: Uint8Array): Uint8Array {
    return this.aes ? cmac(this.ksMac, pad16(d)).slice(0, 8) : retailMac(this.ksMac, d);
  }

  private encrypt(d: Uint8Array): Uint8Array {
    return this.aes
      ? aesCbcEncrypt(this.ksEnc, d, aesBlock(this.ksEnc, this.ssc))
      : tdesEncrypt(this.ksEnc, d);
  }

  private decrypt(d: Uint8Array): Uint8Array | null {
    if (this.aes) return unpad16(aesCbcDecrypt(this.ksEnc, d, aesBlock(this.ksEnc, this.ssc)));
    return unpad(tdesDecrypt(this.ksEnc, d));
  }

  /** Current send sequence counter (a copy), for tests. */
  get sendSequenceCounter(): Uint8Array {
    return new Uint8Array(this.ssc);
  }

  /** Verifies DO'8E' and decrypts the data of a protected command (CLA with bits 0x0C). */
  unwrapCommand(c: CommandApdu): UnwrapResult {
    incrementSsc(this.ssc);
    const objects = parseFlatTlv(c.data);
    if (!objects) return { ok: false, reason: 'SM data objects are not valid BER-TLV' };
    let dataObject: { tag: number; value: Uint8Array; raw: Uint8Array } | null = null;
    let leObject: { value: Uint8Array; raw: Uint8Array } | null = null;
    let mac: Uint8Array | null = null;
    for (const o of objects) {
      const raw = tlv(o.tag, o.value);
      if ((o.tag === 0x87 || o.tag === 0x85) && !dataObject && !leObject && !mac)
        dataObject = { tag: o.tag, value: o.value, raw };
      else if (o.tag === 0x97 && !leObject && !mac) leObject = { value: o.value, raw };
      else if (o.tag === 0x8e && !mac) mac = o.value;
      else return { ok: false, reason: `unexpected SM data object ${o.tag.toString(16)}` };
    }
    if (!mac || mac.length !== 8) return { ok: false, reason: 'missing or short DO8E' };
    const header = this.pad(new Uint8Array([c.cla, c.ins, c.p1, c.p2]));
    const macInput = concat(
      this.ssc,
      header,
      dataObject?.raw ?? new Uint8Array(0),
      leObject?.raw ?? new Uint8Array(0),
    );
    if (!equalBytes(this.mac(macInput), mac)) return { ok: false, reason: 'command MAC mismatch' };

    let data: Uint8Array = new Uint8Array(0);
    if (dataObject) {
      let cryptogram = dataObject.value;
      if (dataObject.tag === 0x87) {
        if (cryptogram[0] !== 0x01) return { ok: false, reason: 'DO87 padding indicator is not 01' };
        cryptogram = cryptogram.subarray(1);
      }
      const block = this.aes ? 16 : 8;
      if (cryptogram.length === 0 || cryptogram.length % block !== 0)
        return { ok: false, reason: `cryptogram length not a multiple of ${block}` };
      const plain = this.decrypt(cryptogram);
      if (!plain) return { ok: false, reason: 'bad padding in cryptogram' };
      data = plain;
    }
    let ne: number | null = null;
    if (leObject) {
      const v = leObject.value;
      if (v.length === 1) ne = v[0] === 0 ? 256 : (v[0] ?? 0);
      else if (v.length === 2) {
        const le = ((v[0] ?? 0) << 8) | (v[1] ?? 0);
        ne = le === 0 ? 65536 : le;
      } else return { ok: false, reason: 'DO97 length must be 1 or 2' };
    }
    return {
      ok: true,
      command: { cla: c.cla & ~0x0c, ins: c.ins, p1: c.p1, p2: c.p2, data, ne, extended: c.extended },
    };
  }

  /** Builds DO'87'/DO'85' ‖ DO'99' ‖ DO'8E' ‖ SW for a response (`omitDo99`: the `no-do99` fault). */
  wrapResponse(data: Uint8Array, status: number, oddIns: boolean, omitDo99 = false): Uint8Array {
    incrementSsc(this.ssc);
    const swBytes = new Uint8Array([(status >> 8) & 0xff, status & 0xff]);
    let dataObject: Uint8Array = new Uint8Array(0);
    if (data.length > 0) {
      const cryptogram = this.encrypt(this.pad(data));
      dataObject = oddIns ? tlv(0x85, cryptogram) : tlv(0x87, new Uint8Array([0x01]), cryptogram);
    }
    const do99 = omitDo99 ? new Uint8Array(0) : tlv(0x99, swBytes);
    const mac = this.mac(concat(this.ssc, dataObject, do99));
    return concat(dataObject, do99, tlv(0x8e, mac), swBytes);
  }
}

/** Length of DO'87'/DO'85' ‖ DO'99' ‖ DO'8E' for `dataLength` plaintext bytes (without the SW). */
export function protectedResponseLength(dataLength: number, oddIns: boolean, block = 8): number {
  let dataObject = 0;
  if (dataLength > 0) {
    const value = (Math.floor(dataLength / block) + 1) * block + (oddIns ? 0 : 1);
    dataObject = 1 + (value < 0x80 ? 1 : value <= 0xff ? 2 : value <= 0xffff ? 3 : 4) + value;
  }
  return dataObject + 4 + 10;
}
