import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import raw from './data.json';
import type { AdminUnitData } from './types';
import { communes, provinces, remapOldAddress, toneKey, type RemapResult } from './index';

const data = raw as unknown as AdminUnitData;
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

function code(r: RemapResult): string | null {
  return r.status === 'unique' ? r.unit.code : null;
}
function candidates(r: RemapResult): string[] {
  return r.status === 'ambiguous' ? r.candidates.map((c) => c.code).sort() : [];
}

describe('provinces and communes', () => {
  it('has the 34 post-2025 provinces and 3,321 communes', () => {
    expect(provinces()).toHaveLength(34);
    expect(provinces().reduce((n, p) => n + communes(p.code).length, 0)).toBe(3321);
    expect(provinces().find((p) => p.code === '01')).toMatchObject({
      fullName: 'Thành phố Hà Nội',
      type: 'city',
    });
    expect(provinces().find((p) => p.code === '75')).toMatchObject({ name: 'Đồng Nai', type: 'city' });
    expect(communes('01').find((c) => c.code === '00004')).toMatchObject({
      fullName: 'Phường Ba Đình',
      type: 'ward',
    });
    expect(communes('99')).toEqual([]);
  });

  it('compares names tone-placement-insensitively', () => {
    expect(toneKey('Thanh Hoá')).toBe(toneKey('Thanh Hóa'));
    expect(toneKey('Thuỷ')).toBe(toneKey('Thủy'));
    expect(toneKey('Ea H’Leo')).toBe(toneKey("Ea H'Leo"));
    expect(toneKey('Tịnh')).not.toBe(toneKey('Tỉnh'));
  });
});

describe('remapOldAddress: real old → new pairs (old-to-new.csv)', () => {
  it.each([
    ["Xã Quảng Phú, Huyện Cư M'gar, Đắk Lắk", '24259'], // old Thị trấn Quảng Phú → Xã Quảng Phú
    ['Thị trấn Quảng Phú, Huyện Cư M’gar, Tỉnh Đắk Lắk', '24259'],
    ['Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội', '00097'], // → Phường Hồng Hà
    ['Số 12 ngõ 5, P. Trúc Bạch, Q. Ba Đình, TP. Hà Nội', '00004'], // → Phường Ba Đình
    ['Xã Xuân Long, Huyện Yên Bình, Tỉnh Yên Bái', '04726'], // → Xã Cảm Nhân, Lào Cai
    ['Thị trấn Đại Nghĩa, Huyện Mỹ Đức, Hà Nội', '10441'], // → Xã Mỹ Đức
    ['Xã Nhơn Lộc, Thị xã An Nhơn, Tỉnh Bình Định', '21940'], // → Xã An Nhơn Tây, Gia Lai
    ['Xã Tân Phú, Huyện Châu Thành, Tỉnh An Giang', '30604'], // corrected row → Xã Vĩnh An
    ['Phường Quảng Hưng, Thành phố Thanh Hóa, Tỉnh Thanh Hóa', '16522'], // → Phường Quảng Phú
    ['Phường Quảng Hưng, TP Thanh Hoá, Thanh Hoá', '16522'], // new tone placement, abbreviation
    ['Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu', '26732'], // island district → Đặc khu Côn Đảo (TP HCM)
    ['Phường Ba Đình, Thành phố Hà Nội', '00004'], // already a post-2025 address
    ['Thôn 3, Xã Tịnh Biên, Thị xã Tịnh Biên, An Giang', '30520'], // "Tịnh" is not the unit word "Tỉnh"
    ['xa quang phu, huyen cu m’gar, dak lak', '24259'], // typed without accents
  ])('%s → %s', (address, expected) => {
    const r = remapOldAddress(address);
    expect(r.status).toBe('unique');
    expect(code(r)).toBe(expected);
  });

  it('keeps the street part as detail and reports the old units', () => {
    const r = remapOldAddress('Số 12 ngõ 5, Phường Trúc Bạch, Quận Ba Đình, Hà Nội');
    expect(r).toMatchObject({
      status: 'unique',
      detail: 'Số 12 ngõ 5',
      old: { ward: 'Phường Trúc Bạch', district: 'Quận Ba Đình', province: 'Thành phố Hà Nội' },
      unit: { provinceCode: '01', provinceName: 'Hà Nội' },
    });
  });

  it('numbered wards and districts with abbreviations', () => {
    const full = remapOldAddress('Phường 5, Quận 3, Thành phố Hồ Chí Minh');
    expect(full.status).toBe('unique');
    expect(code(remapOldAddress('P.5, Q.3, TP.HCM'))).toBe(code(full));
    expect(code(remapOldAddress('P5, Q3, TP. Hồ Chí Minh'))).toBe(code(full));
  });
});

