/**
 * A deliberately minimal TERMINAL side of BAC + 3DES SM, only to drive the virtual card in this folder's
 * tests and self-checks. The kiosk's real reader lives in native/emrtd and is written independently.
 */
import { randomBytes } from 'node:crypto';
import { CodedError } from '../../common/errors';
import { concat, equalBytes } from './bytes';
import {
  bacKeysFromMrzInformation,
  deriveKey,
  pad,
  retailMac,
  tdesDecrypt,
  tdesEncrypt,
  unpad,
} from './crypto';
import { mrzInformation, type BacKey } from './mrz';
import { encodeCommandApdu } from './apdu';
import { parseFlatTlv, tlv } from './tlv';
import { LDS1_AID } from './card';

export type Transmit = (apdu: Uint8Array) => Promise<Uint8Array>;

export interface Response {
  data: Uint8Array;
  sw: number;
}

export function split(r: Uint8Array): Response {
  return { data: r.slice(0, -2), sw: ((r[r.length - 2] ?? 0) << 8) | (r[r.length - 1] ?? 0) };
}

export class TestTerminalError extends CodedError<'test-reader.sw' | 'test-reader.mac'> {
  override readonly name = 'TestTerminalError';
  constructor(
    code: 'test-reader.sw' | 'test-reader.mac',
    message: string,
    readonly sw?: number,
  ) {
    super(code, message);
  }
}

function inc(ssc: Uint8Array): void {
  for (let i = 7; i >= 0; i--) {
    ssc[i] = ((ssc[i] ?? 0) + 1) & 0xff;
    if (ssc[i] !== 0) break;
  }
}

export class TestSession {
  constructor(
    private readonly transmit: Transmit,
    private readonly ksEnc: Uint8Array,
    private readonly ksMac: Uint8Array,
    private readonly ssc: Uint8Array,
  ) {}

  /** Sends a plain command protected with SM; returns the decrypted data and the DO'99' status. */
  async send(
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array,
    ne: number | null,
    extended = false,
  ): Promise<Response> {
    inc(this.ssc);
    const odd = (ins & 1) === 1;
    const cla = 0x0c;
    let dataObject: Uint8Array = new Uint8Array(0);
    if (data.length > 0) {
      const c = tdesEncrypt(this.ksEnc, pad(data));
      dataObject = odd ? tlv(0x85, c) : tlv(0x87, new Uint8Array([1]), c);
    }
    const le =
      ne === null
        ? new Uint8Array(0)
        : ne > 256 || extended
          ? new Uint8Array([(ne >> 8) & 0xff, ne & 0xff])
          : new Uint8Array([ne & 0xff]);
    const do97 = ne === null ? new Uint8Array(0) : tlv(0x97, le);
    const mac = retailMac(
      this.ksMac,
      concat(this.ssc, pad(new Uint8Array([cla, ins, p1, p2])), dataObject, do97),
    );
    const body = concat(dataObject, do97, tlv(0x8e, mac));
    const raw = await this.transmit(
      encodeCommandApdu({ cla, ins, p1, p2, data: body, ne: extended ? 65536 : 256, extended }),
    );
    const r = split(raw);
    if (r.data.length === 0)
      throw new TestTerminalError('test-reader.sw', `unprotected status ${r.sw.toString(16)}`, r.sw);
    inc(this.ssc);
    const objs = parseFlatTlv(r.data);
    if (!objs) throw new TestTerminalError('test-reader.mac', 'bad SM response TLV');
    let macInput: Uint8Array = new Uint8Array(this.ssc);
    let plain: Uint8Array = new Uint8Array(0);
    let status = 0;
    let gotMac: Uint8Array | null = null;
    for (const o of objs) {
      if (o.tag === 0x8e) gotMac = o.value;
      else macInput = concat(macInput, tlv(o.tag, o.value));
      if (o.tag === 0x87 || o.tag === 0x85) {
        const c = o.tag === 0x87 ? o.value.subarray(1) : o.value;
        plain = unpad(tdesDecrypt(this.ksEnc, c)) ?? new Uint8Array(0);
      }
      if (o.tag === 0x99) status = ((o.value[0] ?? 0) << 8) | (o.value[1] ?? 0);
    }
    if (!gotMac || !equalBytes(gotMac, retailMac(this.ksMac, macInput)))
      throw new TestTerminalError('test-reader.mac', 'response MAC mismatch');
    return { data: plain, sw: status };
  }

  async select(fid: number): Promise<number> {
    return (await this.send(0xa4, 0x02, 0x0c, new Uint8Array([fid >> 8, fid & 0xff]), null)).sw;
  }

  /** Reads a whole file in `block`-byte READ BINARY chunks (header first). */
  async readFile(fid: number, block = 223): Promise<Uint8Array> {
    const sw = await this.select(fid);
    if (sw !== 0x9000)
      throw new TestTerminalError('test-reader.sw', `select ${fid.toString(16)}: ${sw.toString(16)}`, sw);
    const head = await this.send(0xb0, 0, 0, new Uint8Array(0), 4);
    const h = head.data;
    const l1 = h[1] ?? 0;
    const total = l1 < 0x80 ? 2 + l1 : l1 === 0x81 ? 3 + (h[2] ?? 0) : 4 + (((h[2] ?? 0) << 8) | (h[3] ?? 0));
    let out = head.data;
    while (out.length < total) {
      const n = Math.min(block, total - out.length);
      const r = await this.send(
        0xb0,
        (out.length >> 8) & 0x7f,
        out.length & 0xff,
        new Uint8Array(0),
        n,
        n > 256,
      );
      if (r.sw !== 0x9000) throw new TestTerminalError('test-reader.sw', `read: ${r.sw.toString(16)}`, r.sw);
      out = concat(out, r.data);
    }
    return out;
  }
}

/** SELECT AID + GET CHALLENGE + MUTUAL AUTHENTICATE; returns an SM session or throws on 6300. */
export async function testBac(transmit: Transmit, key: BacKey): Promise<TestSession> {
  const sel = split(
    await transmit(encodeCommandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: LDS1_AID, ne: null })),
  );
  if (sel.sw !== 0x9000) throw new TestTerminalError('test-reader.sw', 'select AID', sel.sw);
  const keys = bacKeysFromMrzInformation(mrzInformation(key));
  const ch = split(await transmit(new Uint8Array([0x00, 0x84, 0x00, 0x00, 0x08])));
  if (ch.sw !== 0x9000) throw new TestTerminalError('test-reader.sw', 'get challenge', ch.sw);
  const rndIfd = new Uint8Array(randomBytes(8));
  const kIfd = new Uint8Array(randomBytes(16));
  const eIfd = tdesEncrypt(keys.kEnc, concat(rndIfd, ch.data, kIfd));
  const cmd = concat(eIfd, retailMac(keys.kMac, eIfd));
  const ma = split(await transmit(encodeCommandApdu({ cla: 0, ins: 0x82, p1: 0, p2: 0, data: cmd, ne: 40 })));
  if (ma.sw !== 0x9000) throw new TestTerminalError('test-reader.sw', 'mutual authenticate', ma.sw);
  const r = tdesDecrypt(keys.kEnc, ma.data.subarray(0, 32));
  const kIc = r.subarray(16, 32);
  const seed = new Uint8Array(16);
  for (let i = 0; i < 16; i++) seed[i] = (kIfd[i] ?? 0) ^ (kIc[i] ?? 0);
  const ssc = concat(ch.data.subarray(4, 8), rndIfd.subarray(4, 8));
  return new TestSession(transmit, deriveKey(seed, 1), deriveKey(seed, 2), ssc);
}
