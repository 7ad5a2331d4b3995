import { describe, expect, it } from 'vitest';
import { ChipError } from '../errors';
import { buildDg1 } from '../testing/lds-builders';
import { parseDg1, parseMrz } from './dg1';

/** Public Vietnamese TD1 samples (domain doc §2); names are fictional fillers. */
const VN_SAMPLES = [
  [
    'IDVNM0930470641001093047064<<2',
    '9301054M3301052VNM<<<<<<<<<<<8',
    '001093047064',
    '930105',
    'M',
    '330105',
  ],
  [
    'IDVNM1820117198031182011719<<8',
    '8207241F4207243VNM<<<<<<<<<<<2',
    '031182011719',
    '820724',
    'F',
    '420724',
  ],
  [
    'IDVNM0510019778031051001977<<8',
    '5108185M9912315VNM<<<<<<<<<<<0',
    '031051001977',
    '510818',
    'M',
    '991231',
  ],
] as const;

describe('DG1 / MRZ', () => {
  it.each(VN_SAMPLES)('Vietnamese TD1 %s: every check digit verifies', (l1, l2, id, dob, sex, exp) => {
    const mrz = parseMrz(l1 + l2 + 'NGUYEN<<VAN<AN'.padEnd(30, '<'));
    expect(mrz).toMatchObject({
      format: 'TD1',
      documentCode: 'ID',
      issuingState: 'VNM',
      documentNumber: id.slice(3),
      personalIdNumber: id,
      dateOfBirth: dob,
      sex,
      dateOfExpiry: exp,
      nationality: 'VNM',
      primaryIdentifier: 'NGUYEN',
      secondaryIdentifier: 'VAN AN',
    });
    expect(mrz.checks).toEqual({
      documentNumber: true,
      dateOfBirth: true,
      dateOfExpiry: true,
      composite: true,
      optionalData: true,
    });
  });

  it('detects a wrong check digit without throwing', () => {
    const mrz = parseMrz(
      'IDVNM0930470641001093047064<<2' + '9301055M3301052VNM<<<<<<<<<<<8' + '<'.repeat(30),
    );
    expect(mrz.checks.dateOfBirth).toBe(false);
    expect(mrz.checks.composite).toBe(false);
  });

  it('ICAO 9303 TD1 specimen with a long document number', () => {
    const mrz = parseMrz(
      'I<UTOD23145890<AB112234566<<<<' + '7408122F1204159UTO<<<<<<<<<<<4' + 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    );
    expect(mrz.documentNumber).toBe('D23145890AB11223456');
    expect(mrz.checks.documentNumber).toBe(true);
  });

  it('ICAO 9303-4 TD3 specimen passport', () => {
    const mrz = parseMrz(
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<' + 'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    );
    expect(mrz).toMatchObject({
      format: 'TD3',
      documentNumber: 'L898902C3',
      dateOfBirth: '740812',
      dateOfExpiry: '120415',
      sex: 'F',
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifier: 'ANNA MARIA',
      personalIdNumber: null,
    });
    expect(mrz.checks).toEqual({
      documentNumber: true,
      dateOfBirth: true,
      dateOfExpiry: true,
      composite: true,
      optionalData: true,
    });
  });

  it('ICAO 9303-6 TD2 specimen', () => {
    const mrz = parseMrz('I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<' + 'D231458907UTO7408122F1204159<<<<<<<6');
    expect(mrz).toMatchObject({
      format: 'TD2',
      documentCode: 'I',
      issuingState: 'UTO',
      documentNumber: 'D23145890',
      nationality: 'UTO',
      dateOfBirth: '740812',
      dateOfExpiry: '120415',
      sex: 'F',
      optionalData1: '<<<<<<<',
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifier: 'ANNA MARIA',
      personalIdNumber: null,
    });
    // TD2 has no check digit of its own for the optional data; every other digit of the specimen holds.
    const { optionalData, ...digits } = mrz.checks;
    expect(optionalData).toBeNull();
    expect(Object.values(digits)).toEqual([true, true, true, true]);
  });

  it('DG1 wrapper 61 → 5F1F', () => {
    const mrz = parseDg1(
      buildDg1(
        'IDVNM1820117198031182011719<<8' + '8207241F4207243VNM<<<<<<<<<<<2' + 'TRAN<<THI<BE'.padEnd(30, '<'),
      ),
    );
    expect(mrz.personalIdNumber).toBe('031182011719');
  });

  it('malformed MRZ → typed error', () => {
    expect(() => parseMrz('abc')).toThrow(ChipError);
    expect(() => parseMrz('x'.repeat(90))).toThrow(expect.objectContaining({ code: 'chip-mrz-malformed' }));
    expect(() => parseDg1(Uint8Array.of(0x61, 0x02, 0x04, 0x00))).toThrow(ChipError);
  });
});
