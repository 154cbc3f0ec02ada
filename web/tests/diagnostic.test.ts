import { afterEach, describe, expect, it } from 'vitest';
import { changeBadge, shortcomingStatusBody } from '../src/lib/assessments';
import { checkUpload, isImage, UPLOAD_MAX_BYTES } from '../src/lib/files';
import { canSee, menuFor } from '../src/lib/roles';
import { app } from '../src/lib/state.svelte';
import type { User } from '../src/lib/types';

afterEach(() => {
  app.lang = 'ar';
});

describe('shortcoming status change', () => {
  const rec = {
    id: 4,
    version: 7,
    institution_id: 2,
    domain_code: 'D5',
    criterion_code: null,
    source: 'inspection',
    description: 'تسرب',
    severity: 'high',
    status: 'open',
    raised_on: '2024-03-01',
    resolved_on: null,
    institution_name_ar: 'دار',
  };

  it('sends every editable field as read, with the version, and dates a resolution', () => {
    expect(shortcomingStatusBody(rec, 'resolved', '2024-05-02')).toEqual({
      version: 7,
      institution_id: 2,
      domain_code: 'D5',
      criterion_code: null,
      source: 'inspection',
      description: 'تسرب',
      severity: 'high',
      status: 'resolved',
      raised_on: '2024-03-01',
      resolved_on: '2024-05-02',
    });
  });

  it('keeps a resolution date when verified, and drops it when reopened', () => {
    expect(
      shortcomingStatusBody({ ...rec, status: 'resolved', resolved_on: '2024-04-01' }, 'verified', '2024-05-02')
        .resolved_on,
    ).toBe('2024-04-01');
    expect(
      shortcomingStatusBody({ ...rec, status: 'resolved', resolved_on: '2024-04-01' }, 'in_progress', '2024-05-02')
        .resolved_on,
    ).toBeNull();
  });
});

describe('who reaches grids and the register', () => {
  const user = (role: User['role']): User => ({
    id: 1,
    username: 'u',
    display_name: 'U',
    role,
    language: 'ar',
    must_change_password: false,
    scope: { kind: 'territory', id: 1, name_ar: 'بوجدور', name_fr: null },
  });

  it('shows grids to every role that may read them, not to the viewer', () => {
    for (const role of ['admin', 'division', 'delegation', 'assessor', 'association'] as const)
      expect(menuFor(user(role))).toContain('grids');
    expect(canSee(user('viewer'), 'grids')).toBe(false);
  });

  it('lets an association reach its assessments (self-assessments) but not campaigns', () => {
    expect(canSee(user('association'), 'my_assessments')).toBe(true);
    expect(canSee(user('association'), 'assessments')).toBe(true);
    expect(canSee(user('association'), 'campaigns')).toBe(false);
  });
});

describe('evidence files', () => {
  it('are checked for size and a known type before sending, an unknown type left to the server', () => {
    expect(checkUpload({ size: 1000, type: 'image/png' })).toBeNull();
    expect(checkUpload({ size: 1000, type: 'application/pdf' })).toBeNull();
    expect(checkUpload({ size: UPLOAD_MAX_BYTES, type: 'image/webp' })).toBeNull();
    expect(checkUpload({ size: UPLOAD_MAX_BYTES + 1, type: 'image/jpeg' })).toBe('too_large');
    expect(checkUpload({ size: 10, type: 'text/plain' })).toBe('unsupported');
    expect(checkUpload({ size: 10, type: '' })).toBeNull();
    expect(isImage('image/webp')).toBe(true);
    expect(isImage('application/pdf')).toBe(false);
  });
});

describe('changes between two campaigns', () => {
  it('say up or down by arrow and sign, not by colour alone, and nothing when a side is missing', () => {
    expect(changeBadge(18.4)).toEqual({ kind: 'ok', text: '▲ +18', direction: 'up' });
    expect(changeBadge(-12.6)).toEqual({ kind: 'danger', text: '▼ -13', direction: 'down' });
    expect(changeBadge(0.2)).toEqual({ kind: 'muted', text: '= 0', direction: 'same' });
    expect(changeBadge(null)).toBeNull();
    expect(changeBadge(undefined)).toBeNull();
  });
});
