import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecisionNumber } from './decision';
import { parseVehicleIdentifier } from './identifiers';
import { parsePlate } from './plate';

const RUNS = { numRuns: 10_000 };

describe('parsePlate', () => {
  it.each([
    ['30A-123.45', '30A12345', '30A-123.45'],
    ['29-B1 123.45', '29B112345', '29B1-123.45'],
    ['59x2 12345', '59X212345', '59X2-123.45'],
    ['30a1234', '30A1234', '30A-1234'],
    ['29-B1 1234', '29B11234', '29B1-1234'],
    ['29B11234', '29B11234', '29B-112.34'],
    ['51LD 123.45', '51LD12345', '51LD-123.45'],
  ])('%s → %s', (input, canonical, display) => {
    expect(parsePlate(input)).toEqual({ ok: true, plate: { canonical, display } });
  });
  it.each([
    ['', 'plate-empty'],
    ['  ', 'plate-empty'],
    ['30A-123.45-678901', 'plate-too-long'],
    ['30Ă-12345', 'plate-bad-characters'],
    ['3A-12345', 'plate-bad-shape'],
    ['30-12345', 'plate-bad-shape'],
    ['30ABC-12345', 'plate-bad-shape'],
    ['30A-123', 'plate-bad-shape'],
  ])('%j is refused (%s)', (input, error) => {
    expect(parsePlate(input)).toEqual({ ok: false, error });
  });
  it('never throws; what it accepts is canonical and stable (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24, unit: 'grapheme' }), (s) => {
        const r = parsePlate(s);
        if (r.ok) {
          expect(r.plate.canonical).toMatch(/^\d{2}[A-Z]{1,2}\d?\d{4,5}$/);
          expect(parsePlate(r.plate.display)).toEqual(r);
          const again = parsePlate(r.plate.canonical);
          expect(again.ok && again.plate.canonical).toBe(r.plate.canonical);
        }
      }),
      RUNS,
    );
  });
  it('accepts every well-formed plate however it is spaced (property)', () => {
    const letter = fc.constantFrom(...'ABCDEFGHKLMNPSTUVXYZ');
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 99 }),
        fc.array(letter, { minLength: 1, maxLength: 2 }),
        fc.option(fc.integer({ min: 0, max: 9 })),
        fc.stringMatching(/^\d{4,5}$/),
        fc.constantFrom('', ' ', '-', '.'),
        (loc, series, d, digits, sep) => {
          const input = `${loc}${series.join('').toLowerCase()}${d ?? ''}${sep}${digits}`;
          const r = parsePlate(input);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.plate.canonical).toBe(`${loc}${series.join('')}${d ?? ''}${digits}`);
        },
      ),
      RUNS,
    );
  });
});

describe('parseDecisionNumber', () => {
  it.each([
    ['12345/QĐ-XPHC', '12345/QĐ-XPHC'],
    ['  Số: 987/qđ-xpvphc ', '987/QĐ-XPVPHC'],
    ['77/QD-XPHC', '77/QĐ-XPHC'],
    ['https://csgt.example/bienphat?so=12%2FQ%C4%90-XPHC', '12/QĐ-XPHC'],
  ])('%j → %s', (input, number) => {
    expect(parseDecisionNumber(input)).toEqual({ ok: true, number });
  });
  it.each([
    ['', 'decision-empty'],
    ['12345', 'decision-bad-shape'],
    ['abc/QĐ-XPHC', 'decision-bad-shape'],
    ['http://[bad', 'decision-bad-shape'],
  ])('%j is refused (%s)', (input, error) => {
    expect(parseDecisionNumber(input)).toEqual({ ok: false, error });
  });
  it('never throws; what it accepts parses to itself (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60, unit: 'grapheme' }),
          fc.webUrl({ withQueryParameters: true }),
          fc.tuple(fc.nat(), fc.string({ maxLength: 12 })).map(([n, s]) => `${n}/QĐ-${s}`),
        ),
        (s) => {
          const r = parseDecisionNumber(s);
          if (r.ok) expect(parseDecisionNumber(r.number)).toEqual(r);
        },
      ),
      RUNS,
    );
  });
});

describe('parseVehicleIdentifier', () => {
  it('drops separators, folds case and checks only letters, digits and length', () => {
    expect(parseVehicleIdentifier('rlhjc-5210 ny123456')).toEqual({ ok: true, value: 'RLHJC5210NY123456' });
    expect(parseVehicleIdentifier('')).toEqual({ ok: false, error: 'vehicle-id-empty' });
    expect(parseVehicleIdentifier('AB/12345')).toEqual({ ok: false, error: 'vehicle-id-bad-characters' });
    expect(parseVehicleIdentifier('AB12')).toEqual({ ok: false, error: 'vehicle-id-length' });
  });
  it('never throws; accepted values are stable (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'grapheme' }), (s) => {
        const r = parseVehicleIdentifier(s);
        if (r.ok) expect(parseVehicleIdentifier(r.value)).toEqual(r);
      }),
      RUNS,
    );
  });
});
