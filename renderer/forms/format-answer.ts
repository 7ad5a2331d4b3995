import type { TFunction } from 'i18next';
import type { Language } from '../../common/api/contract';
import type { Field } from '../../common/catalogue/schema';
import { formatDate } from '../../common/text/format';

/** How an answer reads on "check your answers" and on locked prefilled fields. */
export function formatAnswer(field: Field, value: unknown, lang: Language, t: TFunction): string {
  if (value === undefined || value === null || value === '') return t('form.notAnswered');
  switch (field.type) {
    case 'date':
      return formatDate(String(value));
    case 'yesno':
      return value ? t('form.yes') : t('form.no');
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label[lang] ?? String(value);
    case 'address': {
      const a = value as {
        detail?: string;
        communeName?: string;
        provinceName?: string;
        pendingText?: string;
      };
      return a.pendingText ?? [a.detail, a.communeName, a.provinceName].filter(Boolean).join(', ');
    }
    case 'person': {
      const p = value as { fullName?: string; dateOfBirth?: string; idNumber?: string };
      return [p.fullName, p.dateOfBirth && formatDate(p.dateOfBirth), p.idNumber].filter(Boolean).join(' · ');
    }
    case 'table': {
      const rows = value as Record<string, unknown>[];
      return rows
        .map((r) =>
          (field.columns ?? [])
            .map((c) => (c.type === 'date' && r[c.id] ? formatDate(String(r[c.id])) : r[c.id]))
            .filter((x) => x !== undefined && x !== '')
            .join(', '),
        )
        .join('; ');
    }
    default:
      return String(value);
  }
}
