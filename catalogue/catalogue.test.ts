import { describe, expect, it } from 'vitest';
import { IDENTITY_PATHS } from '../common/identity';
import {
  CatalogueError,
  checkDefinitions,
  checkForm,
  feesInForce,
  flattenFields,
  Form,
  getForm,
  getService,
  loadCatalogue,
  resolvePrefill,
  selectForm,
  todayInVietnam,
  type Field,
} from './index';
import { formData, serviceData } from './generated';

describe('the catalogue', () => {
  const cat = loadCatalogue();

  it('holds all 25 services of Project 06, numbered 1–25, and the services kiosks add (26–29), all valid', () => {
    expect(cat.services.map((s) => s.number)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(new Set(cat.services.map((s) => s.id)).size).toBe(29);
    expect(checkDefinitions(serviceData, formData).problems).toEqual([]);
  });

  it('has forms for every fully supported service, and every reference resolves', () => {
    for (const s of cat.services) {
      if (s.kioskSupport.mode === 'full') expect(s.forms.length, s.id).toBeGreaterThan(0);
      for (const ref of s.forms) expect(getForm(ref.id, ref.version).id).toBe(ref.id);
    }
  });

  it('binds every prefill to a real Identity path or an earlier answer', () => {
    const identity = new Set(IDENTITY_PATHS);
    let bindings = 0;
    for (const form of cat.forms) {
      const seen = new Set<string>();
      for (const field of flattenFields(form)) {
        const all: Field[] = [field, ...((field.columns ?? []) as Field[])];
        for (const f of all) {
          if (!f.prefill) continue;
          const froms =
            typeof f.prefill === 'string'
              ? [f.prefill]
              : f.prefill.flatMap((r) => (r.from === undefined ? [] : [r.from]));
          for (const from of froms) {
            bindings++;
            if (from.startsWith('identity.')) expect(identity.has(from), `${form.id}.${f.id}`).toBe(true);
            else expect(seen.has(from.slice(7)), `${form.id}.${f.id}`).toBe(true);
          }
        }
        seen.add(field.id);
      }
      expect(checkForm(form)).toEqual([]);
    }
    expect(bindings).toBeGreaterThan(40);
  });

  it('keeps steps short (one thing per page) and gives every text in both languages', () => {
    for (const form of cat.forms)
      for (const step of form.steps) {
        expect(step.fields.length, `${form.id}/${step.id}`).toBeLessThanOrEqual(5);
        for (const f of step.fields) {
          expect(f.label.vi.normalize('NFC')).toBe(f.label.vi);
          expect(f.label.en).not.toBe('');
        }
      }
  });

  it('never invents: unknown codes, fees and times carry a reason', () => {
    const unknowns = cat.services.flatMap((s) =>
      [s.procedureCodes, s.fees, s.processingTime].filter((v) => 'unknown' in v),
    );
    expect(unknowns.length).toBeGreaterThan(10);
    for (const u of unknowns) expect((u as { reason: { vi: string } }).reason.vi.length).toBeGreaterThan(5);
    // the services without any collected record
    for (const id of ['traffic-fine-payment', 'high-school-exam', 'unemployment-benefit'])
      expect('unknown' in getService(id).procedureCodes, id).toBe(true);
    // 14: only the re-registration records were found; a first miniature/embossed/wax seal has no code.
    expect(getService('seal-variants').procedureCodes).toEqual([
      expect.objectContaining({ code: '2.001410', level: 'province' }),
      expect.objectContaining({ code: '1.003173', level: 'central' }),
    ]);
  });

  it('links the components of the joint journeys (15, 16)', () => {
    const birth = getService('newborn-joint-registration');
    expect(birth.linkedServices?.map((l) => l.serviceId)).toContain('birth-registration');
    expect(birth.linkedServices?.map((l) => l.serviceId)).toContain('permanent-residence');
    const death = getService('death-joint-registration');
    const codes = death.linkedServices?.flatMap((l) => l.procedureCodes?.map((c) => c.code) ?? []);
    expect(codes).toEqual(expect.arrayContaining(['1.000656', '1.003197', '2.000821']));
    expect(death.forms.map((f) => f.id)).toEqual(['death-declaration', 'ct01']);
  });

  it('throws typed errors for unknown ids', () => {
    expect(() => getService('nope')).toThrow(CatalogueError);
    try {
      getForm('nope');
    } catch (e) {
      expect((e as CatalogueError).code).toBe('catalogue.unknown-form');
    }
    expect(() => getForm('ct01', '1999')).toThrow(/no form ct01@1999/);
  });
});

describe('versions and dates', () => {
  const base = getForm('ct01');
  const v = (version: string, effectiveFrom: string, effectiveTo?: string): Form =>
    ({ ...base, version, effectiveFrom, ...(effectiveTo ? { effectiveTo } : {}) }) as Form;
  const forms = [
    v('tt66-2023', '2024-01-01', '2025-06-30'),
    v('tt53-2025', '2025-07-01'),
    v('draft-2027', '2027-03-01'),
  ];

  it('picks the version in force on a date', () => {
    expect(selectForm(forms, 'ct01', undefined, '2024-06-01').version).toBe('tt66-2023');
    expect(selectForm(forms, 'ct01', undefined, '2025-07-01').version).toBe('tt53-2025');
    expect(selectForm(forms, 'ct01', undefined, '2026-11-23').version).toBe('tt53-2025');
    expect(selectForm(forms, 'ct01', undefined, '2027-03-01').version).toBe('draft-2027');
    expect(selectForm(forms, 'ct01', 'tt66-2023', '2027-03-01').version).toBe('tt66-2023');
    expect(() => selectForm(forms, 'ct01', undefined, '2023-01-01')).toThrow(
      expect.objectContaining({ code: 'catalogue.no-version-in-force' }),
    );
  });

  it('today is the date in Vietnam (UTC+7)', () => {
    expect(todayInVietnam(new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    expect(todayInVietnam(new Date('2026-11-23T16:59:00Z'))).toBe('2026-11-23');
  });

  it('ID card fees are halved until 31/12/2026, then the base rate applies', () => {
    const s = getService('id-card-renewal');
    expect(feesInForce(s, '2026-11-23').map((f) => f.amountVnd)).toEqual([25000, 35000]);
    expect(feesInForce(s, '2027-01-01').map((f) => f.amountVnd)).toEqual([50000, 70000]);
  });

  it('expired online rates are kept as history, not applied', () => {
    expect(feesInForce(getService('driving-licence'), '2026-11-23').map((f) => f.amountVnd)).toEqual([
      135000,
    ]);
    expect(feesInForce(getService('driving-licence'), '2025-06-01').map((f) => f.amountVnd)).toEqual([
      135000, 115000,
    ]);
    // The amend case has a line whose amount no source gives (null: "cán bộ sẽ thông báo").
    expect(feesInForce(getService('passport'), '2026-11-23').map((f) => f.amountVnd)).toEqual([
      200000,
      400000,
      null,
    ]);
    expect(feesInForce(getService('traffic-fine-payment'))).toEqual([]);
  });
});

describe('definition checks', () => {
  const ct01 = getForm('ct01');

  it('refuses a prefill that is not a path of Identity', () => {
    const bad = structuredClone(ct01);
    bad.steps[0]!.fields[0]!.prefill = 'identity.favouriteColour';
    expect(checkForm(bad)).toEqual(['fullName: prefill identity.favouriteColour is not a path of Identity']);
  });

  it('refuses a prefill or condition pointing forwards', () => {
    const bad = structuredClone(ct01);
    bad.steps[0]!.fields[0]!.prefill = 'answer.phone';
    bad.steps[0]!.fields[1]!.visibleWhen = { field: 'isHead', equals: true };
    expect(checkForm(bad)).toEqual([
      'fullName: prefill answer.phone is not an earlier answer',
      'dateOfBirth: visibleWhen isHead is not an earlier field',
    ]);
  });

  it('reports schema errors, bad references, duplicates', () => {
    const svc = structuredClone(serviceData[0]) as Record<string, unknown>;
    const broken = { ...svc, id: 'Not Kebab', fees: [{ channel: 'fax' }] };
    const dangling = { ...svc, number: 2, id: 'dangling', forms: [{ id: 'ct01', version: 'tt00-1900' }] };
    const { problems } = checkDefinitions([svc, broken, dangling, svc], formData);
    const text = problems.map((p) => `${p.where}: ${p.message}`).join('\n');
    expect(text).toMatch(/service Not Kebab: id:/);
    expect(text).toMatch(/service Not Kebab: fees/);
    expect(text).toMatch(/form ct01@tt00-1900 is not in the catalogue/);
    expect(text).toMatch(/duplicate service id/);
  });

  it('refuses a choice without options and duplicate field ids', () => {
    const bad = structuredClone(ct01) as unknown as { steps: { fields: Record<string, unknown>[] }[] };
    delete bad.steps[0]!.fields[2]!.options;
    bad.steps[1]!.fields[0]!.id = 'fullName';
    const r = Form.safeParse(bad);
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/choice field sex needs options/);
    expect(messages).toMatch(/duplicate field id fullName/);
  });
});

describe('prefill', () => {
  it('reads identity and earlier answers; null is no value', () => {
    const identity = { fullName: 'Nguyễn Thị Hoa', spouseName: null };
    expect(resolvePrefill('identity.fullName', { identity })).toBe('Nguyễn Thị Hoa');
    expect(resolvePrefill('identity.spouseName', { identity })).toBeUndefined();
    expect(resolvePrefill('answer.phone', { answers: { phone: '0912345678' } })).toBe('0912345678');
    expect(resolvePrefill(undefined, { identity })).toBeUndefined();
  });
});

describe('citizen sentences', () => {
  it('every catalogue error code and answer issue has a sentence in vi and en', async () => {
    const { ANSWER_ISSUES } = await import('./answers');
    const sentences = (await import('../renderer/i18n/errors/catalogue.json')).default as {
      vi: Record<string, string>;
      en: Record<string, string>;
    };
    const codes = [
      'catalogue.invalid-definition',
      'catalogue.unknown-service',
      'catalogue.unknown-form',
      'catalogue.no-version-in-force',
      ...ANSWER_ISSUES,
    ];
    for (const code of codes) {
      expect(sentences.vi[code], code).toBeTruthy();
      expect(sentences.en[code], code).toBeTruthy();
    }
  });
});
