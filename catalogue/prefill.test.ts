import { describe, expect, it } from 'vitest';
import { buildAnswerSchema, flattenFields, getForm, type Field } from './index';
import { prefillAnswers, prefillValue } from './prefill';

/** A fictional citizen as the chip would give her (pre-2025 address). */
const identity = {
  idNumber: '066190001234',
  oldIdNumber: '241234567',
  fullName: 'Hoàng Thị Lan',
  dateOfBirth: '1990-03-08',
  sex: 'female',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: null,
  placeOfOrigin: 'Xã Quảng Phú, Huyện Cư M’gar, Đắk Lắk',
  placeOfResidence: "Thôn 4, Xã Quảng Phú, Huyện Cư M'gar, Đắk Lắk",
  fatherName: 'Hoàng Văn Minh',
  motherName: 'Lê Thị Hồng',
  spouseName: null,
};

describe('prefill', () => {
  it('fills a tax form from the chip, address remapped to the new commune', () => {
    const form = getForm('05-dk-tct');
    const answers = prefillAnswers(flattenFields(form), identity);
    expect(answers).toEqual({
      fullName: 'Hoàng Thị Lan',
      dateOfBirth: '1990-03-08',
      sex: 'female',
      idNumber: '066190001234',
      nationality: 'Việt Nam',
      ethnicity: 'Kinh',
      residenceAddress: { provinceCode: '66', communeCode: '24259', detail: 'Thôn 4' },
    });
    // what was prefilled passes the form's own checks
    const r = buildAnswerSchema(form, { today: '2026-11-23' }).safeParse({
      ...answers,
      phone: '0905123456',
      incomeSource: 'tien-luong',
      idIssueDate: '2021-05-10',
    });
    expect(r.success).toBe(true);
  });

  it('fills the mother’s block of a birth registration from her chip only once she says she is the mother', () => {
    const form = getForm('birth-declaration');
    const fields = flattenFields(form);
    expect(prefillAnswers(fields, identity)).not.toHaveProperty('motherName');
    const mother = prefillAnswers(fields, identity, { requesterRelation: 'me' });
    expect(mother).toMatchObject({
      motherName: 'Hoàng Thị Lan',
      motherYearOfBirth: '1990-03-08',
      motherEthnicity: 'Kinh',
      motherNationality: 'Việt Nam',
      motherResidence: { provinceCode: '66', communeCode: '24259', detail: 'Thôn 4' },
      childEthnicity: 'Kinh',
      childNationality: 'Việt Nam',
    });
    expect(mother).not.toHaveProperty('fatherName'); // no spouse on this card
    const father = prefillAnswers(
      fields,
      { ...identity, fullName: 'Lê Văn Tâm', spouseName: 'Hoàng Thị Lan' },
      {
        requesterRelation: 'cha',
      },
    );
    expect(father).toMatchObject({ fatherName: 'Lê Văn Tâm', motherName: 'Hoàng Thị Lan', hasFather: true });
  });

  it('fills CT01 items 7–9 from the chip when the citizen is the household head', () => {
    const form = getForm('ct01');
    const head = prefillAnswers(flattenFields(form), identity, { isHead: true });
    expect(head).toMatchObject({
      headName: 'Hoàng Thị Lan',
      headRelation: 'chu-ho',
      headIdNumber: '066190001234',
    });
    const notHead = prefillAnswers(flattenFields(form), identity, { isHead: false });
    expect(notHead).not.toHaveProperty('headName');
  });

  it('leaves a field empty when the value does not fit', () => {
    const address: Field = {
      id: 'home',
      type: 'address',
      label: { vi: 'Địa chỉ', en: 'Address' },
      required: true,
      prefill: 'identity.placeOfResidence',
    };
    // split commune: ambiguous → the citizen chooses
    expect(
      prefillValue(address, { identity: { placeOfResidence: 'Số 3, Phường Cống Vị, Quận Ba Đình, Hà Nội' } }),
    ).toBe(undefined);
    const date: Field = { ...address, type: 'date', prefill: 'identity.dateOfBirth' };
    expect(prefillValue(date, { identity: { dateOfBirth: '1950' } })).toBeUndefined();
    expect(
      prefillValue({ ...date, validation: { allowPartial: true } }, { identity: { dateOfBirth: '1950' } }),
    ).toBe('1950');
    expect(
      prefillValue({ ...address, type: 'text', prefill: 'identity.religion' }, { identity }),
    ).toBeUndefined();
    // no house or village on the card: the commune is kept, the detail is asked
    expect(
      prefillValue(address, { identity: { placeOfResidence: 'Phường Phúc Xá, Quận Ba Đình, Hà Nội' } }),
    ).toEqual({
      provinceCode: '01',
      communeCode: '00097',
      detail: '',
    });
  });
});
