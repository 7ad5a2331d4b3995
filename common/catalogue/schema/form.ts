/**
 * Forms: versioned, one question group per step, fields with prefill bindings and conditions, cross-field
 * rules. The form engine (renderer) and the host's re-validation read the same model.
 */
import { z } from 'zod';
import { Condition } from '../form-conditions';
import { Id, IsoDate, LocalText } from './text';

export const FieldType = z.enum([
  'text',
  'date',
  'choice',
  'address',
  'person',
  'table',
  'yesno',
  'number',
  'phone',
  'email',
  'idNumber',
]);
export type FieldType = z.infer<typeof FieldType>;

export const Keyboard = z.enum(['text', 'numeric', 'email', 'phone']);
export type Keyboard = z.infer<typeof Keyboard>;

/**
 * Where a field's initial value comes from: `identity.<key of Identity>` (chip / QR) or
 * `answer.<fieldId>` (an earlier answer in the same form).
 */
export const PrefillBinding = z
  .string()
  .regex(/^(identity|answer)\.[A-Za-z][A-Za-z0-9]*$/, 'prefill binding');

/** One alternative of a conditional prefill: the first whose `when` holds gives the value. */
export const PrefillRule = z
  .object({
    when: Condition.optional(),
    from: PrefillBinding.optional(),
    /** A fixed value (e.g. relation "chủ hộ" when the citizen is the household head). */
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /**
     * A suggestion, not the citizen's own card data (the child's nationality from the parent's card): shown
     * in an ordinary input the citizen may change. Without it an `identity.*` value is read-only.
     */
    suggest: z.literal(true).optional(),
  })
  .strict()
  .refine((r) => (r.from === undefined) !== (r.value === undefined), 'prefill rule needs from or value');
export type PrefillRule = z.infer<typeof PrefillRule>;

/** A single binding, or conditional alternatives tried in order. */
export const Prefill = z.union([PrefillBinding, z.array(PrefillRule).min(1)]);
export type Prefill = z.infer<typeof Prefill>;

export { Condition };
/** One condition (all/any/not, answers, age, chip; see conditions.ts), or several that must all hold. */
export const VisibleWhen = z.union([Condition, z.array(Condition).min(1)]);
export type VisibleWhen = z.infer<typeof VisibleWhen>;

/**
 * A cross-field rule of a form: when `when` holds (or always), `assert` must hold; otherwise `message`
 * is shown on `field`. A rule whose values are not all answered yet is not checked.
 */
export const Rule = z
  .object({
    id: Id,
    when: Condition.optional(),
    assert: Condition,
    field: z.string().min(1),
    message: LocalText,
  })
  .strict();
export type Rule = z.infer<typeof Rule>;

export const Validation = z
  .object({
    /** ECMAScript regex the whole text must match (text-like fields). */
    pattern: z.string().optional(),
    /** number: value bounds; table: row count; date: ISO date bounds or `today`. */
    min: z.union([z.number(), IsoDate, z.literal('today')]).optional(),
    max: z.union([z.number(), IsoDate, z.literal('today')]).optional(),
    minLength: z.number().int().nonnegative().optional(),
    maxLength: z.number().int().positive().optional(),
    /** date: accept `YYYY` or `YYYY-MM` (records that hold only the year of birth). */
    allowPartial: z.boolean().optional(),
    /** number: whole numbers only. */
    integer: z.boolean().optional(),
  })
  .strict();
export type Validation = z.infer<typeof Validation>;

export const ChoiceOption = z.object({ value: z.string().min(1), label: LocalText }).strict();
export type ChoiceOption = z.infer<typeof ChoiceOption>;

const fieldBase = {
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase field id'),
  type: FieldType,
  label: LocalText,
  help: LocalText.optional(),
  required: z.boolean(),
  validation: Validation.optional(),
  options: z.array(ChoiceOption).min(2).optional(),
  visibleWhen: VisibleWhen.optional(),
  prefill: Prefill.optional(),
  keyboard: Keyboard.optional(),
};

