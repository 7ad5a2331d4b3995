/** fast-check fuzzing of the parsers: any input gives a result or a typed ChipError, never a crash or hang. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
import { fuzzParser, mutated, numRuns, onlyTyped } from './testing/fuzz';

const pki = makePki();
const files = citizenFiles(pki, { dg2Size: 1200 });

const fuzz = fuzzParser;

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
