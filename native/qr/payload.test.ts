import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Identity } from '../../common/identity';
import { QR_PAYLOAD_ERROR_CODES, QrPayloadError } from './errors';
import { formatCccdQr, looksGarbled, parseCccdQr } from './payload';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);
const TODAY = '2026-11-23';
const FIXTURES = join(import.meta.dirname, '../../fixtures/qr');

interface ValidFixture {
  why: string;
  payload: string;
  expect: Partial<Identity>;
}
interface ErrorFixture {
  code: string;
  today: string;
  cases: { why: string; payload: string }[];
}

const valid = JSON.parse(readFileSync(join(FIXTURES, 'valid.json'), 'utf8')) as ValidFixture[];
const errorFiles = readdirSync(join(FIXTURES, 'errors')).filter((f) => f.endsWith('.json'));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof QrPayloadError) return e.code;
    throw e;
  }
  return 'no-error';
}

describe('parseCccdQr — valid payloads (fixtures/qr/valid.json)', () => {
  it.each(valid.map((v) => [v.why, v] as const))('%s', (_why, v) => {
    const id = parseCccdQr(v.payload, { today: TODAY });
    expect(id).toMatchObject(v.expect);
    expect(id.source).toBe('qr');
    expect(id.expiryDate).toBeNull();
    expect(id.nationality).toBeNull();
    expect(Identity.parse(id)).toEqual(id);
    expect(id.fullName).toBe(id.fullName.normalize('NFC'));
  });

  it('the public doc example parses to exactly this identity', () => {
    expect(
      parseCccdQr("001099012345||Nguyễn Văn An|15052002|Nam|Xã Quảng Phú, Huyện Cư M'gar, Đắk Lắk|20042021", {
        today: TODAY,
      }),
    ).toEqual({
      idNumber: '001099012345',
      oldIdNumber: null,
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2002-05-15',
      sex: 'male',
      nationality: null,
      ethnicity: null,
      religion: null,
      placeOfOrigin: null,
      placeOfResidence: "Xã Quảng Phú, Huyện Cư M'gar, Đắk Lắk",
      identifyingMarks: null,
      issueDate: '2021-04-20',
      expiryDate: null,
      fatherName: null,
      motherName: null,
      spouseName: null,
      source: 'qr',
      cardType: 'cccd-2021',
      extraFields: {},
    });
  });

  it('accepts "NAM"/"nữ" in any case, surrounding white space and line endings anywhere at the ends', () => {
    const id = parseCccdQr('  \r\n001098012345||NGUYỄN VĂN B|01012000|NỮ|Hà Nội|01012022\r\n\r\n', {
      today: TODAY,
    });
    expect(id.sex).toBe('female');
    expect(id.idNumber).toBe('001098012345');
  });

  it('accepts partial dates of birth (year only, year-month)', () => {
    expect(parseCccdQr('001050001234||Hà Văn Tư|00001950|Nam|Hà Nội|01032021').dateOfBirth).toBe('1950');
    expect(parseCccdQr('001050001234||Hà Văn Tư|1950|Nam|Hà Nội|01032021').dateOfBirth).toBe('1950');
    expect(parseCccdQr('001050001234||Hà Văn Tư|00061950|Nam|Hà Nội|01032021').dateOfBirth).toBe('1950-06');
  });

  it('accepts a 12-digit old ID number (2024 cards may carry the earlier CCCD number)', () => {
    const id = parseCccdQr('001099012345|001099099999|Nguyễn Văn An|15052002|Nam|Hà Nội|20082024|||', {
      today: TODAY,
    });
    expect(id.oldIdNumber).toBe('001099099999');
    expect(id.cardType).toBe('can-cuoc-2024');
  });

  it('8 and 9 fields: the first seven read as a CCCD, extras kept by position, card type unknown', () => {
    const seven = '001099012345||Nguyễn Văn An|15052002|Nam|Hà Nội|20042021';
    const eight = parseCccdQr(`${seven}|Lê Văn Bình`, { today: TODAY });
    expect(eight).toEqual({
      ...parseCccdQr(seven, { today: TODAY }),
      cardType: 'unknown',
      extraFields: { '8': 'Lê Văn Bình' },
    });
    const nine = parseCccdQr(`${seven}||15052027`, { today: TODAY });
    expect(nine.cardType).toBe('unknown');
    expect(nine.extraFields).toEqual({ '8': '', '9': '15052027' });
    expect(formatCccdQr(nine)).toBe(`${seven}||15052027`);
    expect(formatCccdQr(eight)).toBe(`${seven}|Lê Văn Bình`);
  });

  it('accepts an issue date equal to today', () => {
    expect(
      parseCccdQr('001099012345||Nguyễn Văn An|15052002|Nam|Hà Nội|23112026', { today: TODAY }).issueDate,
    ).toBe('2026-11-23');
  });
});

