/**
 * How an answer reads on the printed form (Vietnamese, as the official forms are written): dates dd/mm/yyyy,
 * choices by their Vietnamese label, yes/no as "Có"/"Không", addresses with today's commune and province names,
 * table rows one per line. Never the internal codes.
 */
import { communeByCodeOrNull, provinces } from '../../catalogue/admin-units';
import type { Column, Field } from '../../common/catalogue/schema';
import { formatDate } from '../../common/text/format';

function provinceName(code: string): string | null {
  return provinces().find((p) => p.code === code)?.fullName ?? null;
}

/** "Số 1, Phường Ba Đình, Thành phố Hà Nội" from a two-level address answer. */
export function paperAddress(a: { provinceCode?: string; communeCode?: string; detail?: string }): string {
  const commune = a.communeCode ? communeByCodeOrNull(a.communeCode) : null;
  const province = a.provinceCode ? provinceName(a.provinceCode) : null;
  return [a.detail?.trim(), commune?.fullName ?? null, province ?? commune?.provinceName ?? null]
    .filter((x): x is string => Boolean(x))
    .join(', ');
}

function simple(field: Pick<Field, 'type' | 'options'> | Column, value: unknown): string {
  switch (field.type) {
    case 'date':
      return formatDate(String(value));
    case 'yesno':
      return value ? 'Có' : 'Không';
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label.vi ?? String(value);
    default:
      return String(value);
  }
}

const blank = (v: unknown): boolean => v === undefined || v === null || v === '';

/**
 * The printed text of one answer, or null when it was not answered. Tables give one line per row
 * ("Họ và tên: …; Ngày sinh: …").
 */
export function paperAnswer(field: Field, value: unknown): string | null {
  if (blank(value)) return null;
  switch (field.type) {
    case 'address':
      return paperAddress(value as { provinceCode?: string; communeCode?: string; detail?: string });
    case 'person': {
      const p = value as { fullName?: string; dateOfBirth?: string; idNumber?: string };
      return [
        p.fullName,
        p.dateOfBirth && `sinh ngày ${formatDate(p.dateOfBirth)}`,
        p.idNumber && `số định danh ${p.idNumber}`,
      ]
        .filter(Boolean)
        .join(', ');
    }
    case 'table': {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      if (rows.length === 0) return null;
      return rows
        .map(
          (r, i) =>
            `${i + 1}) ` +
            (field.columns ?? [])
              .filter((c) => !blank(r[c.id]))
              .map((c) => `${c.label.vi}: ${simple(c, r[c.id])}`)
              .join('; '),
        )
        .join('\n');
    }
    default:
      return simple(field, value);
  }
}
