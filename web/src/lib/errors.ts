// The sentence a person reads for a failed request, in the current language.
import { ApiError } from './api';
import { formatMoney } from './format';
import { hasMessage, t } from './i18n';

/** The message for `error`: ours for network and server failures, else the API's own. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown');
  if (error.code === 'network') return t('errors.network');
  if (error.code === 'server') return t('errors.server');
  if (error.code === 'locked') return t('errors.locked', { n: error.retryAfter ?? 60 });
  if (error.message) return error.message;
  const key = `errors.${error.code}`;
  return hasMessage(key) ? t(key) : t('errors.unknown');
}

/** Whether trying `error`'s request again may succeed: only when the network or the server failed. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.code === 'network' || error.code === 'server';
}

/**
 * The message for a record a page could not load: a 404 (the record does not exist, or is out of
 * the caller's scope: the API does not tell them apart) says both; anything else as errorText.
 */
export function loadErrorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return t('errors.unreachable');
  return errorText(error);
}

/**
 * The message for an error shown at its field, whose label is already on screen: ours for the
 * error's code when we have one (the server's message may name the field by its path), else
 * errorText's.
 */
export function fieldErrorText(error: unknown): string {
  if (error instanceof ApiError && hasMessage(`errors.${error.code}`)) return t(`errors.${error.code}`);
  return errorText(error);
}

/**
 * The message for an API error at a money field: an amount out of range names its bound in MAD
 * (the API's bounds are centimes) — the most allowed when `sent` (centimes) is above it, else the
 * least; any other error as errorText.
 */
export function moneyFieldErrorText(error: unknown, sent: unknown): string {
  if (error instanceof ApiError && error.code === 'out_of_range') {
    const { min, max } = error.details;
    if (typeof max === 'number' && typeof sent === 'number' && sent > max)
      return t('errors.money_max', { amount: formatMoney(max) });
    if (typeof min === 'number') return t('errors.money_min', { amount: formatMoney(min) });
  }
  return errorText(error);
}
