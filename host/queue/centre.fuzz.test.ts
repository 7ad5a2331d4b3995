/** Whatever a centre's queue system answers, the adapter gives a well-formed number or `queue-centre-unavailable`. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KioskApiError } from '../../common/api/contract';
import { HttpCentreQueue } from './centre';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10000);

const answer = fc.oneof(
  fc.record({
    number: fc.oneof(fc.string(), fc.stringMatching(/^[A-Z0-9-]{1,16}$/)),
    ahead: fc.oneof(fc.integer(), fc.constant(null), fc.double()),
    group: fc.string(),
  }),
  fc.anything(),
);

async function issueWith(status: number, body: string): Promise<unknown> {
  const q = new HttpCentreQueue({
    url: 'http://centre.invalid',
    token: null,
    fetch: async () => new Response(body, { status }),
  });
  try {
    return await q.issue({ group: 'police', kioskId: 'K01' });
  } catch (e) {
    return e;
  }
}

function wellFormed(r: unknown): boolean {
  if (r instanceof KioskApiError) return r.code === 'queue-centre-unavailable';
  const t = r as { number: unknown; ahead: unknown };
  return (
    typeof t.number === 'string' &&
    /^[A-Z0-9-]{1,16}$/.test(t.number) &&
    (t.ahead === null || (Number.isInteger(t.ahead) && (t.ahead as number) >= 0))
  );
}

describe('centre queue answers (fuzz)', () => {
  it('any JSON answer with any status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(200, 201, 204, 400, 401, 500, 503), answer, async (status, body) => {
        const json = JSON.stringify(body) ?? 'null';
        expect(wellFormed(await issueWith(status === 204 ? 200 : status, json))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('any bytes as the answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (body) => {
        expect(wellFormed(await issueWith(201, body))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
