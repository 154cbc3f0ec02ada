import { describe, expect, it } from 'vitest';
import {
  awaitsTranslation,
  checkGrid,
  contentPath,
  criterionTags,
  gridDifferences,
  newDomain,
  nextCode,
  parseWeight,
  pathId,
  pathPlace,
  toContent,
  toEditable,
  untranslatedCount,
  type GridContent,
} from '../src/lib/grids';

const grid = (): GridContent => ({
  code: 'g',
  version: 3,
  name_ar: 'شبكة',
  name_fr: 'Grille',
  scale: [{ value: 0 }, { value: 1 }, { value: 2 }],
  not_applicable: { ar: 'لا ينطبق' },
  domains: [
    {
      code: 'D1',
      name_ar: 'القانوني',
      name_fr: 'Juridique',
      weight: 1,
      criteria: [
        {
          code: 'D1.1',
          text_ar: 'ترخيص فتح ساري',
          text_fr: 'Autorisation',
          weight: 1,
          legal: 'yes',
          legal_reference: 'Loi 65.15',
          critical: true,
          guidance_ar: 'تحقق',
          remedy_fr: 'Déposer',
        },
        { code: 'D1.2', text_ar: 'العدد', legal: 'probable', critical: false },
      ],
    },
    { code: 'D2', name_ar: 'الإداري', weight: 2, criteria: [{ code: 'D2.1', text_ar: 'مدير معين', weight: 1.5 }] },
  ],
});

describe('criterion tags', () => {
  it('are L for a legal obligation, L? for a probable one, C for a critical one', () => {
    expect(criterionTags({ legal: 'yes', critical: true })).toEqual(['L', 'C']);
    expect(criterionTags({ legal: 'probable', critical: false })).toEqual(['L?']);
    expect(criterionTags({ legal: 'no' })).toEqual([]);
    expect(criterionTags({})).toEqual([]);
  });
});

describe('grid editor', () => {
  it('gives back the same content when nothing is edited (defaults filled in, scale and version kept)', () => {
    const base = grid();
    const back = toContent(base, toEditable(base));
    expect(back.version).toBe(3);
    expect(back.scale).toEqual(base.scale);
    expect(back.domains[1].weight).toBe(2);
    expect(back.domains[1].criteria[0].weight).toBe(1.5);
    expect(back.domains[0].criteria[1]).toMatchObject({
      text_fr: '',
      weight: 1,
      legal: 'probable',
      legal_reference: null,
      critical: false,
    });
    expect(gridDifferences(back, base)).toEqual({ names: false, codes: [] });
  });

  it('trims texts, reads a comma as the decimal separator, and sends an empty reference as null', () => {
    const edit = toEditable(grid());
    edit.domains[0].criteria[0].text_ar = '  نص جديد ';
    edit.domains[0].criteria[0].weight = '2,5';
    edit.domains[0].criteria[0].legal_reference = ' ';
    const c = toContent(grid(), edit).domains[0].criteria[0];
    expect(c.text_ar).toBe('نص جديد');
    expect(c.weight).toBe(2.5);
    expect(c.legal_reference).toBeNull();
    expect(parseWeight('1.')).toBeNaN();
    expect(parseWeight('abc')).toBeNaN();
    expect(parseWeight(' 3 ')).toBe(3);
  });

  it('finds what parse_grid would refuse, by path', () => {
    const edit = toEditable(grid());
    expect(checkGrid(edit)).toEqual({});
    edit.name_ar = ' ';
    edit.domains[0].criteria[0].text_ar = '';
    edit.domains[0].criteria[0].legal_reference = '';
    edit.domains[0].criteria[1].code = 'D1.1';
    edit.domains[0].weight = '0';
    edit.domains[1].weight = 'x';
    edit.domains[1].criteria = [];
    const problems = checkGrid(edit);
    expect(Object.keys(problems)).toEqual([
      'name_ar',
      'domains[0].weight',
      'domains[0].criteria[0].text_ar',
      'domains[0].criteria[0].legal_reference',
      'domains[0].criteria[1].code',
      'domains[1].weight',
      'domains[1].criteria',
    ]);
    expect(problems['domains[0].weight'].key).toBe('grids.weight_positive');
    expect(problems['domains[1].weight'].key).toBe('errors.number');
    expect(problems['domains[0].criteria[1].code'].key).toBe('errors.duplicate');
    expect(checkGrid({ name_ar: 'x', name_fr: '', domains: [] })).toEqual({ domains: { key: 'grids.no_domain' } });
  });

  it('names each value the way the API names it, and finds its place', () => {
    expect(pathId('domains[2].criteria[0].text_ar')).toBe('grid-domains-2-criteria-0-text_ar');
    expect(pathId('name_ar')).toBe('grid-name_ar');
    expect(contentPath('content.domains[2].criteria[0].text_ar')).toBe('domains[2].criteria[0].text_ar');
    expect(contentPath('version')).toBeNull();
    expect(contentPath(undefined)).toBeNull();
    expect(pathPlace('domains[2].criteria[10].weight')).toEqual({ domain: 2, criterion: 10 });
    expect(pathPlace('domains[1].name_ar')).toEqual({ domain: 1, criterion: -1 });
    expect(pathPlace('scale')).toBeNull();
  });

  it('numbers a new domain or criterion after the highest one', () => {
    expect(nextCode('D', ['D1', 'D2', 'D9', 'X'])).toBe('D10');
    expect(nextCode('D3.', ['D3.1', 'D3.5', 'D3.2', 'D31.7'])).toBe('D3.6');
    expect(nextCode('D4.', [])).toBe('D4.1');
    const d = newDomain('D10');
    expect(d.criteria.map((c) => c.code)).toEqual(['D10.1']);
    expect(d.key).not.toBe(d.criteria[0].key);
  });

  it('lists what two versions differ in: names, changed, added and removed codes', () => {
    const mine = grid();
    const theirs = grid();
    theirs.name_fr = 'Autre';
    theirs.domains[0].criteria[0].critical = false;
    theirs.domains[1].weight = 3;
    theirs.domains[1].criteria.push({ code: 'D2.2', text_ar: 'جديد' });
    mine.domains[0].criteria.splice(1, 1);
    expect(gridDifferences(mine, theirs)).toEqual({ names: true, codes: ['D1.1', 'D2', 'D1.2', 'D2.2'] });
  });
});

describe('texts awaiting translation', () => {
  it('are the Arabic texts without an Arabic letter, counted over domains and criteria', () => {
    expect(awaitsTranslation('ترخيص فتح ساري')).toBe(false);
    expect(awaitsTranslation('Is the licence valid?')).toBe(true);
    expect(awaitsTranslation('D1.1 ترخيص')).toBe(false);
    const content = {
      domains: [
        {
          code: 'general',
          name_ar: 'Boarding visit',
          criteria: [{ text_ar: 'Is the licence valid?' }, { text_ar: 'نظام داخلي' }],
        },
        { code: 'D2', name_ar: 'الإداري', criteria: [{ text_ar: 'Rules?' }] },
      ],
    };
    expect(untranslatedCount(content)).toBe(3);
  });
});
