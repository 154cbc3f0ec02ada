import { describe, expect, it } from 'vitest';
import {
  daysUntil,
  formatBytes,
  formatDate,
  formatDateTime,
  formatAmount,
  formatMoney,
  formatMonth,
  formatNumber,
  isoDate,
  localName,
  monthName,
  numberRuns,
  dayMonthYear,
  parseDayMonthYear,
  shiftIsoDate,
} from '../src/lib/format';

const arabicIndic = /[\u0660-\u0669\u06F0-\u06F9]/;

describe('dates', () => {
  it('writes Arabic dates with Moroccan month names and Western digits', () => {
    expect(formatDate('2019-04-26', 'ar')).toBe('26\u00a0أبريل\u00a02019');
    expect(formatMonth('2018-09', 'ar')).toBe('شتنبر\u00a02018');
    expect(formatMonth('2018-09-14', 'ar')).toBe('شتنبر\u00a02018');
  });

  it('uses the twelve Moroccan month names, never the Levantine or Egyptian ones', () => {
    const names = Array.from({ length: 12 }, (_, i) => monthName(i + 1, 'ar'));
    expect(names).toEqual([
      'يناير',
      'فبراير',
      'مارس',
      'أبريل',
      'ماي',
      'يونيو',
      'يوليوز',
      'غشت',
      'شتنبر',
      'أكتوبر',
      'نونبر',
      'دجنبر',
    ]);
    for (const wrong of ['سبتمبر', 'أغسطس', 'مايو', 'يوليو', 'نوفمبر', 'ديسمبر', 'أيلول'])
      expect(names).not.toContain(wrong);
  });

  it('takes the month names from Intl.DateTimeFormat: Moroccan in Arabic, French and English', () => {
    const names = (lang: 'fr' | 'en') => Array.from({ length: 12 }, (_, i) => monthName(i + 1, lang));
    expect(names('fr')).toEqual([
      'janvier',
      'février',
      'mars',
      'avril',
      'mai',
      'juin',
      'juillet',
      'août',
      'septembre',
      'octobre',
      'novembre',
      'décembre',
    ]);
    expect(names('en')).toEqual([
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ]);
    expect(monthName(0, 'ar')).toBe('');
    expect(monthName(13, 'fr')).toBe('');
  });

  it('writes French and English dates', () => {
    expect(formatDate('2019-04-26', 'fr')).toBe('26\u00a0avril\u00a02019');
    expect(formatDate('2019-05-01', 'fr')).toBe('1er\u00a0mai\u00a02019');
    expect(formatDate('2019-04-26', 'en')).toBe('26\u00a0April\u00a02019');
    expect(formatMonth('2018-09', 'fr')).toBe('septembre\u00a02018');
    expect(formatMonth('2018-09', 'en')).toBe('September\u00a02018');
  });

  it('writes every month of a year in Arabic without Arabic-Indic digits', () => {
    for (let m = 1; m <= 12; m++) {
      const text = formatDate(`2024-${String(m).padStart(2, '0')}-15`, 'ar');
      expect(text).toMatch(/^15\u00a0\S+\u00a02024$/);
      expect(text).not.toMatch(arabicIndic);
    }
  });

  it('takes the date part of a timestamp, and leaves empty or odd input alone', () => {
    expect(formatDate('2019-04-26T10:00:00Z', 'ar')).toBe('26\u00a0أبريل\u00a02019');
    expect(formatDate('', 'ar')).toBe('');
    expect(formatDate(null, 'fr')).toBe('');
    expect(formatDate('n/a', 'fr')).toBe('n/a');
    expect(formatDate('2019-13-01', 'fr')).toBe('2019-13-01');
  });

  it('writes a timestamp with the local time, Western digits', () => {
    const local = new Date(2019, 3, 26, 14, 5).toISOString();
    expect(formatDateTime(local, 'ar')).toBe('26\u00a0أبريل\u00a02019، 14:05');
    expect(formatDateTime(local, 'fr')).toBe('26\u00a0avril\u00a02019 à 14:05');
    expect(formatDateTime(local, 'en')).toBe('26\u00a0April\u00a02019, 14:05');
  });

  it('counts the days to a date', () => {
    const today = new Date(2024, 0, 10);
    expect(daysUntil('2024-01-10', today)).toBe(0);
    expect(daysUntil('2024-02-09', today)).toBe(30);
    expect(daysUntil('2024-01-01', today)).toBe(-9);
  });
});

describe('numbers and money', () => {
  it('groups thousands with Western digits', () => {
    expect(formatNumber(1250000, 'ar')).toBe('1\u202f250\u202f000');
    expect(formatNumber(1250000, 'fr')).toBe('1\u202f250\u202f000');
    expect(formatNumber(1250000, 'en')).toBe('1,250,000');
    expect(formatNumber(999, 'ar')).toBe('999');
    expect(formatNumber(-4500, 'en')).toBe('-4,500');
    expect(formatNumber(1234567.891, 'ar')).not.toMatch(arabicIndic);
  });

  it('writes decimals with the language separator', () => {
    expect(formatNumber(12.5, 'fr', 2)).toBe('12,50');
    expect(formatNumber(12.5, 'en', 2)).toBe('12.50');
  });

  it('leaves a missing number empty', () => {
    expect(formatNumber(null, 'ar')).toBe('');
    expect(formatNumber(undefined, 'fr')).toBe('');
    expect(formatNumber(Number.NaN, 'en')).toBe('');
  });

  it('writes amounts held in centimes in MAD', () => {
    expect(formatMoney(125000000, 'ar')).toBe('1\u202f250\u202f000,00\u00a0درهم');
    expect(formatMoney(125000000, 'fr')).toBe('1\u202f250\u202f000,00\u00a0MAD');
    expect(formatMoney(125000050, 'en')).toBe('MAD\u00a01,250,000.50');
    expect(formatMoney(5, 'fr')).toBe('0,05\u00a0MAD');
    expect(formatMoney(null, 'ar')).toBe('');
  });

  it('writes an amount without its currency for a column whose header names it', () => {
    expect(formatAmount(12000000, 'fr')).toBe('120\u202f000,00');
    expect(formatAmount(12000000, 'ar')).toBe('120\u202f000,00');
    expect(formatAmount(5, 'en')).toBe('0.05');
    expect(formatAmount(undefined, 'ar')).toBe('');
  });
});

