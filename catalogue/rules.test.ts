import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formData, serviceData } from './generated';
import {
  askableExemptions,
  checkDefinitions,
  feeBox,
  getService,
  loadCatalogue,
  resolveDossier,
  ruleCases,
  ruleContext,
  type Service,
} from './index';
import { ageOn, evaluate, RuleCondition } from '../common/catalogue/conditions';

/** A date inside the ID-card halving (until 31/12/2026) and one after it. */
const DATE = '2026-11-30';
const AFTER_HALVING = '2027-01-15';
const ADULT = '1990-05-01';
const OVER_60 = '1958-11-02';
const CHILD_12 = '2014-03-01';
const TEEN_16 = '2010-06-01';

type Row = [
  service: string,
  answers: Record<string, Record<string, unknown>>,
  dob: string,
  declared: string[],
  channel: 'online' | 'in-person',
  date: string,
  code: string | null,
  /** null: unknown ("cán bộ sẽ thông báo"). */
  amount: number | null,
  status: 'due' | 'free' | 'exempt' | 'unknown',
];

// dossier-rules.md §1: one request kind → one procedure code → one fee line (never added up).
const table: Row[] = [
  // 2 Căn cước: đổi 25,000 / cấp lại 35,000 (halved until 31/12/2026), then 50,000 / 70,000.
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-doi' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.014063',
    25000,
    'due',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-lai' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.014064',
    35000,
    'due',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-lai' } },
    ADULT,
    [],
    'in-person',
    DATE,
    '1.014064',
    35000,
    'due',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-doi' } },
    ADULT,
    [],
    'online',
    AFTER_HALVING,
    '1.014063',
    50000,
    'due',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-lai' } },
    ADULT,
    [],
    'online',
    AFTER_HALVING,
    '1.014064',
    70000,
    'due',
  ],
  // Exemptions: age from the chip (never asked), declared categories, the boundary change (đổi only).
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-doi' } },
    OVER_60,
    [],
    'online',
    DATE,
    '1.014063',
    0,
    'exempt',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-lai' } },
    OVER_60,
    [],
    'in-person',
    DATE,
    '1.014064',
    0,
    'exempt',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-lai' } },
    TEEN_16,
    [],
    'online',
    DATE,
    '1.014064',
    35000,
    'due',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-lai' } },
    CHILD_12,
    [],
    'online',
    DATE,
    '1.014064',
    0,
    'exempt',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-lai' } },
    ADULT,
    ['disability'],
    'online',
    DATE,
    '1.014064',
    0,
    'exempt',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-doi' } },
    ADULT,
    ['poor-household'],
    'online',
    DATE,
    '1.014063',
    0,
    'exempt',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-doi' } },
    ADULT,
    ['boundary-change'],
    'online',
    DATE,
    '1.014063',
    0,
    'exempt',
  ],
  [
    'id-card-renewal',
    { dc02: { requestKind: 'cap-lai' } },
    ADULT,
    ['boundary-change'],
    'online',
    DATE,
    '1.014064',
    35000,
    'due',
  ],
  // 1 CMND confirmation: the service presets the request kind; free.
  [
    'confirm-old-id-number',
    { dc02: { requestKind: 'xac-nhan-cmnd' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.012566',
    0,
    'free',
  ],
  // 3 Thường trú: 20,000 in person / 10,000 online; xóa đăng ký thường trú 1.003197 free.
  [
    'permanent-residence',
    { ct01: { requestKind: 'thuong-tru' } },
    ADULT,
    [],
    'in-person',
    DATE,
    '1.004222',
    20000,
    'due',
  ],
  [
    'permanent-residence',
    { ct01: { requestKind: 'thuong-tru' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.004222',
    10000,
    'due',
  ],
  [
    'permanent-residence',
    { ct01: { requestKind: 'xoa-thuong-tru' } },
    ADULT,
    [],
    'in-person',
    DATE,
    '1.003197',
    0,
    'free',
  ],
  [
    'permanent-residence',
    { ct01: { requestKind: 'xoa-thuong-tru' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.003197',
    0,
    'free',
  ],
  // 4 Tạm trú: individual 15,000 in person / 7,000 online; gia hạn 1.002755 same; xóa thường trú free.
  [
    'temporary-residence',
    { ct01: { requestKind: 'tam-tru' } },
    ADULT,
    [],
    'in-person',
    DATE,
    '1.004194',
    15000,
    'due',
  ],
  [
    'temporary-residence',
    { ct01: { requestKind: 'tam-tru' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.004194',
    7000,
    'due',
  ],
  [
    'temporary-residence',
    { ct01: { requestKind: 'gia-han-tam-tru' } },
    ADULT,
    [],
    'in-person',
    DATE,
    '1.002755',
    15000,
    'due',
  ],
  [
    'temporary-residence',
    { ct01: { requestKind: 'gia-han-tam-tru' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.002755',
    7000,
    'due',
  ],
  [
    'temporary-residence',
    { ct01: { requestKind: 'xoa-thuong-tru' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.003197',
    0,
    'free',
  ],
  // 12 Hộ chiếu: 200,000 first issue / expired, 400,000 lost or damaged; the amend fee was not collected.
  ['passport', { tk01: { requestKind: 'cap-moi' } }, ADULT, [], 'online', DATE, '1.001456', 200000, 'due'],
  ['passport', { tk01: { requestKind: 'het-han' } }, ADULT, [], 'in-person', DATE, '1.001456', 200000, 'due'],
  ['passport', { tk01: { requestKind: 'mat-hong' } }, ADULT, [], 'online', DATE, '1.001456', 400000, 'due'],
  ['passport', { tk01: { requestKind: 'sua-doi' } }, ADULT, [], 'online', DATE, '1.001456', null, 'unknown'],
  [
    'passport',
    { tk01a: { requestKind: 'cap-moi' } },
    CHILD_12,
    [],
    'online',
    DATE,
    '1.001456',
    200000,
    'due',
  ],
  // 20 GPLX: đổi 3.000347, cấp lại 3.000348, 135,000 (the online rate ended 31/12/2025).
  [
    'driving-licence',
    { 'gplx-xii': { requestKind: 'doi' } },
    ADULT,
    [],
    'online',
    DATE,
    '3.000347',
    135000,
    'due',
  ],
  [
    'driving-licence',
    { 'gplx-xii': { requestKind: 'cap-lai' } },
    ADULT,
    [],
    'online',
    DATE,
    '3.000348',
    135000,
    'due',
  ],
  [
    'driving-licence',
    { 'gplx-xii': { requestKind: 'cap-lai' } },
    ADULT,
    [],
    'in-person',
    DATE,
    '3.000348',
    135000,
    'due',
  ],
  // Free by the record, and unknown fees (never "free").
  ['birth-registration', {}, ADULT, [], 'online', DATE, '1.001193', 0, 'free'],
  ['death-registration', {}, ADULT, [], 'online', DATE, '1.000656', 0, 'free'],
  ['marriage-registration', {}, ADULT, [], 'online', DATE, '1.000894', 0, 'free'],
  ['temporary-absence', {}, ADULT, [], 'online', DATE, '1.003677', null, 'unknown'],
  // 13/14 Seals: a new seal files the central code; any re-registration the provincial one; no fee is stated.
  [
    'organisation-seal',
    { 'seal-request': { requestKind: 'new' } },
    ADULT,
    [],
    'online',
    DATE,
    '2.001403',
    null,
    'unknown',
  ],
  [
    'seal-variants',
    { 'seal-request': { requestKind: 're-register', sealKind: 'embossed', reason: 'lost' } },
    ADULT,
    [],
    'online',
    DATE,
    '2.001410',
    null,
    'unknown',
  ],
  ['stay-notification', {}, ADULT, [], 'online', DATE, '2.001159', null, 'unknown'],
  ['criminal-record-certificate', {}, ADULT, [], 'online', DATE, '3.000333', null, 'unknown'],
  ['newborn-joint-registration', {}, ADULT, [], 'online', DATE, '3.000722', null, 'unknown'],
  ['tax-registration', {}, ADULT, [], 'online', DATE, '1.008498', 0, 'free'],
  ['land-record-change', {}, ADULT, [], 'online', DATE, '1.013833', 0, 'free'],
  ['household-health-insurance', {}, ADULT, [], 'online', DATE, '1.001939', 0, 'free'],
  // 16 has no code of its own (the joint code is unverified): its components are filed (see host/dossier).
  ['death-joint-registration', {}, ADULT, [], 'online', DATE, null, null, 'unknown'],
  // 26–29, the services kiosks add: a child's first card (1.014062, children pay no căn cước fee), marital
  // status (the province sets the fee: unknown; the officer applies the exemptions the record lists), residence confirmation (free), extract copies.
  [
    'child-id-card',
    { dc02: { requestKind: 'cap-moi-duoi-14' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.014062',
    0,
    'free',
  ],
  ['marriage-status-confirmation', {}, ADULT, [], 'online', DATE, '1.004873', null, 'unknown'],
  [
    'residence-confirmation',
    { ct01: { requestKind: 'xac-nhan-cu-tru' } },
    ADULT,
    [],
    'online',
    DATE,
    '1.010041',
    0,
    'free',
  ],
  ['civil-status-extract-copy', {}, ADULT, [], 'online', DATE, '2.000635', 8000, 'due'],
];

describe('rules as data: request kind × age × exemption × channel → one code, one amount', () => {
  it.each(table)(
    '%s %j born %s declared %j %s on %s → %s, %s',
    (id, answers, dob, declared, channel, date, code, amount, status) => {
      const service = getService(id);
      const ctx = ruleContext({ answers, dateOfBirth: dob, date, declared, channel });
      const r = resolveDossier(service, ctx, date);
      expect(r.codes.map((c) => c.code)).toEqual(code === null ? [] : [code]);
      expect(r.fee.status).toBe(status);
      expect(r.fee.amountVnd).toBe(amount);
    },
  );

  it('covers every fully supported service with a procedure code', () => {
    const covered = new Set(table.map((r) => r[0]));
    for (const s of loadCatalogue().services)
      if (s.kioskSupport.mode === 'full') expect(covered.has(s.id), s.id).toBe(true);
  });

  it('every service × every case its rules distinguish gives exactly one code and at most one fee line', () => {
    const { catalogue } = checkDefinitions(serviceData, formData);
    let cases = 0;
    for (const s of catalogue.services) {
      if (s.kioskSupport.mode !== 'full' || !Array.isArray(s.procedureCodes)) continue;
      for (const c of ruleCases(s, catalogue.forms)) {
        const r = resolveDossier(s, c, DATE);
        expect(r.codes, `${s.id} ${JSON.stringify(c)}`).toHaveLength(1);
        expect(r.forms.length, `${s.id} ${JSON.stringify(c)}`).toBeGreaterThan(0);
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(100);
  });

  it('a passport for an adult needs TK01 only; for a child under 14, TK01a only', () => {
    const s = getService('passport');
    const forms = (dob: string) =>
      resolveDossier(
        s,
        ruleContext({ answers: {}, dateOfBirth: dob, date: DATE, channel: 'online' }),
        DATE,
      ).forms.map((f) => f.id);
    expect(forms(ADULT)).toEqual(['tk01']);
    expect(forms(CHILD_12)).toEqual(['tk01a']);
    expect(forms('1990')).toEqual(['tk01']); // year-only birth date: an adult's form
  });

  it('asks only what the card cannot tell: nothing for an over-60, the categories for others', () => {
    const s = getService('id-card-renewal');
    const ask = (dob: string, kind: string) =>
      askableExemptions(
        s,
        ruleContext({
          answers: { dc02: { requestKind: kind } },
          dateOfBirth: dob,
          date: DATE,
          channel: 'online',
        }),
        DATE,
      ).map((e) => e.id);
    expect(ask(OVER_60, 'cap-doi')).toEqual([]);
    expect(ask(ADULT, 'cap-doi')).toContain('boundary-change');
    expect(ask(ADULT, 'cap-lai')).not.toContain('boundary-change');
    expect(ask(ADULT, 'cap-lai')).toContain('disability');
    expect(
      askableExemptions(
        getService('permanent-residence'),
        ruleContext({ answers: {}, dateOfBirth: ADULT, date: DATE, channel: 'online' }),
        DATE,
      ),
    ).toEqual([]);
  });
});

describe('the fee box before the answers are known', () => {
  it('shows the lines of the configured channel only, each once; the age exemption the card proves; unknown as unknown', () => {
    const box = (id: string, channel: 'online' | 'in-person', dob?: string) =>
      feeBox(getService(id), { channel, date: DATE, dateOfBirth: dob });
    expect(box('temporary-residence', 'online').lines.map((l) => l.amountVnd)).toEqual([7000, 0]);
    expect(box('temporary-residence', 'in-person').lines.map((l) => l.amountVnd)).toEqual([15000, 0]);
    expect(box('id-card-renewal', 'online').lines.map((l) => l.amountVnd)).toEqual([25000, 35000]);
    expect(box('id-card-renewal', 'online', OVER_60).exemption?.id).toBe('elderly');
    expect(box('id-card-renewal', 'online', TEEN_16).exemption).toBeNull();
    expect(box('temporary-absence', 'online')).toMatchObject({ unknown: true, lines: [] });
    expect(box('death-joint-registration', 'online').reason?.vi).toBeTruthy();
  });
});

describe('catalogue validation names the service whose rules are not well defined', () => {
  const raw = () => structuredClone(serviceData) as Service[];
  it('two codes for one case', () => {
    const services = raw();
    const s = services.find((x) => x.id === 'id-card-renewal')!;
    (s.procedureCodes as { when?: unknown }[])[1]!.when = { all: [] };
    const { problems } = checkDefinitions(services, formData);
    expect(
      problems.some((p) => p.where === 'service id-card-renewal' && /2 procedure codes/.test(p.message)),
    ).toBe(true);
  });
  it('two fee lines that would be added up', () => {
    const services = raw();
    const s = services.find((x) => x.id === 'passport')!;
    for (const f of s.fees as { when?: unknown }[]) delete f.when;
    const { problems } = checkDefinitions(services, formData);
    expect(
      problems.some((p) => p.where === 'service passport' && /alternatives are never added/.test(p.message)),
    ).toBe(true);
  });
  it('a condition on an answer no form asks', () => {
    const services = raw();
    const s = services.find((x) => x.id === 'driving-licence')!;
    (s.procedureCodes as { when?: unknown }[])[0]!.when = { answer: 'noSuchField', eq: 'x' };
    const { problems } = checkDefinitions(services, formData);
    expect(problems.some((p) => p.where === 'service driving-licence' && /noSuchField/.test(p.message))).toBe(
      true,
    );
  });
  it('several codes at the filing level and no rule to choose', () => {
    const services = raw();
    const s = services.find((x) => x.id === 'driving-licence')!;
    for (const c of s.procedureCodes as { when?: unknown; level: string }[]) {
      delete c.when;
      c.level = 'commune';
    }
    const { problems } = checkDefinitions(services, formData);
    expect(
      problems.some((p) => p.where === 'service driving-licence' && /several commune codes/.test(p.message)),
    ).toBe(true);
  });
  it('the real catalogue has no such problem', () => {
    expect(checkDefinitions(serviceData, formData).problems).toEqual([]);
  });
});

describe('conditions', () => {
  it('age in whole years on the filing date', () => {
    expect(ageOn('1966-12-01', '2026-11-30')).toBe(59);
    expect(ageOn('1966-11-30', '2026-11-30')).toBe(60);
    expect(ageOn('1966', '2026-11-30')).toBeNull();
    expect(ageOn(null, '2026-11-30')).toBeNull();
  });
  it('all / any / not / answer / age / declared / channel', () => {
    const ctx = { answers: { f: { k: 'a' } }, age: 60, declared: ['x'], channel: 'online' as const };
    const c = RuleCondition.parse({
      all: [
        {
          any: [
            { answer: 'k', eq: 'b' },
            { answer: 'f.k', in: ['a'] },
          ],
        },
        { not: { age: { lt: 60 } } },
        { age: { gte: 60 } },
        { declared: 'x' },
        { channel: 'online' },
        { answer: 'k', ne: 'z' },
      ],
    });
    expect(evaluate(c, ctx)).toBe(true);
    expect(evaluate(c, { ...ctx, age: null })).toBe(false);
    expect(RuleCondition.safeParse({ answer: 'k', eq: 'a', in: ['a'] }).success).toBe(false);
    expect(RuleCondition.safeParse({ age: {} }).success).toBe(false);
  });
  it('fuzz: any JSON either parses as a condition that evaluates without throwing, or is refused', () => {
    const leaf = fc.oneof(
      fc.record({
        answer: fc.constantFrom('requestKind', 'dc02.requestKind', 'x'),
        eq: fc.oneof(fc.string(), fc.boolean()),
      }),
      fc.record({ answer: fc.string(), in: fc.array(fc.string()) }),
      fc.record({ age: fc.record({ lt: fc.integer({ min: -2, max: 120 }) }, { requiredKeys: [] }) }),
      fc.record({ declared: fc.string() }),
      fc.record({ channel: fc.constantFrom('online', 'in-person', 'post') }),
      fc.jsonValue(),
    );
    const cond = fc.letrec((tie) => ({
      c: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.record({ all: fc.array(tie('c'), { maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('c'), { maxLength: 3 }) }),
        fc.record({ not: tie('c') }),
      ),
    })).c;
    const ctx = {
      answers: { dc02: { requestKind: 'cap-lai' } },
      age: 40,
      declared: ['disability'],
      channel: 'online' as const,
    };
    fc.assert(
      fc.property(cond, fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }), (raw, age) => {
        const r = RuleCondition.safeParse(raw);
        if (r.success) expect(typeof evaluate(r.data, { ...ctx, age })).toBe('boolean');
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 10_000) },
    );
  });
});
