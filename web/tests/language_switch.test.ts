// Switching languages twice in a row: the later choice stands even when the earlier one's
// dictionary arrives last (after signing in, the account's saved French is still being fetched
// when the person clicks Arabic). This file loads i18n on its own, with French not yet fetched.
import { expect, it } from 'vitest';
import { applyLanguage } from '../src/lib/i18n';
import { app } from '../src/lib/state.svelte';

it('the language chosen last stands, whichever dictionary arrives first', async () => {
  const slowFrench = applyLanguage('fr');
  const arabic = applyLanguage('ar');
  await Promise.all([slowFrench, arabic]);
  expect(app.lang).toBe('ar');
  await applyLanguage('fr');
  expect(app.lang).toBe('fr');
});
