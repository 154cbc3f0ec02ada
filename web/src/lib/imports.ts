// Imports from CSV and XLSX (docs/API.md, "Imports"): the answers of /api/imports/{kind}/…, and
// the upload that reports its progress.
import { answerOf, failure, withQuery } from './api';
import { loadInstitutions, loadProvinces, loadRegisterInstitutions, type Option } from './resources';
import type { Permitted } from './roles';
import { app } from './state.svelte';

/** The kinds of import (GET /api/imports answers those the caller may run). */
export type ImportKind =
  'beneficiaries' | 'school_results' | 'staff' | 'monthly_statistics' | 'communes' | 'associations' | 'institutions';

/** How the import page of a kind is set up. */
export interface ImportPage {
  /** Its page's path, and the resource whose create right it needs. */
  path: string;
  resource: Permitted;
  /** What the request names besides the file (its query parameter), with the options to pick from. */
  parent: { param: 'institution_id' | 'province_id'; label: string; options: () => Promise<Option[]> } | null;
  /** The list it comes from (path and dictionary key of its title), where the commit leads with the parent. */
  list: string;
  listTitle: string;
  /** Where the commit leads: the list, filtered by the parent when there is one. */
  landing: (parent: string) => string;
  /** Its rows name children (the register's privacy note is shown). */
  named: boolean;
}

const byInstitution = (options: () => Promise<Option[]>) =>
  ({ param: 'institution_id', label: 'field.institution', options }) as const;

export const IMPORT_PAGES: { [kind in ImportKind]: ImportPage } = {
  beneficiaries: {
    path: '/beneficiaries/import',
    resource: 'beneficiaries',
    parent: byInstitution(loadRegisterInstitutions),
    list: '/beneficiaries',
    listTitle: 'register.title',
    landing: (id) => withQuery('/beneficiaries', { institution_id: id }),
    named: true,
  },
  school_results: {
    path: '/beneficiaries/results/import',
    resource: 'beneficiary_years',
    parent: byInstitution(loadRegisterInstitutions),
    list: '/beneficiaries',
    listTitle: 'register.title',
    landing: (id) => withQuery('/beneficiaries', { institution_id: id }),
    named: true,
  },
  staff: {
    path: '/staff/import',
    resource: 'staff',
    parent: byInstitution(loadInstitutions),
    list: '/staff',
    listTitle: 'staff.title',
    landing: (id) => withQuery('/staff', { institution_id: id }),
    named: false,
  },
  monthly_statistics: {
    path: '/monthly_statistics/import',
    resource: 'monthly_statistics',
    parent: byInstitution(loadInstitutions),
    list: '/institutions',
    listTitle: 'institutions.title',
    landing: (id) => `/institutions/${id}/statistics`,
    named: false,
  },
  communes: {
    path: '/territories/import',
    resource: 'territories',
    parent: { param: 'province_id', label: 'field.province', options: loadProvinces },
    list: '/territories',
    listTitle: 'territories.title',
    landing: (id) => withQuery('/territories', { parent_id: id }),
    named: false,
  },
  associations: {
    path: '/associations/import',
    resource: 'associations',
    parent: null,
    list: '/associations',
    listTitle: 'associations.title',
    landing: () => '/associations',
    named: false,
  },
  institutions: {
    path: '/institutions/import',
    resource: 'institutions',
    parent: null,
    list: '/institutions',
    listTitle: 'institutions.title',
    landing: () => '/institutions',
    named: false,
  },
};

/**
 * The import page of `kind`, with its parent chosen when `parent` gives one, and the page it is
 * opened from (`from`, the current one unless given) to go back to, when that is not the kind's list.
 */
export function importLink(kind: ImportKind, parent?: string | number | null, from = app.path + app.search): string {
  const page = IMPORT_PAGES[kind];
  return withQuery(page.path, {
    ...(page.parent && parent ? { [page.parent.param]: String(parent) } : {}),
    from: from === page.list ? null : from,
  });
}

/** Whether `path` is a path of this app (never another site's address, as "//host" or "https:" is). */
function ownPath(path: string | null): path is string {
  return !!path && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') && !path.startsWith('/api/');
}

/**
 * Where the import page of `kind` goes back to, from its query string `search`: the page it was
 * opened from (importLink's `from`), else the kind's list; with the words of the link (a
 * dictionary key).
 */
export function importBack(kind: ImportKind, search: string): { href: string; label: string } {
  const page = IMPORT_PAGES[kind];
  const from = new URLSearchParams(search).get('from');
  if (!ownPath(from) || from === page.list) return { href: page.list, label: page.listTitle };
  return { href: from, label: new URL(from, 'http://app').pathname === page.list ? page.listTitle : 'common.back' };
}

export interface ImportColumn {
  field: string;
  header: string;
  required: boolean;
}

/** {header of the file: field, or null for a column left out}. */
export type ImportMapping = { [header: string]: string | null };

export interface ImportColumns {
  sheet: string;
  headers: string[];
  mapping: ImportMapping;
  columns: ImportColumn[];
}

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  field: string;
  value: string;
  code: string;
  message: string;
}

export interface ImportReport {
  kind: string;
  file_name: string;
  sheet: string;
  rows: number;
  created: number;
  dry_run: boolean;
  problems: ImportProblem[];
}

/** The media type sent with a picked file: the browser's, else judged by its name. */
export function fileType(file: File): string {
  if (file.type) return file.type;
  return file.name.toLowerCase().endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';
}

/**
 * POSTs `file` as the body of `path`, as api.upload does (session cookie, CSRF token, the
 * interface's language, the same ApiError on failure), calling `progress` with the share of the
 * file sent so far (0–100): an XMLHttpRequest, since fetch reports no upload progress.
 */
export function uploadWithProgress<T>(path: string, file: File, progress: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', app.lang);
    xhr.setRequestHeader('Content-Type', fileType(file));
    if (app.csrf) xhr.setRequestHeader('X-CSRF-Token', app.csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) progress(Math.round((100 * event.loaded) / event.total));
    };
    xhr.onerror = () => reject(failure(0, null, path));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      progress(100);
      try {
        resolve(answerOf<T>(xhr.status, data, path));
      } catch (e) {
        reject(e);
      }
    };
    xhr.send(file);
  });
}
