import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, WedgeDetector, type KeyStroke, type WedgeDecision } from './wedge-detector';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);
const PAYLOAD = '001099012345||Nguyen Van An|15052002|Nam|Xa Quang Phu, Dak Lak|20042021';

/** Keys with the given gaps (gaps[i] is the pause before key i; gaps[0] from `start`). */
function strokes(keys: string[], gaps: number[], start = 1000): KeyStroke[] {
  let t = start;
  return keys.map((key, i) => {
    t += gaps[i] ?? 0;
    return { key, time: t };
  });
}

function run(detector: WedgeDetector, keys: KeyStroke[]) {
  const decisions: WedgeDecision[] = keys.map((k) => detector.feed(k));
  const passed = keys.filter((_, i) => !decisions[i]?.swallow).map((k) => k.key);
  return {
    decisions,
    passed,
    retracted: decisions.map((d) => d.retract).join(''),
    scans: decisions.flatMap((d) => (d.scan ? [d.scan] : [])),
    rejected: decisions.flatMap((d) => (d.rejected ? [d.rejected] : [])),
  };
}

const scanKeys = (payload: string) => [...[...payload], 'Enter'];

describe('median', () => {
  it('odd, even, empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('WedgeDetector', () => {
  it('recognises a scan typed at 8 ms per key ending in Enter; early keys are retracted', () => {
    const keys = scanKeys(PAYLOAD);
    const r = run(
      new WedgeDetector(),
      strokes(
        keys,
        keys.map(() => 8),
      ),
    );
    expect(r.scans).toEqual([PAYLOAD]);
    // The first 5 keys went through before recognition; the 6th key's decision retracts them.
    expect(r.passed).toEqual([...PAYLOAD.slice(0, 5)]);
    expect(r.retracted).toBe(PAYLOAD.slice(0, 5));
    expect(r.decisions[5]?.retract).toBe(PAYLOAD.slice(0, 5));
    expect(r.decisions.at(-1)?.swallow).toBe(true);
  });

  it('options explicitly undefined keep their defaults (as the hook passes them)', () => {
    const keys = scanKeys(PAYLOAD);
    const d = new WedgeDetector({ minLength: undefined, detectAfter: undefined, maxMedianGapMs: undefined });
    expect(
      run(
        d,
        strokes(
          keys,
          keys.map(() => 8),
        ),
      ).scans,
    ).toEqual([PAYLOAD]);
  });

  it('ignores Shift presses between the characters of a scan (capitals)', () => {
    const keys = [...'NGUYEN|VAN|AN|0123456789'].flatMap((c) => (/[A-Z|]/.test(c) ? ['Shift', c] : [c]));
    keys.push('Enter');
    const r = run(
      new WedgeDetector(),
      strokes(
        keys,
        keys.map(() => 4),
      ),
    );
    expect(r.scans).toEqual(['NGUYEN|VAN|AN|0123456789']);
  });

  it('never takes human typing (gaps ≥ 80 ms) for a scan, even long text ending in Enter', () => {
    const keys = scanKeys(PAYLOAD);
    const r = run(
      new WedgeDetector(),
      strokes(
        keys,
        keys.map(() => 80),
      ),
    );
    expect(r.scans).toEqual([]);
    expect(r.passed).toEqual(keys);
  });

  it('a short fast burst is swallowed but not a scan', () => {
    const keys = scanKeys('0123456789');
    const r = run(
      new WedgeDetector(),
      strokes(
        keys,
        keys.map(() => 10),
      ),
    );
    expect(r.scans).toEqual([]);
    expect(r.rejected).toEqual(['0123456789']);
  });

  it('a burst without suffix ends after the idle time', () => {
    const d = new WedgeDetector();
    const r = run(
      d,
      strokes(
        [...PAYLOAD],
        [...PAYLOAD].map(() => 10),
      ),
    );
    expect(r.scans).toEqual([]);
    expect(d.scanning).toBe(true);
    const last = 1000 + PAYLOAD.length * 10;
    expect(d.idle(last + 20).scan).toBeNull();
    expect(d.idle(last + d.burstIdleMs).scan).toBe(PAYLOAD);
    expect(d.scanning).toBe(false);
  });

  it('a scan after slow human typing retracts only the scanner keys', () => {
    const human = strokes([...'abc'], [0, 200, 150], 0);
    const keys = scanKeys(PAYLOAD);
    const scan = strokes(
      keys,
      keys.map(() => 12),
      2000,
    );
    const r = run(new WedgeDetector(), [...human, ...scan]);
    expect(r.scans).toEqual([PAYLOAD]);
    expect(r.retracted).toBe(PAYLOAD.slice(0, 5));
    expect(r.passed.slice(0, 3)).toEqual(['a', 'b', 'c']);
  });

  it('auto-repeat (key held down) is never a scan', () => {
    const keys = Array.from({ length: 60 }, () => 'a');
    const d = new WedgeDetector();
    const decisions = strokes(
      keys,
      keys.map(() => 30),
    ).map((k, i) => d.feed({ ...k, repeat: i > 0 }));
    expect(decisions.every((x) => !x.swallow && x.scan === null)).toBe(true);
  });

  it('two scans in a row are both recognised', () => {
    const keys = [...scanKeys(PAYLOAD), ...scanKeys(PAYLOAD.replace('An', 'Ba'))];
    const r = run(
      new WedgeDetector(),
      strokes(
        keys,
        keys.map(() => 9),
      ),
    );
    expect(r.scans).toEqual([PAYLOAD, PAYLOAD.replace('An', 'Ba')]);
  });

  it('fuzz: human typing with gaps ≥ 80 ms is never swallowed nor a scan', () => {
    const key = fc.constantFrom(
      ...'abcdefghijklmnopqrstuvwxyz0123456789|ăâđêôơư ',
      'Enter',
      'Tab',
      'Backspace',
      'Shift',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.integer({ min: 80, max: 2000 })), { maxLength: 120 }),
        (typed) => {
          const d = new WedgeDetector();
          const r = run(
            d,
            strokes(
              typed.map(([k]) => k),
              typed.map(([, g]) => g),
            ),
          );
          expect(r.decisions.every((x) => !x.swallow && x.scan === null && x.retract === '')).toBe(true);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('fuzz: a scanner burst (median gap ≤ 35 ms, jitter below 70 ms) gives exactly its payload', () => {
    const payload = fc
      .string({
        unit: fc.constantFrom(...'0123456789|ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĐđăơư ,.'),
        minLength: 20,
        maxLength: 200,
      })
      .filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(
        payload,
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 250, maxLength: 250 }),
        fc.array(fc.nat(249), { maxLength: 15 }),
        (text, gaps, spikes) => {
          const keys = scanKeys(text);
          const g = [...gaps];
          for (const s of spikes) g[s % keys.length] = 65; // occasional USB/event-loop hiccup
          if (median(g.slice(1, keys.length)) > 35) return;
          const r = run(new WedgeDetector(), strokes(keys, g.slice(0, keys.length), 5000));
          expect(r.scans).toEqual([text]);
          // Whatever reached the page before recognition is retracted: nothing of the scan stays typed.
          expect(r.passed.join('')).toBe(r.retracted);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('WedgeDetector — late recognition', () => {
  it('a scan whose first gaps hiccup is still recognised at Enter, with every leaked key retracted', () => {
    const text = '0'.repeat(21);
    const keys = scanKeys(text);
    const gaps = keys.map((_, i) => (i >= 1 && i <= 10 ? 65 : i === 18 ? 6 : 0));
    const r = run(new WedgeDetector(), strokes(keys, gaps, 5000));
    expect(r.scans).toEqual([text]);
    expect(r.retracted).toBe(text);
    expect(r.decisions.at(-1)?.swallow).toBe(true);
  });
});
