/** Test-only builders for LDS files: EF.COM, DG1, DG2, DG13, DG15, EF.SOD. */
import { createHash } from 'node:crypto';
import { concat } from '../bytes';
import { encodeTlv } from '../tlv';
import { checkDigit } from '../keys';
import { LDS_FILES, dataGroupNumber, type LdsFileName } from '../lds/files';
import { ctx, int, octets, oid, printable, seq, set, time, utf8 } from './der-builder';
import { issuerOf, keyId, serialOf, signer, type TestKey, type TestPki } from './test-pki';

/** `extraTags`: tags of files this reader never reads (default DG3 0x63, as on real CCCDs). */
export function buildCom(files: LdsFileName[], extraTags: number[] = [0x63]): Uint8Array {
  const tags = [
    ...files.filter((f) => f !== 'COM' && f !== 'SOD').map((f) => LDS_FILES[f].tag),
    ...extraTags,
  ];
  return encodeTlv(
    0x60,
    concat(
      encodeTlv(0x5f01, Buffer.from('0107')),
      encodeTlv(0x5f36, Buffer.from('040000')),
      encodeTlv(0x5c, Uint8Array.from(tags)),
    ),
  );
}

export function buildDg1(mrz: string): Uint8Array {
  return encodeTlv(0x61, encodeTlv(0x5f1f, Buffer.from(mrz, 'latin1')));
}

/** A Vietnamese TD1 MRZ with valid check digits. */
export function vnTd1(p: {
  id12: string;
  dob: string;
  sex: 'M' | 'F';
  expiry: string;
  name: string;
}): string {
  const doc = p.id12.slice(3);
  const l1 = `IDVNM${doc}${checkDigit(doc)}${p.id12}<<${checkDigit(p.id12)}`;
  const l2a = `${p.dob}${checkDigit(p.dob)}${p.sex}${p.expiry}${checkDigit(p.expiry)}VNM`;
  const opt2 = '<<<<<<<<<<<';
  const composite = checkDigit(l1.slice(5, 30) + l2a.slice(0, 7) + l2a.slice(8, 15) + opt2);
  const l3 = p.name.replace(/ /g, '<').padEnd(30, '<').slice(0, 30);
  return l1 + l2a + opt2 + composite + l3;
}

/** DG13 record: `30 { 02 n, value… }`. A string value is UTF8String unless `printable`. */
export function dg13Record(n: number, ...values: (Uint8Array | string)[]): Uint8Array {
  return seq(
    int(n),
    ...values.map((v) => (typeof v === 'string' ? (/^[\d/]*$/.test(v) ? printable(v) : utf8(v)) : v)),
  );
}

export function buildDg13(
  records: Uint8Array[],
  header: Uint8Array = concat(int(1), oid('1.3.6.1.4.1.99999.1'), int(records.length)),
): Uint8Array {
  return encodeTlv(0x6d, concat(header, ...records));
}

/** A tiny but valid-looking JPEG stream with an SOF0 giving width×height. */
export function fakeJpeg(width: number, height: number, size = 2000): Uint8Array {
  const sof = Uint8Array.of(
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  );
  const app0 = Uint8Array.of(0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0);
  const filler = new Uint8Array(Math.max(0, size - 2 - app0.length - sof.length - 2)).map(
    (_, i) => (i * 31) & 0x7f,
  );
  return concat(Uint8Array.of(0xff, 0xd8), app0, sof, filler, Uint8Array.of(0xff, 0xd9));
}

export function buildDg2(image: Uint8Array, width: number, height: number, dataType = 0): Uint8Array {
  const info = Uint8Array.of(
    1,
    dataType,
    width >> 8,
    width & 0xff,
    height >> 8,
    height & 0xff,
    1,
    2,
    0,
    0,
    0,
    0,
  );
  const faceHeader = new Uint8Array(20);
  const blockLength = 20 + info.length + image.length;
  new DataView(faceHeader.buffer).setUint32(0, blockLength);
  const recordLength = 14 + blockLength;
  const general = new Uint8Array(14);
  general.set([0x46, 0x41, 0x43, 0x00, 0x30, 0x31, 0x30, 0x00]);
  new DataView(general.buffer).setUint32(8, recordLength);
  new DataView(general.buffer).setUint16(12, 1);
  const record = concat(general, faceHeader, info, image);
  const bht = encodeTlv(
    0xa1,
    concat(
      encodeTlv(0x80, Uint8Array.of(1, 1)),
      encodeTlv(0x87, Uint8Array.of(1, 1)),
      encodeTlv(0x88, Uint8Array.of(0, 8)),
    ),
  );
  const template = encodeTlv(0x7f60, concat(bht, encodeTlv(0x5f2e, record)));
  return encodeTlv(0x75, encodeTlv(0x7f61, concat(encodeTlv(0x02, Uint8Array.of(1)), template)));
}

