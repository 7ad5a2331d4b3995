import { describe, expect, it } from 'vitest';
import { applyKeys } from './composer';

type Case = readonly [keys: string, expected: string];

function check(cases: readonly Case[], style: 'modern' | 'classic' = 'modern'): void {
  it.each(cases)('%j → %j', (keys, expected) => {
    const out = applyKeys('vni', keys, '', { toneStyle: style });
    expect(out).toBe(expected.normalize('NFC'));
    expect(out).toBe(out.normalize('NFC'));
  });
}

describe('vni: tones', () => {
  check([
    ['a1', 'á'],
    ['a2', 'à'],
    ['a3', 'ả'],
    ['a4', 'ã'],
    ['a5', 'ạ'],
    ['a10', 'a'],
    ['a12', 'à'],
    ['a54', 'ã'],
    ['ma1', 'má'],
    ['ma2', 'mà'],
    ['ma3', 'mả'],
    ['ma4', 'mã'],
    ['ma5', 'mạ'],
    ['co1', 'có'],
    ['y1', 'ý'],
    ['ky4', 'kỹ'],
  ]);
});

describe('vni: vowel and consonant marks', () => {
  check([
    ['a6', 'â'],
    ['a8', 'ă'],
    ['e6', 'ê'],
    ['o6', 'ô'],
    ['o7', 'ơ'],
    ['u7', 'ư'],
    ['d9', 'đ'],
    ['D9', 'Đ'],
    ['d9i', 'đi'],
    ['di9', 'đi'],
    ['uo7', 'ươ'],
    ['u7o7', 'ươ'],
    ['a68', 'ă'],
    ['a86', 'â'],
    ['o76', 'ô'],
    ['tan6', 'tân'],
    ['ban8', 'băn'],
    ['u7ng', 'ưng'],
  ]);
});

describe('vni: repeating a digit undoes it and types it literally', () => {
  check([
    ['a11', 'a1'],
    ['a22', 'a2'],
    ['a33', 'a3'],
    ['a44', 'a4'],
    ['a55', 'a5'],
    ['a66', 'a6'],
    ['a88', 'a8'],
    ['e66', 'e6'],
    ['o66', 'o6'],
    ['o77', 'o7'],
    ['u77', 'u7'],
    ['d99', 'd9'],
    ['uo77', 'uo7'],
    ['a111', 'a11'],
    ['ma11', 'ma1'],
  ]);
});

describe('vni: marks typed anywhere after the vowels', () => {
  check([
    ['vie65t', 'việt'],
    ['vie6t5', 'việt'],
    ['viet65', 'việt'],
    ['viet56', 'việt'],
    ['tie6ng1', 'tiếng'],
    ['tieng16', 'tiếng'],
    ['nguoi72', 'người'],
    ['ngu7o7i2', 'người'],
    ['d9a6y1', 'đấy'],
    ['d9e61n', 'đến'],
    ['den619', 'đến'],
    ['hoc5', 'học'],
    ['ho5c', 'học'],
    ['tru7o7ng2', 'trường'],
    ['truong72', 'trường'],
    ['huong7', 'hương'],
    ['nuoc71', 'nước'],
    ['u7o7ng1', 'ướng'],
  ]);
});

describe('vni: qu and gi onsets', () => {
  check([
    ['quo6c1', 'quốc'],
    ['quoc61', 'quốc'],
    ['quy1', 'quý'],
    ['quy3', 'quỷ'],
    ['quye6n3', 'quyển'],
    ['quyet61', 'quyết'],
    ['qua2', 'quà'],
    ['qua5', 'quạ'],
    ['qua8ng', 'quăng'],
    ['quan65', 'quận'],
    ['que6n', 'quên'],
    ['gi2', 'gì'],
    ['gi2n', 'gìn'],
    ['gin1', 'gín'],
    ['giu74', 'giữ'],
    ['gia1', 'giá'],
    ['gio72', 'giờ'],
    ['giuong72', 'giường'],
    ['giet61', 'giết'],
    ['gia6y1', 'giấy'],
  ]);
});

