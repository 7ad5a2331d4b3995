import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePaperStatus, paperStatusByte } from './escpos-status';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

describe('DLE EOT 4 paper status', () => {
  it('decodes the Epson bit layout', () => {
    expect(parsePaperStatus(0x12)).toBe('ok');
    expect(parsePaperStatus(0x1e)).toBe('near-end');
    expect(parsePaperStatus(0x72)).toBe('out-of-paper');
    expect(parsePaperStatus(0x7e)).toBe('out-of-paper');
  });

  it('rejects bytes whose fixed bits are wrong', () => {
    expect(parsePaperStatus(0x00)).toBeNull();
    expect(parsePaperStatus(0xff)).toBeNull();
    expect(parsePaperStatus(0x13)).toBeNull();
    expect(parsePaperStatus(300)).toBeNull();
  });

  it('round-trips every state', () => {
    for (const s of ['ok', 'near-end', 'out-of-paper'] as const)
      expect(parsePaperStatus(paperStatusByte(s))).toBe(s);
  });

  it('fuzz: any byte decodes to a state or null, never throws', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 300 }), (b) => {
        expect([null, 'ok', 'near-end', 'out-of-paper']).toContain(parsePaperStatus(b));
      }),
      { numRuns: RUNS },
    );
  });
});
