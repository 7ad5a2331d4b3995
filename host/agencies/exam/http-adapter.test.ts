/** The adapter reads only answers of the agreed shape: anything else is a typed error, never a crash. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgencyError } from '../errors';
import { HttpExamAdapter } from './http-adapter';
import { ExamWindowClosedError } from './types';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const answering = (status: number, body: string): typeof fetch =>
  (async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;

describe('HttpExamAdapter answer parsing', () => {
  it('turns a refusal whose reason is window-closed into ExamWindowClosedError, other refusals stay AgencyError', async () => {
    const closed = new HttpExamAdapter({
      baseUrl: 'http://x',
      fetch: answering(200, JSON.stringify({ ok: false, code: 'rejected', message: 'window-closed' })),
    });
    await expect(closed.register({} as never, 'k')).rejects.toBeInstanceOf(ExamWindowClosedError);
    const other = new HttpExamAdapter({
      baseUrl: 'http://x',
      fetch: answering(200, JSON.stringify({ ok: false, code: 'rejected', message: 'already registered' })),
    });
    await expect(other.register({} as never, 'k')).rejects.toMatchObject({ code: 'agency-rejected' });
  });

  it(`any answer body (${RUNS} runs) gives valid options or an AgencyError`, async () => {
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.record({ ok: fc.constant(true), result: fc.anything() }).map((v) => JSON.stringify(v)),
      fc
        .record({
          ok: fc.boolean(),
          code: fc.constantFrom('not-found', 'rejected', 'x'),
          message: fc.string(),
        })
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(200, 400, 404, 500, 503), async (b, status) => {
        const a = new HttpExamAdapter({ baseUrl: 'http://x', fetch: answering(status, b) });
        try {
          const o = await a.options();
          expect(o.clusters.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(AgencyError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
