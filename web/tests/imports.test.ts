import { describe, expect, it } from 'vitest';
import { IMPORT_PAGES, importLink, type ImportKind } from '../src/lib/imports';
import { match } from '../src/lib/router';
import { routes } from '../src/routes';

describe('import pages', () => {
  it('each kind has its page, reached before any ":id" pattern, for the roles that may create what it fills', () => {
    for (const [kind, page] of Object.entries(IMPORT_PAGES)) {
      const first = routes.find((route) => match(route.pattern, page.path));
      expect(first?.pattern, kind).toBe(page.path);
      expect(first?.props, kind).toEqual({ kind });
      expect(first?.write, kind).toEqual(['create', page.resource]);
    }
  });

  it('links to a kind with its institution or province chosen, and to the others without one', () => {
    expect(importLink('staff', 4)).toBe('/staff/import?institution_id=4');
    expect(importLink('school_results', '2')).toBe('/beneficiaries/results/import?institution_id=2');
    expect(importLink('communes', 3)).toBe('/territories/import?province_id=3');
    expect(importLink('institutions', 3)).toBe('/institutions/import');
    expect(importLink('staff', null)).toBe('/staff/import');
    const kinds: ImportKind[] = ['monthly_statistics'];
    expect(IMPORT_PAGES[kinds[0]].landing('7')).toBe('/institutions/7/statistics');
  });
});