/** A table column: any simple field type (not table / person / address). */
export const Column = z
  .object({ ...fieldBase, type: FieldType.exclude(['table', 'person', 'address']) })
  .strict();
export type Column = z.infer<typeof Column>;

export const Field = z
  .object({ ...fieldBase, columns: z.array(Column).min(1).optional() })
  .strict()
  .superRefine((f, ctx) => {
    if (f.type === 'choice' && !f.options)
      ctx.addIssue({ code: 'custom', message: `choice field ${f.id} needs options` });
    if (f.type !== 'choice' && f.options)
      ctx.addIssue({ code: 'custom', message: `only choice fields have options (${f.id})` });
    if (f.type === 'table' && !f.columns)
      ctx.addIssue({ code: 'custom', message: `table field ${f.id} needs columns` });
    if (f.type !== 'table' && f.columns)
      ctx.addIssue({ code: 'custom', message: `only table fields have columns (${f.id})` });
    if (f.validation?.pattern !== undefined) {
      try {
        new RegExp(f.validation.pattern, 'u');
      } catch {
        ctx.addIssue({ code: 'custom', message: `bad pattern in ${f.id}` });
      }
    }
  });
export type Field = z.infer<typeof Field>;

/** Whose card a form asks to be tapped besides the citizen's own (the API's `identify.other` takes it too). */
export const OtherCardRole = z.enum(['household-head', 'owner', 'other-parent', 'spouse']);
export type OtherCardRole = z.infer<typeof OtherCardRole>;

/**
 * "Ask them to tap their card": another person whose identity and consent the form needs (household head,
 * owner, the other parent, the spouse). Their chip is read and verified like the citizen's own; `fills` maps
 * field ids of this form to keys of their Identity (fields still blank are filled; identity fields then read
 * only, an address is remapped like the citizen's own).
 */
export const OtherCard = z
  .object({
    role: OtherCardRole,
    /** Offered only when this holds (e.g. the citizen is not the household head). */
    when: Condition.optional(),
    fills: z.record(z.string(), z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/)),
  })
  .strict();
export type OtherCard = z.infer<typeof OtherCard>;

/** One screen: one question group (GOV.UK "one thing per page"), at most a handful of fields. */
export const Step = z
  .object({
    id: Id,
    title: LocalText,
    help: LocalText.optional(),
    visibleWhen: VisibleWhen.optional(),
    otherCard: OtherCard.optional(),
    fields: z.array(Field).min(1).max(5),
  })
  .strict();
export type Step = z.infer<typeof Step>;

export const Fidelity = z.enum(['faithful', 'outline']);

export const Form = z
  .object({
    id: Id,
    /** Free label, unique per form id (e.g. `tt53-2025`). */
    version: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    /** Official form code as printed ("CT01", "Mẫu số 01/2025/LLTP"), when there is one. */
    code: z.string().optional(),
    title: LocalText,
    effectiveFrom: IsoDate,
    effectiveTo: IsoDate.optional(),
    legalBasis: z.string().min(1),
    source: z.string().min(1),
    /** `faithful`: items follow the official form; `outline`: a reasonable model to verify against the form. */
    fidelity: Fidelity,
    notes: z.string().optional(),
    steps: z.array(Step).min(1),
    /** Cross-field rules (marriage ages, death after birth, end after start…). */
    rules: z.array(Rule).optional(),
  })
  .strict()
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    for (const step of form.steps)
      for (const field of step.fields) {
        if (seen.has(field.id))
          ctx.addIssue({ code: 'custom', message: `duplicate field id ${field.id} in ${form.id}` });
        seen.add(field.id);
      }
    if (form.effectiveTo && form.effectiveTo < form.effectiveFrom)
      ctx.addIssue({
        code: 'custom',
        message: `${form.id}@${form.version}: effectiveTo before effectiveFrom`,
      });
  });
export type Form = z.infer<typeof Form>;