export function buildDg15(spki: Uint8Array): Uint8Array {
  return encodeTlv(0x6f, spki);
}

export function buildDg14AaInfo(signatureOid: string): Uint8Array {
  return encodeTlv(0x6e, set(seq(oid('2.23.136.1.1.5'), int(1), oid(signatureOid))));
}

export interface SignedDataOptions {
  /** How the SignerInfo names its certificate (default issuerAndSerialNumber). */
  sid?: 'issuer-serial' | 'ski';
  /** Certificates placed BEFORE the signer's in `certificates` (so the signer is not the first). */
  extraCerts?: Uint8Array[];
  /** Adds a CMS signingTime attribute. */
  signingTime?: Date;
  /** Digest of the content and the signature (default sha256). */
  hash?: 'sha256' | 'sha1';
  /** The issuer Name (DER) written in an issuerAndSerialNumber SID (default: the certificate's own bytes). */
  sidIssuer?: Uint8Array;
}

const HASH_OID = { sha256: '2.16.840.1.101.3.4.2.1', sha1: '1.3.14.3.2.26' } as const;

/** CMS ContentInfo(SignedData) over `content` with signed attributes, signed by `key` (certificate `cert`). */
export function buildSignedData(
  contentType: string,
  content: Uint8Array,
  key: TestKey,
  cert: Uint8Array,
  opts: SignedDataOptions & { badSignature?: boolean } = {},
): Uint8Array {
  const hash = opts.hash ?? 'sha256';
  const attrs = [
    seq(oid('1.2.840.113549.1.9.3'), set(oid(contentType))),
    ...(opts.signingTime ? [seq(oid('1.2.840.113549.1.9.5'), set(time(opts.signingTime)))] : []),
    seq(oid('1.2.840.113549.1.9.4'), set(octets(new Uint8Array(createHash(hash).update(content).digest())))),
  ];
  const signedAttrsSet = set(...attrs);
  const s = signer(key, hash);
  const signature = s.sign(signedAttrsSet);
  if (opts.badSignature) signature[signature.length - 3] = signature[signature.length - 3]! ^ 0x01;
  const sid =
    opts.sid === 'ski' ? encodeTlv(0x80, keyId(key)) : seq(opts.sidIssuer ?? issuerOf(cert), serialOf(cert));
  const signerInfo = seq(
    int(opts.sid === 'ski' ? 3 : 1),
    sid,
    seq(oid(HASH_OID[hash])),
    ctx(0, ...attrs),
    s.algorithm,
    octets(signature),
  );
  const signedData = seq(
    int(3),
    set(seq(oid(HASH_OID[hash]))),
    seq(oid(contentType), ctx(0, octets(content))),
    ctx(0, ...(opts.extraCerts ?? []), cert),
    set(signerInfo),
  );
  return seq(oid('1.2.840.113549.1.7.2'), ctx(0, signedData));
}

/** EF.SOD over `files` (data groups only) signed by the PKI's DS. `tamper` forges on purpose. */
export function buildSod(
  files: Partial<Record<LdsFileName, Uint8Array>>,
  pki: TestPki,
  tamper: { hashOf?: LdsFileName; signature?: boolean } = {},
  opts: SignedDataOptions = {},
): Uint8Array {
  const hash = opts.hash ?? 'sha256';
  const hashes: Uint8Array[] = [];
  for (const [nameKey, bytes] of Object.entries(files) as [LdsFileName, Uint8Array][]) {
    const n = dataGroupNumber(nameKey);
    if (n === null) continue;
    const h = new Uint8Array(createHash(hash).update(bytes).digest());
    if (tamper.hashOf === nameKey) h[0] = h[0]! ^ 0xff;
    hashes.push(seq(int(n), octets(h)));
  }
  const lso = seq(int(0), seq(oid(HASH_OID[hash])), seq(...hashes));
  return encodeTlv(
    0x77,
    buildSignedData('2.23.136.1.1.1', lso, pki.ds, pki.dsCert, { ...opts, badSignature: tamper.signature }),
  );
}

