/**
 * Valid answers for a catalogue service's forms: each visible required question answered plainly (the same
 * rule as host/dossier/dossier-service.test.ts), checked against the form's own answer schema.
 */
import { buildAnswerSchema, getForm, getService, visibleFields } from '../../catalogue';
import { communes } from '../../catalogue/admin-units';
import type { Field } from '../../catalogue/schema';

function answer(f: Pick<Field, 'type' | 'options' | 'columns'>, allowed?: readonly string[]): unknown {
  switch (f.type) {
    case 'date':
      return '2026-11-01';
    case 'choice':
      // A shared form's choices this service files (`forms[].allow`, e.g. CT01's request kinds per service).
      return (f.options!.find((o) => !allowed || allowed.includes(String(o.value))) ?? f.options![0]!).value;
    case 'yesno':
      return false;
    case 'number':
      return 1;
    case 'phone':
      return '0912345678';
    case 'email':
      return 'an@example.vn';
    case 'idNumber':
      return '001190012345';
    case 'address':
      return { provinceCode: '01', communeCode: communes('01')[0]!.code, detail: 'Số 1' };
    case 'person':
      return { fullName: 'Nguyễn Văn An' };
    case 'table':
      return [Object.fromEntries((f.columns ?? []).filter((c) => c.required).map((c) => [c.id, answer(c)]))];
    default:
      return 'Nguyễn Văn An';
  }
}

export interface FilledForm {
  formId: string;
  version: string;
  answers: Record<string, unknown>;
  corrections: never[];
}

export function filledForms(serviceId: string): FilledForm[] {
  return getService(serviceId).forms.map((ref) => {
    const form = getForm(ref.id, ref.version);
    const answers: Record<string, unknown> = { ...ref.preset };
    for (let i = 0; i < 5; i++)
      for (const f of visibleFields(form, answers))
        if (f.required && answers[f.id] === undefined) answers[f.id] = answer(f, ref.allow?.[f.id]);
    if (!buildAnswerSchema(form).safeParse(answers).success)
      throw new Error(`filledForms: answers for ${ref.id} do not pass its schema`);
    return { formId: ref.id, version: ref.version, answers, corrections: [] };
  });
}
