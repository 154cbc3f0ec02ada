import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../src/lib/format';
import { direction, loadDictionary, pluralCategory, t, tEnum, translate, type Message } from '../src/lib/i18n';
import { ar } from '../src/lib/locales/ar';
import { en } from '../src/lib/locales/en';
import { fr } from '../src/lib/locales/fr';
import { ENUMS, RESOURCES } from '../src/lib/resources';
import { app } from '../src/lib/state.svelte';

const langs = ['ar', 'fr', 'en'] as const;
const dictionaries: { [lang: string]: { [key: string]: Message } } = { ar, fr, en };
/** Every text of a message: itself, or each of its plural forms. */
const texts = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));

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
      for (const [key, message] of Object.entries(dictionaries[lang])) {
        for (const text of texts(message)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {placeholders} in every language', () => {
    // A plural form may spell its count out ("يوم واحد", "يومين"): {n} is compared on `other`.
    const names = (m: Message) =>
      [...new Set(texts(m).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();
    const others = (m: Message) => names(typeof m === 'string' ? m : m.other);
    for (const key of Object.keys(dictionaries.ar)) {
      const counted = langs.some((lang) => typeof dictionaries[lang][key] !== 'string');
      for (const lang of ['fr', 'en'] as const) {
        expect(
          names(dictionaries[lang][key]).filter((n) => !counted || n !== 'n'),
          `${lang} ${key}`,
        ).toEqual(names(dictionaries.ar[key]).filter((n) => !counted || n !== 'n'));
        expect(others(dictionaries[lang][key]), `${lang} ${key}`).toEqual(others(dictionaries.ar[key]));
      }
    }
  });

  it('give a counted message exactly the plural forms of its language, {n} in `other`', () => {
    for (const lang of langs) {
      const categories = [...new Intl.PluralRules(LOCALES[lang]).resolvedOptions().pluralCategories].sort();
      for (const [key, message] of Object.entries(dictionaries[lang])) {
        if (typeof message === 'string') continue;
        expect(Object.keys(message).sort(), `${lang} ${key}`).toEqual(categories);
        expect(message.other, `${lang} ${key}`).toContain('{n}');
      }
    }
    expect([...new Intl.PluralRules(LOCALES.ar).resolvedOptions().pluralCategories].sort()).toEqual([
      'few',
      'many',
      'one',
      'other',
      'two',
      'zero',
    ]);
  });

  it('never use Arabic-Indic digits', () => {
    for (const lang of langs) {
      for (const text of Object.values(dictionaries[lang]).flatMap(texts))
        expect(text).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
    }
  });

  it('label every value of every enumeration', () => {
    for (const [kind, values] of Object.entries(ENUMS)) {
      for (const value of values) {
        for (const lang of langs)
          expect(dictionaries[lang], `${lang} enum.${kind}.${value}`).toHaveProperty(`enum.${kind}.${value}`);
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
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+\.[a-z_.0-9]+)'/g))
        if (!(m[1] in dictionaries.ar)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/key: '([a-z_]+\.[a-z_.0-9]+)'/g))
        if (!(m[1] in dictionaries.ar)) missing.push(`${file}: ${m[1]}`);
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

  it('writes whole numbers as formatNumber does', () => {
    expect(translate('ar', 'list.count', { n: 1250 })).toBe('عدد النتائج: 1\u202f250');
    expect(translate('en', 'list.count', { n: 1250 })).toBe('Results: 1,250');
  });

  it('leaves an unknown parameter visible rather than blank', () => {
    expect(translate('en', 'list.page_of', { page: 2 })).toBe('Page 2 of {pages}');
  });

  it('falls back to Arabic, then to the key itself, for a missing key', () => {
    const fr = dictionaries.fr;
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

describe('plurals', () => {
  const overdue = (n: number) => translate('ar', 'actions.overdue_by', { n });

  it('give Arabic counts their six forms, each in the case the sentence asks for', () => {
    expect(overdue(0)).toBe('متأخر منذ اليوم');
    expect(overdue(1)).toBe('متأخر منذ يوم واحد');
    expect(overdue(2)).toBe('متأخر منذ يومين');
    expect(overdue(3)).toBe('متأخر منذ 3 أيام');
    expect(overdue(10)).toBe('متأخر منذ 10 أيام');
    expect(overdue(11)).toBe('متأخر منذ 11 يومًا');
    expect(overdue(99)).toBe('متأخر منذ 99 يومًا');
    expect(overdue(100)).toBe('متأخر منذ 100 يوم');
    expect(overdue(102)).toBe('متأخر منذ 102 يوم');
    expect(overdue(103)).toBe('متأخر منذ 103 أيام');
    expect(overdue(111)).toBe('متأخر منذ 111 يومًا');
    expect(overdue(2000)).toBe('متأخر منذ 2\u202f000 يوم');
  });

  it('choose the Arabic categories as CLDR does', () => {
    const of = (n: number) => pluralCategory('ar', n);
    expect([0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000].map(of)).toEqual([
      'zero',
      'one',
      'two',
      'few',
      'few',
      'many',
      'many',
      'other',
      'other',
      'other',
      'few',
      'many',
      'other',
    ]);
  });

  it('agree nouns, verbs and adjectives in other Arabic messages', () => {
    const made = (n: number) => translate('ar', 'programmes.created_from_shortcomings', { n });
    expect(made(1)).toBe('أُنشئ إجراء واحد من النقائص المختارة ورُبط بها.');
    expect(made(2)).toBe('أُنشئ إجراءان من النقائص المختارة ورُبطا بها.');
    expect(made(4)).toBe('أُنشئت 4 إجراءات من النقائص المختارة ورُبطت بها.');
    expect(translate('ar', 'trainings.added', { n: 2 })).toBe('أضيف مشاركان.');
    expect(translate('ar', 'trainings.added', { n: 25 })).toBe('أضيف 25 مشاركًا.');
    expect(translate('ar', 'grids.frozen', { n: 1 })).toBe('مجمَّدة — مستعملة في حملة واحدة');
    expect(translate('ar', 'grids.frozen', { n: 5 })).toBe('مجمَّدة — مستعملة في 5 حملات');
    expect(translate('ar', 'grids.import_rejected', { n: 2 })).toMatch(/^لا يمكن استيراد هذا الملف: مشكلتان مانعتان\./);
    expect(translate('ar', 'documents.expires_in', { n: 0 })).toBe('تنتهي اليوم');
    expect(translate('ar', 'documents.expires_in', { n: 20 })).toBe('تنتهي بعد 20 يومًا');
    expect(translate('ar', 'password.rule', { n: 10 })).toBe('10 أحرف على الأقل.');
    expect(translate('ar', 'errors.too_long', { n: 200 })).toBe('النص طويل جدًا (الحد الأقصى 200 حرف).');
    expect(translate('ar', 'assessments.answered', { done: 3, n: 12 })).toBe('3 من 12 معيارًا');
  });

  it('give French one (0 and 1), many (millions) and other', () => {
    const days = (n: number) => translate('fr', 'documents.expires_in', { n });
    expect(days(0)).toBe('Expire dans 0 jour');
    expect(days(1)).toBe('Expire dans 1 jour');
    expect(days(2)).toBe('Expire dans 2 jours');
    expect(days(1_000_000)).toBe('Expire dans 1\u202f000\u202f000 de jours');
  });

  it('give English one and other', () => {
    expect(translate('en', 'trainings.added', { n: 1 })).toBe('1 participant added.');
    expect(translate('en', 'trainings.added', { n: 0 })).toBe('0 participants added.');
    expect(translate('en', 'consolidated.totals', { n: 3 })).toBe('Total (3 lines)');
  });

  it('take the `other` form when the count is not a number', () => {
    expect(translate('ar', 'actions.overdue_by', { n: '7' })).toBe('متأخر منذ 7 يوم');
  });
});
