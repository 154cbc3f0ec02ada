// The application's shared, reactive state: language, signed-in user, CSRF token, the
// current location and the bell's count. Reading a field from a component or from t()
// subscribes to it.
import type { User } from './types';

export type Lang = 'ar' | 'fr' | 'en';

const initial: { lang: Lang; user: User | null } = { lang: 'ar', user: null };

export const app = $state({
  ...initial,
  csrf: '',
  path: '/',
  search: '',
  /** Set when a request failed with 401 and the user must sign in again. */
  sessionExpired: false,
  /** The bell's count of unread notices (lib/notices.ts keeps it). */
  unreadNotices: 0,
  /** Whether the browser has a network (lib/offline.ts follows it). */
  online: true,
  /** Answers and photos changed offline and not yet saved (lib/offline.ts counts them). */
  waitingChanges: 0,
  /** Raised after each sync, for the pages that show what it changed. */
  syncRound: 0,
  /** A new version of the app is installed and waits for a reload (lib/pwa.ts). */
  updateReady: false,
});
