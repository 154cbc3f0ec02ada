// The HTTP client for docs/API.md. Every request goes same-origin with the session
// cookie; every write carries X-CSRF-Token. Failures are thrown as ApiError:
//   status 0   / code 'network'  — the server could not be reached;
//   status 5xx / code 'server'   — the server failed (its body is not shown);
//   status 401                   — the session is over: onUnauthorized() runs first;
//   otherwise the API's own {error: {code, message, field}} (409 conflict adds `current`;
//   the whole error object is kept in `details`, e.g. an import's `issues` or a file's `limit`).
import type { Error as ErrorBody } from './api-types';
import type { Dhis2Missing } from './dhis2';
import type { ImportIssue } from './grids';
import type { ImportProblem } from './imports';
import { app } from './state.svelte';
import type { SyncResult } from './sync';
import type { Page, Record } from './types';

/**
 * A refusal's `error` object: what openapi.json's Error says every one holds (code, message, the
 * field) and some add (bounds, a file's limit, the current record), with the lists a few routes
 * add, typed by their modules.
 */
export type ErrorDetails = Partial<ErrorBody['error']> & {
  /** import_rejected by POST /api/imports/{kind}: every problem of the file. */
  problems?: ImportProblem[];
  /** import_rejected by POST /api/grids/import: every problem of the XLSForm. */
  issues?: ImportIssue[];
  /** required on dhis2_mapping (GET /api/dhis2/data-value-set): what is not mapped. */
  missing?: Dhis2Missing[];
  /** An assessment's sync refused as a whole (404): a refusal per answer sent. */
  results?: SyncResult[];
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly current?: Record,
    readonly retryAfter?: number,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

let unauthorizedHandler: (() => void) | null = null;

/** Called once when a request (other than signing in) answers 401. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends one request and answers its JSON body (undefined for 204). */
export function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return send<T>(
    method,
    path,
    body === undefined ? undefined : { data: JSON.stringify(body), type: 'application/json' },
  );
}

/**
 * Sends raw bytes (a file the user picked) as the request body, with their content type;
 * answers the JSON body like request().
 */
export function upload<T>(method: Method, path: string, file: Blob, contentType: string): Promise<T> {
  return send<T>(method, path, { data: file, type: contentType });
}

async function send<T>(method: Method, path: string, body?: { data: BodyInit; type: string }): Promise<T> {
  const headers: { [name: string]: string } = { Accept: 'application/json', 'Accept-Language': app.lang };
  if (body) headers['Content-Type'] = body.type;
  if (method !== 'GET' && app.csrf) headers['X-CSRF-Token'] = app.csrf;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body?.data });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (response.status === 204) return answerOf<T>(response.status, undefined, path);
  let data: unknown = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  return answerOf<T>(response.status, data, path);
}

/**
 * The answer of a request that got `status` with the JSON body `data` (undefined for 204): `data`
 * as the caller's T when the request succeeded, else its ApiError thrown. The one place where
 * the API's JSON becomes a type of the app: T is what docs/API.md (and api-types.ts) say the
 * route answers, trusted as is.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON answer, typed by the caller's T
export function answerOf<T>(status: number, data: any, path: string): T {
  if (status >= 200 && status < 300) return data;
  throw failure(status, data, path);
}

/** The ApiError of a failed answer (`data`: its JSON body, or null), as every request throws it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any JSON answer
export function failure(status: number, data: any, path: string): ApiError {
  if (status === 0) return new ApiError(0, 'network', '');
  if (status >= 500) return new ApiError(status, 'server', '');
  const error = data?.error ?? {};
  if (status === 401 && path !== '/api/session' && unauthorizedHandler) unauthorizedHandler();
  return new ApiError(
    status,
    String(error.code ?? `http_${status}`),
    String(error.message ?? ''),
    error.field ?? undefined,
    data?.current ?? error.current ?? undefined,
    data?.retry_after ?? error.retry_after ?? undefined,
    typeof error === 'object' && error ? error : {},
  );
}

/** Builds "path?a=1&b=2", leaving out empty values. */
export function withQuery(
  path: string,
  params: { [name: string]: string | number | boolean | null | undefined } | URLSearchParams,
): string {
  const search = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [name, value] of entries) {
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

/** One page of a list resource. */
export const list = <T = Record>(
  path: string,
  params: { [name: string]: string | number | boolean | null | undefined } | URLSearchParams = {},
) => get<Page<T>>(withQuery(path, params));

/** Every item of a small list (reference data: communes, categories), up to 200. */
export async function all<T = Record>(
  path: string,
  params: { [name: string]: string | number | boolean | null | undefined } = {},
): Promise<T[]> {
  const page = await list<T>(path, { ...params, page_size: 200 });
  return page.items;
}
