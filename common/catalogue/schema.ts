/**
 * The catalogue's data model: services (the 25 essential services of Project 06) and versioned forms.
 * Pure zod: used by the renderer (form engine), the host (re-validation) and the CLI (JSON Schema export).
 */
import { z } from 'zod';
import { RuleCondition } from './conditions';
import { Contribution } from './contributions';
import { Condition } from './form-conditions';

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');

/** Every citizen-facing text exists in Vietnamese and English. */
export const LocalText = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalText = z.infer<typeof LocalText>;

/** A value no source collected: the catalogue says so instead of inventing it. */
export const Unknown = z.object({ unknown: z.literal(true), reason: LocalText }).strict();
export type Unknown = z.infer<typeof Unknown>;

export const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id');

// ---------------------------------------------------------------------------------------------
// Forms

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

/**
 * "Ask them to tap their card": another person whose identity and consent the form needs (household head,
 * owner, the other parent, the spouse). Their chip is read and verified like the citizen's own; `fills` maps
 * field ids of this form to keys of their Identity (fields still blank are filled; identity fields then read
 * only, an address is remapped like the citizen's own).
 */
export const OtherCard = z
  .object({
    role: z.enum(['household-head', 'owner', 'other-parent', 'spouse']),
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

// ---------------------------------------------------------------------------------------------
// Services

export const Category = z.enum([
  'identity',
  'residence',
  'civil-status',
  'travel',
  'transport',
  'tax-land',
  'social-insurance',
  'utilities',
  'education',
  'justice',
  'business',
]);
export type Category = z.infer<typeof Category>;

export const Level = z.enum(['commune', 'province', 'central']);
export type Level = z.infer<typeof Level>;

export const ProcedureCode = z
  .object({
    /** National procedure code (mã TTHC), e.g. `1.004194`. */
    code: z.string().regex(/^\d\.\d{6}$/, 'procedure code d.dddddd'),
    level: Level,
    name: z.string().optional(),
    /**
     * The case in which this code is the one filed (request kind, age…). When any code of a service has
     * `when`, exactly one code must hold for every case (checked by `checkRules`); codes without `when` are
     * then reference only (other levels). When none has `when`, the first commune-level code is filed.
     */
    when: RuleCondition.optional(),
  })
  .strict();
export type ProcedureCode = z.infer<typeof ProcedureCode>;

export const ProcessingTime = z.union([
  z
    .object({
      value: z.number().nonnegative(),
      unit: z.enum(['hour', 'working-day', 'day']),
      text: LocalText,
    })
    .strict(),
  Unknown,
]);
export type ProcessingTime = z.infer<typeof ProcessingTime>;

export const Fee = z
  .object({
    channel: z.enum(['in-person', 'online', 'any']),
    /** null: no source gives the amount for this case ("cán bộ sẽ thông báo"), the label says why. */
    amountVnd: z.number().int().nonnegative().nullable(),
    label: LocalText,
    exemptions: z.array(LocalText),
    /** The document the amount is read from (source key + file, or legal text). */
    source: z.string().min(1),
    /** null: in force when the source was crawled, start date not collected. */
    effectiveFrom: IsoDate.nullable(),
    effectiveTo: IsoDate.optional(),
    /** The case this line is for (request kind…). Lines are alternatives: at most one applies per dossier. */
    when: RuleCondition.optional(),
  })
  .strict();
export type Fee = z.infer<typeof Fee>;

/**
 * A fee exemption (miễn phí, lệ phí): when its condition holds the dossier owes nothing. Conditions on the
 * chip (age) are never asked; a `declared` category is asked, with this label, only when nothing the card
 * tells already exempts the citizen.
 */
export const FeeExemption = z
  .object({
    id: Id,
    label: LocalText,
    when: RuleCondition,
    source: z.string().min(1),
    /** Told to the citizen when this exemption applies (e.g. old cards stay valid after a merger). */
    note: LocalText.optional(),
  })
  .strict();
export type FeeExemption = z.infer<typeof FeeExemption>;

export const DocumentItem = z
  .object({
    id: Id,
    name: LocalText,
    count: z.number().int().positive(),
    required: z.boolean(),
    copy: z.enum(['original', 'copy', 'original-or-copy', 'show-original']).optional(),
    /** When the item is only needed in some cases. */
    when: LocalText.optional(),
    /** The catalogue form that produces this item, if any. */
    formId: Id.optional(),
    /**
     * A linked service filed as one dossier per component procedure (16): the procedure codes whose dossier
     * carries this item. Absent: every dossier of the service.
     */
    procedures: z
      .array(z.string().regex(/^\d\.\d{6}$/))
      .min(1)
      .optional(),
  })
  .strict();
export type DocumentItem = z.infer<typeof DocumentItem>;

export const FormRef = z
  .object({
    id: Id,
    version: z.string().min(1),
    /**
     * Answers the service itself decides (a form shared by several services, e.g. DC02's request kind for
     * service 1): they are set, not asked, and the host enforces them.
     */
    preset: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** The choices of a shared form this service accepts (e.g. CT01's request kinds for service 3). */
    allow: z.record(z.string(), z.array(z.string()).min(1)).optional(),
    /** When the service needs this form (e.g. TK01 from 14 years, TK01a under 14). Default: always. */
    when: RuleCondition.optional(),
    /**
     * `other`: the form describes someone other than the card holder (16: the CT01 that removes the
     * deceased's residence), so nothing is prefilled from the card.
     */
    about: z.literal('other').optional(),
    /** Initial values taken from an earlier form's answers: field id → `formId.fieldId`. */
    carry: z.record(z.string(), z.string().regex(/^[a-z0-9-]+\.[a-z][A-Za-z0-9]*$/)).optional(),
  })
  .strict();
export type FormRef = z.infer<typeof FormRef>;

export const LinkedComponent = z
  .object({
    /** Another catalogue service this component corresponds to, if any. */
    serviceId: Id.optional(),
    procedureCodes: z.array(ProcedureCode).optional(),
    /** The component's own fee lines, when it is filed as its own dossier (else those of `serviceId`). */
    fees: z.union([z.array(Fee), Unknown]).optional(),
    name: LocalText,
    forms: z.array(FormRef),
    /** Who processes this component (Công an xã, UBND xã, BHXH…). */
    agency: LocalText,
  })
  .strict();
export type LinkedComponent = z.infer<typeof LinkedComponent>;

export const Source = z.object({ ref: z.string().min(1), supports: z.string().min(1) }).strict();

export const KioskSupport = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('full'), note: LocalText.optional() }).strict(),
  z.object({ mode: z.literal('info-only'), reason: LocalText }).strict(),
  /**
   * The kiosk serves it through an agency's own system (host/agencies), not a portal dossier: `agency` names
   * the adapter (a key of host/agencies/mocks.ts and config `agencies.urls`); `identify`: the flow needs the
   * citizen's chip (an owner's declaration) or not (paying a fine by plate); `ends`: what the citizen leaves with;
   * `takesForms`: the citizen fills the service's catalogue forms as usual and the agency's system takes them
   * (host/agencies/forms: EVN, employment centre), ending in the agency's own reference number.
   */
  z
    .object({
      mode: z.literal('agency'),
      agency: Id,
      identify: z.boolean(),
      ends: z.enum([
        'appointment',
        'payment-receipt',
        'dossier-code',
        'registration-number',
        'request-number',
      ]),
      takesForms: z.boolean().optional(),
      note: LocalText.optional(),
    })
    .strict(),
]);
export type KioskSupport = z.infer<typeof KioskSupport>;

