// Imports from CSV and XLSX (docs/API.md, "Imports"): the answers of /api/imports/{kind}/…, and
// the upload that reports its progress.
import { failure } from './api';
import { app } from './state.svelte';

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
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(failure(xhr.status, data, path));
    };
    xhr.send(file);
  });
}
