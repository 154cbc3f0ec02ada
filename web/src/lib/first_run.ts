// What guides a province's first days in Riaya: the checklist of the admin's and the division's
// home page, ticked from the data the caller may read; the institution code proposed from its
// commune and category; the warning on an institution whose name is already in its commune.
import { all, get, list } from './api';
import { namesakeList } from './format';
import { t } from './i18n';
import { can, creatorsOf, mayRead } from './roles';
import type { Record, Role, User } from './types';

/** One step of the first run: whether the data shows it done, where it is done, and by which roles. */
export interface FirstRunStep {
  key: 'division_account' | 'associations' | 'institutions' | 'campaigns';
  done: boolean;
  /** Where it is done, or null where the caller has nothing to open (the division's own account). */
  href: string | null;
  /** The roles that do it, when the caller does not. */
  doneBy: Role[];
}

/** The roles whose home page shows the checklist: those who set a province up. */
export const sharesFirstRun = (user: User | null): boolean => user?.role === 'admin' || user?.role === 'division';

const count = async (path: string, params: { [name: string]: string } = {}) =>
  (await list(path, { ...params, page_size: 1 })).total;

/**
 * The steps of the first run for `user`, each ticked by a count the caller may read (a step whose
 * records it may not read is left out). The division's account is done when the caller is one.
 */
export async function firstRunSteps(user: User): Promise<FirstRunStep[]> {
  const step = async (
    key: FirstRunStep['key'],
    resource: 'users' | 'associations' | 'institutions' | 'campaigns',
    counted: () => Promise<number>,
    newHref: string,
  ): Promise<FirstRunStep> => {
    const mine = can(user, 'create', resource);
    return {
      key,
      done: (await counted()) > 0,
      href: mine ? newHref : `/${resource}`,
      doneBy: mine ? [] : creatorsOf(user, resource),
    };
  };
  const steps: Promise<FirstRunStep>[] = [];
  if (user.role === 'division')
    steps.push(Promise.resolve({ key: 'division_account', done: true, href: null, doneBy: [] }));
  else if (mayRead(user, 'users'))
    steps.push(
      step('division_account', 'users', () => count('/api/users', { role: 'division' }), '/users/new?role=division'),
    );
  for (const resource of ['associations', 'institutions', 'campaigns'] as const)
    if (mayRead(user, resource))
      steps.push(step(resource, resource, () => count(`/api/${resource}`), `/${resource}/new`));
  return Promise.all(steps);
}

/** The part of a category's code in an institution code: "dar_taliba" → "DAR-TALIBA". */
const categoryPart = (category: string) => category.toUpperCase().replace(/[^A-Z0-9]+/g, '-');

/**
 * The code proposed for a new institution of `category` in the commune coded `commune`: the
 * commune's code, the category's, and the next number after those `taken` with the same start
 * ("BOD-01-DAR-TALIB-01", then "-02"), at most 40 characters (the API's bound). The server still
 * refuses a code already used.
 */
export function suggestInstitutionCode(commune: string, category: string, taken: readonly string[]): string {
  const prefix = `${`${commune}-${categoryPart(category)}`.slice(0, 35).replace(/-+$/, '')}-`;
  let last = 0;
  for (const code of taken) {
    if (!code.toUpperCase().startsWith(prefix.toUpperCase())) continue;
    const n = Number(code.slice(prefix.length));
    if (Number.isInteger(n) && n > last) last = n;
  }
  return prefix + String(last + 1).padStart(2, '0');
}

/** The code proposed for the institution being typed (its commune and category chosen), or null. */
export async function institutionCodeFor(values: { [name: string]: string }): Promise<string | null> {
  if (!values.commune_id || !values.category) return null;
  const commune = await get<Record>(`/api/territories/${values.commune_id}`);
  const institutions = await all('/api/institutions', { territory_id: values.commune_id, archived: true });
  return suggestInstitutionCode(
    String(commune.code ?? ''),
    values.category,
    institutions.map((x) => String(x.code ?? '')),
  );
}

/**
 * The institutions of the same commune that the search finds for the Arabic name typed (the
 * server's normalised key: «دار الطالبة» and «دار الطالبه» alike), other than `self`.
 */
export async function namesakes(values: { [name: string]: string }, self?: number): Promise<Record[]> {
  const name = values.name_ar?.trim();
  if (!values.commune_id || !name) return [];
  const found = await all('/api/institutions', { territory_id: values.commune_id, q: name });
  return found.filter((x) => x.id !== self);
}

/** The warning on an institution name already found in its commune, or null. */
export async function namesakeWarning(values: { [name: string]: string }, self?: number): Promise<string | null> {
  const found = await namesakes(values, self);
  if (!found.length) return null;
  // A word joiner after each of the code's hyphens keeps it on one line ("DEMO-BOD-" / "001" at 360 px).
  const unbroken = (code: unknown) => String(code).replace(/-/g, '-\u2060');
  const names = namesakeList(found.map((x) => ({ name: String(x.name_ar), detail: unbroken(x.code) })));
  return t('institutions.namesake', { n: found.length, names });
}
