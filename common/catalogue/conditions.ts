/**
 * The service rules' condition language, kept as data (which procedure code is filed, which fee line
 * applies, who is exempt, which forms a service needs). Two-valued and evaluated once on a finished dossier;
 * forms use ./form-conditions.ts (three-valued, while answering): why two, see the head of that file.
 *
 *   {"all": [c, …]}   every condition holds (`{"all": []}` always holds)
 *   {"any": [c, …]}   at least one holds
 *   {"not": c}
 *   {"answer": "requestKind", "eq": "cap-lai"}        an answer (`formId.fieldId` or a field id searched
 *   {"answer": "tk01.requestKind", "in": ["a", "b"]}  in the dossier's forms in order); `ne` too
 *   {"age": {"lt": 14}} / {"age": {"gte": 60}}         age in whole years from the chip's date of birth on
 *                                                      the filing date (unknown age: never holds)
 *   {"declared": "disability"}                         an exemption category the citizen declared
 *   {"channel": "online"}                              the kiosk's configured filing channel
 *
 * Pure: no Node, no DOM. JSON Schema: `schema/conditions.schema.json`.
 */
import { z } from 'zod';
import { Scalar } from './form-conditions';

export type RuleCondition =
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition }
  | {
      answer: string;
      eq?: string | number | boolean;
      ne?: string | number | boolean;
      in?: (string | number | boolean)[];
    }
  | { age: { lt?: number; gte?: number } }
  | { declared: string }
  | { channel: FilingChannel };

export const FilingChannel = z.enum(['online', 'in-person']);
export type FilingChannel = z.infer<typeof FilingChannel>;

export const RuleCondition: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(RuleCondition) }).strict(),
    z.object({ any: z.array(RuleCondition).min(1) }).strict(),
    z.object({ not: RuleCondition }).strict(),
    z
      .object({
        answer: z.string().regex(/^([a-z0-9-]+\.)?[a-z][A-Za-z0-9]*$/, 'answer: fieldId or formId.fieldId'),
        eq: Scalar.optional(),
        ne: Scalar.optional(),
        in: z.array(Scalar).min(1).optional(),
      })
      .strict()
      .refine((c) => [c.eq, c.ne, c.in].filter((x) => x !== undefined).length === 1, {
        message: 'an answer condition has exactly one of eq, ne, in',
      }),
    z
      .object({
        age: z
          .object({ lt: z.number().int().min(0).optional(), gte: z.number().int().min(0).optional() })
          .strict()
          .refine((a) => a.lt !== undefined || a.gte !== undefined, { message: 'age needs lt or gte' }),
      })
      .strict(),
    z.object({ declared: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/) }).strict(),
    z.object({ channel: FilingChannel }).strict(),
  ]),
);

/** What a condition is evaluated against. */
export interface RuleContext {
  /** Answers by form id (only the forms of this dossier). */
  answers: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
  /** Age in whole years on the filing date, from the chip; null when the card gives no full date. */
  age: number | null;
  /** Exemption categories the citizen declared. */
  declared: readonly string[];
  channel: FilingChannel;
}

/** The value of `fieldId` or `formId.fieldId` in the dossier's answers (first form that has it). */
export function answerOf(ctx: Pick<RuleContext, 'answers'>, ref: string): unknown {
  const dot = ref.lastIndexOf('.');
  if (dot > 0) return ctx.answers[ref.slice(0, dot)]?.[ref.slice(dot + 1)];
  for (const a of Object.values(ctx.answers)) if (a && a[ref] !== undefined) return a[ref];
  return undefined;
}

export function evaluate(c: RuleCondition, ctx: RuleContext): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(x, ctx));
  if ('any' in c) return c.any.some((x) => evaluate(x, ctx));
  if ('not' in c) return !evaluate(c.not, ctx);
  if ('answer' in c) {
    const v = answerOf(ctx, c.answer);
    if (c.eq !== undefined) return v === c.eq;
    if (c.ne !== undefined) return v !== c.ne;
    return (c.in ?? []).some((x) => x === v);
  }
  if ('age' in c) {
    if (ctx.age === null) return false;
    return (
      (c.age.lt === undefined || ctx.age < c.age.lt) && (c.age.gte === undefined || ctx.age >= c.age.gte)
    );
  }
  if ('declared' in c) return ctx.declared.includes(c.declared);
  return ctx.channel === c.channel;
}

/** Every leaf of a condition (for validation and for enumerating the cases a rule distinguishes). */
export function leaves(
  c: RuleCondition,
): Exclude<RuleCondition, { all: unknown } | { any: unknown } | { not: unknown }>[] {
  if ('all' in c) return c.all.flatMap(leaves);
  if ('any' in c) return c.any.flatMap(leaves);
  if ('not' in c) return leaves(c.not);
  return [c];
}

/**
 * Whole years between an ISO date of birth (`YYYY-MM-DD`) and an ISO date; null for a partial or
 * missing date (cards of people whose records hold only the year).
 */
export function ageOn(dateOfBirth: string | null | undefined, date: string): number | null {
  if (!dateOfBirth || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || !/^\d{4}-\d{2}-\d{2}/.test(date))
    return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age >= 0 ? age : null;
}
