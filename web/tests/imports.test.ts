import { describe, expect, it } from 'vitest';
import { IMPORT_PAGES, importBack, importLink, type ImportKind } from '../src/lib/imports';
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
    expect(importLink('staff', 4, '/staff')).toBe('/staff/import?institution_id=4');
    expect(importLink('school_results', '2', '/beneficiaries')).toBe('/beneficiaries/results/import?institution_id=2');
    expect(importLink('communes', 3, '/territories')).toBe('/territories/import?province_id=3');
    expect(importLink('institutions', 3, '/institutions')).toBe('/institutions/import');
    expect(importLink('staff', null, '/staff')).toBe('/staff/import');
    const kinds: ImportKind[] = ['monthly_statistics'];
    expect(IMPORT_PAGES[kinds[0]].landing('7')).toBe('/institutions/7/statistics');
  });

  it('goes back to the page it was opened from, else to the kind’s list, never to another site', () => {
    const link = importLink('monthly_statistics', 7, '/institutions/7/statistics');
    expect(link).toBe('/monthly_statistics/import?institution_id=7&from=%2Finstitutions%2F7%2Fstatistics');
    const search = link.slice(link.indexOf('?'));
    expect(importBack('monthly_statistics', search)).toEqual({
      href: '/institutions/7/statistics',
      label: 'common.back',
    });
    expect(importBack('staff', '?institution_id=4&from=%2Finstitutions%2F4')).toEqual({
      href: '/institutions/4',
      label: 'common.back',
    });
    // The list filtered, as the staff list with its institution: that list's name.
    expect(importBack('staff', `?from=${encodeURIComponent('/staff?institution_id=4')}`)).toEqual({
      href: '/staff?institution_id=4',
      label: 'staff.title',
    });
    const kinds: ImportKind[] = [
      'beneficiaries',
      'school_results',
      'staff',
      'monthly_statistics',
      'communes',
      'associations',
      'institutions',
    ];
    expect([...kinds].sort()).toEqual(Object.keys(IMPORT_PAGES).sort());
    for (const kind of kinds) {
      const page = IMPORT_PAGES[kind];
      expect(importBack(kind, ''), kind).toEqual({ href: page.list, label: page.listTitle });
      for (const away of [
        '//evil.example/x',
        'https://evil.example/',
        'javascript:alert(1)',
        '/\\evil.example',
        '/api/session',
      ])
        expect(importBack(kind, `?from=${encodeURIComponent(away)}`), `${kind} ${away}`).toEqual({
          href: page.list,
          label: page.listTitle,
        });
    }
  });
});