/** An ICAO CSCA master list (CMS, id-icao-cscaMasterList) holding `certs`, signed by `key`/`cert`. */
export function buildMasterList(
  certs: Uint8Array[],
  key: TestKey,
  cert: Uint8Array,
  opts: SignedDataOptions & { badSignature?: boolean } = {},
): Uint8Array {
  return buildSignedData('2.23.136.1.1.2', seq(int(0), set(...certs)), key, cert, opts);
}

/** ISO/IEC 39794-5 options for buildDg2Iso39794 (see lds/iso39794-5.ts for the structure). */
export interface Iso39794FaceOptions {
  /** ImageDataFormatCode: 2 JPEG, 3 JPEG 2000 lossy, 4 JPEG 2000 lossless; null leaves it out. */
  dataFormat?: number | null;
  size?: { width: number; height: number };
  representationId?: number;
  /** More representations after the first (each an image + format). */
  more?: { image: Uint8Array; dataFormat: number }[];
  /** Leave out the A1 wrapper under 7F2E (65 directly). */
  bare?: boolean;
}

/** DG2 with an ISO/IEC 39794-5 FaceImageDataBlock, as the ICAO eMRTD profile writes it (7F2E → A1 → 65). */
export function buildDg2Iso39794(image: Uint8Array, o: Iso39794FaceOptions = {}): Uint8Array {
  const u = (n: number): Uint8Array => {
    const out: number[] = [];
    let v = n;
    do {
      out.unshift(v & 0xff);
      v = Math.floor(v / 256);
    } while (v > 0);
    if (out[0]! & 0x80) out.unshift(0);
    return Uint8Array.from(out);
  };
  const representation = (img: Uint8Array, id: number, dataFormat: number | null | undefined): Uint8Array => {
    const info = concat(
      dataFormat === null || dataFormat === undefined
        ? new Uint8Array(0)
        : encodeTlv(0xa0, encodeTlv(0x80, u(dataFormat))),
      encodeTlv(0x81, Uint8Array.of(0)), // faceImageKind2D: mrtd
      o.size
        ? encodeTlv(0xa7, concat(encodeTlv(0x80, u(o.size.width)), encodeTlv(0x81, u(o.size.height))))
        : new Uint8Array(0),
    );
    const block2d = encodeTlv(0xa0, concat(encodeTlv(0x80, img), encodeTlv(0xa1, info)));
    return encodeTlv(0x30, concat(encodeTlv(0x80, u(id)), encodeTlv(0xa1, encodeTlv(0xa0, block2d))));
  };
  const reps = [
    representation(image, o.representationId ?? 1, o.dataFormat === undefined ? 2 : o.dataFormat),
    ...(o.more ?? []).map((m, i) => representation(m.image, (o.representationId ?? 1) + i + 1, m.dataFormat)),
  ];
  const version = encodeTlv(0xa0, concat(encodeTlv(0x80, u(3)), encodeTlv(0x81, u(2019))));
  const dataBlock = encodeTlv(0x65, concat(version, encodeTlv(0xa1, concat(...reps))));
  const sbh = encodeTlv(
    0xa1,
    concat(encodeTlv(0x87, Uint8Array.of(1, 1)), encodeTlv(0x88, Uint8Array.of(0, 0x2a))), // JTC1 SC37, 39794-5
  );
  const bio = encodeTlv(0x7f2e, o.bare ? dataBlock : encodeTlv(0xa1, dataBlock));
  const template = encodeTlv(0x7f60, concat(sbh, bio));
  return encodeTlv(0x75, encodeTlv(0x7f61, concat(encodeTlv(0x02, Uint8Array.of(1)), template)));
}
