import { describe, expect, it } from 'vitest';
import { Identity } from '../../../common/identity';
import { concat } from '../bytes';
import { ChipError } from '../errors';
import { identityFromDg13, parseVnDate } from '../identity';
import { int, seq, utf8 } from '../testing/der-builder';
import { buildDg13, dg13Record } from '../testing/lds-builders';
import { citizenDg13 } from '../testing/citizen-card';
import { encodeTlv } from '../tlv';
import { parseDg13, dg13Text } from './dg13';
import { parseMrz } from './dg1';

describe('DG13', () => {
  it('reads every field 1–15 of a CCCD 2021', () => {
    const dg13 = parseDg13(citizenDg13());
    expect([...dg13.fields.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(dg13Text(dg13, 1)).toBe('001090012345');
    expect(dg13Text(dg13, 2)).toBe('Nguyễn Thị Thu Hà');
    expect(dg13.fields.get(13)?.values).toEqual(['Nguyễn Văn Bình', 'Trần Thị Cúc']);
    expect(dg13.fields.get(14)?.values).toEqual([]);
    expect(dg13.header.length).toBeGreaterThan(0);
    const id = identityFromDg13(dg13, null);
    expect(Identity.parse(id)).toEqual({
      idNumber: '001090012345',
      oldIdNumber: '012345678',
      fullName: 'Nguyễn Thị Thu Hà',
      dateOfBirth: '1990-03-15',
      sex: 'female',
      nationality: 'Việt Nam',
      ethnicity: 'Kinh',
      religion: 'Không',
      placeOfOrigin: 'Phường Hàng Bạc, Hoàn Kiếm, Hà Nội',
      placeOfResidence: 'Số 12 Ngõ 34 Phố Huế, Phường Phố Huế, Quận Hai Bà Trưng, Hà Nội',
      identifyingMarks: 'Nốt ruồi C:1cm dưới mắt phải',
      issueDate: '2021-05-10',
      expiryDate: '2030-03-15',
      fatherName: 'Nguyễn Văn Bình',
      motherName: 'Trần Thị Cúc',
      spouseName: null,
      source: 'chip',
      cardType: 'cccd-2021',
      extraFields: {},
    });
  });

  it('addresses longer than 127 and 255 bytes (81 / 82 long-form lengths)', () => {
    const a200 = 'Thôn Đông, '.repeat(15).trim();
    const a400 = 'Tổ dân phố Số 7, Phường Nghĩa Đô, '.repeat(10).trim();
    expect(Buffer.byteLength(a200)).toBeGreaterThan(127);
    expect(Buffer.byteLength(a400)).toBeGreaterThan(255);
    const dg13 = parseDg13(
      buildDg13([
        dg13Record(1, '001090012345'),
        dg13Record(2, 'Lê Văn Tám'),
        dg13Record(3, '01/01/1960'),
        dg13Record(8, a200),
        dg13Record(9, a400),
        dg13Record(10, 'Không'),
      ]),
    );
    expect(dg13Text(dg13, 8)).toBe(a200);
    expect(dg13Text(dg13, 9)).toBe(a400);
    expect(dg13Text(dg13, 10)).toBe('Không');
  });

  it('missing fields are null; the spouse field can be a name', () => {
    const dg13 = parseDg13(
      buildDg13([
        dg13Record(2, 'Lê Thị Mai'),
        dg13Record(1, '079190000001'),
        dg13Record(3, '00/00/1950'),
        dg13Record(14, seq(utf8('Phạm Văn Hùng'))),
      ]),
    );
    const id = identityFromDg13(dg13, null)!;
    expect(id).toMatchObject({
      dateOfBirth: '1950',
      sex: null,
      placeOfResidence: null,
      spouseName: 'Phạm Văn Hùng',
      fatherName: null,
      oldIdNumber: null,
    });
    expect(Identity.safeParse(id).success).toBe(true);
  });

  it('parents by SEQUENCE position: an empty or blank father keeps the mother in motherName', () => {
    const base = [dg13Record(1, '001090012345'), dg13Record(2, 'Lý Thị Hoa'), dg13Record(3, '01/01/2000')];
    const mother = 'Lý Thị Mận';
    const cases: [string, Uint8Array][] = [
      ['empty father SEQUENCE (30 00)', dg13Record(13, seq(), seq(utf8(mother)))],
      ['father SEQUENCE with an empty string', dg13Record(13, seq(utf8('')), seq(utf8(mother)))],
      ['father SEQUENCE with blanks', dg13Record(13, seq(utf8('  ')), seq(utf8(mother)))],
      ['plain strings, empty father', dg13Record(13, utf8(''), utf8(mother))],
    ];
    for (const [why, rec] of cases) {
      const dg13 = parseDg13(buildDg13([...base, rec]));
      expect([why, dg13.fields.get(13)?.entries]).toEqual([why, [null, mother]]);
      const id = identityFromDg13(dg13, null)!;
      expect([why, id.fatherName, id.motherName]).toEqual([why, null, mother]);
    }
  });

  it('parents: unknown mother, both unknown, record 13 missing or holding only the field number', () => {
    const base = [dg13Record(1, '001090012345'), dg13Record(2, 'Lý Thị Hoa'), dg13Record(3, '01/01/2000')];
    const noMother = identityFromDg13(
      parseDg13(buildDg13([...base, dg13Record(13, seq(utf8('Lý Văn Cường')), seq())])),
      null,
    )!;
    expect([noMother.fatherName, noMother.motherName]).toEqual(['Lý Văn Cường', null]);
    const none = identityFromDg13(parseDg13(buildDg13([...base, dg13Record(13, seq(), seq())])), null)!;
    expect([none.fatherName, none.motherName]).toEqual([null, null]);
    const bare = identityFromDg13(parseDg13(buildDg13([...base, dg13Record(13)])), null)!;
    expect([bare.fatherName, bare.motherName]).toEqual([null, null]);
    const missing = identityFromDg13(parseDg13(buildDg13(base)), null)!;
    expect([missing.fatherName, missing.motherName]).toEqual([null, null]);
  });

  it('2024 card: extra fields 16–20 kept, old ID taken from 16 when 15 is empty, unlimited expiry', () => {
    const dg13 = parseDg13(
      buildDg13([
        dg13Record(1, '031085009876'),
        dg13Record(2, 'Đặng Hữu Lộc'),
        dg13Record(3, '28/01/1985'),
        dg13Record(4, 'Nam'),
        dg13Record(12, 'Không thời hạn'),
        dg13Record(15, ''),
        dg13Record(16, '031456789'),
        dg13Record(17, 'O+'),
        dg13Record(18, 'Xã An Lư, Huyện Thủy Nguyên, Hải Phòng'),
        dg13Record(19, 'Hải Phòng'),
        dg13Record(20, 'Cục Cảnh sát quản lý hành chính về trật tự xã hội'),
      ]),
    );
    const id = identityFromDg13(dg13, null)!;
    expect(id.cardType).toBe('can-cuoc-2024');
    expect(id.oldIdNumber).toBe('031456789');
    expect(id.expiryDate).toBeNull();
    expect(id.extraFields).toEqual({
      'dg13.17': 'O+',
      'dg13.18': 'Xã An Lư, Huyện Thủy Nguyên, Hải Phòng',
      'dg13.19': 'Hải Phòng',
      'dg13.20': 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    });
  });

  it('field 16 that is not an old ID stays an extra field; the card is still 2024', () => {
    const dg13 = parseDg13(
      buildDg13([
        dg13Record(1, '031085009876'),
        dg13Record(2, 'A'),
        dg13Record(3, '1985'),
        dg13Record(16, 'ABCDEF0123456789'),
      ]),
    );
    const id = identityFromDg13(dg13, null)!;
    expect(id.oldIdNumber).toBeNull();
    expect(id.extraFields).toEqual({ 'dg13.16': 'ABCDEF0123456789' });
    expect(id.cardType).toBe('can-cuoc-2024');
  });

  it('NFD text on the chip comes out NFC', () => {
    const nfd = 'Nguyễn Thị Hoà'.normalize('NFD');
    const dg13 = parseDg13(
      buildDg13([dg13Record(1, '001090012345'), dg13Record(2, nfd), dg13Record(3, '15/03/1990')]),
    );
    const name = identityFromDg13(dg13, null)!.fullName;
    expect(name).toBe('Nguyễn Thị Hoà'.normalize('NFC'));
    expect(name).not.toBe(nfd);
  });

  it('a header that is not BER is skipped; records are still found', () => {
    const records = [dg13Record(1, '001090012345'), dg13Record(2, 'Vũ Văn Nam'), dg13Record(3, '02/02/2002')];
    const raw = encodeTlv(0x6d, concat(Uint8Array.of(0xff, 0x00, 0x11, 0x22, 0x33), ...records));
    const dg13 = parseDg13(raw);
    expect(dg13Text(dg13, 2)).toBe('Vũ Văn Nam');
    expect(dg13.header).toEqual(Uint8Array.of(0xff, 0x00, 0x11, 0x22, 0x33));
  });

  it('records nested in an outer SEQUENCE are found', () => {
    const raw = encodeTlv(
      0x6d,
      concat(int(1), seq(dg13Record(1, '001090012345'), dg13Record(2, 'Hồ Thị Lan'))),
    );
    expect(dg13Text(parseDg13(raw), 2)).toBe('Hồ Thị Lan');
  });

  it('DG1 fallback when DG13 lacks a field; MRZ 991231 means no expiry', () => {
    const mrz = parseMrz(
      'IDVNM0510019778031051001977<<8' + '5108185M9912315VNM<<<<<<<<<<<0' + 'PHAM<<VAN<DUC'.padEnd(30, '<'),
    );
    const id = identityFromDg13(parseDg13(buildDg13([dg13Record(2, 'Phạm Văn Đức')])), mrz)!;
    expect(id).toMatchObject({
      idNumber: '031051001977',
      dateOfBirth: '1951-08-18',
      sex: 'male',
      expiryDate: null,
      fullName: 'Phạm Văn Đức',
    });
  });

  it('wrong outer tag or no records → typed error', () => {
    expect(() => parseDg13(Uint8Array.of(0x6e, 0x00))).toThrow(ChipError);
    expect(() => parseDg13(Uint8Array.of(0x6d, 0x03, 0xff, 0xff, 0xff))).toThrow(
      expect.objectContaining({ code: 'chip-dg13-malformed' }),
    );
  });

  it('dates: full, partial, invalid', () => {
    expect(parseVnDate('05/11/1990')).toBe('1990-11-05');
    expect(parseVnDate('00/11/1990')).toBe('1990-11');
    expect(parseVnDate('11/1990')).toBe('1990-11');
    expect(parseVnDate('1990')).toBe('1990');
    expect(parseVnDate('31/02/1990')).toBe('1990-02');
    expect(parseVnDate('Không thời hạn')).toBeNull();
    expect(parseVnDate('15031990')).toBe('1990-03-15');
  });
});
