/**
 * Answers to a form: one zod schema shared by the renderer (react-hook-form resolver) and the host
 * (re-validation before a dossier is accepted). Issue messages are stable codes (`answer.required`…)
 * that the renderer turns into sentences (renderer/i18n/errors/catalogue.json).
 */
import { z } from 'zod';
import { evaluate } from '../common/catalogue/form-conditions';
import type { Column, Field, Form, Step, VisibleWhen } from '../common/catalogue/schema';
import { todayInVietnam } from '../common/text/format';

export const PHONE_PATTERN = '^0\\d{9,10}$';
export const ID_NUMBER_PATTERN = '^\\d{12}$';

export const AddressAnswer = z.object({
  provinceCode: z.string().regex(/^\d{2}$/),
  communeCode: z.string().regex(/^\d{5}$/),
  /** House number, street, village / residential group. */
  detail: z.string().trim().min(1).max(200),
});
export type AddressAnswer = z.infer<typeof AddressAnswer>;

export const PersonAnswer = z.object({
  fullName: z.string().trim().min(1).max(100),
  idNumber: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .optional(),
});
export type PersonAnswer = z.infer<typeof PersonAnswer>;

export type AnswerValue =
  string | number | boolean | AddressAnswer | PersonAnswer | Record<string, string | number | boolean>[];
export type Answers = Record<string, AnswerValue>;

export const ANSWER_ISSUES = [
  'answer.required',
  'answer.invalid',
  'answer.pattern',
  'answer.too-short',
  'answer.too-long',
  'answer.too-small',
  'answer.too-big',
  'answer.too-early',
  'answer.too-late',
  'answer.not-an-option',
  'answer.too-few-rows',
  'answer.too-many-rows',
] as const;
export type AnswerIssue = (typeof ANSWER_ISSUES)[number];

/** What conditions may read besides the answers: the chip identity (age, chip fields) and the filing date. */
export interface AnswerContext {
  identity?: Record<string, unknown> | null | undefined;
  today?: string | undefined;
}

/** True when every `visibleWhen` condition holds for the answers given so far (unknown counts as false). */
export function isVisible(
  item: { visibleWhen?: VisibleWhen | undefined },
  answers: Record<string, unknown>,
  ctx: AnswerContext = {},
): boolean {
  const v = item.visibleWhen;
  if (!v) return true;
  return (Array.isArray(v) ? v : [v]).every(
    (c) => evaluate(c, { answers, identity: ctx.identity, today: ctx.today }) === true,
  );
}

/** The id of a broken cross-field rule, as an issue message: `rule/<ruleId>` (its text is in the form). */
export const RULE_ISSUE_PREFIX = 'rule/';

/** The fields of a form in screen order. */
export function flattenFields(form: Form): Field[] {
  return form.steps.flatMap((s: Step) => s.fields);
}

