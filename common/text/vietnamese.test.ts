import { describe, expect, it } from 'vitest';
import { foldForSearch, nfc, toMrzName } from './vietnamese';

describe('Vietnamese text helpers', () => {
  it('normalises decomposed input to NFC', () => {
    const nfd = 'Nguyễn Thị Hương'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Hương');
    expect(nfc(nfd)).toBe('Nguyễn Thị Hương');
  });
  it('folds diacritics and đ for search', () => {
    expect(foldForSearch('  Đăng ký   TẠM TRÚ ')).toBe('dang ky tam tru');
    expect(foldForSearch('Đắk Lắk')).toBe('dak lak');
  });
  it('transliterates names for the MRZ', () => {
    expect(toMrzName('Nguyễn Văn Đức')).toBe('NGUYEN<VAN<DUC');
  });
});
