// The first run's pure parts and the Arabic wording they and the grid rely on: the institution code
// proposed from the commune and category, counted messages in each Arabic plural form, law
// references and grant sources as read.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shortcomingDescription } from '../src/lib/assessments';
import { suggestInstitutionCode } from '../src/lib/first_run';
import { legalReferenceText } from '../src/lib/grids';
import { loadDictionary, translate } from '../src/lib/i18n';
import { grantSource } from '../src/lib/programme';
import { app } from '../src/lib/state.svelte';
import type { Record } from '../src/lib/types';

beforeAll(async () => {
  await loadDictionary('fr');
  await loadDictionary('en');
});

afterEach(() => {
  app.lang = 'ar';
});

describe('an institution code proposed from its commune and category', () => {
  it('starts at 01 in a commune with none of that category', () => {
    expect(suggestInstitutionCode('BOD-01', 'dar_talib', ['DEMO-BOD-001', 'BOD-01-DAR-TALIBA-01'])).toBe(
      'BOD-01-DAR-TALIB-01',
    );
  });

  it('follows the highest number already taken, whatever the case or the gaps', () => {
    expect(suggestInstitutionCode('BOD-01', 'dar_taliba', ['bod-01-dar-taliba-01', 'BOD-01-DAR-TALIBA-07'])).toBe(
      'BOD-01-DAR-TALIBA-08',
    );
  });

  it('keeps within the 40 characters the API allows', () => {
    const code = suggestInstitutionCode('A-VERY-LONG-COMMUNE-CODE', 'child_protection_and_more', []);
    expect(code.length).toBeLessThanOrEqual(40);
    expect(code).toMatch(/-01$/);
  });
});

describe('Arabic counted messages', () => {
  const forms = (key: string, extra: { [name: string]: string | number } = {}) =>
    [0, 1, 2, 3, 11, 100].map((n) => translate('ar', key, { ...extra, n }));

  it('agree "campaign" with 0, 1, 2, 3, 11 and 100', () => {
    expect(forms('grids.frozen')).toEqual([
      'مجمَّدة — غير مستعملة في أي حملة',
      'مجمَّدة — مستعملة في حملة واحدة',
      'مجمَّدة — مستعملة في حملتين',
      'مجمَّدة — مستعملة في 3 حملات',
      'مجمَّدة — مستعملة في 11 حملةً',
      'مجمَّدة — مستعملة في 100 حملة',
    ]);
  });

  it('agree "criterion" in the answered count, 48 of 48 included', () => {
    expect(forms('assessments.answered', { done: 0 }).slice(1)).toEqual([
      '0 من معيار واحد',
      '0 من معيارين',
      '0 من 3 معايير',
      '0 من 11 معيارًا',
      '0 من 100 معيار',
    ]);
    expect(translate('ar', 'assessments.answered', { done: 48, n: 48 })).toBe('48 من 48 معيارًا');
  });

  it("agree the first run's steps left, the people chosen and the namesakes", () => {
    expect(forms('first_run.left')).toEqual([
      'لم تبق أي خطوة',
      'بقيت خطوة واحدة',
      'بقيت خطوتان',
      'بقيت 3 خطوات',
      'بقيت 11 خطوةً',
      'بقيت 100 خطوة',
    ]);
    expect(forms('pick.chosen')).toEqual([
      'لم يُختر أحد',
      'اختير شخص واحد',
      'اختير شخصان',
      'اختير 3 أشخاص',
      'اختير 11 شخصًا',
      'اختير 100 شخص',
    ]);
    const namesakes = forms('institutions.namesake', { names: '«دار الطالب بوجدور»' });
    expect(namesakes[1]).toMatch(/^توجد في هذه الجماعة مؤسسة باسم مطابق أو قريب: «دار الطالب بوجدور»\./);
    expect(namesakes[2]).toMatch(/^توجد في هذه الجماعة مؤسستان /);
    expect(namesakes[3]).toMatch(/^توجد في هذه الجماعة 3 مؤسسات /);
  });

  it("agree the dashboard's open shortcomings", () => {
    expect(forms('dash.shortcomings_open')).toEqual([
      'لا نقيصة مفتوحة',
      'نقيصة واحدة مفتوحة',
      'نقيصتان مفتوحتان',
      '3 نقائص مفتوحة',
      '11 نقيصةً مفتوحة',
      '100 نقيصة مفتوحة',
    ]);
  });

  it('agree the staff the trained are counted among', () => {
    expect(translate('ar', 'dash.trained_staff', { n: 2 })).toBe('من أصل عاملين تلقوا تكوينا خلال 12 شهرا');
    expect(translate('ar', 'dash.trained_staff', { n: 5 })).toBe('من أصل 5 عمال تلقوا تكوينا خلال 12 شهرا');
  });
});

describe('a law reference', () => {
  it('reads in Arabic in the Arabic interface, as typed in French', () => {
    expect(legalReferenceText('Loi 65.15')).toBe('القانون 65.15');
    expect(legalReferenceText('Loi 09-08, art. 3')).toBe('القانون 09-08, art. 3');
    app.lang = 'fr';
    expect(legalReferenceText('Loi 65.15')).toBe('Loi 65.15');
  });

  it('of another shape is shown as it was typed', () => {
    expect(legalReferenceText('Dahir 1.18.25')).toBe('Dahir 1.18.25');
  });
});

describe("a grant's source", () => {
  it('is said once when its name only repeats it', () => {
    expect(grantSource('indh', 'المبادرة الوطنية للتنمية البشرية')).toBe('المبادرة الوطنية للتنمية البشرية');
    app.lang = 'fr';
    expect(grantSource('indh', 'المبادرة الوطنية للتنمية البشرية')).toBe(translate('fr', 'enum.grant_source.indh'));
  });

  it('says the source once before what the name adds to it', () => {
    expect(grantSource('indh', 'المبادرة الوطنية للتنمية البشرية، برنامج الأشخاص في وضعية هشاشة')).toBe(
      'المبادرة الوطنية للتنمية البشرية — برنامج الأشخاص في وضعية هشاشة',
    );
  });

  it('keeps a name that says more', () => {
    expect(grantSource('indh', 'برنامج محاربة الهشاشة')).toBe(
      'المبادرة الوطنية للتنمية البشرية — برنامج محاربة الهشاشة',
    );
  });
});

describe("a shortcoming's description in the register", () => {
  const raised: Record = {
    id: 1,
    version: 1,
    criterion_code: 'D5.1',
    criterion_text_ar: 'البناية سليمة',
    criterion_text_fr: 'Bâtiment en bon état',
    description: null,
  };

  it('is its criterion, and the assessor comment when there is one', () => {
    expect(shortcomingDescription(raised)).toBe('البناية سليمة');
    expect(shortcomingDescription({ ...raised, description: 'تشققات في سقف قاعة المراجعة' })).toBe(
      'البناية سليمة — تشققات في سقف قاعة المراجعة',
    );
    app.lang = 'fr';
    expect(shortcomingDescription(raised)).toBe('Bâtiment en bon état');
  });

  it('is the text typed for one recorded by hand', () => {
    expect(shortcomingDescription({ id: 2, version: 1, criterion_code: null, description: 'تسرب مياه' })).toBe(
      'تسرب مياه',
    );
  });
});
