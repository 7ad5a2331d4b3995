/**
 * Trust store as a PKI client: every chain verdict from PKIs generated here (unknown CSCA, DS on a CRL,
 * expired at signing, key usage, basic constraints / path length, SHA-1 and short-RSA policy, link
 * certificates, DS matched by SID among several certificates), master-list import, the protected folder,
 * and the listing with fingerprints checked against openssl.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { passiveAuthenticate } from '../passive-auth';
import { citizenFiles } from '../testing/citizen-card';
import { buildMasterList, buildSod } from '../testing/lds-builders';
import {
  CSCA_EXTENSIONS,
  DS_EXTENSIONS,
  generateKey,
  makeCertificate,
  makeCrl,
  makePki,
  pem,
  pemOf,
  serialOf,
  type TestKey,
  type TestPki,
} from '../testing/test-pki';
import { describeTrustStore, loadTrustMaterial, trustStoreFromPem, type TrustStore } from '../trust-store';
import { crlsFromFile } from '../trust-store';
import { parseMasterList } from './master-list';
import { oid, printable, seq, set } from '../testing/der-builder';

const NOW = new Date('2026-06-01T00:00:00Z');
const ec = { type: 'ec', curve: 'P-256' } as const;

const pki = makePki();
const trust = trustStoreFromPem(pem(pki.cscaCert));
const dgs = (() => {
  const { SOD: _s, COM: _c, ...rest } = citizenFiles(pki);
  return rest;
})();

/** The citizen's data groups with a SOD signed by `p` (and SOD options). */
function card(p: TestPki, opts: Parameters<typeof buildSod>[3] = {}) {
  return { ...dgs, SOD: buildSod(dgs, p, {}, opts) };
}

function verdict(files: ReturnType<typeof card>, store: TrustStore, at = NOW) {
  return passiveAuthenticate(files, store, at);
}

/** A DS under an existing CSCA (key + name). */
function dsUnder(
  csca: { key: TestKey; name: string },
  o: Partial<Parameters<typeof makeCertificate>[0]> & { key?: TestKey } = {},
): TestPki {
  const ds = o.key ?? generateKey(ec);
  const dsCert = makeCertificate({
    subject: 'DS Test',
    issuer: csca.name,
    subjectKey: ds,
    issuerKey: csca.key,
    notBefore: new Date('2021-01-01T00:00:00Z'),
    extensions: DS_EXTENSIONS,
    ...o,
  });
  return { csca: csca.key, cscaCert: new Uint8Array(0), ds, dsCert, cscaName: csca.name };
}

