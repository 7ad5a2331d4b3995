import { describe, expect, it } from 'vitest';
import { getForm } from '../../catalogue';
import type { Identity } from '../../common/identity';
import {
  finalAnswers,
  initialValues,
  normaliseValues,
  prefillValue,
  refillStep,
  validateStep,
  visibleSteps,
} from './form-values';

// A fictional citizen.
const identity: Identity = {
  idNumber: '001190012345',
  oldIdNumber: null,
  fullName: 'Trần Thị Bích Ngọc',
  dateOfBirth: '1990-03-14',
  sex: 'female',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Vĩnh Tường, Vĩnh Phúc',
  placeOfResidence: 'Số 12 ngõ 34, Phường Nghĩa Đô, Quận Cầu Giấy, Hà Nội',
  identifyingMarks: null,
  issueDate: '2021-06-01',
  expiryDate: '2030-03-14',
  fatherName: 'Trần Văn Hùng',
  motherName: 'Lê Thị Mai',
  spouseName: null,
  source: 'chip',
  cardType: 'cccd-2021',
  extraFields: {},
};

const ct01 = getForm('ct01');

describe('form values', () => {
  it('prefills every identity-bound field of CT01 from the card', () => {
    const v = initialValues(ct01, identity);
    expect(v).toMatchObject({
      fullName: 'Trần Thị Bích Ngọc',
      dateOfBirth: '1990-03-14',
      sex: 'female',
      idNumber: '001190012345',
    });
  });

  it('leaves fields without a binding empty and keeps saved answers over prefill', () => {
    const v = initialValues(ct01, identity, { fullName: 'Trần Thị Ngọc', phone: '0912345678' });
    expect(v.fullName).toBe('Trần Thị Ngọc');
    expect(v.phone).toBe('0912345678');
    expect(v.email).toBeUndefined();
  });

  it('shapes an address binding as text waiting to be mapped to the new units', () => {
    const field = {
      ...ct01.steps[0]!.fields[0]!,
      type: 'address' as const,
      prefill: 'identity.placeOfResidence',
    };
    expect(prefillValue(field, identity, {})).toEqual({ pendingText: identity.placeOfResidence });
  });

  it('reports only the current step’s problems, with stable codes', () => {
    const [about, contact] = ct01.steps;
    expect(validateStep(ct01, about!, initialValues(ct01, identity), '2026-11-23')).toEqual([]);
    expect(validateStep(ct01, contact!, initialValues(ct01, identity), '2026-11-23')).toEqual([
      { fieldId: 'phone', code: 'answer.required' },
    ]);
    expect(
      validateStep(ct01, contact!, { ...initialValues(ct01, identity), phone: '12ab' }, '2026-11-23'),
    ).toEqual([{ fieldId: 'phone', code: 'answer.pattern' }]);
  });

  it('shows conditional questions only when their condition holds', () => {
    const head = ct01.steps.find((s) => s.id === 'household-head')!;
    const base = {
      ...initialValues(ct01, identity),
      phone: '0912345678',
      requestKind: ct01.steps.find((s) => s.id === 'request')!.fields[0]!.options![0]!.value,
    };
    // "I am the head" fills items 7–9 from the chip (conditional prefill on the screen shown)
    const asHead = { ...base, isHead: true };
    for (const [k, v] of refillStep(head, identity, asHead, new Map()))
      (asHead as Record<string, unknown>)[k] = v;
    expect(asHead).toMatchObject({
      headName: identity.fullName,
      headRelation: 'chu-ho',
      headIdNumber: identity.idNumber,
    });
    expect(validateStep(ct01, head, asHead, '2026-11-23')).toEqual([]);
    // …and undoing it clears what the prefill put there, but never what was typed
    const auto = new Map(Object.entries(asHead).filter(([k]) => k.startsWith('head')));
    const changes = refillStep(head, identity, { ...asHead, isHead: false, headName: 'Trần Văn An' }, auto);
    expect([...changes.keys()].sort()).toEqual(['headIdNumber', 'headRelation']);
    const issues = validateStep(ct01, head, { ...base, isHead: false }, '2026-11-23').map((i) => i.fieldId);
    expect(issues).toEqual(['headName', 'headRelation', 'headIdNumber']);
    // every step but the parent/guardian one, which only a citizen under 18 sees
    expect(visibleSteps(ct01, base, { identity, today: '2026-11-23' }).map((s) => s.id)).not.toContain(
      'guardian',
    );
    expect(visibleSteps(ct01, base, { identity, today: '2026-11-23' }).length).toBe(ct01.steps.length - 1);
    const minor = { ...identity, dateOfBirth: '2012-02-02' };
    expect(visibleSteps(ct01, base, { identity: minor, today: '2026-11-23' }).length).toBe(ct01.steps.length);
  });

  it('normalises typed values: NFC text, numbers, empty strings dropped, date-box helpers removed', () => {
    const v = normaliseValues(ct01, {
      fullName: 'Trần Thị Bích Ngọc'.normalize('NFD'),
      email: '',
      dateOfBirth: '1990-03-14',
      dateOfBirth__d: '14',
      members: [{ fullName: 'Trần Minh Khôi', dateOfBirth__y: '2015', relation: '' }, {}],
    });
    expect(v.fullName).toBe('Trần Thị Bích Ngọc');
    expect('email' in v).toBe(false);
    expect('dateOfBirth__d' in v).toBe(false);
    expect(v.members).toEqual([{ fullName: 'Trần Minh Khôi' }]);
  });

  it('produces the answers the host will accept for a complete CT01', () => {
    const answers = finalAnswers(
      ct01,
      {
        ...initialValues(ct01, identity),
        phone: '0912345678',
        requestKind: ct01.steps.find((s) => s.id === 'request')!.fields[0]!.options![0]!.value,
        residenceAddress: { provinceCode: '01', communeCode: '00004', detail: 'Số 12 ngõ 5' },
        isHead: true,
        headName: 'Trần Thị Bích Ngọc',
        headRelation: 'chu-ho',
        headIdNumber: identity.idNumber,
        hasMembers: false,
        ownerIsSelf: true,
      },
      '2026-11-23',
    );
    expect(answers).toMatchObject({ fullName: 'Trần Thị Bích Ngọc', phone: '0912345678', isHead: true });
  });
});
