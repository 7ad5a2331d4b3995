/**
 * fast-check fuzzing of the trust parsers (CSCA master list, CRL, certificate files): any input gives a
 * result or a typed ChipError, never a crash or a hang. FUZZ_RUNS (default 10 000) per property.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ChipError } from '../errors';
import { buildMasterList } from '../testing/lds-builders';
import { DS_EXTENSIONS, generateKey, makeCertificate, makeCrl, makePki, serialOf } from '../testing/test-pki';
import { certificatesFromFile, crlsFromFile } from '../trust-store';
import { parseCrl } from './crl';
import { parseMasterList } from './master-list';

const numRuns = Number(process.env.FUZZ_RUNS ?? 10000);
const pki = makePki();
const signerKey = generateKey({ type: 'ec', curve: 'P-256' });
const signerCert = makeCertificate({
  subject: 'Master List Signer',
  issuer: pki.cscaName,
  subjectKey: signerKey,
  issuerKey: pki.csca,
  extensions: DS_EXTENSIONS,
});
const masterList = buildMasterList([pki.cscaCert, makePki().cscaCert], signerKey, signerCert);
const crl = makeCrl({ issuer: pki.cscaName, issuerKey: pki.csca, revoked: [serialOf(pki.dsCert)] });

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

function fuzz(name: string, base: Uint8Array, parse: (b: Uint8Array) => unknown) {
  it(`fuzz ${name}: random bytes`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (b) => onlyTyped(() => parse(b))),
      { numRuns },
    );
  });
  it(`fuzz ${name}: mutated valid input`, () => {
    fc.assert(
      fc.property(mutated(base), (b) => onlyTyped(() => parse(b))),
      { numRuns },
    );
  });
}

describe('trust parser fuzzing', () => {
  fuzz('CSCA master list', masterList, parseMasterList);
  fuzz('CRL', crl, parseCrl);
  fuzz('CRL file (PEM or DER)', crl, crlsFromFile);
  fuzz('master list file', masterList, (b) => certificatesFromFile(b, 'x.ml'));
  fuzz('certificate file', pki.cscaCert, (b) => certificatesFromFile(b, 'x.der'));
});
