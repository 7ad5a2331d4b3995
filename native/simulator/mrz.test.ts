import { describe, expect, it } from 'vitest';
import { checkDigit, td3, vietnameseTd1 } from './mrz';

describe('MRZ', () => {
  it('computes ICAO 7-3-1 check digits', () => {
    expect(checkDigit('L898902C<')).toBe('3');
    expect(checkDigit('690806')).toBe('1');
    expect(checkDigit('940623')).toBe('6');
  });

  it('reproduces the public Vietnamese TD1 samples (lines 1 and 2)', () => {
    const samples = [
      [
        '001093047064',
        '930105',
        'M',
        '330105',
        'IDVNM0930470641001093047064<<2',
        '9301054M3301052VNM<<<<<<<<<<<8',
      ],
      [
        '031182011719',
        '820724',
        'F',
        '420724',
        'IDVNM1820117198031182011719<<8',
        '8207241F4207243VNM<<<<<<<<<<<2',
      ],
      [
        '031051001977',
        '510818',
        'M',
        '991231',
        'IDVNM0510019778031051001977<<8',
        '5108185M9912315VNM<<<<<<<<<<<0',
      ],
    ] as const;
    for (const [id, dob, sex, exp, l1, l2] of samples) {
      const [line1, line2, line3] = vietnameseTd1({
        idNumber: id,
        sex,
        fullName: 'Nguyễn Văn An',
        bac: { documentNumber: id.slice(-9), dateOfBirth: dob, dateOfExpiry: exp },
      });
      expect(line1).toBe(l1);
      expect(line2).toBe(l2);
      expect(line3).toBe('NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<');
    }
  });

  it('reproduces the ICAO specimen passport TD3', () => {
    const [l1, l2] = td3({
      documentCode: 'P<',
      issuingState: 'UTO',
      nationality: 'UTO',
      sex: 'F',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      personalNumber: 'ZE184226B',
      bac: { documentNumber: 'L898902C<', dateOfBirth: '690806', dateOfExpiry: '940623' },
    });
    expect(l1).toBe('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<');
    expect(l2).toBe('L898902C<3UTO6908061F9406236ZE184226B<<<<<14');
  });
});
