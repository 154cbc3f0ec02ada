// Dates, numbers and money as a reader of each language writes them: Moroccan month
// names in Arabic ("26 أبريل 2019", "شتنبر 2018"), Western digits everywhere, amounts in MAD.
// Every function takes the language explicitly, defaulting to the current one.
import { app, type Lang } from './state.svelte';

/** The Intl locale of each language: Moroccan Arabic and French, for the month names. */
export const LOCALES: { [L in Lang]: string } = { ar: 'ar-MA', fr: 'fr-MA', en: 'en' };

// The month names come from Intl.DateTimeFormat: 'ar-MA' gives the Moroccan ones (يناير … ماي،
// يوليوز، غشت، شتنبر، نونبر، دجنبر), checked in the three runtimes that run this code: Node 20
// (ICU 78) and Debian's Chromium 156 (the e2e) gave them, and so did ICU 72, which Debian's
// Node 18 uses; Node 18's own builds bundle a newer ICU. The digits are never Intl's: we write them.
const months: { [L in Lang]?: readonly string[] } = {};

function monthNames(lang: Lang): readonly string[] {
  if (!months[lang]) {
    const format = new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', timeZone: 'UTC' });
    months[lang] = Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2000, i, 15)));
  }
  return months[lang]!;
}

// A no-break space: a date or an amount never breaks across lines ("10 شتنبر / 2018", "250 000,00 / درهم").
const NBSP = '\u00a0';

/** The month's name (1-12) in `lang`; '' outside 1-12. */
// The language of an official document (PDF) asked from the interface: Arabic or French, as
// the documents are official (an English interface gets Arabic).
export function documentLang(lang: Lang = app.lang): 'ar' | 'fr' {
  return lang === 'fr' ? 'fr' : 'ar';
}

export function monthName(month: number, lang: Lang = app.lang): string {
  return monthNames(lang)[month - 1] ?? '';
}

function parseIsoDate(value: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return { y, m, d };
}

function dayText(d: number, lang: Lang): string {
  return lang === 'fr' && d === 1 ? '1er' : String(d);
}

/**
 * A calendar date "YYYY-MM-DD" (a longer ISO string is cut to its date) as
 * "26 أبريل 2019" / "26 avril 2019" / "26 April 2019". Empty for null or ''; the
 * input unchanged when it is not a date.
 */
export function formatDate(value: string | null | undefined, lang: Lang = app.lang): string {
  if (!value) return '';
  const p = parseIsoDate(value);
  if (!p) return value;
  return `${dayText(p.d, lang)}${NBSP}${monthName(p.m, lang)}${NBSP}${p.y}`;
}

/** "2018-09" or "2018-09-14" as "شتنبر 2018" / "septembre 2018" / "September 2018". */
export function formatMonth(value: string | null | undefined, lang: Lang = app.lang): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})/.exec(value);
  if (!match) return value;
  const name = monthName(Number(match[2]), lang);
  return name ? `${name}${NBSP}${match[1]}` : value;
}

