/** Test-only: the LDS files of a fictional Vietnamese citizen's card, signed by a test PKI. */
import type { LdsFileName } from '../lds/files';
import type { BacKey } from '../keys';
import {
  buildCom,
  buildDg1,
  buildDg13,
  buildDg14AaInfo,
  buildDg15,
  buildDg2,
  buildSod,
  dg13Record,
  fakeJpeg,
  vnTd1,
} from './lds-builders';
import { seq, utf8, int } from './der-builder';
import type { TestKey, TestPki } from './test-pki';

export const CITIZEN = {
  id12: '001090012345',
  name: 'Nguyễn Thị Thu Hà',
  dob: '900315',
  expiry: '300315',
};

export const CITIZEN_KEY: BacKey = {
  documentNumber: '090012345',
  dateOfBirth: '900315',
  dateOfExpiry: '300315',
};

export function citizenDg13(): Uint8Array {
  return buildDg13([
    dg13Record(1, CITIZEN.id12),
    dg13Record(2, CITIZEN.name),
    dg13Record(3, '15/03/1990'),
    dg13Record(4, 'Nữ'),
    dg13Record(5, 'Việt Nam'),
    dg13Record(6, 'Kinh'),
    dg13Record(7, 'Không'),
    dg13Record(8, 'Phường Hàng Bạc, Hoàn Kiếm, Hà Nội'),
    dg13Record(9, 'Số 12 Ngõ 34 Phố Huế, Phường Phố Huế, Quận Hai Bà Trưng, Hà Nội'),
    dg13Record(10, 'Nốt ruồi C:1cm dưới mắt phải'),
    dg13Record(11, '10/05/2021'),
    dg13Record(12, '15/03/2030'),
    dg13Record(13, seq(utf8('Nguyễn Văn Bình')), seq(utf8('Trần Thị Cúc'))),
    seq(int(14)),
    dg13Record(15, '012345678'),
  ]);
}

export function citizenFiles(
  pki: TestPki,
  opts: { dg2Size?: number; aaKey?: TestKey; tamper?: Parameters<typeof buildSod>[2] } = {},
): Partial<Record<LdsFileName, Uint8Array>> {
  const dgs: Partial<Record<LdsFileName, Uint8Array>> = {
    DG1: buildDg1(
      vnTd1({
        id12: CITIZEN.id12,
        dob: CITIZEN.dob,
        sex: 'F',
        expiry: CITIZEN.expiry,
        name: 'NGUYEN<<THI<THU<HA',
      }),
    ),
    DG2: buildDg2(fakeJpeg(480, 640, opts.dg2Size ?? 16000), 480, 640),
    DG13: citizenDg13(),
  };
  if (opts.aaKey) {
    dgs.DG15 = buildDg15(opts.aaKey.spki);
    if (opts.aaKey.spec.type === 'ec') dgs.DG14 = buildDg14AaInfo('1.2.840.10045.4.3.2');
  }
  return { COM: buildCom(Object.keys(dgs) as LdsFileName[]), ...dgs, SOD: buildSod(dgs, pki, opts.tamper) };
}
