// The performance record (issue 16): the fields of a month's statistics, as the server names
// them (src/domain/statistics.hpp), and the indicators' answer (GET /api/indicators).
import { formatNumber, isolate } from './format';
import { t } from './i18n';

export const SCHOOL_LEVELS = ['primary', 'college', 'lycee', 'higher', 'vocational', 'not_in_school'] as const;
export const AGE_BANDS = ['age_0_5', 'age_6_11', 'age_12_17', 'age_18_59', 'age_60_74', 'age_75_plus'] as const;
export const EXIT_REASONS = ['dropout', 'graduated', 'moved', 'other'] as const;
export const SEXES = ['f', 'm'] as const;

/** Boarding houses count pupils by school level; other homes count by age band. */
export function breakdownOf(category: unknown): 'levels' | 'ages' {
  return category === 'dar_talib' || category === 'dar_taliba' ? 'levels' : 'ages';
}

/** The count fields of a month, in the order the grid shows them. */
export function countFields(breakdown: 'levels' | 'ages'): string[] {
  const rows = breakdown === 'levels' ? SCHOOL_LEVELS : AGE_BANDS;
  const present = rows.flatMap((row) => SEXES.map((sex) => `present_${row}_${sex}`));
  const exits = EXIT_REASONS.flatMap((reason) => SEXES.map((sex) => `exits_${reason}_${sex}`));
  return [...present, 'admissions_f', 'admissions_m', ...exits];
}

/** The month before "YYYY-MM". */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The month of today, "YYYY-MM". */
export function currentMonth(today: Date = new Date()): string {
  return `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
}

/** The rates of a set of school results (docs/INDICATORS.md, "School results"). */
export interface ResultRates {
  counted: number;
  success_rate: number | null;
  repetition_rate: number | null;
  dropout_rate: number | null;
}

export interface IndicatorYear {
  school_year: string;
  /** From the individual registers: in all, by sex and by level. */
  school_results: { all: ResultRates; f: ResultRates; m: ResultRates; by_level: { [level: string]: ResultRates } };
  institutions: number;
  reports: number;
  occupancy_rate: number | null;
  average_present: number;
  average_present_f: number;
  average_present_m: number;
  dropout_rate: number | null;
  dropout_rate_f: number | null;
  dropout_rate_m: number | null;
  educators: number;
  beneficiaries_per_educator: number | null;
  disbursed_centimes: number;
  funding_per_beneficiary_centimes: number | null;
}

export interface IndicatorMonth {
  month: string;
  reports: number;
  present_total: number;
  present_f: number;
  present_m: number;
  capacity: number;
  occupancy_rate: number | null;
}

export interface Indicators {
  school_year: string | null;
  current: IndicatorYear | null;
  trend: IndicatorYear[];
  months: IndicatorMonth[];
}

/** A rate 0.734 as "73.4 %" in the reader's language; a dash when there is none. */
export function rateText(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return t('common.none');
  return t('trained.percent', { value: formatNumber(rate * 100, undefined, 1) });
}

/** A school year "2018-2019" as "2018–2019" (isolated left to right where it is shown). */
export function schoolYearText(year: string | null | undefined): string {
  return year ? year.replace('-', '–') : '';
}

/**
 * The school years "YYYY-YYYY" from 2015–2016 to the current one (September starts a year), newest
 * first, as filter options; each label isolated left to right (U+2066…U+2069), since an <option>
 * holds no <bdi> and Arabic would show "2020–2019".
 */
export function schoolYearOptions(today: Date = new Date()): { value: string; label: string }[] {
  const last = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  const years: { value: string; label: string }[] = [];
  for (let start = last; start >= 2015; start--) {
    const value = `${start}-${start + 1}`;
    years.push({ value, label: isolate(schoolYearText(value)) });
  }
  return years;
}
