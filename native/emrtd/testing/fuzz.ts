/**
 * The chip parsers' fuzzing harness (test-only): every parser, given random bytes or a valid input with a few
 * bytes changed, cut or extended, returns a result or throws a typed ChipError — never anything else.
 * FUZZ_RUNS (default 10 000) per property.
 */
import fc from 'fast-check';
import { it } from 'vitest';
import { ChipError } from '../errors';

export const numRuns = Number(process.env.FUZZ_RUNS ?? 10000);

/** Runs `fn`; a ChipError is an accepted outcome, any other throw fails the property. */
export function onlyTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ChipError)) throw e;
  }
}

/** A valid input with a few bytes changed, cut or extended: reaches deep into the parser. */
export function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      edits: fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.nat(base.length),
      tail: fc.uint8Array({ maxLength: 8 }),
    })
    .map(({ edits, cut, tail }) => {
      const b = Uint8Array.from(base);
      for (const [i, v] of edits) b[i] = v;
      const end = cut === 0 ? b.length : cut;
      const out = new Uint8Array(end + tail.length);
      out.set(b.subarray(0, end));
      out.set(tail, end);
      return out;
    });
}

/** Two tests for one parser: random bytes (up to `maxLength`), and mutations of `base`. */
export function fuzzParser(
  name: string,
  base: Uint8Array,
  parse: (b: Uint8Array) => unknown,
  maxLength = 600,
): void {
  it(`fuzz ${name}: random bytes`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength }), (b) => onlyTyped(() => parse(b))),
      { numRuns },
    );
  });
  it(`fuzz ${name}: mutated valid input`, () => {
    fc.assert(
      fc.property(mutated(base), (b) => onlyTyped(() => parse(b))),
      { numRuns },
    );
  });
}
