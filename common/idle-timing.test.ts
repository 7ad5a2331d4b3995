import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idleSecondsForStep, longestIdleSeconds, MORE_TIME_SECONDS } from './idle-timing';

describe('idleSecondsForStep', () => {
  it('keeps the configured time for short screens', () => {
    expect(idleSecondsForStep(90, 0)).toBe(90);
    expect(idleSecondsForStep(90, 2)).toBe(90);
  });
  it('adds a fifth of the configured time per field beyond two, up to four times it', () => {
    expect(idleSecondsForStep(90, 3)).toBe(108);
    expect(idleSecondsForStep(90, 8)).toBe(198);
    expect(idleSecondsForStep(10, 5)).toBe(16);
    expect(idleSecondsForStep(90, 40)).toBe(360);
    expect(idleSecondsForStep(90, Number.NaN)).toBe(90);
  });
  it('never shortens, grows with the fields, and stays within what the host waits for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 600 }), fc.nat(200), fc.nat(200), (base, a, b) => {
        const [x, y] = [idleSecondsForStep(base, Math.min(a, b)), idleSecondsForStep(base, Math.max(a, b))];
        expect(x).toBeGreaterThanOrEqual(base);
        expect(y).toBeGreaterThanOrEqual(x);
        expect(y + MORE_TIME_SECONDS + 20).toBeLessThanOrEqual(longestIdleSeconds(base, 20));
      }),
      { numRuns: 10_000 },
    );
  });
});
