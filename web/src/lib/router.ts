// A small history-API router. The location lives in app.path / app.search, so pages
// re-render when it changes; list state (q, page, sort, filters) is kept in the query
// string so that it survives a reload and can be shared as a link.
import { app } from './state.svelte';

function syncFromLocation(): void {
  app.path = window.location.pathname;
  app.search = window.location.search;
}

/** Goes to `to` (a path with an optional query), adding a history entry unless `replace`. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (target === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  syncFromLocation();
  if (!options.replace) window.scrollTo(0, 0);
}

/** The current query string as URLSearchParams (a copy: edit it and pass it to setQuery). */
export function query(): URLSearchParams {
  return new URLSearchParams(app.search);
}

/**
 * Replaces the given query parameters (an empty string or null removes one) and goes there.
 * Parameters not named are kept.
 */
export function setQuery(
  changes: { [name: string]: string | number | null | undefined },
  options: { replace?: boolean } = {},
): void {
  const params = query();
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(name);
    else params.set(name, String(value));
  }
  const search = params.toString();
  navigate(app.path + (search ? `?${search}` : ''), options);
}

/**
 * Matches `path` against `pattern` ("/institutions/:id/edit"); answers the named
 * parameters, or null when it does not match.
 */
export function match(pattern: string, path: string): { [name: string]: string } | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: { [name: string]: string } = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

/** Listens to back/forward and turns clicks on same-origin links into navigations. */
export function startRouter(): void {
  syncFromLocation();
  window.addEventListener('popstate', syncFromLocation);
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor || !anchor.href || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
