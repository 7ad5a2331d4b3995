/**
 * Every fixture citizen read through the in-process simulator card (no pcscd): the identity the chip yields
 * equals the profile. The same reads through pcscd + vpcd are in read-through-pcscd.int.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Identity } from '../../common/identity';
import { createInProcessCard, listProfiles, loadProfile } from '../simulator/index';
import { readCard, trustStoreFromPem } from './index';
import { parseDg13 } from './lds/dg13';

const trustStore = trustStoreFromPem(
  readFileSync(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url), 'utf8'),
);

describe('fixture citizens through the in-process simulator', () => {
  it('unknown-father: the mother stays the mother; the father is null', async () => {
    const profile = loadProfile('unknown-father');
    const r = await readCard(createInProcessCard(profile), { keys: [profile.bac], trustStore });
    expect(r.verification).toEqual({ passive: 'valid', active: 'valid' });
    expect(parseDg13(r.files.DG13!).fields.get(13)?.entries).toEqual([null, 'Vũ Thị Hiền']);
    expect(Identity.parse(r.identity)).toMatchObject({
      idNumber: '036303001122',
      fullName: 'Vũ Thị Thanh Tâm',
      fatherName: null,
      motherName: 'Vũ Thị Hiền',
      spouseName: null,
      cardType: 'cccd-2021',
    });
  });

  it.each(listProfiles().filter((p) => p.cardType !== 'passport'))('$id: parents and spouse', async (p) => {
    const r = await readCard(createInProcessCard(p), { keys: [p.bac], trustStore, files: ['DG1', 'DG13'] });
    expect(r.identity).toMatchObject({
      fatherName: p.fatherName,
      motherName: p.motherName,
      spouseName: p.spouseName,
    });
  });
});
