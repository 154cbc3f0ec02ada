// The DHIS2 page's rules: a UID as the server checks it, and an export's list of what is unmapped.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/lib/api';
import { indicatorLabel, isDhis2Uid, missingOf } from '../src/lib/dhis2';
import { loadDictionary } from '../src/lib/i18n';
import { app } from '../src/lib/state.svelte';

beforeAll(async () => {
  await loadDictionary('fr');
});

describe('DHIS2 UIDs', () => {
  it('are 11 characters, a letter then letters or digits', () => {
    for (const good of ['HllvX50cXC0', 'abcdefghijk', 'Z0000000000']) expect(isDhis2Uid(good)).toBe(true);
    for (const bad of ['', 'HllvX50cXC', 'HllvX50cXC01', '0llvX50cXC0', 'Hllv-50cXC0', 'HllvX50cXCé'])
      expect(isDhis2Uid(bad)).toBe(false);
  });
});

describe('an export refused for an unmapped item', () => {
  it('lists what is missing from the error detail', () => {
    const missing = [
      { what: 'data_set' },
      { what: 'org_unit', territory_id: 3, name_ar: 'إقليم بوجدور', name_fr: 'Boujdour' },
    ];
    const error = new ApiError(422, 'required', 'x', 'dhis2_mapping', undefined, undefined, { missing });
    expect(missingOf(error)).toEqual(missing);
  });
  it('is told from any other error', () => {
    expect(missingOf(new ApiError(422, 'required', 'x', 'period'))).toBeNull();
    expect(missingOf(new Error('x'))).toBeNull();
  });
});

describe('the indicators by school level and sex', () => {
  it('are named by their level and sex, the others by their own name', () => {
    app.lang = 'ar';
    expect(indicatorLabel('beneficiaries_college_f')).toBe('المستفيدون (الإناث، الإعدادي)، الحاضرون في المتوسط');
    app.lang = 'fr';
    expect(indicatorLabel('beneficiaries_not_in_school_m')).toBe(
      'Bénéficiaires (Garçons, Non scolarisé), présents en moyenne',
    );
    expect(indicatorLabel('capacity')).toBe('Capacité autorisée');
  });
});
