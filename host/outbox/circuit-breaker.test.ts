import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from './backoff';
import { CircuitBreaker, type BreakerState } from './circuit-breaker';

describe('CircuitBreaker', () => {
  it('opens after N failures, lets one trial through after openMs, closes on success', () => {
    let now = 0;
    const seen: BreakerState[] = [];
    const b = new CircuitBreaker(
      { failureThreshold: 3, openMs: 1000 },
      () => now,
      (s) => seen.push(s),
    );
    b.failure();
    b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    expect(b.retryAt).toBe(1000);
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.failure();
    expect(b.state).toBe('open');
    now = 2000;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(seen).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
  it('a success resets the failure count', () => {
    const b = new CircuitBreaker({ failureThreshold: 2, openMs: 10 }, () => 0);
    b.failure();
    b.success();
    b.failure();
    expect(b.state).toBe('closed');
  });
});

describe('fullJitterDelay', () => {
  it('stays within [0, min(cap, base·2^attempt))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const d = fullJitterDelay(attempt, { baseMs: 100, capMs: 60_000 }, () => r);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThan(Math.min(60_000, 100 * 2 ** attempt));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 10000) },
    );
  });
});
