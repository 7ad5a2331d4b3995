/**
 * Turns a field's prefill binding into a value the field accepts ("ask once"). Separate from index.ts
 * because it pulls in the admin-unit data (address fields are remapped from the card's pre-2025 address).
 */
import { remapOldAddress } from './admin-units';
import { selectPrefill } from './index';
import type { AddressAnswer, AnswerValue } from './answers';
import type { Column, Field } from '../common/catalogue/schema';

export interface PrefillSources {
  identity?: Record<string, unknown> | null;
  answers?: Record<string, unknown>;
  /** Filing date for age conditions (default: today in Vietnam). */
  today?: string;
}

/**
 * The initial value of a field, or undefined when there is none or it does not fit the field:
 * - address: the card's address remapped to a current commune, only when the mapping is unique
 *   (the citizen chooses otherwise); `detail` is what precedes the units (may be empty);
 * - choice: only a value that is one of the options (`identity.sex` gives `male` / `female`);
 * - date: ISO dates, partial ones only when the field allows them;
 * - text-like: NFC strings.
 */
export function prefillValue(field: Field | Column, sources: PrefillSources): AnswerValue | undefined {
  const value = selectPrefill(field.prefill, sources)?.value;
  if (value === undefined || value === null || value === '') return undefined;
  switch (field.type) {
    case 'address': {
      if (typeof value === 'object' && value !== null && 'communeCode' in value)
        return value as AddressAnswer;
      if (typeof value !== 'string') return undefined;
      const r = remapOldAddress(value);
      if (r.status !== 'unique') return undefined;
      // detail may be empty (the card gave no house or village): the citizen completes it
      return { provinceCode: r.unit.provinceCode, communeCode: r.unit.code, detail: r.detail };
    }
    case 'choice':
      return typeof value === 'string' && field.options?.some((o) => o.value === value) ? value : undefined;
    case 'date': {
      if (typeof value !== 'string') return undefined;
      const re = field.validation?.allowPartial ? /^\d{4}(-\d{2}(-\d{2})?)?$/ : /^\d{4}-\d{2}-\d{2}$/;
      return re.test(value) ? value : undefined;
    }
    case 'yesno':
      return typeof value === 'boolean' ? value : undefined;
    case 'number':
      return typeof value === 'number' ? value : undefined;
    default:
      return typeof value === 'string' ? value.normalize('NFC') : (value as AnswerValue);
  }
}

/** Initial answers of a whole form, field by field in order (so `answer.<id>` sees earlier prefills). */
export function prefillAnswers(
  fields: readonly Field[],
  identity: Record<string, unknown> | null | undefined,
  given: Record<string, AnswerValue> = {},
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = { ...given };
  for (const field of fields) {
    if (field.id in given) continue;
    const v = prefillValue(field, { identity, answers });
    if (v !== undefined) answers[field.id] = v;
  }
  return answers;
}
