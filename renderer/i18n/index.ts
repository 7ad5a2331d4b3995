/**
 * i18next set-up: Vietnamese first, English on request. UI strings live in locales/<lang>.json;
 * translated error sentences live in errors/<area>.json ({ vi: {code: text}, en: {code: text} })
 * and are merged into the `errors` namespace. All strings are NFC (checked by a unit test).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import vi from './locales/vi.json';

type ErrorFile = { vi?: Record<string, string>; en?: Record<string, string> };
const errorFiles = import.meta.glob<ErrorFile>('./errors/*.json', { eager: true, import: 'default' });

type ScreenFile = { vi: Record<string, unknown>; en: Record<string, unknown> };
/** Screen namespaces: screens/<name>.json is the namespace `<name>` in camelCase (rating, staff, agencies, printForms …). */
const screenFiles = import.meta.glob<ScreenFile>('./screens/*.json', { eager: true, import: 'default' });

function screenNamespaces(lang: 'vi' | 'en'): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [file, data] of Object.entries(screenFiles)) {
    const name = file
      .replace(/^.*\/(.+)\.json$/, '$1')
      .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    out[name] = data[lang];
  }
  return out;
}

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
      vi: { translation: vi, errors: errorMessages('vi'), ...screenNamespaces('vi') },
      en: { translation: en, errors: errorMessages('en'), ...screenNamespaces('en') },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}