describe('remapOldAddress: ambiguous and unknown', () => {
  it('an old commune split between new communes gives both (Phường Cống Vị → Ngọc Hà, Giảng Võ)', () => {
    const r = remapOldAddress('Phường Cống Vị, Quận Ba Đình, Hà Nội');
    expect(r.status).toBe('ambiguous');
    expect(candidates(r)).toEqual(['00008', '00025']);
  });

  it('a commune name without district or province names several units', () => {
    const r = remapOldAddress('Xã Quảng Phú');
    expect(r.status).toBe('ambiguous');
    expect(candidates(r).length).toBeGreaterThan(1);
  });

  it('a district without its commune lists the communes the district went into', () => {
    const r = remapOldAddress('Quận Ba Đình, Hà Nội');
    expect(r.status).toBe('ambiguous');
    expect(candidates(r)).toContain('00004');
  });

  it('unknown places', () => {
    expect(remapOldAddress('')).toEqual({ status: 'not-found' });
    expect(remapOldAddress('Số 1 đường ABC')).toEqual({ status: 'not-found' });
    expect(remapOldAddress('Xã Không Có, Huyện Không Có, Tỉnh Không Có')).toEqual({ status: 'not-found' });
  });
});

describe('remapOldAddress over the whole mapping', () => {
  it('every old commune, written "Commune, District, Province", maps to its targets', () => {
    let checked = 0;
    const failures: string[] = [];
    for (const [, pname, districts] of data.oldProvinces)
      for (const [, dname, wards] of districts) {
        for (const [wcode, wname, targets] of wards) {
          // Two communes of one district can share a name (then the address alone cannot tell them apart).
          const twins = wards.filter((w) => toneKey(w[1]) === toneKey(wname));
          const expected = [...new Set(twins.flatMap((w) => w[2].split(',')))].sort();
          const r = remapOldAddress(`${wname}, ${dname}, ${pname}`);
          const got = r.status === 'unique' ? [r.unit.code] : candidates(r);
          if (JSON.stringify(got) !== JSON.stringify(expected))
            failures.push(`${wcode} ${wname}: ${got} ≠ ${expected}`);
          if (twins.length === 1 && !targets.includes(',') && r.status !== 'unique')
            failures.push(`${wcode} not unique`);
          checked++;
        }
      }
    expect(checked).toBe(10047);
    expect(failures).toEqual([]);
  });

  it('never throws on arbitrary text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const r = remapOldAddress(text);
        expect(['unique', 'ambiguous', 'not-found']).toContain(r.status);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('remapOldAddress: history layer and free text (cards issued 2021–2024)', () => {
  it('Thừa Thiên Huế cards: the old province and the former city of Huế (now Thuận Hóa / Phú Xuân)', () => {
    const r = remapOldAddress('Số 15 Đường Lê Lợi, Phường Phú Hội, Thành phố Huế, Tỉnh Thừa Thiên Huế');
    expect(r).toMatchObject({
      status: 'unique',
      unit: { code: '19789', fullName: 'Phường Thuận Hoá', provinceCode: '46' },
      detail: 'Số 15 Đường Lê Lợi',
      old: { ward: 'Phường Phú Hội', district: 'Quận Thuận Hóa', province: 'Thành phố Huế' },
    });
    // without unit words, with the common abbreviation, and a ward of the other new district
    expect(code(remapOldAddress('Phú Hội, TP Huế, TT Huế'))).toBe('19789');
    const phuXuan = remapOldAddress('Phường Vĩnh Ninh, Thành phố Huế, Thừa Thiên Huế');
    expect(phuXuan.status).toBe('unique');
    // a district that kept its name under the new province name
    expect(remapOldAddress('Xã Phú Lương, Huyện Phú Vang, Tỉnh Thừa Thiên Huế').status).toBe('unique');
  });

  it('Thủy Nguyên: huyện → thành phố; a commune merged before 2025 falls back to the communes of its district', () => {
    const r = remapOldAddress('Thôn 2, Xã Thủy Sơn, Huyện Thủy Nguyên, Hải Phòng');
    expect(r.status).toBe('ambiguous');
    if (r.status === 'ambiguous')
      expect(new Set(r.candidates.map((c) => c.provinceCode))).toEqual(new Set(['31']));
  });

  it('a parenthetical or free text after the province does not defeat the remap', () => {
    const plain = remapOldAddress('Số 7 Phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội');
    expect(plain.status).toBe('unique');
    for (const tail of [
      ' (gần hồ Gươm)',
      ' (gần chợ, cạnh trường)',
      ', gần hồ Gươm',
      ', Việt Nam (nhà màu xanh)',
    ]) {
      const r = remapOldAddress(`Số 7 Phố Hàng Bạc, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội${tail}`);
      expect(code(r), tail).toBe(code(plain));
    }
    const long = remapOldAddress(
      'Căn hộ số 1205, Tầng 12, Số 37 Đường Lê Văn Lương, Ấp 3, Xã Phước Kiển, Huyện Nhà Bè, Thành phố Hồ Chí Minh (gần Trường Trung học cơ sở Nguyễn Bỉnh Khiêm)',
    );
    expect(long).toMatchObject({ status: 'unique', unit: { provinceCode: '79' } });
    // a parenthetical inside the detail stays out of the units too
    expect(code(remapOldAddress('Số 5 (nhà trong hẻm), Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội'))).toBe(
      code(plain),
    );
  });
});
