// Every visible string goes through t(key, params). The three dictionaries have the same
// keys (a unit test checks it); a key missing from the current language falls back to
// Arabic, then to the key itself, so a gap shows up on screen rather than breaking it.
// Arabic comes with the application; French and English are fetched when first chosen, so
// that a slow link does not carry three dictionaries to show one.
// A message that counts something is, in a language whose words agree with the count, one text
// per plural category of that language (Intl.PluralRules: Arabic zero/one/two/few/many/other,
// French one/many/other, English one/other), chosen by the number given as the parameter `n`.
import { formatNumber, LOCALES } from './format';
import { app, type Lang } from './state.svelte';
import { ar, type MessageKey } from './locales/ar';

export type { Lang, MessageKey };

/** A counted message: its text for each plural category of the language; `other` is always there. */
export type Plural = { [C in Intl.LDMLPluralRule]?: string } & { other: string };
/** A dictionary entry: one text, or one text per plural category. */
export type Message = string | Plural;
/** A dictionary of the application's messages (the keys of the Arabic one). */
export type Messages = { [K in MessageKey]: Message };

export const LANGUAGES: { code: Lang; name: string; dir: 'rtl' | 'ltr' }[] = [
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
];

type Dictionary = { [key: string]: Message };
const arabic: Dictionary = ar;
const loaded: { [L in Lang]?: Dictionary } = { ar: arabic };
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

const pluralRules: { [L in Lang]?: Intl.PluralRules } = {};

/** The plural category of `n` in `lang` ('one', 'few', …). */
export function pluralCategory(lang: Lang, n: number): Intl.LDMLPluralRule {
  return (pluralRules[lang] ??= new Intl.PluralRules(LOCALES[lang])).select(n);
}

/**
 * The message `key` in `lang`, with each "{name}" replaced by params[name]: a whole number is
 * written as formatNumber writes it ("12 500"), anything else as it is. A counted message takes
 * the form of params.n's plural category (`other` when n is not a number).
 */
export function translate(lang: Lang, key: string, params?: { [name: string]: string | number }): string {
  const message = loaded[lang]?.[key] ?? arabic[key] ?? key;
  const n = params?.n;
  const form = typeof n === 'number' ? pluralCategory(lang, n) : 'other';
  const text = typeof message === 'string' ? message : (message[form] ?? message.other);
  if (!params) return text;
  const shown = (value: string | number) =>
    typeof value === 'number' && Number.isInteger(value) ? formatNumber(value, lang) : String(value);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? shown(params[name]) : whole));
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

// Each call's number: a call whose dictionary arrives after a later call's gives way to it,
// so that a language chosen just after signing in is not undone by the account's slower one.
let latestCall = 0;

/** Switches the interface to `lang` once its dictionary is there: <html lang dir>, localStorage, and app.lang. */
export async function applyLanguage(lang: Lang): Promise<void> {
  const call = ++latestCall;
  await loadDictionary(lang);
  if (call !== latestCall) return;
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
