import { describe, expect, it } from 'vitest';
import { concat } from '../bytes';
import { ChipError } from '../errors';
import { buildCom, buildDg2, fakeJpeg } from '../testing/lds-builders';
import { encodeTlv } from '../tlv';
import { parseCom } from './com';
import { parseDg2, jpegSize } from './dg2';

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
  it('no image → typed error', () => {
    expect(() => parseDg2(encodeTlv(0x75, encodeTlv(0x7f61, encodeTlv(0x02, Uint8Array.of(1)))))).toThrow(
      ChipError,
    );
    expect(() => parseDg2(buildDg2(new Uint8Array(50), 1, 1))).toThrow(
      expect.objectContaining({ code: 'chip-dg2-malformed' }),
    );
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
