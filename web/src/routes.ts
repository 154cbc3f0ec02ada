// The application's pages: a path pattern, the menu area it belongs to (which decides
// who may open it), and the page module, loaded on first use.
import type { Component } from 'svelte';
import type { Action, Area, Permitted } from './lib/roles';

export interface Route {
  pattern: string;
  area: Area | 'public' | 'account';
  /** A write page: the role must be allowed this action on this resource. */
  write?: [Action, Permitted];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page has its own props
  load: () => Promise<{ default: Component<any> }>;
  props?: { [name: string]: unknown };
}

const edit = () => import('./pages/EditRecord.svelte');

export const routes: Route[] = [
  { pattern: '/login', area: 'public', load: () => import('./pages/Login.svelte') },
  { pattern: '/', area: 'home', load: () => import('./pages/Home.svelte') },
  { pattern: '/password', area: 'account', load: () => import('./pages/ChangePassword.svelte') },
  { pattern: '/notices', area: 'notices', load: () => import('./pages/Notices.svelte') },

  // The imports from CSV and XLSX, each on the page of what it fills (lib/imports.ts, IMPORT_PAGES),
  // before the patterns ":id" that would take "import" for an id.
  ...(
    [
      ['/territories/import', 'territories', 'territories', 'communes'],
      ['/associations/import', 'associations', 'associations', 'associations'],
      ['/institutions/import', 'institutions', 'institutions', 'institutions'],
      ['/staff/import', 'staff', 'staff', 'staff'],
      ['/monthly_statistics/import', 'institutions', 'monthly_statistics', 'monthly_statistics'],
      ['/beneficiaries/import', 'beneficiaries', 'beneficiaries', 'beneficiaries'],
      ['/beneficiaries/results/import', 'beneficiaries', 'beneficiary_years', 'school_results'],
    ] as const
  ).map(([pattern, area, resource, kind]): Route => ({
    pattern,
    area,
    write: ['create', resource],
    load: () => import('./pages/Import.svelte'),
    props: { kind },
  })),
  { pattern: '/territories', area: 'territories', load: () => import('./pages/TerritoryList.svelte') },
  {
    pattern: '/territories/new',
    area: 'territories',
    write: ['create', 'territories'],
    load: edit,
    props: { resource: 'territories' },
  },
  { pattern: '/territories/:id', area: 'territories', load: () => import('./pages/TerritoryDetail.svelte') },
  {
    pattern: '/territories/:id/edit',
    area: 'territories',
    write: ['edit', 'territories'],
    load: edit,
    props: { resource: 'territories' },
  },

  { pattern: '/categories', area: 'categories', load: () => import('./pages/CategoryList.svelte') },
  {
    pattern: '/categories/new',
    area: 'categories',
    write: ['create', 'categories'],
    load: edit,
    props: { resource: 'categories' },
  },
  {
    pattern: '/categories/:id/edit',
    area: 'categories',
    write: ['edit', 'categories'],
    load: edit,
    props: { resource: 'categories' },
  },

  { pattern: '/associations', area: 'associations', load: () => import('./pages/AssociationList.svelte') },
  {
    pattern: '/associations/new',
    area: 'associations',
    write: ['create', 'associations'],
    load: edit,
    props: { resource: 'associations' },
  },
  { pattern: '/associations/:id', area: 'associations', load: () => import('./pages/AssociationDetail.svelte') },
  {
    pattern: '/associations/:id/edit',
    area: 'associations',
    write: ['edit', 'associations'],
    load: edit,
    props: { resource: 'associations' },
  },

  { pattern: '/documents', area: 'documents', load: () => import('./pages/DocumentList.svelte') },
  {
    pattern: '/documents/new',
    area: 'associations',
    write: ['create', 'documents'],
    load: edit,
    props: { resource: 'documents' },
  },
  {
    pattern: '/documents/:id/edit',
    area: 'associations',
    write: ['edit', 'documents'],
    load: edit,
    props: { resource: 'documents' },
  },
  {
    pattern: '/agreements/new',
    area: 'associations',
    write: ['create', 'agreements'],
    load: edit,
    props: { resource: 'agreements' },
  },
  {
    pattern: '/agreements/:id/edit',
    area: 'associations',
    write: ['edit', 'agreements'],
    load: edit,
    props: { resource: 'agreements' },
  },

  { pattern: '/institutions', area: 'institutions', load: () => import('./pages/InstitutionList.svelte') },
  {
    pattern: '/institutions/new',
    area: 'institutions',
    write: ['create', 'institutions'],
    load: edit,
    props: { resource: 'institutions' },
  },
  { pattern: '/institutions/:id', area: 'institutions', load: () => import('./pages/InstitutionDetail.svelte') },
  {
    pattern: '/institutions/:id/edit',
    area: 'institutions',
    write: ['edit', 'institutions'],
    load: edit,
    props: { resource: 'institutions' },
  },

  { pattern: '/staff', area: 'staff', load: () => import('./pages/StaffList.svelte') },
  { pattern: '/staff/new', area: 'staff', write: ['create', 'staff'], load: edit, props: { resource: 'staff' } },
  { pattern: '/staff/:id', area: 'staff', load: () => import('./pages/StaffDetail.svelte') },
  { pattern: '/staff/:id/edit', area: 'staff', write: ['edit', 'staff'], load: edit, props: { resource: 'staff' } },

  { pattern: '/campaigns', area: 'campaigns', load: () => import('./pages/CampaignList.svelte') },
  {
    pattern: '/campaigns/new',
    area: 'campaigns',
    write: ['create', 'campaigns'],
    load: edit,
    props: { resource: 'campaigns' },
  },
  { pattern: '/campaigns/compare', area: 'campaigns', load: () => import('./pages/CampaignCompare.svelte') },
  { pattern: '/campaigns/:id', area: 'campaigns', load: () => import('./pages/CampaignDetail.svelte') },
  {
    pattern: '/campaigns/:id/edit',
    area: 'campaigns',
    write: ['edit', 'campaigns'],
    load: edit,
    props: { resource: 'campaigns' },
  },
  { pattern: '/my_assessments', area: 'my_assessments', load: () => import('./pages/MyAssessments.svelte') },
  { pattern: '/assessments/:id', area: 'assessments', load: () => import('./pages/Assessment.svelte') },
  { pattern: '/shortcomings', area: 'shortcomings', load: () => import('./pages/ShortcomingList.svelte') },
  {
    pattern: '/shortcomings/new',
    area: 'shortcomings',
    write: ['create', 'shortcomings'],
    load: edit,
    props: { resource: 'shortcomings' },
  },

  { pattern: '/programmes', area: 'programmes', load: () => import('./pages/ProgrammeList.svelte') },
  {
    pattern: '/programmes/new',
    area: 'programmes',
    write: ['create', 'programmes'],
    load: edit,
    props: { resource: 'programmes' },
  },
  { pattern: '/programmes/:id', area: 'programmes', load: () => import('./pages/ProgrammeDetail.svelte') },
  {
    pattern: '/programmes/:id/edit',
    area: 'programmes',
    write: ['edit', 'programmes'],
    load: edit,
    props: { resource: 'programmes' },
  },
  { pattern: '/actions', area: 'actions', load: () => import('./pages/ActionList.svelte') },
  {
    pattern: '/actions/new',
    area: 'actions',
    write: ['create', 'actions'],
    load: edit,
    props: { resource: 'actions' },
  },
  { pattern: '/actions/:id', area: 'actions', load: () => import('./pages/ActionDetail.svelte') },
  {
    pattern: '/actions/:id/edit',
    area: 'actions',
    write: ['edit', 'actions'],
    load: edit,
    props: { resource: 'actions' },
  },
  {
    pattern: '/funding_lines/:id/edit',
    area: 'actions',
    write: ['edit', 'funding_lines'],
    load: edit,
    props: { resource: 'funding_lines' },
  },
  { pattern: '/grants', area: 'grants', load: () => import('./pages/GrantList.svelte') },
  { pattern: '/grants/new', area: 'grants', write: ['create', 'grants'], load: edit, props: { resource: 'grants' } },
  { pattern: '/grants/:id', area: 'grants', load: () => import('./pages/GrantDetail.svelte') },
  { pattern: '/grants/:id/edit', area: 'grants', write: ['edit', 'grants'], load: edit, props: { resource: 'grants' } },
  { pattern: '/meetings', area: 'meetings', load: () => import('./pages/MeetingList.svelte') },
  {
    pattern: '/meetings/new',
    area: 'meetings',
    write: ['create', 'meetings'],
    load: edit,
    props: { resource: 'meetings' },
  },
  { pattern: '/meetings/:id', area: 'meetings', load: () => import('./pages/MeetingDetail.svelte') },
  {
    pattern: '/meetings/:id/edit',
    area: 'meetings',
    write: ['edit', 'meetings'],
    load: edit,
    props: { resource: 'meetings' },
  },
  {
    pattern: '/participants/:id/edit',
    area: 'meetings',
    write: ['edit', 'participants'],
    load: edit,
    props: { resource: 'participants' },
  },
  {
    pattern: '/recommendations/:id/edit',
    area: 'meetings',
    write: ['edit', 'recommendations'],
    load: edit,
    props: { resource: 'recommendations' },
  },

  { pattern: '/grids', area: 'grids', load: () => import('./pages/GridList.svelte') },
  {
    pattern: '/grids/import',
    area: 'grids',
    write: ['create', 'grids'],
    load: () => import('./pages/GridImport.svelte'),
  },
  { pattern: '/grids/:id', area: 'grids', load: () => import('./pages/GridDetail.svelte') },
  {
    pattern: '/grids/:id/edit',
    area: 'grids',
    write: ['edit', 'grids'],
    load: () => import('./pages/GridEditor.svelte'),
  },

  { pattern: '/equipment_items', area: 'equipment_items', load: () => import('./pages/EquipmentItemList.svelte') },
  {
    pattern: '/equipment_items/new',
    area: 'equipment_items',
    write: ['create', 'equipment_items'],
    load: edit,
    props: { resource: 'equipment_items' },
  },
  {
    pattern: '/equipment_items/:id/edit',
    area: 'equipment_items',
    write: ['edit', 'equipment_items'],
    load: edit,
    props: { resource: 'equipment_items' },
  },
  {
    pattern: '/institutions/:id/statistics',
    area: 'institutions',
    load: () => import('./pages/InstitutionStatistics.svelte'),
  },
  {
    pattern: '/institutions/:id/equipment',
    area: 'equipment',
    load: () => import('./pages/InstitutionEquipment.svelte'),
  },
  {
    pattern: '/equipment_inventory/new',
    area: 'equipment',
    write: ['create', 'equipment_inventory'],
    load: edit,
    props: { resource: 'equipment_inventory' },
  },
  {
    pattern: '/equipment_inventory/:id/edit',
    area: 'equipment',
    write: ['edit', 'equipment_inventory'],
    load: edit,
    props: { resource: 'equipment_inventory' },
  },
  { pattern: '/equipment_needs', area: 'equipment', load: () => import('./pages/NeedList.svelte') },
  {
    pattern: '/equipment_needs/new',
    area: 'equipment',
    write: ['create', 'equipment_needs'],
    load: edit,
    props: { resource: 'equipment_needs' },
  },
  {
    pattern: '/equipment_needs/:id/edit',
    area: 'equipment',
    write: ['edit', 'equipment_needs'],
    load: edit,
    props: { resource: 'equipment_needs' },
  },
  { pattern: '/needs', area: 'needs', load: () => import('./pages/ConsolidatedNeeds.svelte') },

  // Services and parallel activities (issue 16, S10).
  { pattern: '/service_items', area: 'service_items', load: () => import('./pages/ServiceItemList.svelte') },
  {
    pattern: '/service_items/new',
    area: 'service_items',
    write: ['create', 'service_items'],
    load: edit,
    props: { resource: 'service_items' },
  },
  {
    pattern: '/service_items/:id/edit',
    area: 'service_items',
    write: ['edit', 'service_items'],
    load: edit,
    props: { resource: 'service_items' },
  },
  {
    pattern: '/institution_services/new',
    area: 'institutions',
    write: ['create', 'institution_services'],
    load: edit,
    props: { resource: 'institution_services' },
  },
  {
    pattern: '/institution_services/:id/edit',
    area: 'institutions',
    write: ['edit', 'institution_services'],
    load: edit,
    props: { resource: 'institution_services' },
  },
  // The individual register (issue 16): named records, for the roles that may read them.
  { pattern: '/beneficiaries', area: 'beneficiaries', load: () => import('./pages/BeneficiaryList.svelte') },
  {
    pattern: '/beneficiaries/new',
    area: 'beneficiaries',
    write: ['create', 'beneficiaries'],
    load: edit,
    props: { resource: 'beneficiaries' },
  },
  { pattern: '/beneficiaries/:id', area: 'beneficiaries', load: () => import('./pages/BeneficiaryDetail.svelte') },
  {
    pattern: '/beneficiaries/:id/edit',
    area: 'beneficiaries',
    write: ['edit', 'beneficiaries'],
    load: edit,
    props: { resource: 'beneficiaries' },
  },
  { pattern: '/activities', area: 'activities', load: () => import('./pages/ActivityList.svelte') },
  {
    pattern: '/activities/new',
    area: 'activities',
    write: ['create', 'activities'],
    load: edit,
    props: { resource: 'activities' },
  },
  {
    pattern: '/activities/:id/edit',
    area: 'activities',
    write: ['edit', 'activities'],
    load: edit,
    props: { resource: 'activities' },
  },

  { pattern: '/trainings', area: 'trainings', load: () => import('./pages/TrainingList.svelte') },
  {
    pattern: '/trainings/new',
    area: 'trainings',
    write: ['create', 'trainings'],
    load: edit,
    props: { resource: 'trainings' },
  },
  { pattern: '/trainings/:id', area: 'trainings', load: () => import('./pages/TrainingDetail.svelte') },
  {
    pattern: '/trainings/:id/edit',
    area: 'trainings',
    write: ['edit', 'trainings'],
    load: edit,
    props: { resource: 'trainings' },
  },

  { pattern: '/users', area: 'users', load: () => import('./pages/UserList.svelte') },
  { pattern: '/users/new', area: 'users', write: ['create', 'users'], load: edit, props: { resource: 'users' } },
  { pattern: '/users/:id', area: 'users', load: () => import('./pages/UserDetail.svelte') },
  { pattern: '/users/:id/edit', area: 'users', write: ['edit', 'users'], load: edit, props: { resource: 'users' } },

  { pattern: '/tokens', area: 'tokens', load: () => import('./pages/Tokens.svelte') },
  { pattern: '/audit', area: 'audit', load: () => import('./pages/Audit.svelte') },
  { pattern: '/dhis2', area: 'dhis2', load: () => import('./pages/Dhis2.svelte') },
];
