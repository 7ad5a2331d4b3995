import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterSpeech, joinPhrases, NEUTRAL_PHRASE, personalValues } from './privacy-filter';

const citizensDir = join(__dirname, '../../fixtures/citizens');
const citizens = readdirSync(citizensDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(citizensDir, f), 'utf8')) as Record<string, unknown>)
  .filter((c) => typeof c.fullName === 'string' && typeof c.idNumber === 'string');

describe('joinPhrases', () => {
  it('never glues phrases: "bạn" + "000" → "bạn 000"', () => {
    expect(joinPhrases(['Số thứ tự của bạn', '000'])).toBe('Số thứ tự của bạn 000');
    expect(joinPhrases(['  Xin chào!\n', '', ' Chạm để bắt đầu. '])).toBe('Xin chào! Chạm để bắt đầu.');
    expect(joinPhrases(['Số điện thoại', ':', 'Vui lòng nhập', '.'])).toBe('Số điện thoại: Vui lòng nhập.');
  });
  it('returns NFC text', () => {
    expect(joinPhrases(['Ho\u0323 te\u0302n'])).toBe('Họ tên'.normalize('NFC'));
  });
});

describe('filterSpeech', () => {
  const parts = [
    { text: 'Xin chào' },
    { text: 'Đặng Hữu Lộc', personal: true },
    { text: '. Số định danh' },
    { text: '031085009876', personal: true },
  ];

  it('speaks everything through a headset', () => {
    expect(filterSpeech(parts, { lang: 'vi', privateOutput: true })).toBe(
      'Xin chào Đặng Hữu Lộc. Số định danh 031085009876',
    );
  });

  it('replaces marked personal parts by the neutral phrase on the loudspeaker', () => {
    const out = filterSpeech(parts, { lang: 'vi', privateOutput: false });
    expect(out).toBe(`Xin chào ${NEUTRAL_PHRASE.vi}. Số định danh ${NEUTRAL_PHRASE.vi}`);
    expect(filterSpeech(parts, { lang: 'en', privateOutput: false })).toContain(NEUTRAL_PHRASE.en);
  });

  it('merges adjacent personal parts into one neutral phrase', () => {
    const out = filterSpeech(
      [{ text: 'Hồ sơ' }, { text: 'Bùi Thị Hằng', personal: true }, { text: '079190001234', personal: true }],
      { lang: 'vi', privateOutput: false },
    );
    expect(out).toBe(`Hồ sơ ${NEUTRAL_PHRASE.vi}`);
  });

  it('scrubs unmarked ID numbers, dossier codes and the session’s own values (a screen forgot to mark)', () => {
    const known = personalValues(
      new Map([['identity', { fullName: 'Đặng Hữu Lộc', idNumber: '031085009876' }]]),
    );
    const out = filterSpeech(
      [
        {
          text: 'Chào ĐẶNG HỮU LỘC, số 031 085 009 876, mã hồ sơ 000.00.12.H31-261201-0007, CMND 031456789.',
        },
      ],
      { lang: 'vi', privateOutput: false, known },
    );
    expect(out).not.toMatch(/Lộc|LỘC|031|H31/);
    expect(out.match(new RegExp(NEUTRAL_PHRASE.vi, 'g'))?.length).toBe(4);
  });

  it('keeps queue numbers, amounts and dates (not personal)', () => {
    const text = 'Số thứ tự của bạn là A012. Lệ phí 50.000 đồng. Hẹn trả ngày 05/12/2026.';
    expect(filterSpeech([{ text }], { lang: 'vi', privateOutput: false })).toBe(text);
  });

  it('personalValues takes names, ID numbers and codes only (not "Không", "Kinh", procedure names)', () => {
    const values = personalValues(
      new Map<string, unknown>([
        ['identity', citizens[0]],
        ['service', { procedureName: 'Đăng ký tạm trú' }],
      ]),
    );
    expect(values.has(String(citizens[0]!.fullName))).toBe(true);
    expect(values.has('Không')).toBe(false);
    expect(values.has('Kinh')).toBe(false);
    expect(values.has('Đăng ký tạm trú')).toBe(false);
  });

  it('fuzz: no fictional citizen’s name or ID number survives on the loudspeaker, wherever it is put', () => {
    const fixtures = citizens.map((c) => ({
      known: personalValues({ identity: c }),
      secrets: [String(c.fullName), String(c.idNumber)],
    }));
    fc.assert(
      fc.property(
        fc.nat(fixtures.length - 1),
        fc.array(fc.record({ text: fc.string({ maxLength: 30 }), personal: fc.boolean() }), { maxLength: 6 }),
        fc.nat(6),
        fc.boolean(),
        fc.constantFrom('vi' as const, 'en' as const),
        (i, noise, at, marked, lang) => {
          const { known, secrets } = fixtures[i]!;
          const parts = [...noise];
          for (const s of secrets) parts.splice(Math.min(at, parts.length), 0, { text: s, personal: marked });
          const out = filterSpeech(parts, { lang, privateOutput: false, known });
          for (const s of secrets) expect(out.includes(s)).toBe(false);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('fuzz: any text in, NFC text out, never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: fc.string({ unit: 'binary', maxLength: 40 }), personal: fc.boolean() })),
        fc.boolean(),
        (parts, priv) => {
          const out = filterSpeech(parts, { lang: 'vi', privateOutput: priv });
          expect(out).toBe(out.normalize('NFC'));
          expect(out).not.toContain('\u0000');
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
