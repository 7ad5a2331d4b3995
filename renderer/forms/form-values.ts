/**
 * Pure helpers of the form engine: initial values from prefill bindings, step-level validation with
 * the catalogue's answer schema (the same one the host re-checks), and the answers handed on.
 */
import type { Identity } from '../../common/identity';
import { type AnswerContext, type Answers, buildAnswerSchema, isVisible } from '../../catalogue/answers';
import { selectPrefill } from '../../catalogue/index';
import type { Field, Form, Step } from '../../common/catalogue/schema';

export type FormValues = Record<string, unknown>;

/** One source: the contract's zod schemas (`dossier.submit`, `forms.print`). */
export type { Correction, FilledForm } from '../../common/api/contract';

/** Shapes a raw prefill value for the field's input; undefined when it does not fit. */
export function shape(field: Field, raw: unknown): unknown {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (field.type === 'person' && typeof raw === 'string') return { fullName: raw };
  if (field.type === 'yesno') return typeof raw === 'boolean' ? raw : undefined;
  if (field.type === 'choice' && typeof raw === 'string') {
    const direct = field.options?.find((o) => o.value === raw);
    if (direct) return direct.value;
    const byLabel = field.options?.find((o) => o.label.vi === raw || o.label.en === raw);
    return byLabel?.value;
  }
  if (field.type === 'address') return typeof raw === 'string' ? { pendingText: raw } : raw;
  return raw;
}

/**
 * The prefill that applies to a field now (conditional prefills look at the answers so far), shaped for
 * the field's type, with the binding it came from (`identity.<key>`, `answer.<id>` or `value`).
 */
export function prefillOf(
  field: Field,
  identity: Identity | null,
  answers: FormValues,
  today?: string,
): { binding: string; value: unknown; suggest?: true } | undefined {
  const hit = selectPrefill(field.prefill, {
    identity: identity as Record<string, unknown> | null,
    answers: normaliseLoose(answers),
    today,
  });
  if (!hit) return undefined;
  const value = shape(field, hit.value);
  return value === undefined ? undefined : { ...hit, value };
}

/** The value a binding gives for a field, shaped for the field's type; undefined when none. */
export function prefillValue(
  field: Field,
  identity: Identity | null,
  answers: FormValues,
  today?: string,
): unknown {
  return prefillOf(field, identity, answers, today)?.value;
}

/** Answers as conditions read them: date boxes and empty strings left out. */
function normaliseLoose(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(values))
    if (!/__[dmy]$/.test(k) && v !== '' && v !== undefined) out[k] = v;
  return out;
}

/** Initial values for every field with a prefill binding (identity first, then earlier answers). */
export function initialValues(
  form: Form,
  identity: Identity | null,
  saved: FormValues = {},
  today?: string,
): FormValues {
  const values: FormValues = {};
  for (const step of form.steps) {
    for (const field of step.fields) {
      const v = saved[field.id] ?? prefillValue(field, identity, { ...values }, today);
      if (v !== undefined) values[field.id] = v;
    }
  }
  return values;
}

/**
 * Conditional prefill when a step is reached: fields that are still empty, or still hold the value an
 * earlier prefill put there (`auto`), take what their prefill gives for the answers so far. Returns the
 * changes to apply (undefined = clear an automatic value whose condition no longer holds).
 */
export function refillStep(
  step: Step,
  identity: Identity | null,
  values: FormValues,
  auto: ReadonlyMap<string, unknown>,
  today?: string,
): Map<string, unknown> {
  const changes = new Map<string, unknown>();
  for (const field of step.fields) {
    if (!field.prefill) continue;
    const current = values[field.id];
    const untouched = isBlank(current) || (auto.has(field.id) && same(auto.get(field.id), current));
    if (!untouched) continue;
    const next = prefillValue(field, identity, values, today);
    if (next === undefined ? !isBlank(current) : !same(next, current)) changes.set(field.id, next);
  }
  return changes;
}

