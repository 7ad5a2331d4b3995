/**
 * Secure messaging (ICAO 9303-11 §9.8) with 3DES (BAC, PACE/CA with 3DES) or AES (PACE/CA with AES-128/192/256)
 * session keys: wraps command APDUs into DO'87/DO'97/DO'8E and unwraps responses, verifying DO'8E over
 * DO'87/DO'99 on every response. 3DES: 8-byte SSC, CBC with a zero IV, retail MAC. AES: 16-byte SSC,
 * CBC with IV = E(KS.enc, SSC), CMAC over the input padded to 16 bytes, truncated to 8 bytes.
 */
import { concat, equalBytes } from './bytes';
import { encodeApdu, needsExtended, splitResponse, type CommandApdu } from './apdu';
import { aesCbcDecrypt, aesCbcEncrypt, aesCmac, aesEncryptBlock, pad16, unpad16 } from './crypto/aes';
import { pad, retailMac, tdesDecrypt, tdesEncrypt, unpad } from './crypto/des';
import { ChipError } from './errors';
import { encodeTlv, parseTlvList } from './tlv';

export interface UnwrappedResponse {
  data: Uint8Array;
  sw: number;
  /** The chip answered without secure messaging (plain error SW): the SM session is over. */
  plain: boolean;
}

export type SmCipher = '3des' | 'aes';

interface Suite {
  pad(data: Uint8Array): Uint8Array;
  unpad(data: Uint8Array): Uint8Array;
  encrypt(data: Uint8Array, ssc: Uint8Array): Uint8Array;
  decrypt(data: Uint8Array, ssc: Uint8Array): Uint8Array;
  /** MAC over `data` (the suite pads it). */
  mac(data: Uint8Array): Uint8Array;
}

function suiteOf(cipher: SmCipher, ksEnc: Uint8Array, ksMac: Uint8Array): Suite {
  if (cipher === '3des')
    return {
      pad,
      unpad,
      encrypt: (d) => tdesEncrypt(ksEnc, d),
      decrypt: (d) => tdesDecrypt(ksEnc, d),
      mac: (d) => retailMac(ksMac, d),
    };
  return {
    pad: pad16,
    unpad: unpad16,
    encrypt: (d, ssc) => aesCbcEncrypt(ksEnc, d, aesEncryptBlock(ksEnc, ssc)),
    decrypt: (d, ssc) => aesCbcDecrypt(ksEnc, d, aesEncryptBlock(ksEnc, ssc)),
    mac: (d) => aesCmac(ksMac, pad16(d)).subarray(0, 8),
  };
}

export class SecureMessaging {
  private ssc: Uint8Array;
  private readonly suite: Suite;

  /** `ssc` is 8 bytes for 3DES, 16 for AES (PACE and CA start it at zero). */
  constructor(
    readonly ksEnc: Uint8Array,
    readonly ksMac: Uint8Array,
    ssc: Uint8Array,
    readonly cipher: SmCipher = '3des',
  ) {
    this.ssc = Uint8Array.from(ssc);
    this.suite = suiteOf(cipher, ksEnc, ksMac);
  }

  /** Largest READ BINARY plaintext whose protected answer fits a short (256-byte) response. */
  get maxShortBlock(): number {
    return this.cipher === 'aes' ? 223 : 231;
  }

  /** Current send sequence counter (copy). */
  get sendSequenceCounter(): Uint8Array {
    return Uint8Array.from(this.ssc);
  }

  private incrementSsc(): void {
    for (let i = this.ssc.length - 1; i >= 0; i--) {
      this.ssc[i] = (this.ssc[i]! + 1) & 0xff;
      if (this.ssc[i] !== 0) break;
    }
  }

