/**
 * fast-check fuzzing of the trust parsers (CSCA master list, CRL, certificate files): any input gives a
 * result or a typed ChipError, never a crash or a hang. FUZZ_RUNS (default 10 000) per property.
 */
import { describe } from 'vitest';
import { buildMasterList } from '../testing/lds-builders';
import { DS_EXTENSIONS, generateKey, makeCertificate, makeCrl, makePki, serialOf } from '../testing/test-pki';
import { certificatesFromFile, crlsFromFile } from '../trust-store';
import { parseCrl } from './crl';
import { parseMasterList } from './master-list';
import { fuzzParser } from '../testing/fuzz';

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

const fuzz = fuzzParser;

describe('trust parser fuzzing', () => {
  fuzz('CSCA master list', masterList, parseMasterList);
  fuzz('CRL', crl, parseCrl);
  fuzz('CRL file (PEM or DER)', crl, crlsFromFile);
  fuzz('master list file', masterList, (b) => certificatesFromFile(b, 'x.ml'));
  fuzz('certificate file', pki.cscaCert, (b) => certificatesFromFile(b, 'x.der'));
});
