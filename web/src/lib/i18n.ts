// Every visible string goes through t(key, params). The three dictionaries have the same
// keys (a unit test checks it); a key missing from the current language falls back to
// Arabic, then to the key itself, so a gap shows up on screen rather than breaking it.
// Arabic comes with the application; French and English are fetched when first chosen, so
// that a slow link does not carry three dictionaries to show one.
import { app, type Lang } from './state.svelte';
import { ar, type MessageKey } from './locales/ar';

export type { Lang, MessageKey };

export const LANGUAGES: { code: Lang; name: string; dir: 'rtl' | 'ltr' }[] = [
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
];

type Dictionary = { [key: string]: string };
const loaded: { [L in Lang]?: Dictionary } = { ar };
const fetchers: { [L in Lang]: () => Promise<Dictionary> } = {
  ar: async () => ar,
  fr: async () => (await import('./locales/fr')).fr,
  en: async () => (await import('./locales/en')).en,
};

/** Makes `lang`'s dictionary available to t() (fetched once). */
export async function loadDictionary(lang: Lang): Promise<void> {
  loaded[lang] ??= await fetchers[lang]();
}

/** Whether there is a message `key` (every dictionary has the same keys). */
export const hasMessage = (key: string): boolean => key in ar;

export function isLang(value: unknown): value is Lang {
  return value === 'ar' || value === 'fr' || value === 'en';
}

export function direction(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** The message `key` in `lang`, with each "{name}" replaced by params[name]. */
export function translate(lang: Lang, key: string, params?: { [name: string]: string | number }): string {
  const text = loaded[lang]?.[key] ?? (ar as Dictionary)[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message `key` in the current language (reactive: re-renders when it changes). */
export function t(key: MessageKey | (string & {}), params?: { [name: string]: string | number }): string {
  return translate(app.lang, key, params);
}

/** The label of an enumerated value: tEnum('role', 'admin') → t('enum.role.admin'). */
export function tEnum(kind: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  return t(`enum.${kind}.${String(value)}`);
}

const STORAGE_KEY = 'riaya.lang';

/** The language chosen before signing in (localStorage), else the browser's, else Arabic. */
export function initialLanguage(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    /* storage unavailable */
  }
  return 'ar';
}

/** Switches the interface to `lang` once its dictionary is there: <html lang dir>, localStorage, and app.lang. */
export async function applyLanguage(lang: Lang): Promise<void> {
  await loadDictionary(lang);
  app.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage unavailable */
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.documentElement.dir = direction(lang);
    document.title = translate(lang, 'app.title');
  }
}
