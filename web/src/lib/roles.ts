// What each role sees in the menu and which write buttons it gets: the buttons follow the
// permissions the session answers (GET /api/session, from the server's one access table); the
// server enforces them (and the scope); this only keeps the screen free of what a user may not do.
import type { Permission, Role, User } from './types';

export type Area =
  | 'home'
  | 'territories'
  | 'categories'
  | 'associations'
  | 'my_association'
  | 'institutions'
  | 'staff'
  | 'documents'
  | 'users'
  | 'tokens'
  | 'audit'
  | 'campaigns'
  | 'my_assessments'
  | 'shortcomings'
  | 'grids'
  | 'programmes'
  | 'actions'
  | 'my_actions'
  | 'grants'
  | 'meetings'
  | 'equipment_items'
  | 'needs'
  | 'trainings'
  | 'activities'
  | 'service_items'
  /** The individual register: named records of children, for the roles that may read them. */
  | 'beneficiaries'
  /** An assessment page: opened from a campaign, "my assessments" or the register. */
  | 'assessments'
  /** Lines of inventory and needs: opened from an institution or the consolidated needs. */
  | 'equipment'
  /** The user's own notices: opened from the header's bell, by everyone. */
  | 'notices'
  /** DHIS2: the mapping (the admin's) and the export of a territory's figures. */
  | 'dhis2';

export type Resource =
  | 'territories'
  | 'categories'
  | 'associations'
  | 'documents'
  | 'agreements'
  | 'institutions'
  | 'staff'
  | 'users'
  | 'campaigns'
  | 'grids'
  | 'shortcomings'
  | 'programmes'
  | 'actions'
  | 'grants'
  | 'funding_lines'
  | 'meetings'
  | 'participants'
  | 'recommendations'
  | 'equipment_items'
  | 'equipment_inventory'
  | 'equipment_needs'
  | 'trainings'
  | 'service_items'
  | 'institution_services'
  | 'activities'
  | 'beneficiaries'
  | 'beneficiary_years';

export type Action = 'create' | 'edit' | 'archive';

// 'grids' for exactly the roles that may read grids (src/domain/access.cpp); an association's
// 'my_assessments' holds its self-assessments and its validated official ones, its 'my_actions'
// the actions of its institutions. Programmes, actions, grants and meetings likewise follow
// who may read them: a viewer reads programmes (their totals) but no action.
const MENUS: { [R in Role]: Area[] } = {
  admin: [
    'home',
    'territories',
    'categories',
    'equipment_items',
    'service_items',
    'associations',
    'institutions',
    'campaigns',
    'grids',
    'programmes',
    'users',
    'tokens',
    'audit',
    'dhis2',
  ],
  division: [
    'home',
    'territories',
    'associations',
    'institutions',
    'beneficiaries',
    'staff',
    'trainings',
    'documents',
    'campaigns',
    'grids',
    'shortcomings',
    'programmes',
    'actions',
    'grants',
    'meetings',
    'needs',
    'activities',
    'equipment_items',
    'service_items',
    'tokens',
    'audit',
    'dhis2',
  ],
  delegation: [
    'home',
    'territories',
    'associations',
    'institutions',
    'beneficiaries',
    'staff',
    'trainings',
    'documents',
    'campaigns',
    'grids',
    'shortcomings',
    'programmes',
    'actions',
    'grants',
    'meetings',
    'needs',
    'activities',
    'equipment_items',
    'service_items',
    'audit',
    'dhis2',
  ],
  assessor: [
    'home',
    'campaigns',
    'my_assessments',
    'shortcomings',
    'programmes',
    'actions',
    'meetings',
    'grids',
    'institutions',
    'associations',
    'trainings',
    'needs',
    'activities',
  ],
  association: [
    'home',
    'my_association',
    'institutions',
    'beneficiaries',
    'staff',
    'trainings',
    'documents',
    'my_assessments',
    'shortcomings',
    'my_actions',
    'grants',
    'needs',
    'activities',
    'grids',
  ],
  viewer: ['home', 'institutions', 'associations', 'needs', 'programmes', 'activities', 'dhis2'],
};

