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
import { FaceDecoder } from '../face';
import { drawPortraitRgba } from '../simulator/lds/portrait';
import { SIMULATOR_JP2_SEED } from '../simulator/lds/dg2';

const trustStore = trustStoreFromPem(
  readFileSync(new URL('../../fixtures/pki/csca.cert.pem', import.meta.url), 'utf8'),
);

describe('fixture citizens through the in-process simulator', () => {
  it('unknown-father: the mother stays the mother; the father is null', async () => {
    const profile = loadProfile('unknown-father');
    const r = await readCard(createInProcessCard(profile), { keys: [profile.bac], trustStore });
    expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid' });
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
    // A PACE-only chip opens with its CAN alone (the `pace-only` profile).
    const can = p.chip?.bac === false ? p.chip.pace?.can : undefined;
    const r = await readCard(createInProcessCard(p), {
      keys: [p.bac],
      trustStore,
      files: ['DG1', 'DG13'],
      ...(can ? { can } : {}),
    });
    expect(r.identity).toMatchObject({
      fatherName: p.fatherName,
      motherName: p.motherName,
      spouseName: p.spouseName,
    });
  });

  it('jp2-portrait: an ISO/IEC 39794-5 DG2 with a JPEG 2000 face, decoded in the face worker to the drawn pixels', async () => {
    const profile = loadProfile('jp2-portrait');
    const r = await readCard(createInProcessCard(profile), { keys: [profile.bac], trustStore });
    expect(r.verification).toMatchObject({ passive: 'valid', active: 'valid' });
    expect(r.photo).toMatchObject({ mime: 'image/jp2', width: 240, height: 320, record: 'iso39794-5' });
    const faces = new FaceDecoder();
    try {
      const { result, pixels } = await faces.decodeWithPixels(r.photo!.bytes);
      expect(result).toMatchObject({ status: 'ok', mime: 'image/png', width: 240, height: 320 });
      const drawn = drawPortraitRgba(SIMULATOR_JP2_SEED, 4);
      let sum = 0;
      for (let i = 0; i < drawn.length; i++) sum += Math.abs(pixels!.rgba[i]! - drawn[i]!);
      expect(sum / drawn.length).toBeLessThan(6); // 12:1 lossy JPEG 2000 of a noisy drawing
    } finally {
      await faces.close();
    }
  });
});