describe('names', () => {
  const rec = { name_ar: 'دار الطالبة', name_fr: 'Dar Taliba', name_en: null };
  it('picks the name of the language, falling back to Arabic', () => {
    expect(localName(rec, 'name', 'ar')).toBe('دار الطالبة');
    expect(localName(rec, 'name', 'fr')).toBe('Dar Taliba');
    expect(localName(rec, 'name', 'en')).toBe('Dar Taliba');
    expect(localName({ name_ar: 'جمعية الأمل', name_fr: '' }, 'name', 'fr')).toBe('جمعية الأمل');
    expect(localName({ association_name_ar: 'أ', association_name_fr: 'A' }, 'association_name', 'fr')).toBe('A');
  });
});

describe('calendar dates and file sizes', () => {
  it('writes a local calendar date as YYYY-MM-DD', () => {
    expect(isoDate(new Date(2018, 8, 3))).toBe('2018-09-03');
    expect(isoDate(new Date(2019, 11, 31, 23, 59))).toBe('2019-12-31');
  });

  it('writes file sizes in binary multiples, with the language decimal separator and unit', () => {
    expect(formatBytes(850, 'fr')).toBe('850 o');
    expect(formatBytes(5 * 1024 * 1024, 'ar')).toBe('5 ميغابايت');
    expect(formatBytes(1536 * 1024, 'fr')).toBe('1,5 Mo');
    expect(formatBytes(1536 * 1024, 'en')).toBe('1.5 MB');
    expect(formatBytes(12 * 1024 + 300, 'en')).toBe('12 KB');
    expect(formatBytes(null, 'en')).toBe('');
    expect(formatBytes(-1, 'en')).toBe('');
  });
});

describe('number ranges in text', () => {
  const isolated = (text: string) =>
    numberRuns(text)
      .filter((r) => r.ltr)
      .map((r) => r.text);
  it('isolates a range whichever dash was typed, keeping the dash', () => {
    expect(isolated('برنامج العمل 2019–2020')).toEqual(['2019–2020']);
    expect(isolated('برنامج العمل 2019-2020')).toEqual(['2019-2020']);
    expect(isolated('الموسم 2019 — 2020 ثم 2021/2022-2023')).toEqual(['2019 — 2020', '2021/2022-2023']);
    expect(isolated('من 10,5 − 12 درهم')).toEqual(['10,5 − 12']);
  });
  it('leaves lone numbers and codes alone, and loses no character', () => {
    expect(isolated('D8 إلى D9، 12 مؤسسة، 12/04/2020')).toEqual([]);
    for (const text of ['', 'بدون أرقام', 'برنامج 2019–2020 و2021-2022.', '2019–2020'])
      expect(
        numberRuns(text)
          .map((r) => r.text)
          .join(''),
      ).toBe(text);
  });
});

describe('dates and amounts never break across lines', () => {
  it('join their words with no-break spaces', () => {
    for (const text of [formatDate('2018-09-10', 'ar'), formatMoney(25000000, 'ar'), formatMoney(25000000, 'en')])
      expect(text).not.toMatch(/ /);
    expect(formatDate('2018-09-10', 'ar')).toBe('10\u00a0شتنبر\u00a02018');
    expect(formatMoney(25000000, 'ar')).toBe('250\u202f000,00\u00a0درهم');
  });
});

describe('dates typed day first', () => {
  it('read dd/mm/yyyy whatever the separator, and the API form', () => {
    for (const typed of ['12/04/2020', '12-04-2020', '12.4.2020', ' 12 / 4 / 2020 ', '12042020', '2020-04-12'])
      expect(parseDayMonthYear(typed), typed).toBe('2020-04-12');
    expect(parseDayMonthYear('')).toBe('');
    expect(parseDayMonthYear('   ')).toBe('');
  });
  it('refuse what is no date, never guessing the month first', () => {
    for (const typed of [
      '04/31/2020',
      '31/04/2020',
      '29/02/2019',
      '12/04/20',
      '12/13/2020',
      '0/1/2020',
      '1/1/1800',
      'abc',
    ])
      expect(parseDayMonthYear(typed), typed).toBeNull();
    expect(parseDayMonthYear('29/02/2020')).toBe('2020-02-29');
  });
  it('show a date as it is typed, and move it by day or month', () => {
    expect(dayMonthYear('2020-04-12')).toBe('12/04/2020');
    expect(dayMonthYear('')).toBe('');
    expect(shiftIsoDate('2020-12-31', 1)).toBe('2021-01-01');
    expect(shiftIsoDate('2020-03-01', -1)).toBe('2020-02-29');
    expect(shiftIsoDate('2020-01-31', 0, 1)).toBe('2020-02-29');
    expect(formatDate(parseDayMonthYear('12/04/2020'), 'ar')).toBe('12\u00a0أبريل\u00a02020');
    expect(formatDate(parseDayMonthYear('12/04/2020'), 'fr')).toBe('12\u00a0avril\u00a02020');
  });
});