// What a write button needs of the session's permissions (GET /api/session: the server's access table).
const NEEDS: { [A in Action]: Permission } = { create: 'create', edit: 'update', archive: 'archive' };

/** The menu entries of `user`, in order. */
export function menuFor(user: User): Area[] {
  return MENUS[user.role] ?? ['home'];
}

/** Whether `user` may open pages of `area` (the menu, plus the association's own records). */
export function canSee(user: User, area: Area): boolean {
  const menu = menuFor(user);
  if (menu.includes(area) || area === 'notices') return true;
  // Assessments open from campaigns, "my assessments" or the shortcomings register.
  if (area === 'assessments')
    return menu.some((a) => a === 'campaigns' || a === 'my_assessments' || a === 'shortcomings');
  // Lines of inventory and needs name institutions one by one: not for a viewer (sums only).
  if (area === 'equipment') return seesEquipment(user);
  // An association user reaches its association's pages through "my association", its
  // actions through "my actions".
  if (area === 'actions') return menu.includes('my_actions');
  return area === 'associations' && menu.includes('my_association');
}

/**
 * Whether `user` may read `resource` (a key of the session's permissions, e.g. 'assessments',
 * 'funding_lines', 'trained_staff'): a page draws a panel only when its role may read what it lists.
 */
export function mayRead(user: User | null, resource: string): boolean {
  return user?.permissions?.[resource]?.includes('read') ?? false;
}

/** A key of the session's permissions: a resource with its own form, or one written elsewhere (a month's statistics). */
export type Permitted = Resource | 'monthly_statistics';

/** Whether `user` gets the button for `action` on `resource`: whether the session's permissions allow it. */
export function can(user: User | null, action: Action, resource: Permitted): boolean {
  return user?.permissions?.[resource]?.includes(NEEDS[action]) ?? false;
}

/** The roles that may create records of `resource`, as the session says (empty when unknown). */
export function creatorsOf(user: User | null, resource: string): Role[] {
  return user?.creators?.[resource] ?? [];
}

/** Whether `user` may see staff lists (those with a staff menu entry). */
export function seesStaff(user: User | null): boolean {
  return !!user && menuFor(user).includes('staff');
}

export const ROLES: Role[] = ['admin', 'division', 'delegation', 'assessor', 'association', 'viewer'];

/** Whether `user` may read institutions' inventories and needs line by line (the roles with staff). */
export function seesEquipment(user: User | null): boolean {
  return seesStaff(user) || user?.role === 'assessor';
}

/** Whether `user` may read trainings and their participants. */
export function seesTrainings(user: User | null): boolean {
  return !!user && menuFor(user).includes('trainings');
}

/** Whether `user` may read associations' legal documents and agreements (all but viewer). */
export function seesDocuments(user: User | null): boolean {
  return !!user && user.role !== 'viewer';
}

/** Whether `user` may read actions (not the admin nor the viewer, who see programmes' totals only). */
export function seesActions(user: User | null): boolean {
  return !!user && canSee(user, 'actions');
}

/**
 * Whether `user` may fill (answer, attach evidence to, submit) an assessment of `kind`: an official one
 * its assessors, delegation or division; a self-assessment its association (the session's
 * official_assessments and self_assessments). Which assessments, the server's scope says.
 */
export function mayFill(user: User | null, kind: string): boolean {
  const resource = kind === 'self' ? 'self_assessments' : 'official_assessments';
  return user?.permissions?.[resource]?.includes('update') ?? false;
}

/**
 * Whether `user` may add entries to an action's follow-up log and attach its completion evidence:
 * the division, and an association on its own actions.
 */
export function mayFollowUp(user: User | null): boolean {
  return user?.permissions?.followups?.includes('create') ?? false;
}
