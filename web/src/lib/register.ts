// The individual register (issue 16): what its pages share. Named records of children (law
// 09-08): every list and read of them is audited by the server, so pages ask for them only where
// they show them.
import { get, withQuery } from './api';
import { localName, namesakeList } from './format';
import { t } from './i18n';
import type { Record } from './types';

/**
 * The warning shown while a beneficiary is typed when people with the same name (as search folds
 * it) and birth date are already recorded in the user's scope, naming them and their institution;
 * null when there are none or the name and birth date are not both typed. `self`: the record edited.
 */
export async function beneficiaryNamesakeWarning(
  values: { [name: string]: string },
  self?: number,
): Promise<string | null> {
  const name = (values.full_name_ar ?? '').trim();
  const birth = values.birth_date ?? '';
  if (!name || !/^\d{4}-\d{2}-\d{2}$/.test(birth)) return null;
  const params: { [name: string]: string | number } = { full_name_ar: name, birth_date: birth };
  if (self) params.exclude_id = self;
  const found = (await get<{ items: Record[] }>(withQuery('/api/beneficiaries/duplicates', params))).items;
  if (!found.length) return null;
  const names = namesakeList(
    found.map((x) => ({ name: String(x.full_name_ar), detail: localName(x, 'institution_name') })),
  );
  return t('register.namesake', { names });
}

/** Whole years of age on `on` (YYYY-MM-DD) of someone born on `birth`; null without a birth date. */
export function ageOn(birth: unknown, on: string): number | null {
  if (typeof birth !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birth)) return null;
  let age = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) age -= 1;
  return age;
}
