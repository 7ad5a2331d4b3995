import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineFramer, type FrameEvent } from './line-framer';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);
const enc = (s: string) => new TextEncoder().encode(s);
const lines = (events: FrameEvent[]) => events.map((e) => (e.kind === 'line' ? e.text : '<overflow>'));

function feed(framer: LineFramer, bytes: Uint8Array, cuts: number[]): FrameEvent[] {
  const out: FrameEvent[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...framer.push(bytes.subarray(from, cut)));
    from = cut;
  }
  return out;
}

describe('LineFramer', () => {
  it('frames on CR, LF, CRLF and runs of them; drops empty lines', () => {
    const f = new LineFramer();
    expect(lines(f.push(enc('a|1\rb|2\nc|3\r\n\r\nd|4')))).toEqual(['a|1', 'b|2', 'c|3']);
    expect(lines(f.push(enc('\r')))).toEqual(['d|4']);
  });

  it('decodes a Vietnamese letter split across chunks', () => {
    const f = new LineFramer();
    const bytes = enc('Nguyễn\r');
    // "ễ" is 3 bytes (E1 BB 85) at offset 4..6: cut inside it.
    expect(lines(feed(f, bytes, [5, 6]))).toEqual(['Nguyễn']);
  });

  it('turns invalid UTF-8 into U+FFFD', () => {
    const f = new LineFramer();
    expect(lines(f.push(new Uint8Array([0x41, 0xff, 0xfe, 0x42, 0x0d])))).toEqual(['A\uFFFD\uFFFDB']);
  });

  it('caps a line without end of line: one overflow, the rest of it discarded, next line fine', () => {
    const f = new LineFramer({ maxLineLength: 10 });
    const events = [
      ...f.push(enc('x'.repeat(8))),
      ...f.push(enc('x'.repeat(8))),
      ...f.push(enc('yyyy\nok|1\n')),
    ];
    expect(lines(events)).toEqual(['<overflow>', 'ok|1']);
  });

  it('flush ends a pending line (scanner without suffix) and resets state', () => {
    const f = new LineFramer();
    expect(f.push(enc('abc'))).toEqual([]);
    expect(f.hasPartialLine).toBe(true);
    expect(lines(f.flush())).toEqual(['abc']);
    expect(f.hasPartialLine).toBe(false);
    expect(lines(f.flush())).toEqual([]);
  });

  it('fuzz: any chunking of a byte stream gives the same lines', () => {
    const line = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .map((s) => s.replace(/[\r\n]/g, 'x'));
    const eol = fc.constantFrom('\r', '\n', '\r\n', '\n\r\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, eol), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (pairs, rawCuts) => {
          const text = pairs.map(([l, e]) => l + e).join('');
          const bytes = enc(text);
          const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const got = lines(feed(new LineFramer(), bytes, cuts));
          expect(got).toEqual(pairs.map(([l]) => l).filter((l) => l.length > 0));
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: random bytes never throw and never emit a line longer than the cap', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (chunks) => {
        const f = new LineFramer({ maxLineLength: 32 });
        const events = [...chunks.flatMap((c) => f.push(c)), ...f.flush()];
        for (const e of events) if (e.kind === 'line') expect(e.text.length).toBeLessThanOrEqual(32);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
