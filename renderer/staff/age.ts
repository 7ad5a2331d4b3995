import type { TFunction } from 'i18next';

/** "just now", "5 min ago", "2 h ago" in the `staff` namespace. */
export function ageText(t: TFunction, at: number, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  if (minutes < 1) return t('age.now', { ns: 'staff' });
  if (minutes < 60) return t('age.minutes', { ns: 'staff', count: minutes });
  return t('age.hours', { ns: 'staff', count: Math.floor(minutes / 60) });
}