/** The fields visible for these answers (step and field conditions). */
export function visibleFields(
  form: Form,
  answers: Record<string, unknown>,
  ctx: AnswerContext = {},
): Field[] {
  return form.steps
    .filter((s) => isVisible(s, answers, ctx))
    .flatMap((s) => s.fields.filter((f) => isVisible(f, answers, ctx)));
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(y!, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

type Issue = { code: AnswerIssue; path: (string | number)[] };

/** Checks one non-empty value; returns the issues found (paths relative to the field). */
function checkValue(field: Field | Column, value: unknown, today: string): Issue[] {
  const v = field.validation ?? {};
  const at = (code: AnswerIssue, path: (string | number)[] = []): Issue[] => [{ code, path }];
  const bound = (b: number | string | undefined): number | string | undefined => (b === 'today' ? today : b);
  switch (field.type) {
    case 'text':
    case 'phone':
    case 'email':
    case 'idNumber': {
      if (typeof value !== 'string') return at('answer.invalid');
      const text = value.trim().normalize('NFC');
      if (v.minLength !== undefined && text.length < v.minLength) return at('answer.too-short');
      const max = v.maxLength ?? (field.type === 'text' ? 500 : 100);
      if (text.length > max) return at('answer.too-long');
      const pattern =
        v.pattern ??
        (field.type === 'phone' ? PHONE_PATTERN : field.type === 'idNumber' ? ID_NUMBER_PATTERN : undefined);
      if (pattern !== undefined && !new RegExp(pattern, 'u').test(text)) return at('answer.pattern');
      if (field.type === 'email' && !z.email().safeParse(text).success) return at('answer.pattern');
      return [];
    }
    case 'date': {
      if (typeof value !== 'string') return at('answer.invalid');
      const re = v.allowPartial ? /^\d{4}(-\d{2}(-\d{2})?)?$/ : /^\d{4}-\d{2}-\d{2}$/;
      if (!re.test(value) || !isRealDate(value)) return at('answer.invalid');
      const min = bound(v.min);
      const max = bound(v.max);
      if (typeof min === 'string' && value < min.slice(0, value.length)) return at('answer.too-early');
      if (typeof max === 'string' && value > max.slice(0, value.length)) return at('answer.too-late');
      return [];
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return at('answer.invalid');
      if (v.integer && !Number.isInteger(value)) return at('answer.invalid');
      if (typeof v.min === 'number' && value < v.min) return at('answer.too-small');
      if (typeof v.max === 'number' && value > v.max) return at('answer.too-big');
      return [];
    }
    case 'yesno':
      return typeof value === 'boolean' ? [] : at('answer.invalid');
    case 'choice':
      if (typeof value !== 'string') return at('answer.invalid');
      return field.options?.some((o) => o.value === value) ? [] : at('answer.not-an-option');
    case 'address': {
      const r = AddressAnswer.safeParse(value);
      return r.success
        ? []
        : r.error.issues.map((i) => ({
            code: 'answer.invalid' as const,
            path: [...i.path] as (string | number)[],
          }));
    }
    case 'person': {
      const r = PersonAnswer.safeParse(value);
      return r.success
        ? []
        : r.error.issues.map((i) => ({
            code: 'answer.invalid' as const,
            path: [...i.path] as (string | number)[],
          }));
    }
    case 'table': {
      if (!Array.isArray(value)) return at('answer.invalid');
      if (typeof v.min === 'number' && value.length < v.min) return at('answer.too-few-rows');
      if (typeof v.max === 'number' && value.length > v.max) return at('answer.too-many-rows');
      const columns = (field as Field).columns ?? [];
      const issues: Issue[] = [];
      value.forEach((row: unknown, i) => {
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          issues.push({ code: 'answer.invalid', path: [i] });
          return;
        }
        const cells = row as Record<string, unknown>;
        for (const key of Object.keys(cells))
          if (!columns.some((c) => c.id === key)) issues.push({ code: 'answer.invalid', path: [i, key] });
        for (const col of columns) {
          if (!isVisible(col, cells)) continue;
          const cell = cells[col.id];
          if (isEmpty(cell)) {
            if (col.required) issues.push({ code: 'answer.required', path: [i, col.id] });
            continue;
          }
          for (const issue of checkValue(col, cell, today))
            issues.push({ code: issue.code, path: [i, col.id, ...issue.path] });
        }
      });
      return issues;
    }
  }
}

/**
 * The zod schema of a form's answers: an object keyed by field id. Hidden fields (a false
 * `visibleWhen` on the field or its step) are neither required nor checked, and are dropped from the
 * parsed output; required visible fields must be present and non-empty; unknown keys are refused.
 * Issue messages are `AnswerIssue` codes; `path` is `[fieldId, ...]`.
 */
export function buildAnswerSchema(
  form: Form,
  options: { today?: string; identity?: Record<string, unknown> | null } = {},
): z.ZodType<Answers> {
  const fields = flattenFields(form);
  const ids = new Set(fields.map((f) => f.id));
  return z
    .record(z.string(), z.unknown())
    .superRefine((answers, ctx) => {
      const today = options.today ?? todayInVietnam();
      const actx: AnswerContext = { identity: options.identity, today };
      for (const key of Object.keys(answers))
        if (!ids.has(key)) ctx.addIssue({ code: 'custom', message: 'answer.invalid', path: [key] });
      const visible = visibleFields(form, answers, actx);
      const flagged = new Set<string>();
      for (const field of visible) {
        const value = answers[field.id];
        if (isEmpty(value)) {
          if (field.required) {
            ctx.addIssue({ code: 'custom', message: 'answer.required', path: [field.id] });
            flagged.add(field.id);
          }
          continue;
        }
        for (const issue of checkValue(field, value, today)) {
          ctx.addIssue({ code: 'custom', message: issue.code, path: [field.id, ...issue.path] });
          flagged.add(field.id);
        }
      }
      // Cross-field rules, on values that are themselves valid and visible
      const cctx = { answers, identity: options.identity, today };
      for (const rule of form.rules ?? []) {
        if (flagged.has(rule.field) || !visible.some((f) => f.id === rule.field)) continue;
        if (rule.when && evaluate(rule.when, cctx) !== true) continue;
        if (evaluate(rule.assert, cctx) === false)
          ctx.addIssue({ code: 'custom', message: `${RULE_ISSUE_PREFIX}${rule.id}`, path: [rule.field] });
      }
    })
    .transform((answers) => {
      const out: Answers = {};
      for (const field of visibleFields(form, answers, {
        identity: options.identity,
        today: options.today,
      })) {
        const value = answers[field.id];
        if (isEmpty(value)) continue;
        out[field.id] = typeof value === 'string' ? value.trim().normalize('NFC') : (value as AnswerValue);
      }
      return out;
    }) as unknown as z.ZodType<Answers>;
}