/** Nothing typed or chosen: undefined, empty text, or an object (address, person) whose parts are all blank. */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isBlank);
  return false;
}

export const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function visibleSteps(form: Form, values: FormValues, ctx: AnswerContext = {}): Step[] {
  return form.steps.filter((s) => isVisible(s, normaliseLoose(values), ctx));
}

export function visibleStepFields(step: Step, values: FormValues, ctx: AnswerContext = {}): Field[] {
  return step.fields.filter((f) => isVisible(f, normaliseLoose(values), ctx));
}

/** Turns what the inputs hold into answer values (numbers typed as text, empty strings dropped). */
export function normaliseValues(form: Form, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const step of form.steps)
    for (const f of step.fields) {
      let v = values[f.id];
      if (v === undefined || v === '' || v === null) continue;
      if (f.type === 'number' && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()))
        v = Number(v.trim());
      if (typeof v === 'string') v = v.normalize('NFC');
      if (
        f.type === 'address' &&
        v &&
        typeof v === 'object' &&
        'pendingText' in v &&
        (v as { pendingText?: unknown }).pendingText
      )
        continue;
      if (f.type === 'person' && v && typeof v === 'object')
        v = normalisePerson(v as Record<string, unknown>);
      else if (Array.isArray(v))
        v = v
          .map((row) => normaliseRow(cleanObject(row as Record<string, unknown>), f))
          .filter((row) => Object.keys(row).length > 0);
      else if (v && typeof v === 'object') v = cleanObject(v as Record<string, unknown>);
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      out[f.id] = v;
    }
  return out;
}

export interface StepIssue {
  fieldId: string;
  code: string;
}

/** Validates the whole form's schema but reports only the issues of the fields on this step. */
export function validateStep(
  form: Form,
  step: Step,
  values: FormValues,
  today?: string,
  identity?: Identity | null,
): StepIssue[] {
  const ctx = {
    identity: identity as Record<string, unknown> | null | undefined,
    ...(today ? { today } : {}),
  };
  const schema = buildAnswerSchema(form, ctx);
  const ids = new Set(visibleStepFields(step, values, ctx).map((f) => f.id));
  const result = schema.safeParse(normaliseValues(form, values));
  if (result.success) return [];
  const seen = new Set<string>();
  const issues: StepIssue[] = [];
  for (const issue of result.error.issues) {
    const fieldId = String(issue.path[0] ?? '');
    if (!ids.has(fieldId) || seen.has(fieldId)) continue;
    seen.add(fieldId);
    issues.push({ fieldId, code: issue.message });
  }
  return issues;
}

/** The final answers, parsed by the shared schema (throws on invalid: the UI validated each step). */
export function finalAnswers(
  form: Form,
  values: FormValues,
  today?: string,
  identity?: Identity | null,
): Answers {
  const ctx = {
    identity: identity as Record<string, unknown> | null | undefined,
    ...(today ? { today } : {}),
  };
  return buildAnswerSchema(form, ctx).parse(normaliseValues(form, values));
}

/** Drops the date boxes' helper keys, empty strings and undefined members; NFC for text. */
function cleanObject(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o ?? {})) {
    if (/__[dmy]$/.test(k) || k === 'pendingText' || v === undefined || v === null || v === '') continue;
    out[k] = typeof v === 'string' ? v.trim().normalize('NFC') : v;
  }
  return out;
}

/** A person's date of birth may be typed as `yyyy` or `dd/mm/yyyy`; answers keep ISO (partial allowed). */
function normalisePerson(o: Record<string, unknown>): Record<string, unknown> {
  const p = cleanObject(o);
  const dob = typeof p.dateOfBirth === 'string' ? p.dateOfBirth : undefined;
  const m = dob?.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (m) p.dateOfBirth = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return p;
}

function normaliseRow(row: Record<string, unknown>, field: Field): Record<string, unknown> {
  for (const c of field.columns ?? []) {
    const v = row[c.id];
    if (c.type === 'number' && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) row[c.id] = Number(v);
  }
  return row;
}