export const Delivery = z.enum(['counter', 'post', 'online', 'vneid']);

export const Service = z
  .object({
    /** 1–25: Đề án 06's numbering; 26 and up: services one-stop kiosks commonly add (dossier-rules §6). */
    number: z.number().int().min(1).max(99),
    id: Id,
    name: LocalText,
    /** Short name for tiles and search results. */
    shortName: LocalText,
    summary: LocalText,
    category: Category,
    procedureCodes: z.union([z.array(ProcedureCode).min(1), Unknown]),
    levels: z.union([z.array(Level).min(1), Unknown]),
    agency: LocalText,
    processingTime: ProcessingTime,
    fees: z.union([z.array(Fee), Unknown]),
    /** Who pays nothing (checked before the fee lines). */
    feeExemptions: z.array(FeeExemption).optional(),
    /** A contribution the kiosk computes and collects besides the fee (17: household health insurance). */
    contribution: Contribution.optional(),
    documents: z.array(DocumentItem),
    results: z.array(LocalText),
    delivery: z.array(Delivery),
    linkedServices: z.array(LinkedComponent).optional(),
    forms: z.array(FormRef),
    /** Extra search words (folded at load): colloquial names, old names, abbreviations. */
    keywords: z.array(z.string()),
    sources: z.array(Source).min(1),
    kioskSupport: KioskSupport,
  })
  .strict();
export type Service = z.infer<typeof Service>;
