/** Fuzzing: whatever label values reach the exposition, it parses strictly and only codes come out. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from './exposition';
import { ExpositionError, parseExposition } from './strict-parser';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

describe('exposition (fuzz)', () => {
  it('any label values render to a strict exposition whose values are codes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.double()), { maxLength: 8 }),
        (samples) => {
          const seen = new Set<string>();
          const unique = samples.filter(([v]) => {
            const code = /^[a-z0-9./-]{0,64}$/.test(v) ? v : 'other';
            if (seen.has(code)) return false;
            seen.add(code);
            return true;
          });
          const text = render([
            {
              name: 'kiosk_fuzz_total',
              type: 'counter',
              help: 'Fuzz.\nSecond line \\ backslash.',
              samples: unique.map(([code, value]) => ({ labels: { code }, value })),
            },
          ]);
          const [family] = parseExposition(text);
          expect(family!.samples).toHaveLength(unique.length);
          for (const s of family!.samples) {
            expect(s.labels.code).toMatch(/^[a-z0-9./-]{0,64}$/);
            expect(Number.isFinite(s.value)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the strict parser answers any text with families or an ExpositionError, nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        try {
          parseExposition(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ExpositionError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
