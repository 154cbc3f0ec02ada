import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { direction, loadDictionary, t, tEnum, translate } from '../src/lib/i18n';
import { ar } from '../src/lib/locales/ar';
import { en } from '../src/lib/locales/en';
import { fr } from '../src/lib/locales/fr';
import { ENUMS, RESOURCES } from '../src/lib/resources';
import { app } from '../src/lib/state.svelte';

const langs = ['ar', 'fr', 'en'] as const;
const dictionaries: { [lang: string]: { [key: string]: string } } = { ar, fr, en };

beforeAll(async () => {
  for (const lang of langs) await loadDictionary(lang);
});

afterEach(() => {
  app.lang = 'ar';
});

describe('dictionaries', () => {
  it('have exactly the same keys in the three languages', () => {
    const arKeys = Object.keys(dictionaries.ar).sort();
    expect(Object.keys(dictionaries.fr).sort()).toEqual(arKeys);
    expect(Object.keys(dictionaries.en).sort()).toEqual(arKeys);
  });

  it('have no empty message', () => {
    for (const lang of langs) {
      for (const [key, text] of Object.entries(dictionaries[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {placeholders} in every language', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(dictionaries.ar)) {
      expect(names(dictionaries.fr[key]), `fr ${key}`).toEqual(names(dictionaries.ar[key]));
      expect(names(dictionaries.en[key]), `en ${key}`).toEqual(names(dictionaries.ar[key]));
    }
  });

  it('never use Arabic-Indic digits', () => {
    for (const lang of langs) {
      for (const text of Object.values(dictionaries[lang])) expect(text).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
    }
  });

  it('label every value of every enumeration', () => {
    for (const [kind, values] of Object.entries(ENUMS)) {
      for (const value of values) {
        for (const lang of langs) expect(dictionaries[lang], `${lang} enum.${kind}.${value}`).toHaveProperty(`enum.${kind}.${value}`);
      }
    }
  });

  it('label every form field and page title', () => {
    for (const def of Object.values(RESOURCES)) {
      for (const key of [def.newTitle, def.editTitle, ...def.fields.map((f) => f.label)]) {
        expect(dictionaries.ar, key).toHaveProperty(key);
      }
    }
  });

  it('hold every key that the source code passes to t()', () => {
    const src = join(__dirname, '..', 'src');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
      });
    const missing: string[] = [];
    for (const file of files(src)) {
      if (file.includes('locales')) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+\.[a-z_.0-9]+)'/g)) if (!(m[1] in dictionaries.ar)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/key: '([a-z_]+\.[a-z_.0-9]+)'/g)) if (!(m[1] in dictionaries.ar)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('t()', () => {
  it('follows the current language', () => {
    app.lang = 'ar';
    expect(t('nav.institutions')).toBe('المؤسسات');
    app.lang = 'fr';
    expect(t('nav.institutions')).toBe('Établissements');
    app.lang = 'en';
    expect(t('nav.institutions')).toBe('Institutions');
  });

  it('fills in parameters', () => {
    expect(translate('fr', 'list.page_of', { page: 2, pages: 7 })).toBe('Page 2 sur 7');
    expect(translate('ar', 'list.count', { n: '1 250' })).toBe('عدد النتائج: 1 250');
  });

  it('leaves an unknown parameter visible rather than blank', () => {
    expect(translate('en', 'list.page_of', { page: 2 })).toBe('Page 2 of {pages}');
  });

  it('falls back to Arabic, then to the key itself, for a missing key', () => {
    const fr = dictionaries.fr as { [k: string]: string };
    const saved = fr['home.title'];
    delete fr['home.title'];
    try {
      expect(translate('fr', 'home.title')).toBe('لوحة القيادة');
    } finally {
      fr['home.title'] = saved;
    }
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('labels enumerated values and leaves empty ones empty', () => {
    app.lang = 'fr';
    expect(tEnum('role', 'division')).toBe('Division de l’Action Sociale');
    expect(tEnum('role', null)).toBe('');
  });

  it('gives right-to-left only for Arabic', () => {
    expect(direction('ar')).toBe('rtl');
    expect(direction('fr')).toBe('ltr');
    expect(direction('en')).toBe('ltr');
  });
});