describe('chain verdicts', () => {
  it('valid with the ICAO-shaped test PKI', () => {
    expect(verdict(card(pki), trust)).toMatchObject({ verdict: 'valid' });
  });

  it('unknown-csca: another CSCA, a same-named impostor, or a "CSCA" that is not a CA', () => {
    expect(verdict(card(makePki()), trust).verdict).toBe('unknown-csca');
    expect(verdict(card(makePki({ cscaName: pki.cscaName })), trust).verdict).toBe('unknown-csca');
    const notCa = makePki({ cscaExtensions: { keyUsage: [5, 6] } });
    const store = trustStoreFromPem(pem(notCa.cscaCert));
    expect(verdict(card(notCa), store).verdict).toBe('unknown-csca');
    expect(describeTrustStore(store)[0]).toMatchObject({
      kind: 'rejected',
      note: expect.stringMatching(/not a CA/),
    });
  });

  it('revoked: the DS is on a CRL signed by its CSCA; a CRL from anyone else is ignored', () => {
    const crl = makeCrl({ issuer: pki.cscaName, issuerKey: pki.csca, revoked: [serialOf(pki.dsCert)] });
    const store = { ...trust, crls: crlsFromFile(crl) };
    expect(verdict(card(pki), store)).toMatchObject({
      verdict: 'revoked',
      reason: expect.stringMatching(/CRL/),
    });
    const forged = makeCrl({
      issuer: pki.cscaName,
      issuerKey: generateKey(ec),
      revoked: [serialOf(pki.dsCert)],
    });
    expect(verdict(card(pki), { ...trust, crls: crlsFromFile(forged) }).verdict).toBe('valid');
    expect(describeTrustStore({ ...trust, crls: crlsFromFile(forged) })[1]).toMatchObject({
      kind: 'rejected',
      note: expect.stringMatching(/not signed by a trusted CSCA/),
    });
    const other = makeCrl({ issuer: pki.cscaName, issuerKey: pki.csca, revoked: [serialOf(pki.cscaCert)] });
    expect(verdict(card(pki), { ...trust, crls: crlsFromFile(other) }).verdict).toBe('valid');
  });

  it('expired-chain: DS expired now; signed before the DS existed; DS issued after the CSCA key usage period', () => {
    const old = makePki({ dsNotAfter: new Date('2022-01-01T00:00:00Z') });
    const oldTrust = trustStoreFromPem(pem(old.cscaCert));
    expect(verdict(card(old), oldTrust).verdict).toBe('expired-chain');
    expect(verdict(card(old), oldTrust, new Date('2021-06-01T00:00:00Z')).verdict).toBe('valid');
    expect(verdict(card(pki, { signingTime: new Date('2020-06-01T00:00:00Z') }), trust).verdict).toBe(
      'expired-chain',
    );
    expect(verdict(card(pki, { signingTime: new Date('2022-06-01T00:00:00Z') }), trust).verdict).toBe(
      'valid',
    );
    // Like CSCA Vietnam 2021: its private key usage period ended 2026-01-21.
    const key = generateKey({ type: 'ec', curve: 'P-384' });
    const cscaCert = makeCertificate({
      subject: 'CSCA PKUP',
      issuer: 'CSCA PKUP',
      subjectKey: key,
      issuerKey: key,
      extensions: { ...CSCA_EXTENSIONS, pkup: { notAfter: new Date('2026-01-21T00:00:00Z') } },
    });
    const store = trustStoreFromPem(pem(cscaCert));
    const before = dsUnder({ key, name: 'CSCA PKUP' }, { notBefore: new Date('2025-12-01T00:00:00Z') });
    const after = dsUnder({ key, name: 'CSCA PKUP' }, { notBefore: new Date('2026-02-01T00:00:00Z') });
    expect(verdict(card(before), store).verdict).toBe('valid');
    expect(verdict(card(after), store)).toMatchObject({
      verdict: 'expired-chain',
      reason: expect.stringMatching(/signing period/),
    });
  });

  it('invalid-chain: DS key usage, DS marked CA, CA path length exceeded', () => {
    const csca = { key: pki.csca, name: pki.cscaName };
    expect(verdict(card(dsUnder(csca, { extensions: { keyUsage: [5] } })), trust)).toMatchObject({
      verdict: 'invalid-chain',
      reason: expect.stringMatching(/digitalSignature/),
    });
    expect(verdict(card(dsUnder(csca, { extensions: { keyIds: true } })), trust).verdict).toBe(
      'invalid-chain',
    );
    expect(verdict(card(dsUnder(csca, { extensions: { keyUsage: [0], ca: true } })), trust).verdict).toBe(
      'invalid-chain',
    );
    // CSCA (pathLen 0) → intermediate CA carried in the SOD → DS: one CA too many.
    const midKey = generateKey(ec);
    const mid = makeCertificate({
      subject: 'Intermediate',
      issuer: pki.cscaName,
      subjectKey: midKey,
      issuerKey: pki.csca,
      extensions: CSCA_EXTENSIONS,
    });
    const ds = dsUnder({ key: midKey, name: 'Intermediate' });
    expect(verdict(card(ds, { extraCerts: [mid] }), trust)).toMatchObject({
      verdict: 'invalid-chain',
      reason: expect.stringMatching(/path length 1/),
    });
    // With pathLen 1 at the root the same path is fine; without the intermediate it is unknown.
    const k2 = generateKey({ type: 'ec', curve: 'P-384' });
    const root2 = makeCertificate({
      subject: 'CSCA Two',
      issuer: 'CSCA Two',
      subjectKey: k2,
      issuerKey: k2,
      extensions: { ...CSCA_EXTENSIONS, pathLength: 1 },
    });
    const mid2 = makeCertificate({
      subject: 'Intermediate',
      issuer: 'CSCA Two',
      subjectKey: midKey,
      issuerKey: k2,
      extensions: CSCA_EXTENSIONS,
    });
    expect(verdict(card(ds, { extraCerts: [mid2] }), trustStoreFromPem(pem(root2))).verdict).toBe('valid');
    expect(verdict(card(ds), trustStoreFromPem(pem(root2))).verdict).toBe('unknown-csca');
  });

  it('weak-algorithm: SHA-1 or RSA-1024 after the policy date; accepted before it; always refused with null', () => {
    const sha1Cert = makePki({ dsCertHash: 'sha1' });
    const t1 = trustStoreFromPem(pem(sha1Cert.cscaCert));
    expect(verdict(card(sha1Cert), t1).verdict).toBe('weak-algorithm');
    const early = new Date('2020-06-01T00:00:00Z');
    const signedEarly = makePki({ dsCertHash: 'sha1', dsNotBefore: new Date('2020-03-01T00:00:00Z') });
    expect(
      verdict(card(signedEarly, { signingTime: early }), trustStoreFromPem(pem(signedEarly.cscaCert)))
        .verdict,
    ).toBe('valid');
    expect(
      verdict(card(signedEarly, { signingTime: early }), {
        ...trustStoreFromPem(pem(signedEarly.cscaCert)),
        policy: { refuseWeakAfter: null },
      }).verdict,
    ).toBe('weak-algorithm');
    expect(verdict(card(pki, { hash: 'sha1' }), trust)).toMatchObject({
      verdict: 'weak-algorithm',
      reason: expect.stringMatching(/1\.3\.14\.3\.2\.26/),
    });
    const rsa = makePki({ ds: { type: 'rsa', bits: 1024 } });
    const tr = trustStoreFromPem(pem(rsa.cscaCert));
    expect(verdict(card(rsa), tr)).toMatchObject({
      verdict: 'weak-algorithm',
      reason: expect.stringMatching(/1024-bit RSA/),
    });
    expect(verdict(card(rsa), { ...tr, policy: { minRsaBits: 1024 } }).verdict).toBe('valid');
  });

  it('link certificate: a DS under the new CSCA key is trusted through old → new', () => {
    const oldKey = generateKey({ type: 'ec', curve: 'P-384' });
    const newKey = generateKey({ type: 'ec', curve: 'P-384' });
    const oldCsca = makeCertificate({
      subject: 'CSCA Vietnam TEST',
      issuer: 'CSCA Vietnam TEST',
      subjectKey: oldKey,
      issuerKey: oldKey,
      extensions: CSCA_EXTENSIONS,
    });
    const link = makeCertificate({
      subject: 'CSCA Vietnam TEST',
      issuer: 'CSCA Vietnam TEST',
      subjectKey: newKey,
      issuerKey: oldKey,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      extensions: CSCA_EXTENSIONS,
    });
    const ds = dsUnder(
      { key: newKey, name: 'CSCA Vietnam TEST' },
      { notBefore: new Date('2026-02-01T00:00:00Z') },
    );
    const withLink = trustStoreFromPem(pem(oldCsca), pem(link));
    expect(verdict(card(ds), withLink).verdict).toBe('valid');
    // The old CSCA revokes the link certificate: documents under the new key are refused.
    const revokeLink = makeCrl({ issuer: 'CSCA Vietnam TEST', issuerKey: oldKey, revoked: [serialOf(link)] });
    expect(verdict(card(ds), { ...withLink, crls: crlsFromFile(revokeLink) }).verdict).toBe('revoked');
    expect(describeTrustStore(withLink).map((e) => e.kind)).toEqual(['csca', 'link']);
    expect(verdict(card(ds), trustStoreFromPem(pem(oldCsca))).verdict).toBe('unknown-csca');
    // A "link" signed by a key nobody trusts is no link.
    const rogueKey = generateKey(ec);
    const rogueLink = makeCertificate({
      subject: 'CSCA Vietnam TEST',
      issuer: 'CSCA Vietnam TEST',
      subjectKey: newKey,
      issuerKey: rogueKey,
      extensions: CSCA_EXTENSIONS,
    });
    const rogue = trustStoreFromPem(pem(oldCsca), pem(rogueLink));
    expect(verdict(card(ds), rogue).verdict).toBe('unknown-csca');
    expect(describeTrustStore(rogue)[1]).toMatchObject({
      kind: 'rejected',
      note: expect.stringMatching(/link certificate/),
    });
  });

  it('the DS is the certificate the SignerInfo names, not the first one', () => {
    const decoy = makePki({ cscaName: pki.cscaName });
    const byIssuerSerial = card(pki, { extraCerts: [decoy.dsCert, pki.cscaCert] });
    expect(verdict(byIssuerSerial, trust).verdict).toBe('valid');
    expect(verdict(card(pki, { extraCerts: [decoy.dsCert], sid: 'ski' }), trust).verdict).toBe('valid');
    // The SID may spell the issuer in another string type (PrintableString here, UTF8String in the certificate).
    const printableIssuer = seq(
      set(seq(oid('2.5.4.6'), printable('VN'))),
      set(seq(oid('2.5.4.3'), printable(pki.cscaName))),
    );
    expect(
      verdict(card(pki, { extraCerts: [decoy.dsCert], sidIssuer: printableIssuer }), trust).verdict,
    ).toBe('valid');
    // The SignerInfo names the decoy's serial: no certificate in the SOD matches the signer.
    const wrong = { ...pki, dsCert: decoy.dsCert };
    const files = { ...dgs, SOD: buildSod(dgs, { ...wrong, ds: pki.ds }) };
    expect(verdict(files, trust).verdict).toBe('bad-signature');
  });
});

