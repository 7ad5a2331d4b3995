/**
 * Test-only chip: an in-memory ICAO 9303 card with BAC and secure messaging, plus fault switches for the
 * reading-strategy tests. The real card double for integration lives in native/simulator (another owner).
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { concat, equalBytes, xor } from '../bytes';
import { pad, retailMac, tdesDecrypt, tdesEncrypt, unpad } from '../crypto/des';
import { deriveBacKeys, deriveKey, type BacKey } from '../keys';
import { LDS_FILES, type LdsFileName } from '../lds/files';
import { encodeTlv, parseTlvList } from '../tlv';
import { PcscError } from '../../pcsc/errors';
import type { CardTransport } from '../../pcsc/card-transport';

export interface FakeChipOptions {
  files: Partial<Record<LdsFileName, Uint8Array>>;
  key: BacKey;
  /** Chip accepts extended-length READ BINARY (default true). */
  chipExtended?: boolean;
  /** Transport passes extended APDUs (default true). */
  transportExtended?: boolean;
  /** Short reads with Le above this answer 6700 (default 256). */
  maxShortLe?: number;
  /** Short-file-ID reads supported (default true). */
  sfi?: boolean;
  /** Throw PcscError card-removed when this APDU number (1-based) is sent. */
  removeAtApdu?: number;
  /** Corrupt the response MAC of this APDU number once. */
  corruptMacAtApdu?: number;
  /** AA: sign the challenge with this key ('rsa' → ISO 9796-2 SHA-1, 'ec' → plain ECDSA SHA-256). */
  aa?: { kind: 'rsa' | 'ec'; privateKey: KeyObject; wrong?: boolean };
}

export class FakeChip implements CardTransport {
  readonly readerName = 'Fake Chip Reader';
  readonly extendedLength: boolean;
  apdus = 0;
  b1Reads = 0;
  log: string[] = [];
  private rndIc: Uint8Array | null = null;
  private session: { ksEnc: Uint8Array; ksMac: Uint8Array; ssc: Uint8Array } | null = null;
  private selected: LdsFileName | null = null;
  private appletSelected = false;
  removed = false;

  constructor(readonly opts: FakeChipOptions) {
    this.extendedLength = opts.transportExtended ?? true;
  }

  private inc(): void {
    const s = this.session!.ssc;
    for (let i = s.length - 1; i >= 0; i--) {
      s[i] = (s[i]! + 1) & 0xff;
      if (s[i] !== 0) break;
    }
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    this.apdus++;
    if (this.removed || this.apdus === this.opts.removeAtApdu) {
      this.removed = true;
      throw new PcscError('pcsc-card-removed', 'card removed (fake)');
    }
    const ins = apdu[1]!;
    this.log.push(Buffer.from(apdu.subarray(0, 4)).toString('hex'));
    if ((apdu[0]! & 0x0c) !== 0x0c) return this.plain(apdu);
    if (!this.session) return Uint8Array.of(0x69, 0x82);
    return this.secure(apdu, ins);
  }

  private plain(apdu: Uint8Array): Uint8Array {
    const ins = apdu[1]!;
    if (ins === 0xa4 && apdu[2] === 0x04) {
      this.appletSelected = true;
      this.session = null;
      return Uint8Array.of(0x90, 0x00);
    }
    if (!this.appletSelected) return Uint8Array.of(0x6d, 0x00);
    if (ins === 0x84) {
      this.rndIc = new Uint8Array(randomBytes(8));
      return concat(this.rndIc, Uint8Array.of(0x90, 0x00));
    }
    if (ins === 0x82) {
      const { kEnc, kMac } = deriveBacKeys(this.opts.key);
      const data = apdu.subarray(5, 5 + 40);
      if (!this.rndIc || !equalBytes(retailMac(kMac, data.subarray(0, 32)), data.subarray(32)))
        return Uint8Array.of(0x63, 0x00);
      const s = tdesDecrypt(kEnc, data.subarray(0, 32));
      if (!equalBytes(s.subarray(8, 16), this.rndIc)) return Uint8Array.of(0x63, 0x00);
      const rndIfd = s.subarray(0, 8);
      const kIfd = s.subarray(16, 32);
      const kIc = new Uint8Array(randomBytes(16));
      const r = tdesEncrypt(kEnc, concat(this.rndIc, rndIfd, kIc));
      const seed = xor(kIfd, kIc);
      this.session = {
        ksEnc: deriveKey(seed, 1),
        ksMac: deriveKey(seed, 2),
        ssc: concat(this.rndIc.subarray(4), rndIfd.subarray(4)),
      };
      this.selected = null;
      return concat(r, retailMac(kMac, r), Uint8Array.of(0x90, 0x00));
    }
    this.session = null;
    return Uint8Array.of(0x69, 0x82);
  }

  private secure(apdu: Uint8Array, ins: number): Uint8Array {
    const s = this.session!;
    // Parse: header, Lc (1 or 3 bytes), body, Le.
    let lc: number;
    let at: number;
    let extended = false;
    if (apdu[4] === 0 && apdu.length > 7) {
      extended = true;
      lc = (apdu[5]! << 8) | apdu[6]!;
      at = 7;
    } else {
      lc = apdu[4]!;
      at = 5;
    }
    if (extended && !this.extendedLength)
      throw new PcscError('pcsc-failed', 'reader cannot pass extended APDUs');
    const body = apdu.subarray(at, at + lc);
    const dos = parseTlvList(body);
    const do87 = dos.find((d) => d.tag === 0x87 || d.tag === 0x85);
    const do97 = dos.find((d) => d.tag === 0x97);
    const do8e = dos.find((d) => d.tag === 0x8e);
    this.inc();
    const macData = concat(
      s.ssc,
      pad(apdu.subarray(0, 4)),
      do87 ? encodeTlv(do87.tag, do87.value) : new Uint8Array(0),
      do97 ? encodeTlv(0x97, do97.value) : new Uint8Array(0),
    );
    if (!do8e || !equalBytes(retailMac(s.ksMac, macData), do8e.value)) {
      this.session = null;
      return Uint8Array.of(0x69, 0x88);
    }
    let data: Uint8Array = new Uint8Array(0);
    if (do87) data = unpad(tdesDecrypt(s.ksEnc, do87.tag === 0x87 ? do87.value.subarray(1) : do87.value));
    let le = 0;
    if (do97) {
      le = do97.value.length === 1 ? do97.value[0]! || 256 : (do97.value[0]! << 8) | do97.value[1]! || 65536;
    }
    const [out, sw] = this.execute(ins, apdu[2]!, apdu[3]!, data, le, extended);
    return this.respond(out, sw);
  }

