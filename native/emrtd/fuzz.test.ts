/** fast-check fuzzing of the parsers: any input gives a result or a typed ChipError, never a crash or hang. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChipError } from './errors';
import { parseTlvList } from './tlv';
import { parseDg1, parseMrz } from './lds/dg1';
import { parseDg13 } from './lds/dg13';
import { parseDg2 } from './lds/dg2';
import { parseIso39794Face } from './lds/iso39794-5';
import { buildDg2Iso39794, fakeJpeg } from './testing/lds-builders';
import { parseSod } from './lds/sod';
import { parseCom } from './lds/com';
import { identityFromDg13 } from './identity';
import { citizenFiles } from './testing/citizen-card';
import { makePki } from './testing/test-pki';
import { passiveAuthenticate } from './passive-auth';
import { trustStoreFromPem } from './trust-store';

const numRuns = Number(process.env.FUZZ_RUNS ?? 10000);
const pki = makePki();
const files = citizenFiles(pki, { dg2Size: 1200 });

function onlyTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ChipError)) throw e;
  }
}

/** A valid file with a few bytes changed, cut or extended: reaches deep into the parser. */
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

function fuzz(name: string, base: Uint8Array, parse: (b: Uint8Array) => unknown) {
  it(`fuzz ${name}: random bytes`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => onlyTyped(() => parse(b))),
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

describe('parser fuzzing', () => {
  fuzz('TLV', files.DG13!, parseTlvList);
  fuzz('EF.COM', files.COM!, parseCom);
  fuzz('DG1', files.DG1!, parseDg1);
  fuzz('DG13', files.DG13!, (b) => identityFromDg13(parseDg13(b), null));
  fuzz('DG2', files.DG2!, parseDg2);
  const dg2Iso39794 = buildDg2Iso39794(fakeJpeg(240, 320, 600), {
    size: { width: 240, height: 320 },
    more: [{ image: fakeJpeg(120, 160, 200), dataFormat: 2 }],
  });
  fuzz('DG2 ISO/IEC 39794-5', dg2Iso39794, parseDg2);
  fuzz(
    'ISO/IEC 39794-5 FaceImageDataBlock',
    dg2Iso39794.subarray(dg2Iso39794.indexOf(0x65)),
    parseIso39794Face,
  );
  fuzz('SOD', files.SOD!, parseSod);

  it('fuzz MRZ text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z<]{0,95}$/), (s) => onlyTyped(() => parseMrz(s))),
      { numRuns },
    );
  });

  it('fuzz passive authentication on a mutated SOD returns a verdict', () => {
    const trust = trustStoreFromPem();
    fc.assert(
      fc.property(mutated(files.SOD!), (sod) => {
        const v = passiveAuthenticate({ ...files, SOD: sod }, trust).verdict;
        expect([
          'valid',
          'hash-mismatch',
          'bad-signature',
          'unknown-csca',
          'expired-chain',
          'not-checked',
          'revoked',
          'invalid-chain',
          'weak-algorithm',
        ]).toContain(v);
      }),
      { numRuns: Math.max(200, Math.floor(numRuns / 10)) },
    );
  });
});