  /** Protects a command; increments the SSC. */
  wrap(cmd: CommandApdu): Uint8Array {
    const extended = needsExtended(cmd);
    const cla = cmd.cla | 0x0c;
    const header = Uint8Array.of(cla, cmd.ins, cmd.p1, cmd.p2);
    this.incrementSsc();
    let do87: Uint8Array = new Uint8Array(0);
    if (cmd.data && cmd.data.length > 0) {
      const enc = this.suite.encrypt(this.suite.pad(cmd.data), this.ssc);
      // Odd INS (e.g. READ BINARY B1) carries BER-TLV data: DO'85 without the padding-content indicator.
      do87 = cmd.ins & 1 ? encodeTlv(0x85, enc) : encodeTlv(0x87, concat(Uint8Array.of(0x01), enc));
    }
    let do97: Uint8Array = new Uint8Array(0);
    if (cmd.le !== undefined) {
      const le = extended
        ? cmd.le === 65536
          ? Uint8Array.of(0, 0)
          : Uint8Array.of(cmd.le >> 8, cmd.le & 0xff)
        : Uint8Array.of(cmd.le === 256 ? 0 : cmd.le);
      do97 = encodeTlv(0x97, le);
    }
    const mac = this.suite.mac(concat(this.ssc, this.suite.pad(header), do87, do97));
    const body = concat(do87, do97, encodeTlv(0x8e, mac));
    return encodeApdu({
      cla,
      ins: cmd.ins,
      p1: cmd.p1,
      p2: cmd.p2,
      data: body,
      le: extended ? 65536 : 256,
      extended,
    });
  }

  /** Verifies and decrypts a response; increments the SSC. */
  unwrap(response: Uint8Array): UnwrappedResponse {
    const { data, sw } = splitResponse(response);
    this.incrementSsc();
    if (data.length === 0) {
      if (sw === 0x9000) throw new ChipError('chip-sm-malformed', 'SM response without data objects');
      return { data, sw, plain: true };
    }
    let objects;
    try {
      objects = parseTlvList(data);
    } catch {
      throw new ChipError('chip-sm-malformed', 'SM response is not BER-TLV');
    }
    const macInput: Uint8Array[] = [];
    let cryptogram: Uint8Array | null = null;
    let paddingIndicator = false;
    let do99: Uint8Array | null = null;
    let cc: Uint8Array | null = null;
    let at = 0;
    for (const o of objects) {
      const raw = data.subarray(at, at + o.totalLength);
      at += o.totalLength;
      if (cc) throw new ChipError('chip-sm-malformed', 'data after DO8E');
      if (o.tag === 0x87 || o.tag === 0x85) {
        cryptogram = o.value;
        paddingIndicator = o.tag === 0x87;
        macInput.push(raw);
      } else if (o.tag === 0x99) {
        if (o.value.length !== 2) throw new ChipError('chip-sm-malformed', 'DO99 must be 2 bytes');
        do99 = o.value;
        macInput.push(raw);
      } else if (o.tag === 0x8e) {
        cc = o.value;
      } else {
        throw new ChipError('chip-sm-malformed', `unexpected SM data object ${o.tag.toString(16)}`);
      }
    }
    if (!cc || cc.length !== 8) throw new ChipError('chip-sm-malformed', 'DO8E missing');
    // DO'99' is optional in practice (JMRTD accepts its absence): the MAC covers what is present and the
    // outer status word is the answer.
    const expected = this.suite.mac(concat(this.ssc, ...macInput));
    if (!equalBytes(expected, cc)) throw new ChipError('chip-sm-mac-invalid', 'response MAC does not verify');
    const innerSw = do99 ? (do99[0]! << 8) | do99[1]! : sw;
    let plainData: Uint8Array = new Uint8Array(0);
    if (cryptogram) {
      let enc = cryptogram;
      if (paddingIndicator) {
        if (enc[0] !== 0x01) throw new ChipError('chip-sm-malformed', 'DO87 padding indicator must be 01');
        enc = enc.subarray(1);
      }
      plainData = this.suite.unpad(this.suite.decrypt(enc, this.ssc));
    }
    return { data: plainData, sw: innerSw, plain: false };
  }
}
