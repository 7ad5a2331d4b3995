import type { TFunction } from 'i18next';
import type { Language } from '../../common/api/contract';
import type { Field, Form } from '../../common/catalogue/schema';

/** Required-field messages name the question (GOV.UK: "Nhập ngày sinh của người mẹ", not "invalid"). */
function requiredKey(field: Field): string {
  if (/[?？]\s*$/.test(field.label.vi)) return 'answer.required-question';
  if (field.type === 'choice' || field.type === 'yesno') return 'answer.required-choose';
  if (field.type === 'address') return 'answer.required-address';
  return 'answer.required-enter';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/**
 * The sentence for a validation code on a field: a cross-field rule's own text (`rule/<id>`), a required
 * message naming the question, or the translated error code (`i18n/errors`); '' for no code.
 */
export function errorText(
  t: TFunction,
  form: Form,
  lang: Language,
  code: string | undefined,
  field?: Field,
): string {
  if (!code) return '';
  if (code.startsWith('rule/')) {
    const rule = form.rules?.find((r) => `rule/${r.id}` === code);
    if (rule) return rule.message[lang];
  }
  if (code === 'answer.required' && field)
    return t(requiredKey(field), {
      ns: 'errors',
      label: lowerFirst(field.label[lang].replace(/[?？]\s*$/, '')),
      defaultValue: t(code, { ns: 'errors' }),
    });
  return t(code, { ns: 'errors', defaultValue: t('form.invalidAnswer') });
}
