import { describe, expect, it } from 'vitest';
import * as asn1js from 'asn1js';
import { loadProfile } from '../profile';
import { buildDg13, DG13_HEADER } from './dg13';

/** Walks DG13 as BER, keyed by field number (what a robust reader does). */
function fields(dg13: Uint8Array): Map<number, asn1js.BaseBlock[]> {
  const parsed = asn1js.fromBER(new Uint8Array(dg13));
  expect(parsed.offset).toBe(dg13.length);
  const outer = parsed.result as asn1js.Constructed;
  expect(outer.idBlock.tagClass).toBe(2); // APPLICATION
  expect(outer.idBlock.tagNumber).toBe(13);
  const out = new Map<number, asn1js.BaseBlock[]>();
  for (const child of outer.valueBlock.value) {
    const seq = child as asn1js.Sequence;
    const first = seq.valueBlock.value[0];
    if (!(first instanceof asn1js.Integer)) continue; // the header
    out.set(first.valueBlock.valueDec, seq.valueBlock.value.slice(1));
  }
  return out;
}

const text = (b: asn1js.BaseBlock | undefined): string =>
  b instanceof asn1js.Utf8String || b instanceof asn1js.PrintableString
    ? b.valueBlock.value
    : `?${b?.constructor.name}`;

describe('DG13', () => {
  it('has a 23-byte header and records 1–15 in the documented types', () => {
    const p = loadProfile('cccd-2021-with-cmnd');
    const dg13 = buildDg13(p);
    expect(DG13_HEADER.length).toBe(23);
    expect([...dg13.subarray(0, 2)]).toEqual([0x6d, 0x82]);
    const f = fields(dg13);
    expect([...f.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(f.get(1)?.[0]).toBeInstanceOf(asn1js.PrintableString);
    expect(text(f.get(1)?.[0])).toBe('001190012345');
    expect(f.get(2)?.[0]).toBeInstanceOf(asn1js.Utf8String);
    expect(text(f.get(2)?.[0])).toBe('Nguyễn Thị Hồng Nhung');
    expect(text(f.get(3)?.[0])).toBe('15/03/1990');
    expect(text(f.get(4)?.[0])).toBe('Nữ');
    expect(text(f.get(12)?.[0])).toBe('15/03/2030');
    const family = f.get(13) ?? [];
    expect(text((family[0] as asn1js.Sequence).valueBlock.value[0])).toBe('Nguyễn Văn Hải');
    expect(text((family[1] as asn1js.Sequence).valueBlock.value[0])).toBe('Lê Thị Thuỷ');
    expect(text(((f.get(14) ?? [])[0] as asn1js.Sequence).valueBlock.value[0])).toBe('Phan Văn Toàn');
    expect(text(f.get(15)?.[0])).toBe('012345678');
  });

  it('keeps a permanent address over 255 UTF-8 bytes whole (long-form lengths)', () => {
    const p = loadProfile('long-address');
    const f = fields(buildDg13(p));
    expect(text(f.get(9)?.[0])).toBe(p.placeOfResidence);
  });

  it('writes the 2024 extra fields 16–20, empty spouse and the no-expiry text', () => {
    const f2024 = fields(buildDg13(loadProfile('can-cuoc-2024')));
    expect([...f2024.keys()].slice(-5)).toEqual([16, 17, 18, 19, 20]);
    expect(text(f2024.get(16)?.[0])).toBe('031456789');
    expect(text(f2024.get(15)?.[0])).toBe('');
    const old = fields(buildDg13(loadProfile('over-60')));
    expect(text(old.get(12)?.[0])).toBe('Không thời hạn');
    const young = fields(buildDg13(loadProfile('young')));
    expect(young.get(14)).toEqual([]);
  });

  it('an unknown father is an empty SEQUENCE before the mother (unknown-father profile)', () => {
    const p = loadProfile('unknown-father');
    expect(p.fatherName).toBeNull();
    const family = fields(buildDg13(p)).get(13) ?? [];
    expect(family).toHaveLength(2);
    expect((family[0] as asn1js.Sequence).valueBlock.value).toEqual([]);
    expect(text((family[1] as asn1js.Sequence).valueBlock.value[0])).toBe('Vũ Thị Hiền');
  });
});
