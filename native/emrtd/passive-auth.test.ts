/** Passive authentication: one case per verdict, with a test PKI generated here; RSA, RSA-PSS, P-384, brainpool. */
import { describe, expect, it } from 'vitest';
import { passiveAuthenticate } from './passive-auth';
import { citizenFiles } from './testing/citizen-card';
import { makePki, pem } from './testing/test-pki';
import { defaultTrustStore, trustStoreFromPem } from './trust-store';
import { buildSod } from './testing/lds-builders';

const pki = makePki();
const trust = trustStoreFromPem(pem(pki.cscaCert));

describe('passive authentication verdicts', () => {
  it('valid', () => {
    expect(passiveAuthenticate(citizenFiles(pki), trust).verdict).toBe('valid');
  });
  it('hash-mismatch: a DG changed after signing', () => {
    const files = citizenFiles(pki);
    const dg1 = Uint8Array.from(files.DG1!);
    dg1[dg1.length - 1] = 0x3c ^ 0x01;
    expect(passiveAuthenticate({ ...files, DG1: dg1 }, trust).verdict).toBe('hash-mismatch');
  });
  it('hash-mismatch: the SOD carries a wrong hash', () => {
    expect(passiveAuthenticate(citizenFiles(pki, { tamper: { hashOf: 'DG2' } }), trust).verdict).toBe(
      'hash-mismatch',
    );
  });
  it('bad-signature', () => {
    expect(passiveAuthenticate(citizenFiles(pki, { tamper: { signature: true } }), trust).verdict).toBe(
      'bad-signature',
    );
  });
  it('bad-signature: unreadable SOD', () => {
    expect(
      passiveAuthenticate({ ...citizenFiles(pki), SOD: Uint8Array.of(0x77, 0x02, 0x30, 0x00) }, trust)
        .verdict,
    ).toBe('bad-signature');
  });
  it('unknown-csca: DS from another CSCA with the same name', () => {
    const impostor = makePki({ cscaName: pki.cscaName });
    expect(passiveAuthenticate(citizenFiles(impostor), trust).verdict).toBe('unknown-csca');
    expect(passiveAuthenticate(citizenFiles(pki), defaultTrustStore()).verdict).toBe('unknown-csca');
  });
  it('expired-chain', () => {
    const old = makePki({ dsNotAfter: new Date('2022-01-01T00:00:00Z') });
    const t = trustStoreFromPem(pem(old.cscaCert));
    expect(passiveAuthenticate(citizenFiles(old), t).verdict).toBe('expired-chain');
    expect(passiveAuthenticate(citizenFiles(old), t, new Date('2021-06-01T00:00:00Z')).verdict).toBe('valid');
  });
  it('not-checked without EF.SOD', () => {
    const { SOD: _sod, ...rest } = citizenFiles(pki);
    expect(passiveAuthenticate(rest, trust).verdict).toBe('not-checked');
  });
});

describe('passive authentication algorithms', () => {
  it.each([
    [
      'RSA PKCS#1 v1.5 DS under RSA CSCA',
      { csca: { type: 'rsa', bits: 2048 }, ds: { type: 'rsa', bits: 2048 } },
    ],
    ['RSASSA-PSS DS', { ds: { type: 'rsa', bits: 2048, pss: true } }],
    [
      'brainpoolP256r1 DS under brainpoolP384r1 CSCA',
      { csca: { type: 'ec', curve: 'brainpoolP384r1' }, ds: { type: 'ec', curve: 'brainpoolP256r1' } },
    ],
    ['P-384 DS', { ds: { type: 'ec', curve: 'P-384' } }],
    [
      'brainpoolP512r1 CSCA (like CSCA ePassport Vietnam)',
      { csca: { type: 'ec', curve: 'brainpoolP512r1' } },
    ],
  ] as const)('%s', (_name, spec) => {
    const p = makePki(spec as Parameters<typeof makePki>[0]);
    const t = trustStoreFromPem(pem(p.cscaCert));
    const files = citizenFiles(p);
    expect(passiveAuthenticate(files, t).verdict).toBe('valid');
    const { SOD: _s, ...dgs } = files;
    expect(passiveAuthenticate({ ...files, SOD: buildSod(dgs, p, { signature: true }) }, t).verdict).toBe(
      'bad-signature',
    );
  });

  it('the bundled trust store holds the Vietnamese CSCA (P-384)', () => {
    const store = defaultTrustStore();
    expect(store.certificates.length).toBeGreaterThanOrEqual(1);
    expect(store.certificates[0]!.subject.typesAndValues.map((t) => t.value.valueBlock.value)).toContain(
      'CSCA Vietnam',
    );
  });
});
