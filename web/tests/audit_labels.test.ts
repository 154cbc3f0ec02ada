// Every audit action and system actor the server may write is labelled in Arabic, French and
// English. The lists come from the API's OpenAPI document (openapi.json, which tests/cli checks is
// what `riaya openapi` prints; the server builds both lists from domain/audit_vocabulary.hpp, and
// write_audit refuses an action missing there), so a new action fails here until it is labelled.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentPath } from '../scripts/api-types.mjs';
import { actionLabel, actorLabel } from '../src/lib/describe';
import { loadDictionary } from '../src/lib/i18n';
import { app } from '../src/lib/state.svelte';

const entry = JSON.parse(readFileSync(documentPath, 'utf8')).components.schemas.AuditEntry.properties;
const actions: string[] = entry.action.enum;
const actors: string[] = entry.username['x-system-actors'];
const langs = ['ar', 'fr', 'en'] as const;

beforeAll(async () => {
  for (const lang of langs) await loadDictionary(lang);
});

describe('the audit vocabulary', () => {
  it('is published by the API (the actions the issue named among them)', () => {
    expect(actions).toEqual(expect.arrayContaining(['validate', 'submit', 'answers', 'resolve', 'return', 'attach']));
    expect(actors).toEqual(['riaya command line', 'riaya demo', 'riaya reference']);
  });

  for (const lang of langs) {
    it(`has a label for every action and system actor in ${lang}`, () => {
      app.lang = lang;
      const unlabelled = [
        ...actions.filter((a) => actionLabel(a) === a),
        ...actors.filter((name) => actorLabel({ user_id: null, username: name }) === name),
      ];
      expect(unlabelled).toEqual([]);
      // A user is shown by name, even one called like a system actor.
      expect(actorLabel({ user_id: 7, username: 'riaya demo' })).toBe('riaya demo');
      app.lang = 'ar';
    });
  }

  it('reads them in Arabic as words, not as the server writes them', () => {
    expect(actionLabel('validate')).toBe('مصادقة');
    expect(actorLabel({ user_id: null, username: 'riaya command line' })).toBe('سطر الأوامر (النظام)');
  });
});
