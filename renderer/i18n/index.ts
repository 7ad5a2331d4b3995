/**
 * i18next set-up: Vietnamese first, English on request. UI strings live in locales/<lang>.json;
 * translated error sentences live in errors/<area>.json ({ vi: {code: text}, en: {code: text} })
 * and are merged into the `errors` namespace. All strings are NFC (checked by a unit test).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import vi from './locales/vi.json';
import rating from './screens/rating.json';
import ux from './screens/ux.json';

type ErrorFile = { vi?: Record<string, string>; en?: Record<string, string> };
const errorFiles = import.meta.glob<ErrorFile>('./errors/*.json', { eager: true, import: 'default' });

export function errorMessages(lang: 'vi' | 'en'): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const file of Object.values(errorFiles)) Object.assign(merged, file[lang] ?? {});
  return merged;
}

export const SUPPORTED_LANGUAGES = ['vi', 'en'] as const;

export function initI18n(lng: 'vi' | 'en' = 'vi'): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'vi',
    supportedLngs: SUPPORTED_LANGUAGES,
    resources: {
      vi: { translation: vi, errors: errorMessages('vi'), rating: rating.vi, ux: ux.vi },
      en: { translation: en, errors: errorMessages('en'), rating: rating.en, ux: ux.en },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