describe('vni: oa / oe / uy and longer vowel groups (modern style)', () => {
  check([
    ['hoa2', 'hoà'],
    ['hoa1', 'hoá'],
    ['khoe3', 'khoẻ'],
    ['thuy3', 'thuỷ'],
    ['tuy2', 'tuỳ'],
    ['huy3', 'huỷ'],
    ['hoa2n', 'hoàn'],
    ['hoan2', 'hoàn'],
    ['toa1n', 'toán'],
    ['hoang2', 'hoàng'],
    ['hoa85c', 'hoặc'],
    ['hoac85', 'hoặc'],
    ['huye6n5', 'huyện'],
    ['nguye64n', 'nguyễn'],
    ['chuyen65', 'chuyện'],
    ['tuyet61', 'tuyết'],
    ['khuy3u', 'khuỷu'],
    ['ngoe5o', 'ngoẹo'],
    ['ngoai2', 'ngoài'],
    ['xoay1', 'xoáy'],
    ['khua6y1', 'khuấy'],
    ['huy2nh', 'huỳnh'],
    ['huych1', 'huých'],
    ['mua2', 'mùa'],
    ['mu7a2', 'mừa'],
    ['mia1', 'mía'],
    ['kia2', 'kìa'],
    ['nhay3', 'nhảy'],
    ['le6u2', 'lều'],
    ['muon61', 'muốn'],
    ['cuoc65', 'cuộc'],
    ['ruou75', 'rượu'],
    ['tuoi63', 'tuổi'],
    ['bu7o7i3', 'bưởi'],
    ['d9ie6u2', 'điều'],
    ['ye6u', 'yêu'],
    ['yen61', 'yến'],
    ['go7i3', 'gởi'],
    ['gu7i3', 'gửi'],
    ['lu7u5', 'lựu'],
  ]);
});

describe('vni: classic tone style', () => {
  check(
    [
      ['hoa2', 'hòa'],
      ['hoa1', 'hóa'],
      ['khoe3', 'khỏe'],
      ['thuy3', 'thủy'],
      ['tuy2', 'tùy'],
      ['hoa2n', 'hoàn'],
      ['quy1', 'quý'],
      ['nguye64n', 'nguyễn'],
    ],
    'classic',
  );
});

describe('vni: capitals', () => {
  check([
    ['NGUYE64N', 'NGUYỄN'],
    ['Nguye64n', 'Nguyễn'],
    ['Nguyen64', 'Nguyễn'],
    ['VIE65T', 'VIỆT'],
    ['D9A85NG', 'ĐẶNG'],
    ['D9a85ng', 'Đặng'],
    ['TRA62N', 'TRẦN'],
    ['PHA5M', 'PHẠM'],
    ['Ho62', 'Hồ'],
    ['HU7O7NG', 'HƯƠNG'],
    ['LE6', 'LÊ'],
    ['Vo4', 'Võ'],
    ['D9o64', 'Đỗ'],
    ['BUI2', 'BÙI'],
    ['DUONG7', 'DƯƠNG'],
    ['HUY2NH', 'HUỲNH'],
    ['A6', 'Â'],
    ['QUO6C1', 'QUỐC'],
  ]);
});

describe('vni: words that cannot be Vietnamese, and numbers, stay as typed', () => {
  check([
    ['email', 'email'],
    ['https', 'https'],
    ['www', 'www'],
    ['window', 'window'],
    ['facebook', 'facebook'],
    ['zalo', 'zalo'],
    ['abc123', 'abc123'],
    ['2024', '2024'],
    ['0912345678', '0912345678'],
    ['b2', 'b2'],
    ['mat2', 'mat2'],
    ['ng1', 'ng1'],
  ]);
});

describe('vni: whole names and addresses; only the current word changes', () => {
  check([
    ['Nguye64n Thi5 Hu7o7ng', 'Nguyễn Thị Hương'],
    ['Nguyen64 Thi5 Huong7', 'Nguyễn Thị Hương'],
    ['Tra62n Va8n D9a85ng', 'Trần Văn Đặng'],
    ['Le6 Thi5 Hoa2', 'Lê Thị Hoà'],
    ['So61 12 d9u7o7ng2 Le6 Lo7i5', 'Số 12 đường Lê Lợi'],
    ['Phuong72 7, Quan65 3', 'Phường 7, Quận 3'],
    ['Tp. Ho62 Chi1 Minh', 'Tp. Hồ Chí Minh'],
    ['hoa 1', 'hoa 1'],
    ['Vie65t Nam', 'Việt Nam'],
    ['Giu74 gi2n', 'Giữ gìn'],
  ]);
});

describe('vni: backspace (\\b)', () => {
  check([
    ['Nguye64n\b', 'Nguyễ'],
    ['Nguye64\bn', 'Nguyn'],
    ['Nguye64\be6n', 'Nguyên'],
    ['a1\b', ''],
    ['vie65t\b\bt', 'vit'],
    ['Nguyen \b64', 'Nguyễn'],
    ['a11\b', 'a'],
    ['a11\b1', 'á'],
  ]);
});
