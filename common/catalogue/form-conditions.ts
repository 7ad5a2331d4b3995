/**
 * The forms' condition language (visibleWhen, conditional prefill, cross-field rules, `otherCard.when`),
 * evaluated while the citizen is still answering. Pure data + a pure evaluator (no Node, no DOM).
 *
 * Why the service rules (procedure code, fee line, exemptions, forms needed) have their own language in
 * ./conditions.ts: the two answer different questions. A form condition is asked about a form half filled in,
 * so it is three-valued ("cannot tell yet" hides a step and postpones a rule) and reads one form's answers,
 * the chip and comparisons between answers. A service rule is asked once about a finished dossier and must be
 * decisive: two-valued, so that `checkRules` can enumerate every case a service distinguishes (`leaves`) and
 * prove exactly one procedure code and at most one fee line hold; it reads answers across the dossier's forms
 * (`formId.fieldId`), the declared exemption categories and the filing channel, none of which a form has.
 * They differ on purpose where an answer is missing (`ne`/`not`: undecided here, decided there) and on a
 * partial date of birth (counted here from the end of that year or month, never older than is certain; no
 * age there, so no exemption or code is chosen on a guess). Their shared leaves keep one spelling (`all`, `any`,
 * `not`, `answer` with `eq`/`ne`/`in`, `age` with `lt`/`gte`), so a catalogue author writes both alike.
 *
 *   {all: [...]} · {any: [...]} · {not: ...}
 *   {answer: "fieldId", eq | ne | in | present | lt | lte | gt | gte}   comparisons with a value,
 *        with "today", or with another answer: {answer: "toDate", gte: {answer: "fromDate"}}
 *   {age: {lt | gte: n}, of?: "fieldId"}   age in whole years at the filing date, from the chip's
 *        date of birth (or from an answer when `of` is given)
 *   {chip: "key of Identity", present | eq}
 *   {field, equals}   the older equality form, still accepted
 *
 * Evaluation is three-valued: `undefined` means "cannot tell yet" (an answer or the chip value is missing).
 * visibleWhen treats it as false; a cross-field rule treats it as "nothing to check yet".
 */
import { z } from 'zod';

export const Scalar = z.union([z.string(), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof Scalar>;

/** Another answer, or the filing date. */
export const Operand = z.union([Scalar, z.object({ answer: z.string().min(1) }).strict()]);
export type Operand = z.infer<typeof Operand>;

export const AnswerPredicate = z
  .object({
    answer: z.string().min(1),
    eq: Operand.optional(),
    ne: Operand.optional(),
    in: z.array(Scalar).min(1).optional(),
    present: z.boolean().optional(),
    lt: Operand.optional(),
    lte: Operand.optional(),
    gt: Operand.optional(),
    gte: Operand.optional(),
  })
  .strict();
export type AnswerPredicate = z.infer<typeof AnswerPredicate>;

export const AgePredicate = z
  .object({
    age: z
      .object({
        lt: z.number().int().nonnegative().optional(),
        gte: z.number().int().nonnegative().optional(),
      })
      .strict(),
    /** Field id of a date answer; without it, the chip's date of birth. */
    of: z.string().min(1).optional(),
  })
  .strict();
export type AgePredicate = z.infer<typeof AgePredicate>;

export const ChipPredicate = z
  .object({ chip: z.string().min(1), present: z.boolean().optional(), eq: Scalar.optional() })
  .strict();
export type ChipPredicate = z.infer<typeof ChipPredicate>;

/** The first condition format (equality on an earlier answer). */
export const LegacyCondition = z.object({ field: z.string().min(1), equals: Scalar }).strict();
export type LegacyCondition = z.infer<typeof LegacyCondition>;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | AnswerPredicate
  | AgePredicate
  | ChipPredicate
  | LegacyCondition;

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
    AnswerPredicate,
    AgePredicate,
    ChipPredicate,
    LegacyCondition,
  ]),
);

export interface ConditionContext {
  answers: Record<string, unknown>;
  identity?: Record<string, unknown> | null | undefined;
  /** Filing date, ISO `YYYY-MM-DD`. */
  today?: string | undefined;
}

type Tri = boolean | undefined;