/** A period "26 أبريل 2019 – 31 دجنبر 2020"; one side alone when the other is missing. */
export function formatPeriod(
  start: string | null | undefined,
  end: string | null | undefined,
  lang: Lang = app.lang,
): string {
  return [formatDate(start, lang), formatDate(end, lang)].filter(Boolean).join(' – ');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * An ISO-8601 timestamp (UTC) in the browser's local time: "26 أبريل 2019، 14:05",
 * "26 avril 2019 à 14:05", "26 April 2019, 14:05".
 */
export function formatDateTime(value: string | null | undefined, lang: Lang = app.lang): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const day = `${dayText(date.getDate(), lang)}${NBSP}${monthName(date.getMonth() + 1, lang)}${NBSP}${date.getFullYear()}`;
  const time = `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
  if (lang === 'ar') return `${day}، ${time}`;
  if (lang === 'fr') return `${day} à ${time}`;
  return `${day}, ${time}`;
}

const GROUP: { [L in Lang]: string } = { ar: '\u202f', fr: '\u202f', en: ',' };
const DECIMAL: { [L in Lang]: string } = { ar: ',', fr: ',', en: '.' };

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * A number with Western digits and the language's grouping: "12 500" (ar, fr with a
 * narrow no-break space), "12,500" (en); `decimals` fixed digits after the separator.
 */
export function formatNumber(value: number | null | undefined, lang: Lang = app.lang, decimals = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const text = groupDigits(whole, GROUP[lang]) + (fraction ? DECIMAL[lang] + fraction : '');
  return negative ? `-${text}` : text;
}

/** Items joined as the language joins a list: "أ و ب", "a et b", "a and b". */
export function formatList(items: string[], lang: Lang = app.lang): string {
  return new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' }).format(items);
}

/**
 * An amount held in centimes, in dirhams: "1 250 000,00 درهم", "1 250 000,00 MAD",
 * "MAD 1,250,000.00".
 */
export function formatMoney(centimes: number | null | undefined, lang: Lang = app.lang): string {
  if (centimes === null || centimes === undefined || !Number.isFinite(centimes)) return '';
  const amount = formatNumber(centimes / 100, lang, 2);
  if (lang === 'ar') return `${amount}${NBSP}درهم`;
  if (lang === 'fr') return `${amount}${NBSP}MAD`;
  return `MAD${NBSP}${amount}`;
}

/**
 * An amount in centimes without its currency ("120 000,00"), for a table column whose header
 * names the currency (moneyHeader): a column of amounts stays narrow enough for 1280 px.
 */
export function formatAmount(centimes: number | null | undefined, lang: Lang = app.lang): string {
  if (centimes === null || centimes === undefined || !Number.isFinite(centimes)) return '';
  return formatNumber(centimes / 100, lang, 2);
}

/** The most one amount may be, in centimes (the server's kMaxCentimes: one billion MAD). */
export const MAX_CENTIMES = 100_000_000_000;

/** What parseMoney answers: the centimes (null for an empty text), or why the text is no amount. */
export type MoneyParse =
  { ok: true; centimes: number | null } | { ok: false; error: 'invalid' | 'decimals' | 'too_large' };

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
const CURRENCY = /MAD|DHS?|درهم/gi;

/**
 * An amount typed in MAD, as integer centimes computed from its digits (never a float
 * multiplied by 100): "1250", "1250,5", "1 250 000,00", "1,250,000.50", "١٢٥٠٫٥" and what
 * formatMoney writes all read. The last "," or "." followed by one or two digits is the
 * decimal separator; spaces, and "," or "." before groups of three digits, group thousands.
 * No sign: amounts are never negative.
 */
export function parseMoney(text: string): MoneyParse {
  const normalised = text
    .replace(ARABIC_DIGITS, (d) => String(d.charCodeAt(0) & 0xf))
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, ' ')
    .replace(CURRENCY, '')
    .replace(/\s+/g, '');
  if (normalised === '') return { ok: true, centimes: null };
  if (!/^[0-9.,]+$/.test(normalised)) return { ok: false, error: 'invalid' };
  const last = Math.max(normalised.lastIndexOf(','), normalised.lastIndexOf('.'));
  let whole = normalised;
  let fraction = '';
  if (last >= 0 && /^\d{1,2}$/.test(normalised.slice(last + 1))) {
    whole = normalised.slice(0, last);
    fraction = normalised.slice(last + 1);
  }
  if (/[.,]/.test(whole)) {
    const separators = new Set(whole.replace(/\d/g, ''));
    const grouped =
      /^[1-9]\d{0,2}([.,]\d{3})+$/.test(whole) &&
      separators.size === 1 &&
      !(fraction && separators.has(normalised[last]));
    if (!grouped) {
      const single = normalised.replace(/\d/g, '').length === 1 && last >= 0;
      return { ok: false, error: single && normalised.length - last - 1 > 2 ? 'decimals' : 'invalid' };
    }
    whole = whole.replace(/[.,]/g, '');
  }
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  if (whole.length > 12) return { ok: false, error: 'too_large' };
  const centimes = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (centimes > MAX_CENTIMES) return { ok: false, error: 'too_large' };
  return { ok: true, centimes };
}

/**
 * Centimes as the text a money field edits: the dirhams without grouping, and the centimes
 * after the language's decimal separator when there are any ("1250", "1250,50", "1250.50").
 * parseMoney reads it back to the same centimes.
 */
export function moneyInputText(centimes: number | null | undefined, lang: Lang = app.lang): string {
  if (centimes === null || centimes === undefined || !Number.isInteger(centimes) || centimes < 0) return '';
  const whole = Math.floor(centimes / 100);
  const rest = centimes % 100;
  return rest ? `${whole}${DECIMAL[lang]}${pad2(rest)}` : String(whole);
}

const BYTE_UNITS: { [L in Lang]: readonly string[] } = {
  ar: ['بايت', 'كيلوبايت', 'ميغابايت'],
  fr: ['o', 'Ko', 'Mo'],
  en: ['B', 'KB', 'MB'],
};

/** A file size: "850 o", "12 Ko", "1,5 Mo" (binary multiples; one decimal under 10 units). */
export function formatBytes(bytes: number | null | undefined, lang: Lang = app.lang): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS[lang].length - 1) {
    value /= 1024;
    unit += 1;
  }
  const decimals = unit > 0 && value < 10 && !Number.isInteger(value) ? 1 : 0;
  return `${formatNumber(value, lang, decimals)} ${BYTE_UNITS[lang][unit]}`;
}

/** The local calendar date of `date` (default: today) as "YYYY-MM-DD". */
export function isoDate(date: Date = new Date()): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** The whole days from today (local) to the date "YYYY-MM-DD"; negative when past. */
export function daysUntil(value: string, today: Date = new Date()): number {
  const p = parseIsoDate(value);
  if (!p) return NaN;
  const target = Date.UTC(p.y, p.m - 1, p.d);
  const base = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - base) / 86_400_000);
}

/** The record's name in `lang`: French (and English) fall back to the Arabic name. */
export function localName(record: object | null | undefined, prefix = 'name', lang: Lang = app.lang): string {
  if (!record) return '';
  // Any record: an interface of the app's or a record of the API's, read by its fields' names.
  const ar: unknown = Reflect.get(record, `${prefix}_ar`);
  const fr: unknown = Reflect.get(record, `${prefix}_fr`);
  const en: unknown = Reflect.get(record, `${prefix}_en`);
  if (lang === 'ar') return String(ar ?? fr ?? '');
  if (lang === 'en' && en) return String(en);
  return String(fr || ar || '');
}

/** The API sort field for names in `lang`: the French name outside Arabic. */
export function nameSortKey(lang: Lang = app.lang): 'name_ar' | 'name_fr' {
  return lang === 'ar' ? 'name_ar' : 'name_fr';
}

// A run of numbers joined by dashes: a range ("2019–2020", "2019 - 2020", "10.5–12"). In
// right-to-left text a dash other than a lone hyphen-minus between digits (which Unicode's
// bidirectional algorithm joins into one number) lets the numbers swap ("2020–2019"); such runs are
// shown isolated left to right (<bdi dir="ltr">), keeping the dash that was typed.
const NUMBER_RANGE = /\d+(?:[.,/:]\d+)*(?:[ \u00a0\u202f]*[-\u2010-\u2015\u2212][ \u00a0\u202f]*\d+(?:[.,/:]\d+)*)+/g;

/**
 * `text` between Unicode isolates, for plain text where no <bdi> can go (an <option>, a message):
 * left to right (LRI … PDI) for figures and codes that must keep their order in Arabic ("#12",
 * "2019–2020", "+5"), or in its own first strong direction (FSI … PDI) for a name that may be in
 * either script.
 */
export function isolate(text: string, direction: 'ltr' | 'auto' = 'ltr'): string {
  return `${direction === 'ltr' ? '\u2066' : '\u2068'}${text}\u2069`;
}

/**
 * The people or places a namesake warning names: «name» (detail), … joined in the language's way,
 * each part isolated (FSI … PDI) so that an Arabic name keeps its place in French text.
 */
export function namesakeList(found: { name: string; detail: string }[]): string {
  return formatList(found.map(({ name, detail }) => `«${isolate(name, 'auto')}» (${isolate(detail, 'auto')})`));
}

/** `text` cut into its number ranges (`ltr`: to show isolated left to right) and the text between. */
export function numberRuns(text: string): { text: string; ltr: boolean }[] {
  const runs: { text: string; ltr: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(NUMBER_RANGE)) {
    const at = match.index ?? 0;
    if (at > last) runs.push({ text: text.slice(last, at), ltr: false });
    runs.push({ text: match[0], ltr: true });
    last = at + match[0].length;
  }
  if (last < text.length || !runs.length) runs.push({ text: text.slice(last), ltr: false });
  return runs;
}

/** A calendar date "YYYY-MM-DD" as typed and shown in date fields: "12/04/2020" (dd/mm/yyyy); '' for none. */
export function dayMonthYear(value: string | null | undefined): string {
  const p = value ? parseIsoDate(value) : null;
  return p ? `${pad2(p.d)}/${pad2(p.m)}/${p.y}` : '';
}

/**
 * A date typed day first, as people here write it — "12/04/2020", "12-4-2020", "12.04.2020",
 * "12 04 2020" or "12042020" — or year first as the API writes it ("2020-04-12"), as "YYYY-MM-DD";
 * '' for blank text; null when it is no such date (a 31 April, a year outside 1900–2100; the month
 * is never taken first after the day's place).
 */
export function parseDayMonthYear(text: string): string | null {
  const typed = text.trim();
  if (!typed) return '';
  const match =
    /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/.exec(typed) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(typed);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (!match && !iso) return null;
  const [d, m, y] = match
    ? [Number(match[1]), Number(match[2]), Number(match[3])]
    : [Number(iso![3]), Number(iso![2]), Number(iso![1])];
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** "YYYY-MM-DD" moved by `days` (and `months`), as "YYYY-MM-DD": the arrow keys of a date field. */
export function shiftIsoDate(value: string, days: number, months = 0): string {
  const p = parseIsoDate(value);
  if (!p) return value;
  const date = new Date(Date.UTC(p.y, p.m - 1 + months, 1));
  // Keep the day within the target month (31 January + 1 month → 28 or 29 February).
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(p.d, last) + days);
  return date.toISOString().slice(0, 10);
}
