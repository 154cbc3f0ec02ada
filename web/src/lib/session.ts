// Signing in and out, the session's language, and what happens when a session ends.
import { ApiError, del, get, onUnauthorized, post } from './api';
import type { Session } from './api-types';
import { applyLanguage, isLang, type Lang } from './i18n';
import { forgetSession, keepSession, keptSession } from './offline';
import { navigate } from './router';
import { app } from './state.svelte';
import type { User } from './types';

/** GET /api/session's answer (openapi.json's Session; docs/API.md, "Sessions"). */
export type SessionAnswer = Session;

let lastAnswer: SessionAnswer | null = null;

/** The session's last answer, which "take offline" keeps to open the app with no network. */
export const sessionAnswer = () => lastAnswer;

function accept(answer: SessionAnswer): User {
  lastAnswer = answer;
  const user = { ...answer.user, permissions: answer.permissions, creators: answer.creators };
  app.user = user;
  app.csrf = answer.csrf_token;
  app.sessionExpired = false;
  return user;
}

/** The path to come back to after signing in: where the user is now. */
export function herePath(): string {
  return window.location.pathname + window.location.search;
}

/** A safe "next" target: a same-site path, never the login page itself. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

/**
 * Asks the server who is signed in (GET /api/session); null when nobody is. With no network,
 * the session kept when assessments were taken offline (lib/offline.ts), if any.
 */
export async function restoreSession(): Promise<User | null> {
  try {
    const answer = await get<SessionAnswer>('/api/session');
    const user = accept(answer);
    if (isLang(user.language)) await applyLanguage(user.language);
    if (await keptSession()) await keepSession(answer);
    return user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      app.user = null;
      await forgetSession().catch(() => {});
      return null;
    }
    const kept = e instanceof ApiError && e.status === 0 ? await keptSession() : null;
    if (!kept) throw e;
    const user = accept(kept);
    if (isLang(user.language)) await applyLanguage(user.language);
    return user;
  }
}

/**
 * Signs in. When the person chose a language on the login page (`chosen`), that choice
 * is saved to their account; otherwise their saved language is applied.
 */
export async function signIn(username: string, password: string, chosen: Lang | null): Promise<User> {
  const user = accept(await post<SessionAnswer>('/api/session', { username, password }));
  if (chosen && chosen !== user.language) {
    await saveLanguage(chosen).catch(() => applyLanguage(chosen));
  } else if (isLang(user.language)) {
    await applyLanguage(user.language);
  }
  return app.user ?? user;
}

/** Signs out (the server forgets the session even if this request fails). */
export async function signOut(): Promise<void> {
  try {
    await del('/api/session');
  } finally {
    app.user = null;
    app.csrf = '';
    await forgetSession().catch(() => {});
    navigate('/login', { replace: true });
  }
}

/**
 * Saves `lang` to the account when someone is signed in, then shows it: once the page is in the
 * new language, a reload (which applies the account's language) keeps it.
 */
export async function saveLanguage(lang: Lang): Promise<void> {
  if (app.user) accept(await post<SessionAnswer>('/api/session/language', { language: lang }));
  await applyLanguage(lang);
}

/** After a 401 from any request: forget the user and go to the login page, coming back here after. */
export function installSessionGuard(): void {
  onUnauthorized(() => {
    if (!app.user) return;
    app.user = null;
    app.csrf = '';
    app.sessionExpired = true;
    if (!window.location.pathname.startsWith('/login')) {
      navigate(`/login?next=${encodeURIComponent(herePath())}`, { replace: true });
    }
  });
}