const missing = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function todayOf(ctx: ConditionContext): string {
  return ctx.today ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

function operand(o: Operand, ctx: ConditionContext): unknown {
  if (typeof o === 'object') return ctx.answers[o.answer];
  if (o === 'today') return todayOf(ctx);
  return o;
}

function compare(a: unknown, b: unknown): number | undefined {
  if (missing(a) || missing(b)) return undefined;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    // ISO dates (partial ones compare on their common prefix)
    const n = Math.min(a.length, b.length);
    return a.slice(0, n) < b.slice(0, n) ? -1 : a.slice(0, n) > b.slice(0, n) ? 1 : 0;
  }
  return undefined;
}

/** Whole years between an ISO (possibly partial) date of birth and `on`. */
export function ageOn(dateOfBirth: string, on: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(dateOfBirth);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(on);
  if (!m || !t) return undefined;
  // A year-only or month-only birth date counts from the end of that period (never older than certain).
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 12;
  const d = m[3] ? Number(m[3]) : 31;
  let age = Number(t[1]) - y;
  if (Number(t[2]) < mo || (Number(t[2]) === mo && Number(t[3]) < d)) age -= 1;
  return age;
}

function and(values: Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  return values.some((v) => v === undefined) ? undefined : true;
}

/** Evaluates a condition: true, false, or undefined when it cannot be told yet. */
export function evaluate(c: Condition, ctx: ConditionContext): Tri {
  if ('all' in c) return and(c.all.map((x) => evaluate(x, ctx)));
  if ('any' in c) {
    const values = c.any.map((x) => evaluate(x, ctx));
    if (values.some((v) => v === true)) return true;
    return values.some((v) => v === undefined) ? undefined : false;
  }
  if ('not' in c) {
    const v = evaluate(c.not, ctx);
    return v === undefined ? undefined : !v;
  }
  if ('field' in c) {
    const v = ctx.answers[c.field];
    return missing(v) ? undefined : v === c.equals;
  }
  if ('age' in c) {
    const dob = c.of ? ctx.answers[c.of] : ctx.identity?.dateOfBirth;
    if (typeof dob !== 'string') return undefined;
    const age = ageOn(dob, todayOf(ctx));
    if (age === undefined) return undefined;
    return (c.age.lt === undefined || age < c.age.lt) && (c.age.gte === undefined || age >= c.age.gte);
  }
  if ('chip' in c) {
    const v = ctx.identity?.[c.chip];
    if (c.present !== undefined) return missing(v) !== c.present ? true : false;
    if (ctx.identity === undefined || ctx.identity === null) return undefined;
    return c.eq === undefined ? !missing(v) : v === c.eq;
  }
  const v = ctx.answers[c.answer];
  const checks: Tri[] = [];
  if (c.present !== undefined) checks.push(missing(v) !== c.present);
  if (missing(v)) return c.present !== undefined ? and(checks) : undefined;
  if (c.eq !== undefined) {
    const o = operand(c.eq, ctx);
    checks.push(missing(o) ? undefined : v === o);
  }
  if (c.ne !== undefined) {
    const o = operand(c.ne, ctx);
    checks.push(missing(o) ? undefined : v !== o);
  }
  if (c.in !== undefined) checks.push(c.in.includes(v as Scalar));
  const ord = (o: Operand | undefined, ok: (n: number) => boolean): void => {
    if (o === undefined) return;
    const r = compare(v, operand(o, ctx));
    checks.push(r === undefined ? undefined : ok(r));
  };
  ord(c.lt, (n) => n < 0);
  ord(c.lte, (n) => n <= 0);
  ord(c.gt, (n) => n > 0);
  ord(c.gte, (n) => n >= 0);
  return and(checks);
}

/** Every answer id a condition reads (for the catalogue's "points backwards" check). */
export function answersRead(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(answersRead);
  if ('any' in c) return c.any.flatMap(answersRead);
  if ('not' in c) return answersRead(c.not);
  if ('field' in c) return [c.field];
  if ('age' in c) return c.of ? [c.of] : [];
  if ('chip' in c) return [];
  const refs = [c.eq, c.ne, c.lt, c.lte, c.gt, c.gte]
    .filter((o): o is { answer: string } => typeof o === 'object' && o !== null)
    .map((o) => o.answer);
  return [c.answer, ...refs];
}

/** Identity keys a condition reads. */
export function chipKeysRead(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(chipKeysRead);
  if ('any' in c) return c.any.flatMap(chipKeysRead);
  if ('not' in c) return chipKeysRead(c.not);
  if ('chip' in c) return [c.chip];
  if ('age' in c && !c.of) return ['dateOfBirth'];
  return [];
}
