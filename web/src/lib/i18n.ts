// Every visible string goes through t(key, params). The three dictionaries have the same
// keys (a unit test checks it); a key missing from the current language falls back to
// Arabic, then to the key itself, so a gap shows up on screen rather than breaking it.
import { app, type Lang } from './state.svelte';
import { ar, type MessageKey } from './locales/ar';
import { fr } from './locales/fr';
import { en } from './locales/en';

export type { Lang, MessageKey };

export const LANGUAGES: { code: Lang; name: string; dir: 'rtl' | 'ltr' }[] = [
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
];

export const dictionaries: { [L in Lang]: { [key: string]: string } } = { ar, fr, en };

export function isLang(value: unknown): value is Lang {
  return value === 'ar' || value === 'fr' || value === 'en';
}

export function direction(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** The message `key` in `lang`, with each "{name}" replaced by params[name]. */
export function translate(lang: Lang, key: string, params?: { [name: string]: string | number }): string {
  const text = dictionaries[lang][key] ?? dictionaries.ar[key] ?? key;
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

/** Switches the interface to `lang`: <html lang dir>, localStorage, and app.lang. */
export function applyLanguage(lang: Lang): void {
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
