import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { buildAnswerSchema, getForm, visibleFields, type Form } from './index';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10000);
const TODAY = '2026-11-23';

/** A fictional person. */
const base = {
  fullName: 'Trần Văn Bình',
  dateOfBirth: '1985-04-12',
  sex: 'male',
  idNumber: '001085012345',
  phone: '0912345678',
  requestKind: 'tam-tru',
  residenceAddress: { provinceCode: '01', communeCode: '00004', detail: 'Số 12 ngõ 5' },
  isHead: true,
  // CT01 items 7–9 when the citizen is the head of household (prefilled from the chip)
  headName: 'Trần Văn Bình',
  headRelation: 'chu-ho',
  headIdNumber: '001085012345',
  hasMembers: false,
  ownerIsSelf: true,
};

function issues(form: Form, answers: unknown): string[] {
  const r = buildAnswerSchema(form, { today: TODAY }).safeParse(answers);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
}

describe('buildAnswerSchema (CT01)', () => {
  const ct01 = getForm('ct01', 'tt53-2025');
  const schema = buildAnswerSchema(ct01, { today: TODAY });

  it('accepts complete answers, trims and NFC-normalises text, drops nothing visible', () => {
    const r = schema.parse({ ...base, fullName: '  Tra\u0302\u0300n Văn Bình ', email: '' });
    expect(r.fullName).toBe('Trần Văn Bình');
    expect(r).not.toHaveProperty('email');
    expect(r.residenceAddress).toEqual(base.residenceAddress);
  });

  it('requires required visible fields, with stable issue codes on the field path', () => {
    const { phone: _phone, isHead: _isHead, ...rest } = base;
    expect(issues(ct01, rest)).toEqual(['phone:answer.required', 'isHead:answer.required']);
  });

  it('always carries items 7–9 (household head), and checks the relation against the answer', () => {
    const { headName: _n, headRelation: _r, headIdNumber: _i, ...noHead } = base;
    expect(issues(ct01, { ...noHead, isHead: false })).toEqual([
      'headName:answer.required',
      'headRelation:answer.required',
      'headIdNumber:answer.required',
    ]);
    expect(issues(ct01, { ...base, isHead: false })).toEqual(['headRelation:rule/head-relation-not-self']);
    expect(issues(ct01, { ...base, headRelation: 'con' })).toEqual(['headRelation:rule/head-relation-self']);
    expect(issues(ct01, { ...base, residenceAddress: undefined })).toEqual([
      'residenceAddress:answer.required',
    ]);
    const ok = schema.parse({
      ...base,
      isHead: false,
      headName: 'Trần Văn An',
      headRelation: 'con',
      headIdNumber: '001060098765',
    });
    expect(ok.headRelation).toBe('con');
    // hidden answers are neither checked nor kept
    const hidden = schema.parse({ ...base, ownerIsSelf: true, ownerName: 'x', ownerIdNumber: 'not digits' });
    expect(hidden).not.toHaveProperty('ownerIdNumber');
  });

  it('checks patterns, options, dates and unknown keys', () => {
    expect(issues(ct01, { ...base, idNumber: '12345' })).toEqual(['idNumber:answer.pattern']);
    expect(issues(ct01, { ...base, phone: '+84 912' })).toEqual(['phone:answer.pattern']);
    expect(issues(ct01, { ...base, email: 'not-an-email' })).toEqual(['email:answer.pattern']);
    expect(issues(ct01, { ...base, sex: 'other' })).toEqual(['sex:answer.not-an-option']);
    expect(issues(ct01, { ...base, dateOfBirth: '1985-02-30' })).toEqual(['dateOfBirth:answer.invalid']);
    expect(issues(ct01, { ...base, dateOfBirth: '2030-01-01' })).toEqual(['dateOfBirth:answer.too-late']);
    expect(issues(ct01, { ...base, dateOfBirth: '1985' })).toEqual([]); // year only: allowed
    expect(issues(ct01, { ...base, isHead: 'yes' })).toEqual(['isHead:answer.invalid']);
    expect(issues(ct01, { ...base, nickname: 'Bình' })).toEqual(['nickname:answer.invalid']);
    expect(
      issues(ct01, { ...base, residenceAddress: { provinceCode: '1', communeCode: '00004', detail: '' } }),
    ).toEqual(['residenceAddress.provinceCode:answer.invalid', 'residenceAddress.detail:answer.invalid']);
  });

  it('validates household member rows column by column', () => {
    const member = { fullName: 'Trần Thị Cúc', dateOfBirth: '2015-09-01', sex: 'female', relation: 'con' };
    expect(issues(ct01, { ...base, hasMembers: true })).toEqual(['members:answer.required']);
    expect(issues(ct01, { ...base, hasMembers: true, members: [] })).toEqual(['members:answer.too-few-rows']);
    expect(issues(ct01, { ...base, hasMembers: true, members: [member] })).toEqual([]);
    expect(
      issues(ct01, {
        ...base,
        hasMembers: true,
        members: [member, { ...member, sex: undefined, idNumber: '12', extra: 1 }],
      }),
    ).toEqual([
      'members.1.extra:answer.invalid',
      'members.1.sex:answer.required',
      'members.1.idNumber:answer.pattern',
    ]);
  });
});