describe('loading trust material', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'kiosk-trust-'));
    dirs.push(d);
    chmodSync(d, 0o755);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const other = makePki({ cscaName: 'CSCA Other' });
  const mlKey = generateKey(ec);
  const mlSigner = makeCertificate({
    subject: 'Master List Signer',
    issuer: pki.cscaName,
    subjectKey: mlKey,
    issuerKey: pki.csca,
    extensions: DS_EXTENSIONS,
  });

  it('imports an ICAO CMS master list (several CSCAs), checked with openssl cms', () => {
    const ml = buildMasterList([pki.cscaCert, other.cscaCert], mlKey, mlSigner);
    const parsed = parseMasterList(ml);
    expect(parsed.certificates).toHaveLength(2);
    expect(parsed.signatureValid).toBe(true);
    const dir = tmp();
    writeFileSync(path.join(dir, 'ml.der'), ml);
    // An independent CMS implementation verifies our master list (signature only, no chain).
    execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-inform',
        'DER',
        '-in',
        path.join(dir, 'ml.der'),
        '-noverify',
        '-binary',
        '-out',
        '/dev/null',
      ],
      { stdio: 'pipe' },
    );
    rmSync(path.join(dir, 'ml.der'));
    writeFileSync(path.join(dir, 'vn.ml'), ml);
    const store = loadTrustMaterial({ dir });
    expect(verdict(card(pki), store).verdict).toBe('valid');
    expect(verdict(card(other), store).verdict).toBe('valid');
    expect(describeTrustStore(store).map((e) => [e.kind, e.source])).toEqual([
      ['csca', 'vn.ml'],
      ['csca', 'vn.ml'],
    ]);
    const bad = parseMasterList(buildMasterList([pki.cscaCert], mlKey, mlSigner, { badSignature: true }));
    expect(bad.signatureValid).toBe(false);
  });

  it('PEM, DER and a CRL folder; a forged master list is listed as rejected; fingerprints match openssl', () => {
    const dir = tmp();
    const crlDir = tmp();
    writeFileSync(path.join(dir, 'a.pem'), pem(pki.cscaCert));
    writeFileSync(path.join(dir, 'b.der'), other.cscaCert);
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    writeFileSync(
      path.join(dir, 'forged.ml'),
      buildMasterList([makePki().cscaCert], mlKey, mlSigner, { badSignature: true }),
    );
    const crl = makeCrl({ issuer: pki.cscaName, issuerKey: pki.csca, revoked: [serialOf(pki.dsCert)] });
    writeFileSync(path.join(crlDir, 'vn.crl'), pemOf(crl, 'X509 CRL'));
    const store = loadTrustMaterial({ dir, crlDir });
    expect(verdict(card(pki), store).verdict).toBe('revoked');
    expect(verdict(card(other), store).verdict).toBe('valid');
    const list = describeTrustStore(store);
    expect(list.map((e) => [e.kind, e.source])).toEqual([
      ['csca', 'a.pem'],
      ['csca', 'b.der'],
      ['crl', 'vn.crl'],
      ['rejected', 'forged.ml'],
    ]);
    const fp = execFileSync('openssl', [
      'x509',
      '-in',
      path.join(dir, 'a.pem'),
      '-noout',
      '-fingerprint',
      '-sha256',
    ])
      .toString()
      .split('=')[1]!
      .trim()
      .replace(/:/g, '');
    expect(list[0]!.sha256).toBe(fp);
    const crlText = execFileSync('openssl', [
      'crl',
      '-in',
      path.join(crlDir, 'vn.crl'),
      '-noout',
      '-text',
    ]).toString();
    expect(crlText).toMatch(/Revoked Certificates/);
    expect(list[2]!.note).toBe('1 revoked');
  });

  it('in production only a root-owned folder no one else can write is accepted', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.pem'), pem(pki.cscaCert));
    chmodSync(path.join(dir, 'a.pem'), 0o644);
    const load = () => loadTrustMaterial({ dir, requireRootOwned: true });
    if (process.getuid?.() !== 0) {
      expect(load).toThrow(expect.objectContaining({ code: 'chip-trust-insecure' }));
      return;
    }
    expect(load().certificates).toHaveLength(1);
    chmodSync(path.join(dir, 'a.pem'), 0o666);
    expect(load).toThrow(expect.objectContaining({ code: 'chip-trust-insecure' }));
    chmodSync(path.join(dir, 'a.pem'), 0o644);
    chownSync(path.join(dir, 'a.pem'), 1000, 1000);
    expect(load).toThrow(expect.objectContaining({ code: 'chip-trust-insecure' }));
    chownSync(path.join(dir, 'a.pem'), 0, 0);
    mkdirSync(path.join(dir, 'sub'));
    chmodSync(dir, 0o777);
    expect(load).toThrow(expect.objectContaining({ code: 'chip-trust-insecure' }));
  });
});
