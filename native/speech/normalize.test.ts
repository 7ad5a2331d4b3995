import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech, readIntegerVi, spellCode, spellDigits } from './normalize';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

describe('normalizeForSpeech', () => {
  it('reads dates naturally', () => {
    expect(normalizeForSpeech('Sinh ngày 15/03/1990.', 'vi')).toBe('Sinh ngày 15 tháng 3 năm 1990.');
    expect(normalizeForSpeech('Hạn: 15/03/1990', 'vi')).toBe('Hạn: ngày 15 tháng 3 năm 1990');
    expect(normalizeForSpeech('Hẹn trả 05-12-2026', 'vi')).toBe('Hẹn trả ngày 5 tháng 12 năm 2026');
    expect(normalizeForSpeech('Due 1990-03-15', 'en')).toBe('Due 15 March 1990');
    expect(normalizeForSpeech('Born 15/03/1990', 'en')).toBe('Born 15 March 1990');
  });

  it('does not turn impossible dates into dates', () => {
    expect(normalizeForSpeech('31/02/2020', 'en')).toBe('31/zero two/2020');
  });

  it('spells ID numbers digit by digit in groups of three', () => {
    expect(normalizeForSpeech('Số định danh 001090012345', 'vi')).toBe(
      'Số định danh không không một, không chín không, không một hai, ba bốn năm',
    );
    expect(normalizeForSpeech('ID 001090012345', 'en')).toBe(
      'ID zero zero one, zero nine zero, zero one two, three four five',
    );
  });

  it('groups a 10-digit phone number 4-3-3', () => {
    expect(spellDigits('0912345678', 'vi')).toBe('không chín một hai, ba bốn năm, sáu bảy tám');
  });

  it('never leaves a lone digit at the end of a group', () => {
    expect(spellDigits('1234567', 'en')).toBe('one two three, four five six seven');
  });

  it('spells dossier codes group by group', () => {
    expect(normalizeForSpeech('Mã hồ sơ: 000.00.01.H22-261123-0001.', 'vi')).toBe(
      'Mã hồ sơ: không không không, không không, không một, hát hai hai, hai sáu một một hai ba, không không không một.',
    );
    expect(spellCode('000.00.01.H22-261123-0001', 'en')).toBe(
      'zero zero zero, zero zero, zero one, aitch two two, two six one one two three, zero zero zero one',
    );
  });

  it('spells other references that mix letters and digits', () => {
    expect(normalizeForSpeech('Số biên nhận KIOSK-261123-0A1B', 'en')).toBe(
      'Số biên nhận K I O S K, two six one one two three, zero A one B',
    );
    expect(normalizeForSpeech('Quầy A-3', 'vi')).toBe('Quầy a, ba');
    expect(normalizeForSpeech('COVID là từ viết hoa', 'vi')).toBe('COVID là từ viết hoa');
  });

  it('reads times', () => {
    expect(normalizeForSpeech('Mở cửa lúc 07:30 đến 17h00', 'vi')).toBe(
      'Mở cửa lúc 7 giờ 30 phút đến 17 giờ',
    );
    expect(normalizeForSpeech('Opens at 07:30, closes at 17:00, 08:05', 'en')).toBe(
      "Opens at 7 30, closes at 17 o'clock, 8 oh 5",
    );
  });

  it('reads Vietnamese amounts in words', () => {
    expect(normalizeForSpeech('Lệ phí 1.500.000 đồng', 'vi')).toBe('Lệ phí một triệu năm trăm nghìn đồng');
    expect(normalizeForSpeech('50000 đồng', 'vi')).toBe('năm mươi nghìn đồng');
    expect(readIntegerVi(105)).toBe('một trăm linh năm');
    expect(normalizeForSpeech('Fee 1,500,000 VND, 15,000 VND', 'en')).toBe('Fee 1500000 VND, 15000 VND');
    expect(normalizeForSpeech('Cân nặng 1,5 kg', 'vi')).toBe('Cân nặng 1,5 kg');
    expect(readIntegerVi(21)).toBe('hai mươi mốt');
    expect(readIntegerVi(15)).toBe('mười lăm');
    expect(readIntegerVi(1_005_000)).toBe('một triệu không trăm linh năm nghìn');
    expect(readIntegerVi(2_000_000_000)).toBe('hai tỷ');
  });

  it('leaves short numbers to the voice', () => {
    expect(normalizeForSpeech('Quầy số 3, năm 2026', 'vi')).toBe('Quầy số 3, năm 2026');
  });

  it('drops masked text entirely', () => {
    expect(normalizeForSpeech('123456', 'vi', { masked: true })).toBe('');
  });

  it('is NFC and collapses white space', () => {
    const decomposed = 'Xin chào'.normalize('NFD') + '  \n bạn';
    const out = normalizeForSpeech(decomposed, 'vi');
    expect(out).toBe('Xin chào bạn');
    expect(out.normalize('NFC')).toBe(out);
  });

  it('fuzz: any text normalizes without throwing, to NFC, and masked is always empty', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.constantFrom('vi' as const, 'en' as const),
        (s, lang) => {
          const out = normalizeForSpeech(s, lang);
          expect(out.normalize('NFC')).toBe(out);
          expect(normalizeForSpeech(s, lang, { masked: true })).toBe('');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('fuzz: text made of digits, separators and letters (dates, codes, times, amounts) never throws', () => {
    const token = fc.oneof(
      fc.stringMatching(/^[0-9]{1,14}$/),
      fc.constantFrom('/', '-', '.', ':', 'h', ' ', 'ngày ', 'H', 'A', 'Đ', 'đồng'),
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 20 }),
        fc.constantFrom('vi' as const, 'en' as const),
        (parts, lang) => {
          const out = normalizeForSpeech(parts.join(''), lang);
          expect(typeof out).toBe('string');
          expect(out).not.toMatch(/\d{7,}/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('fuzz: digit runs never survive as long identifiers', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{7,20}$/), (digits) => {
        expect(normalizeForSpeech(digits, 'vi')).not.toMatch(/\d/);
      }),
      { numRuns: RUNS },
    );
  });
});
