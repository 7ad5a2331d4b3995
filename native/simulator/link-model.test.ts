import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessCard } from './in-process';
import { airTimeMs, DEFAULT_LINK, LinkTimer, parseLinkModel } from './link-model';
import { loadProfile } from './profile';
import { SimulatorError } from './errors';

afterEach(() => vi.useRealTimers());

describe('link model', () => {
  it('parses the short and the keyed spec forms', () => {
    expect(parseLinkModel('424k')).toEqual(DEFAULT_LINK);
    expect(parseLinkModel('848k,2-4ms')).toMatchObject({ bitRate: 848_000, turnaroundMs: [2, 4] });
    expect(parseLinkModel('106k,10')).toMatchObject({ bitRate: 106_000, turnaroundMs: [10, 10] });
    expect(parseLinkModel('bitrate=212000,turnaround=5-15,frame=128,chain=2,bits=10,seed=7')).toEqual({
      bitRate: 212_000,
      turnaroundMs: [5, 15],
      frameSize: 128,
      chainingMs: 2,
      bitsPerByte: 10,
      seed: 7,
    });
    for (const bad of ['', 'fast', '424k,15-5', '424k,frame=2', 'colour=red'])
      expect(() => parseLinkModel(bad)).toThrow(SimulatorError);
  });

  it('air time: bytes + 3 framing bytes per 253-byte frame, 9 bits each, plus 1 ms per chained frame', () => {
    // 13-byte APDU: one frame, 16 bytes × 9 bits at 424 kbit/s.
    expect(airTimeMs(DEFAULT_LINK, 13)).toBeCloseTo((16 * 9 * 1000) / 424_000, 9);
    // 253 bytes fill one frame exactly; 254 need two (one R(ACK) exchange).
    expect(airTimeMs(DEFAULT_LINK, 253)).toBeCloseTo((256 * 9 * 1000) / 424_000, 9);
    expect(airTimeMs(DEFAULT_LINK, 254)).toBeCloseTo((260 * 9 * 1000) / 424_000 + 1, 9);
    // An 8 KiB extended response: 33 frames.
    expect(airTimeMs(DEFAULT_LINK, 8192)).toBeCloseTo(((8192 + 33 * 3) * 9 * 1000) / 424_000 + 32, 9);
  });

  it('turnaround is drawn within [min, max], the same sequence for the same seed', () => {
    const a = new LinkTimer(DEFAULT_LINK);
    const b = new LinkTimer(DEFAULT_LINK);
    const air = airTimeMs(DEFAULT_LINK, 20) + airTimeMs(DEFAULT_LINK, 40);
    for (let i = 0; i < 200; i++) {
      const t = a.exchangeMs(20, 40);
      expect(t).toBe(b.exchangeMs(20, 40));
      expect(t - air).toBeGreaterThanOrEqual(5);
      expect(t - air).toBeLessThanOrEqual(15);
    }
  });

  it('the in-process card holds each answer for the modelled time', async () => {
    vi.useFakeTimers();
    const card = createInProcessCard(loadProfile('young'), { link: '424k,5-15' });
    const select = Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]);
    const expected = new LinkTimer(parseLinkModel('424k,5-15')).exchangeMs(select.length, 2);
    let answer: Uint8Array | null = null;
    void card.transmit(select).then((r) => (answer = r));
    await vi.advanceTimersByTimeAsync(Math.floor(expected) - 1);
    expect(answer).toBeNull();
    await vi.advanceTimersByTimeAsync(2);
    expect(answer).toEqual(Uint8Array.of(0x90, 0x00));
  });
});