describe('buildAnswerSchema (other forms)', () => {
  it('birth: father section only when the father is declared; copies bounded', () => {
    const form = getForm('birth-declaration');
    const ids = (answers: Record<string, unknown>) => visibleFields(form, answers).map((f) => f.id);
    expect(ids({ hasFather: false })).not.toContain('fatherName');
    expect(ids({ hasFather: true })).toContain('fatherName');
    expect(ids({ wantCopies: true })).toContain('copies');
    const r = buildAnswerSchema(form, { today: TODAY }).safeParse({ wantCopies: true, copies: 11 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain('answer.too-big');
  });

  it('DC02: the old ID number step shows only for the confirmation request and accepts 9 digits', () => {
    const form = getForm('dc02');
    const answers = {
      requestKind: 'xac-nhan-cmnd',
      fullName: 'Lê Thị Mai',
      dateOfBirth: '1970',
      sex: 'female',
      idNumber: '079170001234',
      oldIdNumber: '023456789',
      phone: '0987654321',
    };
    expect(issues(form, answers)).toEqual([]);
    expect(issues(form, { ...answers, oldIdNumber: undefined })).toEqual(['oldIdNumber:answer.required']);
    expect(issues(form, { ...answers, requestKind: 'cap-lai', oldIdNumber: undefined })).toEqual([]);
  });

  it('never throws, only reports issues, on arbitrary answers (fuzz)', () => {
    const forms = ['ct01', 'birth-declaration', 'lltp-01', 'marriage-declaration'].map((id) => getForm(id));
    const schemas = forms.map((f) => buildAnswerSchema(f, { today: TODAY }));
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string()),
    );
    const keys = forms.flatMap((f) => f.steps.flatMap((s) => s.fields.map((x) => x.id)));
    const answers = fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string()), value, { maxKeys: 12 });
    fc.assert(
      fc.property(fc.nat(schemas.length - 1), answers, (i, a) => {
        const r = schemas[i]!.safeParse(a);
        if (!r.success) for (const issue of r.error.issues) expect(issue.message).toMatch(/^answer\./);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('conditions on the card and cross-field rules', () => {
  it('CT01: a citizen under 18 (age from the chip at the filing date) must give the parent/guardian block', () => {
    const ct01 = getForm('ct01', 'tt53-2025');
    const check = (dateOfBirth: string, answers: Record<string, unknown>): string[] => {
      const r = buildAnswerSchema(ct01, { today: TODAY, identity: { dateOfBirth } }).safeParse(answers);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    const minor = { ...base, dateOfBirth: '2010-01-01' };
    expect(check('2010-01-01', minor)).toEqual([
      'guardianName:answer.required',
      'guardianRelation:answer.required',
      'guardianIdNumber:answer.required',
    ]);
    expect(
      check('2010-01-01', {
        ...minor,
        guardianName: 'Trần Văn An',
        guardianRelation: 'cha',
        guardianIdNumber: '001060098765',
      }),
    ).toEqual([]);
    expect(check('2008-11-23', { ...base, dateOfBirth: '2008-11-23' })).toEqual([]); // 18 today
  });

  it('marriage: man ≥ 20, woman ≥ 18 at the filing date, with the rule’s own message code', () => {
    const form = getForm('marriage-declaration');
    const complete = {
      applicantSide: 'female',
      applicantName: 'Lê Thị Hoa',
      applicantDateOfBirth: '2008-11-23',
      applicantIdNumber: '001308012345',
      applicantIdIssueDate: '2022-01-10',
      applicantEthnicity: 'Kinh',
      applicantNationality: 'Việt Nam',
      applicantResidence: { provinceCode: '01', communeCode: '00004', detail: 'Số 1' },
      partnerName: 'Trần Văn Nam',
      partnerDateOfBirth: '2006-11-24',
      partnerIdNumber: '001206012345',
      partnerEthnicity: 'Kinh',
      partnerNationality: 'Việt Nam',
      partnerResidence: { provinceCode: '01', communeCode: '00004', detail: 'Số 2' },
      wantCopies: false,
    };
    expect(issues(form, complete)).toEqual(['partnerDateOfBirth:rule/partner-man-20']);
    expect(issues(form, { ...complete, partnerDateOfBirth: '2006-11-23' })).toEqual([]);
    expect(
      issues(form, { ...complete, applicantDateOfBirth: '2008-11-24', partnerDateOfBirth: '2000-01-01' }),
    ).toEqual(['applicantDateOfBirth:rule/applicant-woman-18']);
  });

  it('death after birth; a stay ends on or after it starts', () => {
    const death = getForm('death-declaration');
    const r = issues(death, { deceasedDateOfBirth: '1950-05-05', dateOfDeath: '1950-05-04' });
    expect(r).toContain('dateOfDeath:rule/death-after-birth');
    expect(issues(death, { deceasedDateOfBirth: '1950-05-05', dateOfDeath: '2026-11-01' })).not.toContain(
      'dateOfDeath:rule/death-after-birth',
    );
    const stay = getForm('stay-notice');
    expect(issues(stay, { stayFrom: '2026-11-20', stayTo: '2026-11-19' })).toContain(
      'stayTo:rule/stay-end-after-start',
    );
    expect(issues(stay, { stayFrom: '2026-11-20', stayTo: '2026-11-20' })).not.toContain(
      'stayTo:rule/stay-end-after-start',
    );
  });
});

describe('buildAnswerSchema without a given day', () => {
  /** One date that may not be after today ("Ngày sinh của trẻ"). */
  const form = {
    id: 'today-check',
    version: 'test',
    title: { vi: 'Kiểm tra', en: 'Check' },
    steps: [
      {
        id: 's',
        title: { vi: 'Bước', en: 'Step' },
        fields: [
          {
            id: 'born',
            type: 'date',
            label: { vi: 'Ngày sinh', en: 'Date of birth' },
            required: true,
            validation: { max: 'today' },
          },
        ],
      },
    ],
  } as unknown as Form;
  afterEach(() => vi.useRealTimers());

  it("takes today in Vietnam: a child born today at 02:30 in Hà Nội is not 'after today'", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-01T19:30:00Z')); // 02:30 on 2 December in Vietnam
    expect(buildAnswerSchema(form).safeParse({ born: '2026-12-02' }).success).toBe(true);
    const late = buildAnswerSchema(form).safeParse({ born: '2026-12-03' });
    expect(late.success ? [] : late.error.issues.map((i) => i.message)).toEqual(['answer.too-late']);
  });
});
