/** fast-check fuzzing of EF.CardAccess and DG14 (SecurityInfos): a result or a typed ChipError, never a crash. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes';
import { ChipError } from '../errors';
import { buildCardFiles } from '../../simulator/card-files';
import { parseFaults } from '../../simulator/faults';
import { loadProfile } from '../../simulator/profile';
import { parseCardAccess } from './card-access';
import { parseDg14 } from './dg14';

const numRuns = Number(process.env.FUZZ_RUNS ?? 10000);

function onlyTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ChipError)) throw e;
  }
}

function mutated(base: Uint8Array) {
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

const files = buildCardFiles(loadProfile('chip-auth'), parseFaults([])).files;
// ICAO 9303-11 App. G.1 EF.CardAccess, and one with PACE GM + IM + CAM, CA info and TA info.
const g1 = fromHex('31143012060A04007F0007020204020202010202010D');
const rich = fromHex(
  '3150' +
    '3012060A04007F0007020204020202010202010D' +
    '3012060A04007F0007020204040302010202010C' +
    '3012060A04007F0007020204060402010202011' +
    '0' +
    '3012060A04007F0007020203020202010102010' +
    '1',
);

describe('EF.CardAccess and DG14 parsers', () => {
  it('parse the valid bases', () => {
    expect(parseCardAccess(g1).pace).toHaveLength(1);
    expect(parseCardAccess(rich).pace.map((p) => [p.mapping, p.cipher, p.keyLength, p.parameterId])).toEqual([
      ['GM', 'aes', 16, 13],
      ['IM', 'aes', 24, 12],
      ['CAM', 'aes', 32, 16],
    ]);
    expect(parseCardAccess(rich).securityInfos.at(-1)).toMatchObject({ kind: 'ca', cipher: 'aes', keyId: 1 });
    const dg14 = parseDg14(files.get(0x010e)!);
    expect(dg14.chipAuthenticationInfos).toMatchObject([{ cipher: 'aes', keyLength: 32, keyId: 2 }]);
    expect(dg14.chipAuthenticationPublicKeys).toMatchObject([
      { keyId: 2, agreement: 'ECDH', publicKey: { kind: 'ec', curveOid: '1.3.132.0.34' } },
    ]);
    expect(dg14.activeAuthenticationSignatureOid).toBe('0.4.0.127.0.7.1.1.4.1.3');
  });

  for (const [name, base, parse] of [
    ['EF.CardAccess', rich, parseCardAccess],
    ['DG14', files.get(0x010e)!, parseDg14],
  ] as const) {
    it(`fuzz ${name}: random bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), (b) => onlyTyped(() => parse(b))),
        { numRuns },
      );
    });
    it(`fuzz ${name}: mutated valid file`, () => {
      fc.assert(
        fc.property(mutated(base), (b) => onlyTyped(() => parse(b))),
        { numRuns },
      );
    });
  }
});
