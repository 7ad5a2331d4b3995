import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCommandApdu, encodeCommandApdu } from './apdu';
import { SimulatorError } from './errors';
import { createInProcessCard } from './in-process';
import { loadProfile } from './profile';
import { testBac } from './test-reader';
import { parseFlatTlv } from './tlv';

const numRuns = Number(process.env.FUZZ_RUNS ?? 10000);

describe('fuzz: card-side parsers', () => {
  it('parseCommandApdu accepts or throws only SimulatorError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          const c = parseCommandApdu(bytes);
          expect(c.data.length).toBeLessThanOrEqual(bytes.length);
        } catch (e) {
          expect(e).toBeInstanceOf(SimulatorError);
          expect((e as SimulatorError).code).toBe('simulator.apdu-malformed');
        }
      }),
      { numRuns },
    );
  });

  it('encodeCommandApdu round-trips through parseCommandApdu', () => {
    fc.assert(
      fc.property(
        fc.record({
          cla: fc.integer({ min: 0, max: 255 }),
          ins: fc.integer({ min: 0, max: 255 }),
          p1: fc.integer({ min: 0, max: 255 }),
          p2: fc.integer({ min: 0, max: 255 }),
          data: fc.uint8Array({ maxLength: 400 }),
          ne: fc.option(fc.integer({ min: 1, max: 65536 }), { nil: null }),
        }),
        (c) => {
          const parsed = parseCommandApdu(encodeCommandApdu(c));
          expect(parsed).toMatchObject({ cla: c.cla, ins: c.ins, p1: c.p1, p2: c.p2, ne: c.ne });
          expect(Buffer.from(parsed.data).equals(Buffer.from(c.data))).toBe(true);
        },
      ),
      { numRuns },
    );
  });

  it('parseFlatTlv never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const r = parseFlatTlv(bytes);
        expect(r === null || Array.isArray(r)).toBe(true);
      }),
      { numRuns },
    );
  });

  it('the card answers any APDU, plain or inside an SM session, with a status word and never crashes', async () => {
    const profile = loadProfile('young');
    const card = createInProcessCard(profile);
    await testBac(card.transmit, profile.bac);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc
            .tuple(
              fc.constantFrom(0x00, 0x0c),
              fc.constantFrom(0xa4, 0xb0, 0xb1, 0x84, 0x82, 0x88),
              fc.uint8Array({ minLength: 2, maxLength: 60 }),
            )
            .map(([cla, ins, rest]) => new Uint8Array([cla, ins, ...rest])),
        ),
        async (apdu) => {
          const r = await card.transmit(apdu);
          expect(r.length).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns },
    );
  });
});
