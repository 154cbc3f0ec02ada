import { describe, expect, it } from 'vitest';
import { match } from '../src/lib/router';
import { withQuery } from '../src/lib/api';
import { checkField, RESOURCES, toBody, toFormValues } from '../src/lib/resources';
import { can, canSee, mayFollowUp, menuFor } from '../src/lib/roles';
import type { User } from '../src/lib/types';

describe('router', () => {
  it('matches patterns and decodes parameters', () => {
    expect(match('/institutions/:id/edit', '/institutions/12/edit')).toEqual({ id: '12' });
    expect(match('/institutions/:id', '/institutions/12/edit')).toBeNull();
    expect(match('/', '/')).toEqual({});
    expect(match('/institutions/new', '/institutions/12')).toBeNull();
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/institutions', { q: 'امل', page: 2, category: '', status: null })).toBe(
      `/api/institutions?q=${encodeURIComponent('امل')}&page=2`,
    );
    expect(withQuery('/api/x', {})).toBe('/api/x');
  });
});

describe('forms', () => {
  const fields = RESOURCES.institutions.fields;
  it('turns a record into strings and back into typed JSON', () => {
    const values = toFormValues(fields, {
      code: 'DT-1',
      name_ar: 'دار',
      capacity: 40,
      association_id: 3,
      latitude: 26.1,
      name_fr: null,
    });
    expect(values.capacity).toBe('40');
    expect(values.name_fr).toBe('');
    const body = toBody(fields, values, 'edit');
    expect(body.capacity).toBe(40);
    expect(body.association_id).toBe(3);
    expect(body.latitude).toBe(26.1);
    expect(body.name_fr).toBeNull();
    expect(body.code).toBe('DT-1');
  });

  it('checks required, numbers and ranges before sending', () => {
    const f = (name: string) => fields.find((x) => x.name === name)!;
    expect(checkField(f('name_ar'), { name_ar: '  ' })?.key).toBe('errors.required');
    expect(checkField(f('capacity'), { capacity: '12a' })?.key).toBe('errors.integer');
    expect(checkField(f('capacity'), { capacity: '-1' })?.key).toBe('errors.min');
    expect(checkField(f('latitude'), { latitude: '95' })?.key).toBe('errors.max');
    expect(checkField(f('latitude'), { latitude: '26,13' })).toBeNull();
    expect(checkField(f('name_fr'), { name_fr: '' })).toBeNull();
  });

  it('sends only the scope field that matches the role of a user', () => {
    const ufields = RESOURCES.users.fields;
    const body = toBody(
      ufields,
      {
        username: 'a',
        display_name: 'A',
        role: 'association',
        scope_association_id: '4',
        scope_territory_id: '2',
        language: 'ar',
      },
      'create',
    );
    expect(body.scope_association_id).toBe(4);
    expect(body).not.toHaveProperty('scope_territory_id');
    const values = toFormValues(ufields, { username: 'a', scope: { kind: 'territory', id: 7 } });
    expect(values.scope_territory_id).toBe('7');
  });
});

describe('roles', () => {
  const user = (role: User['role']): User => ({
    id: 1,
    username: 'u',
    display_name: 'U',
    role,
    language: 'ar',
    must_change_password: false,
    scope: { kind: 'territory', id: 1, name_ar: 'بوجدور', name_fr: null },
  });
  it('gives each role its menu', () => {
    expect(menuFor(user('viewer'))).toEqual([
      'home',
      'institutions',
      'associations',
      'needs',
      'programmes',
      'activities',
      'dhis2',
    ]);
    expect(menuFor(user('association'))).not.toContain('associations');
    // DHIS2 export: for the roles that read a territory's figures, not an association or an assessor.
    for (const role of ['admin', 'division', 'delegation', 'viewer'] as const)
      expect(menuFor(user(role))).toContain('dhis2');
    for (const role of ['association', 'assessor'] as const) expect(menuFor(user(role))).not.toContain('dhis2');
    expect(menuFor(user('association'))).toContain('my_association');
    expect(menuFor(user('admin'))).toContain('users');
    expect(menuFor(user('division'))).not.toContain('users');
  });
  it("offers only the writes the session's permissions allow (the server's access table)", () => {
    const association: User = {
      ...user('association'),
      permissions: {
        institutions: ['read', 'update'],
        staff: ['read', 'create', 'update', 'archive'],
        followups: ['read', 'create'],
      },
    };
    expect(can(association, 'edit', 'institutions')).toBe(true);
    expect(can(association, 'create', 'institutions')).toBe(false);
    expect(can(association, 'archive', 'institutions')).toBe(false);
    expect(can(association, 'archive', 'staff')).toBe(true);
    expect(can(association, 'create', 'trainings')).toBe(false);
    expect(mayFollowUp(association)).toBe(true);
    // Without permissions (no session answer yet), no write button.
    expect(can(user('division'), 'create', 'institutions')).toBe(false);
    expect(mayFollowUp(user('division'))).toBe(false);
    expect(can(null, 'edit', 'staff')).toBe(false);
    expect(mayFollowUp(null)).toBe(false);
  });
  it('keeps equipment lines and trainings from the viewer, who reads the consolidated needs only', () => {
    expect(canSee(user('viewer'), 'needs')).toBe(true);
    expect(canSee(user('viewer'), 'equipment')).toBe(false);
    expect(canSee(user('viewer'), 'trainings')).toBe(false);
    expect(canSee(user('association'), 'equipment')).toBe(true);
    expect(canSee(user('assessor'), 'equipment')).toBe(true);
  });
});

describe('the unit cost of a need', () => {
  // A money field like the programme's (parseMoney, moneyInputText: tests/programme.test.ts).
  const cost = RESOURCES.equipment_needs.fields.find((f) => f.name === 'unit_cost_centimes')!;
  it('is typed in MAD and sent as integer centimes, exactly', () => {
    expect(cost.type).toBe('money');
    expect(toBody([cost], { unit_cost_centimes: '899,99' }, 'create')).toEqual({ unit_cost_centimes: 89999 });
    expect(toBody([cost], { unit_cost_centimes: '1\u202f250,5' }, 'create')).toEqual({ unit_cost_centimes: 125050 });
    expect(toFormValues([cost], { unit_cost_centimes: 125050 })).toEqual({ unit_cost_centimes: '1250,50' });
  });
  it('is checked before sending', () => {
    expect(checkField(cost, { unit_cost_centimes: '12,345' })).toBeNull(); // 12 345 MAD: grouped thousands
    expect(checkField(cost, { unit_cost_centimes: '10,5555' })?.key).toBe('errors.money_decimals');
    expect(checkField(cost, { unit_cost_centimes: '2000000000' })?.key).toBe('errors.money_too_large');
    expect(checkField(cost, { unit_cost_centimes: '' })?.key).toBe('errors.required');
    expect(checkField(cost, { unit_cost_centimes: '0' })).toBeNull();
    const quantity = RESOURCES.equipment_needs.fields.find((f) => f.name === 'quantity')!;
    expect(checkField(quantity, { quantity: '0' })?.key).toBe('errors.above');
    expect(checkField(quantity, { quantity: '1' })).toBeNull();
    const hours = RESOURCES.trainings.fields.find((f) => f.name === 'hours')!;
    expect(checkField(hours, { hours: '0' })?.key).toBe('errors.above');
    expect(checkField(hours, { hours: '2,5' })).toBeNull();
  });
});
