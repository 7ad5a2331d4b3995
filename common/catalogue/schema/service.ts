/**
 * Services: the 25 essential services of Project 06 (and those kiosks commonly add), their procedure codes,
 * fees and exemptions, documents, forms and how the kiosk serves them.
 */
import { z } from 'zod';
import { RuleCondition } from '../conditions';
import { Contribution } from '../contributions';
import { Id, IsoDate, LocalText, Unknown } from './text';

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
