/**
 * Valid answers for a catalogue service's forms: each visible required question answered plainly, within the
 * service's own choices (`forms[].allow`, e.g. CT01's request kinds per service), checked against the form's own
 * answer schema. Shared by the host's dossier tests and the Electron/WebSocket journey.
 */
import { type AnswerValue, buildAnswerSchema, getForm, getService, visibleFields } from '../../catalogue';
import { communes, remapOldAddress } from '../../catalogue/admin-units';
import type { FilledForm } from '../../common/api/contract';
import type { Field, Form } from '../../common/catalogue/schema';
import type { Identity } from '../../common/identity';
import { initialValues } from '../../renderer/forms/form-values';

/** Who the plain answers speak of: the person-shaped questions take these values. */
export interface AnswerPerson {
  /** A question of type idNumber. */
  idNumber: string;
  /** A text question patterned as a 12-digit personal ID. */
  patternedId: string;
  fullName: string;
  /** An address's detail (street, hamlet). */
  addressDetail: string;
}

const SOMEONE: AnswerPerson = {
  idNumber: '001190012345',
  patternedId: '012345678901',
  fullName: 'Nguyễn Văn An',
  addressDetail: 'Số 1',
};

/** A plain valid answer to a question, by its type and pattern. */
export function answerFor(
  f: Pick<Field, 'type' | 'options' | 'columns' | 'validation'>,
  who: AnswerPerson = SOMEONE,
): unknown {
  // Answers for the patterned text questions of the catalogue's forms.
  const patterned: Record<string, string> = {
    '^\\d{12}$': who.patternedId,
    '^\\d{10}$': '0123456789', // social insurance number
    '^\\d{6,20}$': '0123456789', // bank account
    '^[A-Z]{2}\\d{11}$': 'PA01234567890', // EVN customer code
  };
  if (f.validation?.pattern && patterned[f.validation.pattern]) return patterned[f.validation.pattern];
  switch (f.type) {
    case 'date':
      return f.validation?.min === 'today' ? '2099-01-01' : '2026-11-01';
    case 'choice':
      return f.options![0]!.value;
    case 'yesno':
      return false;
    case 'number':
      return 1;
    case 'phone':
      return '0912345678';
    case 'email':
      return 'an@example.vn';
    case 'idNumber':
      return who.idNumber;
    case 'address':
      return { provinceCode: '01', communeCode: communes('01')[0]!.code, detail: who.addressDetail };
    case 'person':
      return { fullName: who.fullName };
    case 'table':
      return [
        Object.fromEntries((f.columns ?? []).filter((c) => c.required).map((c) => [c.id, answerFor(c, who)])),
      ];
    default:
      return who.fullName;
  }
}

/**
 * What the form engine starts from (renderer/forms/form-values `initialValues`, the kiosk's one prefill), with
 * the card's address resolved as the address field does (places.remap): today's commune when the old address
 * maps to one, else left for an answer below.
 */
function prefilled(
  form: Form,
  identity: Record<string, unknown>,
  given: Record<string, AnswerValue>,
): Record<string, unknown> {
  // The fictional citizens' records (fixtures/citizens) carry the Identity keys the bindings read.
  const values: Record<string, unknown> = { ...given, ...initialValues(form, identity as Identity, given) };
  for (const [id, v] of Object.entries(values)) {
    const text = (v as { pendingText?: unknown } | null)?.pendingText;
    if (typeof text !== 'string') continue;
    const r = remapOldAddress(text);
    if (r.status === 'unique')
      values[id] = { provinceCode: r.unit.provinceCode, communeCode: r.unit.code, detail: r.detail };
    else delete values[id];
  }
  return values;
}

export type { FilledForm };

/**
 * @param set answers that make the case under test (e.g. `{ requestKind: 'cap-lai' }`)
 * @param forms the forms to fill; default: the service's forms without a `when` (those every case files)
 */
export function filledForms(
  serviceId: string,
  set: Record<string, unknown> = {},
  forms: string[] | null = null,
  /** A fictional card holder: the answers start from what the card prefills, conditions see their age. */
  identity: Record<string, unknown> | null = null,
): FilledForm[] {
  const refs = getService(serviceId).forms.filter((r) => (forms ? forms.includes(r.id) : !r.when));
  return refs.map((ref) => {
    const form = getForm(ref.id, ref.version);
    const allowed = Object.fromEntries(Object.entries(ref.allow ?? {}).map(([k, v]) => [k, v[0]]));
    const given = { ...allowed, ...set, ...ref.preset } as Record<string, AnswerValue>;
    const answers: Record<string, unknown> =
      identity && !ref.about ? prefilled(form, identity, given) : { ...given };
    const ctx = { identity };
    const schema = buildAnswerSchema(form, ctx);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 5; i++)
        for (const f of visibleFields(form, answers, ctx))
          if (f.required && answers[f.id] === undefined) answers[f.id] = answerFor(f);
      // A card value the form does not take (a passport number as the ID): corrected as the citizen would.
      const r = schema.safeParse(answers);
      if (r.success) break;
      for (const issue of r.error.issues) {
        const id = issue.path[0];
        if (typeof id === 'string' && !(id in given)) {
          const f = visibleFields(form, answers, ctx).find((x) => x.id === id);
          // a cross-field rule (a parent born before the child): an earlier date
          if (f)
            answers[id] =
              f.type === 'date' && issue.message.startsWith('rule/') ? '1990-01-01' : answerFor(f);
        }
      }
    }
    const last = schema.safeParse(answers);
    if (!last.success) throw new Error(`filledForms: answers for ${ref.id} do not pass its schema`);
    return { formId: ref.id, version: ref.version, answers, corrections: [] };
  });
}