  private respond(out: Uint8Array, sw: number): Uint8Array {
    const s = this.session!;
    this.inc();
    const do87 =
      out.length > 0
        ? encodeTlv(0x87, concat(Uint8Array.of(1), tdesEncrypt(s.ksEnc, pad(out))))
        : new Uint8Array(0);
    const do99 = encodeTlv(0x99, Uint8Array.of(sw >> 8, sw & 0xff));
    const mac = retailMac(s.ksMac, concat(s.ssc, do87, do99));
    if (this.apdus === this.opts.corruptMacAtApdu) mac[0] = mac[0]! ^ 1;
    return concat(do87, do99, encodeTlv(0x8e, mac), Uint8Array.of(0x90, 0x00));
  }

  private fileByFid(fid: number): LdsFileName | null {
    for (const [n, f] of Object.entries(LDS_FILES))
      if (f.fid === fid && this.opts.files[n as LdsFileName]) return n as LdsFileName;
    return null;
  }

  private execute(
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array,
    le: number,
    extended: boolean,
  ): [Uint8Array, number] {
    if (ins === 0xa4) {
      const f = this.fileByFid((data[0]! << 8) | data[1]!);
      if (!f) return [new Uint8Array(0), 0x6a82];
      this.selected = f;
      return [new Uint8Array(0), 0x9000];
    }
    if (ins === 0xb0) {
      let offset: number;
      if (p1 & 0x80) {
        if (this.opts.sfi === false) return [new Uint8Array(0), 0x6a86];
        const sfi = p1 & 0x1f;
        const f = (Object.keys(LDS_FILES) as LdsFileName[]).find(
          (n) => LDS_FILES[n].sfi === sfi && this.opts.files[n],
        );
        if (!f) return [new Uint8Array(0), 0x6a82];
        this.selected = f;
        offset = p2;
      } else offset = (p1 << 8) | p2;
      if (!this.selected) return [new Uint8Array(0), 0x6986];
      if (extended && this.opts.chipExtended === false) return [new Uint8Array(0), 0x6700];
      if (!extended && le > (this.opts.maxShortLe ?? 256)) return [new Uint8Array(0), 0x6700];
      const file = this.opts.files[this.selected]!;
      if (offset > file.length) return [new Uint8Array(0), 0x6b00];
      const chunk = file.subarray(offset, offset + le);
      return [chunk, chunk.length < le ? 0x6282 : 0x9000];
    }
    if (ins === 0xb1) {
      // READ BINARY odd INS: offset in DO'54, data in DO'53 (Le counts the whole DO).
      const [off] = parseTlvList(data);
      if (!off || off.tag !== 0x54 || !this.selected) return [new Uint8Array(0), 0x6a86];
      const offset = off.value.reduce((n, b) => n * 256 + b, 0);
      const file = this.opts.files[this.selected]!;
      if (offset > file.length) return [new Uint8Array(0), 0x6b00];
      const chunk = file.subarray(offset, offset + Math.max(0, le - 4));
      this.b1Reads++;
      return [encodeTlv(0x53, chunk), 0x9000];
    }
    if (ins === 0x88 && this.opts.aa) {
      const challenge = this.opts.aa.wrong ? new Uint8Array(8) : data;
      return [aaSign(this.opts.aa.kind, this.opts.aa.privateKey, challenge), 0x9000];
    }
    return [new Uint8Array(0), 0x6d00];
  }
}

/** Card-side AA signature: RSA ISO 9796-2 scheme 1 with SHA-1 (trailer BC), or ECDSA P-256 plain r‖s. */
export function aaSign(kind: 'rsa' | 'ec', privateKey: KeyObject, challenge: Uint8Array): Uint8Array {
  if (kind === 'ec')
    return new Uint8Array(sign('sha256', challenge, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
  const jwk = privateKey.export({ format: 'jwk' }) as { n: string; d: string };
  const n = BigInt('0x' + Buffer.from(jwk.n, 'base64url').toString('hex'));
  const d = BigInt('0x' + Buffer.from(jwk.d, 'base64url').toString('hex'));
  const k = Buffer.from(jwk.n, 'base64url').length;
  const m1 = new Uint8Array(randomBytes(k - 20 - 2));
  const h = new Uint8Array(sha1(concat(m1, challenge)));
  const msg = concat(Uint8Array.of(0x6a), m1, h, Uint8Array.of(0xbc));
  let m = BigInt('0x' + Buffer.from(msg).toString('hex'));
  let s = 1n;
  let b = m % n;
  let e = d;
  while (e > 0n) {
    if (e & 1n) s = (s * b) % n;
    b = (b * b) % n;
    e >>= 1n;
  }
  m = s;
  return Uint8Array.from(Buffer.from(m.toString(16).padStart(k * 2, '0'), 'hex'));
}

function sha1(d: Uint8Array): Buffer {
  return createHash('sha1').update(d).digest();
}
