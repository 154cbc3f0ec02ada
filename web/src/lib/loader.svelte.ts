// Loads one API answer for a page, again whenever the URL the page computes changes.
// Must be called while a component initialises (it registers an effect).
import { get } from './api';
import { isRetryable, loadErrorText } from './errors';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: string;
  readonly loading: boolean;
  /** Whether the error may pass on a retry (the network or the server failed), not a 403 or 404. */
  readonly retryable: boolean;
  reload(): void;
  /** Replaces the data (e.g. with a write's answer) without fetching. */
  set(data: T): void;
}

export function loader<T>(url: () => string | null): Loaded<T> {
  const state = $state<{ data: T | null; error: string; retryable: boolean; loading: boolean }>({
    data: null,
    error: '',
    retryable: false,
    loading: true,
  });
  let generation = 0;
  let last: string | null = null;

  async function run(target: string | null) {
    last = target;
    if (!target) return;
    const mine = ++generation;
    state.loading = true;
    state.error = '';
    try {
      const data = await get<T>(target);
      if (mine === generation) state.data = data;
    } catch (e) {
      if (mine === generation) {
        state.error = loadErrorText(e);
        state.retryable = isRetryable(e);
      }
    } finally {
      if (mine === generation) state.loading = false;
    }
  }

  $effect(() => {
    run(url());
  });

  return {
    get data() {
      return state.data;
    },
    get error() {
      return state.error;
    },
    get loading() {
      return state.loading;
    },
    get retryable() {
      return state.retryable;
    },
    reload: () => run(last),
    set: (data: T) => {
      state.data = data;
    },
  };
}
