// The application's shared, reactive state: language, signed-in user, CSRF token, the
// current location and the bell's count. Reading a field from a component or from t()
// subscribes to it.
import type { User } from './types';

export type Lang = 'ar' | 'fr' | 'en';

export const app = $state({
  lang: 'ar' as Lang,
  user: null as User | null,
  csrf: '',
  path: '/',
  search: '',
  /** Set when a request failed with 401 and the user must sign in again. */
  sessionExpired: false,
  /** The bell's count of unread notices (lib/notices.ts keeps it). */
  unreadNotices: 0,
});