describe('parseCccdQr — one fixture file per error class (fixtures/qr/errors/)', () => {
  it('has a fixture file for every payload error code', () => {
    expect(errorFiles.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(
      [...QR_PAYLOAD_ERROR_CODES].sort(),
    );
  });
  for (const file of errorFiles) {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'errors', file), 'utf8')) as ErrorFixture;
    it.each(fixture.cases.map((c) => [c.why, c] as const))(`${fixture.code}: %s`, (_why, c) => {
      expect(codeOf(() => parseCccdQr(c.payload, { today: fixture.today }))).toBe(fixture.code);
    });
  }

  it('messages never carry the payload or its fields', () => {
    try {
      parseCccdQr('001099012345||Nguyễn Văn An|15052002|Male|Hà Nội|20042021');
    } catch (e) {
      expect((e as Error).message).not.toMatch(/001099012345|Nguyễn|Male|Hà Nội/);
    }
  });
});

describe('looksGarbled', () => {
  it('does not flag real Vietnamese capitals (Ã, Â, Í, Ì) in names and addresses', () => {
    for (const s of [
      'NGUYỄN VĂN NGÃ',
      'TRẦN THỊ ÂN',
      'LÊ VĂN HÍ',
      'Mỹ Tho – Tiền Giang',
      'Hà Nội',
      'NGÔ BẢO CHÂU',
    ]) {
      expect(looksGarbled(s)).toBe(false);
    }
  });
  it('flags Windows-1252 mojibake of every Vietnamese letter', () => {
    const letters = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
    for (const ch of letters + letters.toUpperCase()) {
      const bytes = new TextEncoder().encode(ch);
      const mojibake = new TextDecoder('windows-1252').decode(bytes);
      expect([ch, looksGarbled(`x${mojibake}x`)]).toEqual([ch, true]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties.

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const vietnameseWord = fc
  .array(
    fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((a) => a.join(''));
const capitalised = vietnameseWord.map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1));
const name = fc.array(capitalised, { minLength: 1, maxLength: 5 }).map((a) => a.join(' '));
const address = fc
  .array(fc.oneof(capitalised, digits(2), fc.constantFrom(',', '.', "M'gar", '-')), {
    minLength: 1,
    maxLength: 12,
  })
  .map((a) => a.join(' '));
const isoDay = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const qrIdentity = fc
  .record({
    idNumber: digits(12),
    oldIdNumber: fc.oneof(fc.constant(null), digits(9), digits(12)),
    fullName: name,
    dateOfBirth: isoDay('1900-01-01', '2020-12-31'),
    sex: fc.constantFrom('male' as const, 'female' as const),
    placeOfResidence: fc.option(address, { nil: null }),
    issueDate: isoDay('2016-01-01', '2026-11-23'),
    // 3–8 extras: a 2024 Căn cước (10–15 fields); 1–2 extras: 8–9 fields, card type unknown.
    extra: fc.option(fc.array(fc.oneof(fc.constant(''), address), { minLength: 1, maxLength: 8 }), {
      nil: null,
    }),
  })
  .filter((r) => r.issueDate >= r.dateOfBirth)
  .map((r): Identity => ({
    idNumber: r.idNumber,
    oldIdNumber: r.oldIdNumber,
    fullName: r.fullName,
    dateOfBirth: r.dateOfBirth,
    sex: r.sex,
    nationality: null,
    ethnicity: null,
    religion: null,
    placeOfOrigin: null,
    placeOfResidence: r.placeOfResidence,
    identifyingMarks: null,
    issueDate: r.issueDate,
    expiryDate: null,
    fatherName: null,
    motherName: null,
    spouseName: null,
    source: 'qr',
    cardType: r.extra ? (r.extra.length >= 3 ? 'can-cuoc-2024' : 'unknown') : 'cccd-2021',
    extraFields: Object.fromEntries((r.extra ?? []).map((v, i) => [String(i + 8), v])),
  }));

describe('properties', () => {
  it('fuzz: identity → formatCccdQr → parseCccdQr gives the same identity', () => {
    fc.assert(
      fc.property(qrIdentity, (identity) => {
        expect(parseCccdQr(formatCccdQr(identity), { today: TODAY })).toEqual(identity);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: random strings never throw anything but QrPayloadError', () => {
    const arbitraryText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc
        .array(
          fc.oneof(fc.string({ maxLength: 20 }), digits(12), digits(8), fc.constantFrom('Nam', 'Nữ', '')),
          {
            maxLength: 14,
          },
        )
        .map((a) => a.join('|')),
      fc.string({ unit: 'binary', minLength: 1000, maxLength: 1100 }),
    );
    fc.assert(
      fc.property(arbitraryText, (text) => {
        try {
          const id = parseCccdQr(text, { today: TODAY });
          expect(Identity.safeParse(id).success).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(QrPayloadError);
          expect(QR_PAYLOAD_ERROR_CODES).toContain((e as QrPayloadError).code);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: a valid payload mangled by a wrong code page is always qr-garbled, never a wrong name', () => {
    fc.assert(
      fc.property(qrIdentity, fc.constantFrom('windows-1252', 'latin1'), (identity, encoding) => {
        const payload = formatCccdQr(identity);
        const mangled = new TextDecoder(encoding).decode(new TextEncoder().encode(payload));
        if (mangled === payload) return;
        expect(codeOf(() => parseCccdQr(mangled, { today: TODAY }))).toBe('qr-garbled');
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
