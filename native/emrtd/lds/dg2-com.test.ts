import { describe, expect, it } from 'vitest';
import { concat } from '../bytes';
import { ChipError } from '../errors';
import { readFileSync } from 'node:fs';
import { buildCom, buildDg2, buildDg2Iso39794, fakeJpeg } from '../testing/lds-builders';
import { encodeTlv } from '../tlv';
import { parseCom } from './com';
import { parseDg2, jpegSize, jp2Size } from './dg2';
import { parseIso39794Face } from './iso39794-5';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/faces/${name}`, import.meta.url)));

describe('DG2', () => {
  it('JPEG inside 75 → 7F61 → 7F60 → 5F2E with ISO 19794-5 header', () => {
    const jpeg = fakeJpeg(240, 320, 20000);
    const face = parseDg2(buildDg2(jpeg, 240, 320));
    expect(face.mime).toBe('image/jpeg');
    expect(face.bytes).toEqual(jpeg);
    expect([face.width, face.height]).toEqual([240, 320]);
    expect(jpegSize(jpeg)).toEqual({ width: 240, height: 320 });
  });
  it('JPEG 2000 is sniffed', () => {
    const jp2 = concat(
      Uint8Array.of(0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a),
      new Uint8Array(300),
    );
    const face = parseDg2(buildDg2(jp2, 300, 400, 1));
    expect(face).toMatchObject({ mime: 'image/jp2', width: 300, height: 400 });
    expect(face.bytes).toEqual(jp2);
  });
  it('JPEG 2000 from opj_compress: size from the JP2 ihdr box and from the J2K SIZ marker', () => {
    const jp2 = fixture('portrait-lossless.jp2');
    expect(parseDg2(buildDg2(jp2, 0, 0, 1))).toMatchObject({ mime: 'image/jp2', width: 64, height: 80 });
    expect(jp2Size(jp2)).toEqual({ width: 64, height: 80 });
    expect(jp2Size(fixture('portrait-lossless.j2k'))).toEqual({ width: 64, height: 80 });
  });
  it('no image → typed error', () => {
    expect(() => parseDg2(encodeTlv(0x75, encodeTlv(0x7f61, encodeTlv(0x02, Uint8Array.of(1)))))).toThrow(
      ChipError,
    );
    expect(() => parseDg2(buildDg2(new Uint8Array(50), 1, 1))).toThrow(
      expect.objectContaining({ code: 'chip-dg2-malformed' }),
    );
  });
});

describe('DG2 in ISO/IEC 39794-5 (7F2E → A1 → 65)', () => {
  it('JPEG: bytes, size from the JPEG, version and representation id', () => {
    const jpeg = fakeJpeg(240, 320, 3000);
    const dg2 = buildDg2Iso39794(jpeg, { size: { width: 240, height: 320 }, representationId: 7 });
    expect(parseDg2(dg2)).toEqual({
      mime: 'image/jpeg',
      bytes: jpeg,
      width: 240,
      height: 320,
      record: 'iso39794-5',
    });
    const block = parseIso39794Face(dg2.subarray(dg2.indexOf(0x65)));
    expect(block.version).toEqual({ generation: 3, year: 2019 });
    expect(block.representations).toMatchObject([
      { representationId: 7, dataFormat: 2, width: 240, height: 320 },
    ]);
  });
  it('JPEG 2000 lossless (format 4), with the 65 block directly under 7F2E', () => {
    const jp2 = fixture('portrait-lossless.jp2');
    const face = parseDg2(buildDg2Iso39794(jp2, { dataFormat: 4, bare: true }));
    expect(face).toMatchObject({ mime: 'image/jp2', width: 64, height: 80, record: 'iso39794-5' });
    expect(face.bytes).toEqual(jp2);
  });
  it('a representation whose bytes contradict its declared format is skipped for the next one', () => {
    const jp2 = fixture('portrait-lossless.j2k');
    const dg2 = buildDg2Iso39794(fakeJpeg(10, 10, 100), {
      dataFormat: 3,
      more: [{ image: jp2, dataFormat: 3 }],
    });
    expect(parseDg2(dg2)).toMatchObject({ mime: 'image/jp2', width: 64, height: 80 });
  });
  it('size comes from the image block when the image header has none (no imageSizeBlock → 0)', () => {
    const face = parseDg2(
      buildDg2Iso39794(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9), { size: { width: 413, height: 531 } }),
    );
    expect([face.width, face.height]).toEqual([413, 531]);
  });
  it('a 19794-5 FAC record under 7F2E is still read as 19794-5', () => {
    const jpeg = fakeJpeg(240, 320, 1000);
    const legacy = buildDg2(jpeg, 240, 320);
    const asConstructed = Uint8Array.from(legacy);
    const at = legacy.indexOf(0x5f);
    expect(legacy[at + 1]).toBe(0x2e);
    asConstructed[at] = 0x7f;
    expect(parseDg2(asConstructed)).toMatchObject({ mime: 'image/jpeg', record: 'iso19794-5', width: 240 });
  });
  it('no image, unknown format, 3D-only or broken blocks → chip-dg2-malformed', () => {
    const code = expect.objectContaining({ code: 'chip-dg2-malformed' });
    expect(() => parseDg2(buildDg2Iso39794(new Uint8Array(40), { dataFormat: 0 }))).toThrow(code);
    expect(() => parseIso39794Face(Uint8Array.of(0x65, 0x02, 0xa0, 0x00))).toThrow(code);
    expect(() => parseIso39794Face(Uint8Array.of(0x30, 0x00))).toThrow(code);
    // imageRepresentation holding the extension choice [1] instead of the base [0]
    const ext = encodeTlv(
      0x65,
      encodeTlv(0xa1, encodeTlv(0x30, Uint8Array.of(0x80, 1, 1, 0xa1, 2, 0xa1, 0))),
    );
    expect(() => parseIso39794Face(ext)).toThrow(code);
  });
});

describe('EF.COM', () => {
  it('lists the readable files and keeps DG3 out of them', () => {
    const com = parseCom(buildCom(['DG1', 'DG2', 'DG13', 'DG14', 'DG15']));
    expect(com.ldsVersion).toBe('0107');
    expect(com.unicodeVersion).toBe('040000');
    expect(com.tags).toContain(0x63);
    expect(com.files).toEqual(['DG1', 'DG2', 'DG13', 'DG14', 'DG15']);
  });
  it('Appendix D EF.COM content', () => {
    const com = parseCom(Uint8Array.from(Buffer.from('60145F0104303130365F36063034303030305C026175', 'hex')));
    expect(com).toMatchObject({ ldsVersion: '0106', unicodeVersion: '040000', files: ['DG1', 'DG2'] });
  });
});
