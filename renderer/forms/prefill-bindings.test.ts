/**
 * The catalogue's prefill bindings through the one prefill the kiosk runs (form-values `initialValues`, the form
 * engine's): chip values land in the right fields, conditional prefills wait for the answer they depend on, and
 * the card's pre-2025 address reaches the address field as text that remaps to today's units.
 */
import { describe, expect, it } from 'vitest';
import { buildAnswerSchema, getForm } from '../../catalogue';
import { remapOldAddress } from '../../catalogue/admin-units';
import { Identity } from '../../common/identity';
import { initialValues, normaliseValues } from './form-values';

/** A fictional citizen as the chip would give her (pre-2025 address). */
const identity = Identity.parse({
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
  identifyingMarks: null,
  issueDate: '2021-05-10',
  expiryDate: '2030-03-08',
  fatherName: 'Hoàng Văn Minh',
  motherName: 'Lê Thị Hồng',
  spouseName: null,
  source: 'chip',
  cardType: 'cccd-2021',
});
const residence = { pendingText: identity.placeOfResidence };

describe('prefill from the card (the form engine’s initial values)', () => {
  it('fills a tax form from the chip; the address is the card’s text, remapped to the new commune', () => {
    const form = getForm('05-dk-tct');
    const values = initialValues(form, identity);
    expect(values).toEqual({
      fullName: 'Hoàng Thị Lan',
      dateOfBirth: '1990-03-08',
      sex: 'female',
      idNumber: '066190001234',
      nationality: 'Việt Nam',
      ethnicity: 'Kinh',
      idIssueDate: '2021-05-10',
      residenceAddress: residence,
    });
    // what the address field does with it (places.remap): one commune today, the house part kept
    const r = remapOldAddress(identity.placeOfResidence!);
    expect(r.status).toBe('unique');
    if (r.status === 'unique') {
      expect([r.unit.provinceCode, r.unit.code, r.detail]).toEqual(['66', '24259', 'Thôn 4']);
      values.residenceAddress = { provinceCode: '66', communeCode: '24259', detail: 'Thôn 4' };
    }
    // what was prefilled passes the form's own checks
    const answers = normaliseValues(form, {
      ...values,
      phone: '0905123456',
      incomeSource: 'tien-luong',
    });
    expect(buildAnswerSchema(form, { today: '2026-11-23' }).safeParse(answers).success).toBe(true);
  });

  it('fills the mother’s block of a birth registration only once she says she is the mother', () => {
    const form = getForm('birth-declaration');
    expect(initialValues(form, identity)).not.toHaveProperty('motherName');
    const mother = initialValues(form, identity, { requesterRelation: 'me' });
    expect(mother).toMatchObject({
      motherName: 'Hoàng Thị Lan',
      motherYearOfBirth: '1990-03-08',
      motherEthnicity: 'Kinh',
      motherNationality: 'Việt Nam',
      motherResidence: residence,
      childEthnicity: 'Kinh',
      childNationality: 'Việt Nam',
    });
    expect(mother).not.toHaveProperty('fatherName'); // no spouse on this card
    const father = initialValues(
      form,
      { ...identity, fullName: 'Lê Văn Tâm', spouseName: 'Hoàng Thị Lan' },
      { requesterRelation: 'cha' },
    );
    expect(father).toMatchObject({ fatherName: 'Lê Văn Tâm', motherName: 'Hoàng Thị Lan', hasFather: true });
  });

  it('fills CT01 items 7–9 from the chip when the citizen is the household head', () => {
    const form = getForm('ct01');
    expect(initialValues(form, identity, { isHead: true })).toMatchObject({
      headName: 'Hoàng Thị Lan',
      headRelation: 'chu-ho',
      headIdNumber: '066190001234',
    });
    expect(initialValues(form, identity, { isHead: false })).not.toHaveProperty('headName');
  });

  it('an address the card cannot place alone stays the card’s text for the citizen to choose', () => {
    const split = remapOldAddress('Số 3, Phường Cống Vị, Quận Ba Đình, Hà Nội');
    expect(split.status).toBe('ambiguous');
    // no house or village on the card: the commune is kept, the detail is asked
    const bare = remapOldAddress('Phường Phúc Xá, Quận Ba Đình, Hà Nội');
    expect(bare.status === 'unique' && [bare.unit.provinceCode, bare.unit.code, bare.detail]).toEqual([
      '01',
      '00097',
      '',
    ]);
  });
});
