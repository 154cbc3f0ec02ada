// DHIS2 interop (docs/API.md, "DHIS2"): the mapping of territories and indicators to DHIS2 UIDs,
// and the data value set downloaded as DHIS2 reads it.
import { ApiError, put, withQuery } from './api';
import { t, tEnum } from './i18n';
import { app } from './state.svelte';

export interface Dhis2OrgUnit {
  territory_id: number;
  org_unit: string;
}

export interface Dhis2DataElement {
  indicator: string;
  data_element: string;
  category_option_combo: string;
}

export interface Dhis2Territory {
  id: number;
  level: string;
  code: string;
  name_ar: string;
  name_fr: string | null;
}

export interface Dhis2Mapping {
  version: number;
  data_set: string | null;
  indicators: string[];
  territories: Dhis2Territory[];
  org_units: Dhis2OrgUnit[];
  data_elements: Dhis2DataElement[];
}

/** One thing the export found unmapped (GET /api/dhis2/data-value-set: 422, its error's `missing`). */
export interface Dhis2Missing {
  what: 'data_set' | 'org_unit' | 'data_elements' | 'uid';
  territory_id?: number;
  name_ar?: string;
  name_fr?: string | null;
  field?: string;
  indicator?: string;
  value?: string;
}

/** Whether `text` is a DHIS2 UID: 11 characters, a letter then letters or digits (as the server checks). */
export function isDhis2Uid(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{10}$/.test(text);
}

export function saveMapping(
  version: number,
  mapping: { data_set: string | null; org_units: Dhis2OrgUnit[]; data_elements: Dhis2DataElement[] },
): Promise<Dhis2Mapping> {
  return put<Dhis2Mapping>('/api/dhis2/mapping', { version, ...mapping });
}

/** The missing items of an export's refusal, or null when the error is another. */
export function missingOf(error: unknown): Dhis2Missing[] | null {
  if (!(error instanceof ApiError) || error.field !== 'dhis2_mapping') return null;
  return error.details.missing ?? null;
}

export interface Dhis2File {
  name: string;
  text: string;
  type: string;
}

/**
 * The data value set of `territory` for the yearly `period`, as a file's name and text; throws an
 * ApiError as the API client does (missingOf() reads an unmapped export's list).
 */
export async function fetchDataValueSet(
  period: string,
  territory: number | null,
  format: 'json' | 'csv',
): Promise<Dhis2File> {
  const path = withQuery('/api/dhis2/data-value-set', { period, territory_id: territory, format });
  let response: Response;
  try {
    response = await fetch(path, { headers: { 'Accept-Language': app.lang }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const text = await response.text();
  if (response.ok) {
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `dhis2-${period}.${format}`;
    return { name, text, type: response.headers.get('content-type') ?? 'application/octet-stream' };
  }
  if (response.status >= 500) throw new ApiError(response.status, 'server', '');
  let error: { code?: string; message?: string; field?: string } = {};
  try {
    error = JSON.parse(text).error ?? {};
  } catch {
    error = {};
  }
  throw new ApiError(
    response.status,
    String(error.code ?? `http_${response.status}`),
    String(error.message ?? ''),
    error.field ?? undefined,
    undefined,
    undefined,
    error,
  );
}

/** Offers `file` to the browser as a download. */
export function download(file: Dhis2File): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** An indicator's name in the interface's language; beneficiaries_<level>_<f|m> by level and sex. */
export function indicatorLabel(indicator: string): string {
  const byLevel = /^beneficiaries_([a-z_]+)_(f|m)$/.exec(indicator);
  if (!byLevel) return t(`dhis2.indicator.${indicator}`);
  return t('dhis2.indicator.beneficiaries_by_level', {
    level: tEnum('year_level', byLevel[1]),
    sex: t(byLevel[2] === 'f' ? 'dash.girls' : 'dash.boys'),
  });
}
