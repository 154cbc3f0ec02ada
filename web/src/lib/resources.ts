// The editable fields of each resource (docs/API.md "Registry" and "Administration"),
// as the generic form renders them. Labels are message keys; option lists of
// enumerated values are translated through tEnum(kind, value).
import { all, get } from './api';
import { formatMoney, isoDate, localName, MAX_CENTIMES, moneyInputText, parseMoney } from './format';
import { LEGAL_STATUSES } from './grids';
import { t, tEnum } from './i18n';
import { grantLeft, grantSource } from './programme';
import type { Resource } from './roles';
import type { Record } from './types';

/** 'money': typed in MAD (up to two decimals), held and sent as integer centimes. */
export type FieldType = 'text' | 'textarea' | 'date' | 'integer' | 'decimal' | 'money' | 'email' | 'tel' | 'enum' | 'ref' | 'password';

export interface Option {
  value: string;
  label: string;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  maxlength?: number;
  /** enum: the values, labelled by tEnum(enumKind, value). */
  values?: readonly string[];
  enumKind?: string;
  /** ref: loads the choices (ids as strings, or codes for categories). */
  options?: () => Promise<Option[]>;
  /** ref: whether the value is a numeric id (sent as a number). */
  numeric?: boolean;
  /** Shown only when this answers true for the values being edited. */
  visible?: (values: { [name: string]: string }) => boolean;
  /** A latin-only field (code, email, phone): shown left-to-right. */
  ltr?: boolean;
  /** Not sent on update (e.g. username cannot change). */
  createOnly?: boolean;
  /** integer, decimal: the bounds, with aboveMin `min` itself refused; money: the bounds in centimes. */
  min?: number;
  max?: number;
  aboveMin?: boolean;
  /** The value a new record starts with. */
  defaultValue?: string;
  /** enum, ref: the message key of the empty choice of an optional field (default "none"). */
  emptyLabel?: string;
  /** textarea: its height in lines (default 3). */
  rows?: number;
  /** A check involving other fields, made before the others (even on an empty value). */
  check?: (values: { [name: string]: string }) => { key: string; params?: { [k: string]: string | number } } | null;
}

export const TERRITORY_LEVELS = ['country', 'region', 'province', 'commune'] as const;
export const DOCUMENT_KINDS = ['statutes', 'receipt', 'general_assembly_minutes', 'other'] as const;
export const PARTNERS = ['entraide_nationale', 'indh', 'commune', 'province', 'other'] as const;
export const AUTHORISATION_STATUSES = ['granted', 'pending', 'expired', 'none'] as const;
export const INSTITUTION_STATUSES = ['active', 'suspended', 'closed'] as const;
export const CONTRACT_TYPES = ['permanent', 'fixed_term', 'volunteer', 'secondment', 'other'] as const;
export const SEXES = ['f', 'm'] as const;
export const ROLE_VALUES = ['admin', 'division', 'delegation', 'assessor', 'association', 'viewer'] as const;
export const LANGUAGE_VALUES = ['ar', 'fr', 'en'] as const;
export const CAMPAIGN_STATUSES = ['planned', 'ongoing', 'closed'] as const;
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'validated'] as const;
export const ASSESSMENT_KINDS = ['official', 'self'] as const;
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const SHORTCOMING_STATUSES = ['open', 'in_progress', 'resolved', 'verified'] as const;
export const SHORTCOMING_SOURCES = ['assessment', 'meeting', 'inspection', 'manual'] as const;
/** The sources of a shortcoming recorded by hand: "assessment" is the validation's own. */
export const MANUAL_SOURCES = ['meeting', 'inspection', 'manual'] as const;
export const DOMAIN_CODES = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9'] as const;
export const PROGRAMME_STATUSES = ['draft', 'active', 'closed'] as const;
export const ACTION_CATEGORIES = ['legal', 'management', 'works', 'equipment', 'training', 'activities'] as const;
export const ACTION_STATUSES = ['planned', 'ongoing', 'done', 'cancelled'] as const;
export const GRANT_SOURCES = ['indh', 'entraide_nationale', 'province', 'regional_council', 'provincial_council', 'commune', 'donor'] as const;
export const GRANT_PURPOSES = ['operation', 'construction', 'expansion', 'equipment', 'training', 'activities'] as const;
export const MEETING_KINDS = ['communication', 'coordination', 'follow_up', 'other'] as const;
export const EQUIPMENT_CATEGORIES = ['bedding', 'kitchen', 'furniture', 'computing', 'school_supplies', 'sanitary', 'sports_leisure', 'other'] as const;
export const EQUIPMENT_UNITS = ['piece', 'set', 'pair', 'box', 'ream', 'kg', 'litre', 'metre'] as const;
export const EQUIPMENT_CONDITIONS = ['good', 'worn', 'broken'] as const;
export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export const NEED_STATUSES = ['open', 'planned', 'met'] as const;
export const TRAINING_DOMAINS = ['legal', 'administrative', 'financial', 'educational', 'health_safety', 'child_protection', 'management', 'other'] as const;
/** The API's bound of an equipment line's quantity (docs/API.md); its cost is bounded by MAX_CENTIMES. */
export const MAX_QUANTITY = 1_000_000;

/** The enumerations whose every value must have a label in each language. */
export const ENUMS: { [kind: string]: readonly string[] } = {
  level: TERRITORY_LEVELS,
  document_kind: DOCUMENT_KINDS,
  partner: PARTNERS,
  authorisation_status: AUTHORISATION_STATUSES,
  institution_status: INSTITUTION_STATUSES,
  contract_type: CONTRACT_TYPES,
  sex: SEXES,
  role: ROLE_VALUES,
  language: LANGUAGE_VALUES,
  campaign_status: CAMPAIGN_STATUSES,
  assessment_status: ASSESSMENT_STATUSES,
  assessment_kind: ASSESSMENT_KINDS,
  severity: SEVERITIES,
  shortcoming_status: SHORTCOMING_STATUSES,
  shortcoming_source: SHORTCOMING_SOURCES,
  domain: DOMAIN_CODES,
  legal: LEGAL_STATUSES,
  programme_status: PROGRAMME_STATUSES,
  action_category: ACTION_CATEGORIES,
  action_status: ACTION_STATUSES,
  grant_source: GRANT_SOURCES,
  grant_purpose: GRANT_PURPOSES,
  meeting_kind: MEETING_KINDS,
  equipment_category: EQUIPMENT_CATEGORIES,
  equipment_unit: EQUIPMENT_UNITS,
  equipment_condition: EQUIPMENT_CONDITIONS,
  need_priority: NEED_PRIORITIES,
  need_status: NEED_STATUSES,
  training_domain: TRAINING_DOMAINS,
};

/** The options of an enumeration, labelled in the current language. */
export const enumOptions = (kind: string, values: readonly string[]): Option[] => values.map((v) => ({ value: v, label: tEnum(kind, v) }));

function named(items: Record[], extra?: (r: Record) => string): Option[] {
  return items.map((r) => ({ value: String(r.id), label: localName(r) + (extra ? extra(r) : '') }));
}

export const loadTerritories = async (level?: string) =>
  named(await all('/api/territories', { level, sort: 'code' }), (r) => ` (${r.code})`);
export const loadCommunes = () => loadTerritories('commune');
export const loadAssociations = async () => named(await all('/api/associations', { sort: 'name_ar' }));
export const loadInstitutions = async () => named(await all('/api/institutions', { sort: 'name_ar' }));
export const loadCategories = async (): Promise<Option[]> =>
  (await all('/api/categories')).map((c) => ({ value: String(c.code), label: localName(c) }));

export const loadProvinces = () => loadTerritories('province');
export const loadProgrammes = async () => named(await all('/api/programmes', { sort: 'starts_on', order: 'desc' }));
export const loadMeetings = async (): Promise<Option[]> =>
  (await all('/api/meetings', { sort: 'held_on', order: 'desc' })).map((m) => ({ value: String(m.id), label: localName(m, 'title') }));
export const loadActions = async (): Promise<Option[]> =>
  (await all('/api/actions', { sort: 'title_ar' })).map((a) => ({ value: String(a.id), label: localName(a, 'title') }));

/** A grant as a choice: its source, the source's name, its recipient, and what it has left. */
export function grantOption(grant: Record): Option {
  const recipient = localName(grant, 'recipient_name');
  return { value: String(grant.id), label: t('grants.option', { source: grantSource(grant.source, grant.source_name), recipient, left: formatMoney(grantLeft(grant)) }) };
}

export const loadGrants = async () => (await all('/api/grants', { sort: 'committed_on', order: 'desc' })).map(grantOption);

/**
 * The grants that may fund `action` (the server's rule): those of its institution or of that
 * institution's association; for a province-wide action, those of recipients in its
 * programme's territory.
 */
export async function loadGrantsFor(action: Record): Promise<Option[]> {
  if (action.institution_id) {
    const institution = await get<Record>(`/api/institutions/${action.institution_id}`);
    const grants = await all('/api/grants', { association_id: Number(institution.association_id), sort: 'committed_on', order: 'desc' });
    return grants.filter((g) => g.institution_id === null || g.institution_id === undefined || g.institution_id === action.institution_id).map(grantOption);
  }
  const programme = await get<Record>(`/api/programmes/${action.programme_id}`);
  return (await all('/api/grants', { territory_id: Number(programme.territory_id), sort: 'committed_on', order: 'desc' })).map(grantOption);
}

/**
 * The campaigns an association may start a self-assessment in: those of the assessments it
 * sees (its self-assessments and validated official ones), as it may not list campaigns.
 */
export async function loadAssessedCampaigns(): Promise<Option[]> {
  const seen = new Map<string, string>();
  for (const a of await all('/api/assessments')) seen.set(String(a.campaign_id), localName(a, 'campaign_name'));
  return [...seen].map(([value, label]) => ({ value, label }));
}
/** The equipment catalogue: "name (code)". */
export const loadEquipmentItems = async (): Promise<Option[]> =>
  (await all('/api/equipment_items', { sort: 'code' })).map((r) => ({ value: String(r.id), label: `${localName(r)} (${r.code})` }));

/** The diagnostic grids, labelled with their name and version. */
export const loadGrids = async (): Promise<Option[]> =>
  (await get<{ items: Record[] }>('/api/grids')).items.map((g) => ({ value: String(g.id), label: t('campaigns.grid_label', { name: localName(g), version: String(g.grid_version ?? '') }) }));

export interface ResourceDef {
  resource: Resource;
  endpoint: string;
  /** Message keys: the new-record and edit page titles. */
  newTitle: string;
  editTitle: string;
  fields: FieldDef[];
  /** Where to go after saving or cancelling. */
  afterSave: (rec: Record) => string;
  /** Query parameters that pre-fill a new record (e.g. ?association_id=3). */
  prefill?: string[];
}

const text = (name: string, label: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, label, type: 'text', maxlength: 200, ...extra });

export const RESOURCES: { [R in Resource]: ResourceDef } = {
  territories: {
    resource: 'territories',
    endpoint: '/api/territories',
    newTitle: 'territories.new',
    editTitle: 'territories.edit',
    afterSave: (r) => `/territories/${r.id}`,
    prefill: ['parent_id', 'level'],
    fields: [
      { name: 'level', label: 'field.level', type: 'enum', values: TERRITORY_LEVELS, enumKind: 'level', required: true },
      text('code', 'field.code', { required: true, ltr: true, maxlength: 20 }),
      text('name_ar', 'field.name_ar', { required: true }),
      text('name_fr', 'field.name_fr'),
      { name: 'parent_id', label: 'field.parent', type: 'ref', numeric: true, options: () => loadTerritories() },
    ],
  },
  categories: {
    resource: 'categories',
    endpoint: '/api/categories',
    newTitle: 'categories.new',
    editTitle: 'categories.edit',
    afterSave: () => '/categories',
    fields: [
      text('code', 'field.code', { required: true, ltr: true, maxlength: 40 }),
      text('name_ar', 'field.name_ar', { required: true }),
      text('name_fr', 'field.name_fr', { required: true }),
      text('name_en', 'field.name_en'),
    ],
  },
  associations: {
    resource: 'associations',
    endpoint: '/api/associations',
    newTitle: 'associations.new',
    editTitle: 'associations.edit',
    afterSave: (r) => `/associations/${r.id}`,
    prefill: ['territory_id'],
    fields: [
      text('name_ar', 'field.name_ar', { required: true, maxlength: 300 }),
      text('name_fr', 'field.name_fr', { maxlength: 300 }),
      { name: 'territory_id', label: 'field.territory', type: 'ref', numeric: true, required: true, options: () => loadTerritories() },
      text('registration_number', 'field.registration_number', { maxlength: 60 }),
      { name: 'registration_date', label: 'field.registration_date', type: 'date' },
      text('president_name', 'field.president_name'),
      { name: 'phone', label: 'field.phone', type: 'tel', maxlength: 40, ltr: true },
      { name: 'email', label: 'field.email', type: 'email', maxlength: 200, ltr: true },
      text('address', 'field.address', { maxlength: 300 }),
    ],
  },
  documents: {
    resource: 'documents',
    endpoint: '/api/documents',
    newTitle: 'documents.new',
    editTitle: 'documents.edit',
    afterSave: (r) => `/associations/${r.association_id}`,
    prefill: ['association_id'],
    fields: [
      { name: 'association_id', label: 'field.association', type: 'ref', numeric: true, required: true, options: loadAssociations },
      { name: 'kind', label: 'field.document_kind', type: 'enum', values: DOCUMENT_KINDS, enumKind: 'document_kind', required: true },
      text('reference', 'field.reference', { maxlength: 100 }),
      { name: 'issued_on', label: 'field.issued_on', type: 'date' },
      { name: 'expires_on', label: 'field.expires_on', type: 'date' },
      { name: 'note', label: 'field.note', type: 'textarea', maxlength: 2000 },
    ],
  },
  agreements: {
    resource: 'agreements',
    endpoint: '/api/agreements',
    newTitle: 'agreements.new',
    editTitle: 'agreements.edit',
    afterSave: (r) => `/associations/${r.association_id}`,
    prefill: ['association_id'],
    fields: [
      { name: 'association_id', label: 'field.association', type: 'ref', numeric: true, required: true, options: loadAssociations },
      { name: 'partner', label: 'field.partner', type: 'enum', values: PARTNERS, enumKind: 'partner', required: true },
      text('partner_name', 'field.partner_name'),
      text('reference', 'field.reference', { maxlength: 100 }),
      { name: 'subject', label: 'field.subject', type: 'textarea', maxlength: 2000 },
      { name: 'signed_on', label: 'field.signed_on', type: 'date' },
      { name: 'starts_on', label: 'field.starts_on', type: 'date' },
      { name: 'ends_on', label: 'field.ends_on', type: 'date' },
    ],
  },
  institutions: {
    resource: 'institutions',
    endpoint: '/api/institutions',
    newTitle: 'institutions.new',
    editTitle: 'institutions.edit',
    afterSave: (r) => `/institutions/${r.id}`,
    prefill: ['association_id', 'commune_id', 'category'],
    fields: [
      text('code', 'field.code', { required: true, ltr: true, maxlength: 40 }),
      text('name_ar', 'field.name_ar', { required: true, maxlength: 300 }),
      text('name_fr', 'field.name_fr', { maxlength: 300 }),
      { name: 'category', label: 'field.category', type: 'ref', required: true, options: loadCategories },
      { name: 'association_id', label: 'field.association', type: 'ref', numeric: true, required: true, options: loadAssociations },
      { name: 'commune_id', label: 'field.commune', type: 'ref', numeric: true, required: true, options: loadCommunes },
      text('address', 'field.address', { maxlength: 300 }),
      { name: 'latitude', label: 'field.latitude', type: 'decimal', ltr: true, min: -90, max: 90 },
      { name: 'longitude', label: 'field.longitude', type: 'decimal', ltr: true, min: -180, max: 180 },
      { name: 'capacity', label: 'field.capacity', type: 'integer', min: 0, max: 100000 },
      { name: 'opening_date', label: 'field.opening_date', type: 'date' },
      text('authorisation_number', 'field.authorisation_number', { maxlength: 60 }),
      { name: 'authorisation_date', label: 'field.authorisation_date', type: 'date' },
      { name: 'authorisation_status', label: 'field.authorisation_status', type: 'enum', values: AUTHORISATION_STATUSES, enumKind: 'authorisation_status' },
      text('director_name', 'field.director_name'),
      { name: 'services', label: 'field.services', type: 'textarea', maxlength: 4000 },
      { name: 'activities', label: 'field.activities', type: 'textarea', maxlength: 4000 },
      { name: 'status', label: 'field.status', type: 'enum', values: INSTITUTION_STATUSES, enumKind: 'institution_status', required: true, defaultValue: 'active' },
    ],
  },
  staff: {
    resource: 'staff',
    endpoint: '/api/staff',
    newTitle: 'staff.new',
    editTitle: 'staff.edit',
    afterSave: (r) => `/staff/${r.id}`,
    prefill: ['institution_id'],
    fields: [
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, required: true, options: loadInstitutions },
      text('full_name', 'field.full_name', { required: true }),
      text('function', 'field.function', { required: true, maxlength: 120 }),
      text('qualification', 'field.qualification'),
      { name: 'contract_type', label: 'field.contract_type', type: 'enum', values: CONTRACT_TYPES, enumKind: 'contract_type' },
      { name: 'sex', label: 'field.sex', type: 'enum', values: SEXES, enumKind: 'sex' },
      { name: 'start_date', label: 'field.start_date', type: 'date' },
      { name: 'end_date', label: 'field.end_date', type: 'date' },
    ],
  },
  campaigns: {
    resource: 'campaigns',
    endpoint: '/api/campaigns',
    newTitle: 'campaigns.new',
    editTitle: 'campaigns.edit',
    afterSave: (r) => `/campaigns/${r.id}`,
    fields: [
      text('name_ar', 'field.name_ar', { required: true, maxlength: 300 }),
      text('name_fr', 'field.name_fr', { maxlength: 300 }),
      { name: 'grid_id', label: 'field.grid', type: 'ref', numeric: true, required: true, options: loadGrids },
      { name: 'territory_id', label: 'field.territory', type: 'ref', numeric: true, required: true, options: () => loadTerritories() },
      { name: 'starts_on', label: 'field.starts_on', type: 'date' },
      { name: 'ends_on', label: 'field.ends_on', type: 'date' },
      { name: 'status', label: 'field.status', type: 'enum', values: CAMPAIGN_STATUSES, enumKind: 'campaign_status', required: true, defaultValue: 'planned' },
    ],
  },
  // A grid's own fields, as a copy takes them (POST /api/grids/{id}/copy); its content has an editor of its own.
  grids: {
    resource: 'grids',
    endpoint: '/api/grids',
    newTitle: 'grids.copy_title',
    editTitle: 'grids.edit_title',
    afterSave: (r) => `/grids/${r.id}`,
    fields: [
      text('code', 'field.code', { required: true, ltr: true, maxlength: 60 }),
      text('name_ar', 'field.name_ar', { required: true, maxlength: 300 }),
      text('name_fr', 'field.name_fr', { maxlength: 300 }),
    ],
  },
  // A shortcoming recorded by hand; status changes are made in the register itself.
  shortcomings: {
    resource: 'shortcomings',
    endpoint: '/api/shortcomings',
    newTitle: 'shortcomings.new',
    editTitle: 'shortcomings.edit',
    afterSave: () => '/shortcomings',
    prefill: ['institution_id'],
    fields: [
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, required: true, options: loadInstitutions },
      { name: 'domain_code', label: 'field.domain', type: 'enum', values: DOMAIN_CODES, enumKind: 'domain' },
      { name: 'source', label: 'field.source', type: 'enum', values: MANUAL_SOURCES, enumKind: 'shortcoming_source', required: true, defaultValue: 'manual' },
      { name: 'description', label: 'field.description', type: 'textarea', required: true, maxlength: 4000 },
      { name: 'severity', label: 'field.severity', type: 'enum', values: SEVERITIES, enumKind: 'severity', required: true },
      { name: 'status', label: 'field.status', type: 'enum', values: SHORTCOMING_STATUSES, enumKind: 'shortcoming_status', required: true, defaultValue: 'open' },
      {
        name: 'raised_on', label: 'field.raised_on', type: 'date', required: true,
        // Today, read when the form opens.
        get defaultValue() {
          return isoDate();
        },
      },
    ],
  },
  // The action programme: programmes of actions, the grants that fund them through funding
  // lines, and the meetings whose recommendations become actions.
  programmes: {
    resource: 'programmes',
    endpoint: '/api/programmes',
    newTitle: 'programmes.new',
    editTitle: 'programmes.edit',
    afterSave: (r) => `/programmes/${r.id}`,
    fields: [
      text('name_ar', 'field.name_ar', { required: true, maxlength: 300 }),
      text('name_fr', 'field.name_fr', { maxlength: 300 }),
      { name: 'territory_id', label: 'field.province', type: 'ref', numeric: true, required: true, options: loadProvinces },
      { name: 'starts_on', label: 'field.starts_on', type: 'date' },
      { name: 'ends_on', label: 'field.ends_on', type: 'date' },
      { name: 'status', label: 'field.status', type: 'enum', values: PROGRAMME_STATUSES, enumKind: 'programme_status', required: true, defaultValue: 'draft' },
      { name: 'description', label: 'field.description', type: 'textarea', maxlength: 4000, rows: 5 },
    ],
  },
  // Completion (its date and evidence) shows once the status is "done", which needs the date.
  actions: {
    resource: 'actions',
    endpoint: '/api/actions',
    newTitle: 'actions.new',
    editTitle: 'actions.edit',
    afterSave: (r) => `/actions/${r.id}`,
    prefill: ['programme_id', 'institution_id'],
    fields: [
      { name: 'programme_id', label: 'field.programme', type: 'ref', numeric: true, required: true, options: loadProgrammes },
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, options: loadInstitutions, emptyLabel: 'actions.province_wide' },
      { name: 'category', label: 'field.action_category', type: 'enum', values: ACTION_CATEGORIES, enumKind: 'action_category', required: true },
      text('title_ar', 'field.title_ar', { required: true, maxlength: 300 }),
      text('title_fr', 'field.title_fr', { maxlength: 300 }),
      { name: 'description', label: 'field.description', type: 'textarea', maxlength: 4000 },
      text('responsible_party', 'field.responsible_party'),
      text('owner', 'field.owner', { maxlength: 120 }),
      { name: 'starts_on', label: 'field.starts_on', type: 'date' },
      { name: 'due_on', label: 'field.due_on', type: 'date' },
      { name: 'estimated_cost_centimes', label: 'field.estimated_cost', type: 'money', min: 0, max: MAX_CENTIMES },
      { name: 'status', label: 'field.status', type: 'enum', values: ACTION_STATUSES, enumKind: 'action_status', required: true, defaultValue: 'planned' },
      { name: 'progress', label: 'field.progress', type: 'integer', required: true, min: 0, max: 100, defaultValue: '0' },
      { name: 'completed_on', label: 'field.completed_on', type: 'date', required: true, visible: (v) => v.status === 'done' },
      { name: 'completion_evidence', label: 'field.completion_evidence', type: 'textarea', maxlength: 4000, rows: 4, visible: (v) => v.status === 'done' },
    ],
  },
  // A grant goes to exactly one recipient: an association or one of its institutions.
  grants: {
    resource: 'grants',
    endpoint: '/api/grants',
    newTitle: 'grants.new',
    editTitle: 'grants.edit',
    afterSave: (r) => `/grants/${r.id}`,
    prefill: ['association_id', 'institution_id'],
    fields: [
      { name: 'source', label: 'field.grant_source', type: 'enum', values: GRANT_SOURCES, enumKind: 'grant_source', required: true },
      text('source_name', 'field.source_name'),
      {
        name: 'association_id', label: 'field.recipient_association', type: 'ref', numeric: true, options: loadAssociations,
        check: (v) => (!v.association_id && !v.institution_id ? { key: 'grants.recipient_required' } : null),
      },
      {
        name: 'institution_id', label: 'field.recipient_institution', type: 'ref', numeric: true, options: loadInstitutions,
        check: (v) => (v.association_id && v.institution_id ? { key: 'grants.recipient_one' } : null),
      },
      { name: 'purpose', label: 'field.purpose', type: 'enum', values: GRANT_PURPOSES, enumKind: 'grant_purpose', required: true },
      { name: 'committed_centimes', label: 'field.committed', type: 'money', required: true, min: 1, max: MAX_CENTIMES },
      { name: 'disbursed_centimes', label: 'field.disbursed', type: 'money', min: 0, max: MAX_CENTIMES },
      { name: 'committed_on', label: 'field.committed_on', type: 'date' },
      { name: 'disbursed_on', label: 'field.disbursed_on', type: 'date' },
      text('agreement_reference', 'field.agreement_reference', { ltr: true, maxlength: 120 }),
      { name: 'note', label: 'field.note', type: 'textarea', maxlength: 2000 },
    ],
  },
  // A part of a grant given to an action; added from the action's page (fundingLineFields).
  funding_lines: {
    resource: 'funding_lines',
    endpoint: '/api/funding_lines',
    newTitle: 'funding.new',
    editTitle: 'funding.edit',
    afterSave: (r) => `/actions/${r.action_id}`,
    prefill: ['action_id', 'grant_id'],
    fields: [
      { name: 'action_id', label: 'field.action', type: 'ref', numeric: true, required: true, options: loadActions },
      { name: 'grant_id', label: 'field.grant', type: 'ref', numeric: true, required: true, options: loadGrants },
      { name: 'amount_centimes', label: 'field.amount', type: 'money', required: true, min: 1, max: MAX_CENTIMES },
      text('note', 'field.note', { maxlength: 500 }),
    ],
  },
  meetings: {
    resource: 'meetings',
    endpoint: '/api/meetings',
    newTitle: 'meetings.new',
    editTitle: 'meetings.edit',
    afterSave: (r) => `/meetings/${r.id}`,
    fields: [
      { name: 'kind', label: 'field.meeting_kind', type: 'enum', values: MEETING_KINDS, enumKind: 'meeting_kind', required: true, defaultValue: 'communication' },
      text('title_ar', 'field.title_ar', { required: true, maxlength: 300 }),
      text('title_fr', 'field.title_fr', { maxlength: 300 }),
      { name: 'held_on', label: 'field.held_on', type: 'date', required: true },
      text('place', 'field.place'),
      text('chair', 'field.chair'),
      { name: 'territory_id', label: 'field.province', type: 'ref', numeric: true, required: true, options: loadProvinces },
      { name: 'agenda', label: 'field.agenda', type: 'textarea', maxlength: 8000, rows: 6 },
      { name: 'minutes', label: 'field.minutes', type: 'textarea', maxlength: 50000, rows: 14 },
    ],
  },
  // A meeting's participants and recommendations are added on its page (the meeting fixed).
  participants: {
    resource: 'participants',
    endpoint: '/api/participants',
    newTitle: 'meetings.add_participant',
    editTitle: 'meetings.edit_participant',
    afterSave: (r) => `/meetings/${r.meeting_id}`,
    prefill: ['meeting_id'],
    fields: [
      { name: 'meeting_id', label: 'field.meeting', type: 'ref', numeric: true, required: true, options: loadMeetings },
      text('full_name', 'field.full_name', { required: true }),
      text('function', 'field.function'),
      text('organisation', 'field.organisation'),
      { name: 'association_id', label: 'field.represented_association', type: 'ref', numeric: true, options: loadAssociations },
      { name: 'institution_id', label: 'field.represented_institution', type: 'ref', numeric: true, options: loadInstitutions },
    ],
  },
  recommendations: {
    resource: 'recommendations',
    endpoint: '/api/recommendations',
    newTitle: 'meetings.add_recommendation',
    editTitle: 'meetings.edit_recommendation',
    afterSave: (r) => `/meetings/${r.meeting_id}`,
    prefill: ['meeting_id'],
    fields: [
      { name: 'meeting_id', label: 'field.meeting', type: 'ref', numeric: true, required: true, options: loadMeetings },
      { name: 'text_ar', label: 'field.text_ar', type: 'textarea', required: true, maxlength: 4000 },
      { name: 'text_fr', label: 'field.text_fr', type: 'textarea', maxlength: 4000 },
    ],
  },
  // The equipment catalogue, each institution's inventory and needs, and the trainings.
  equipment_items: {
    resource: 'equipment_items',
    endpoint: '/api/equipment_items',
    newTitle: 'equipment_items.new',
    editTitle: 'equipment_items.edit',
    afterSave: () => '/equipment_items',
    fields: [
      text('code', 'field.code', { required: true, ltr: true, maxlength: 40 }),
      text('name_ar', 'field.name_ar', { required: true }),
      text('name_fr', 'field.name_fr'),
      { name: 'unit', label: 'field.unit', type: 'enum', values: EQUIPMENT_UNITS, enumKind: 'equipment_unit', required: true, defaultValue: 'piece' },
      { name: 'category', label: 'field.category', type: 'enum', values: EQUIPMENT_CATEGORIES, enumKind: 'equipment_category', required: true },
    ],
  },
  equipment_inventory: {
    resource: 'equipment_inventory',
    endpoint: '/api/equipment_inventory',
    newTitle: 'inventory.new',
    editTitle: 'inventory.edit',
    afterSave: (r) => `/institutions/${r.institution_id}/equipment`,
    prefill: ['institution_id'],
    fields: [
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, required: true, options: loadInstitutions },
      { name: 'item_id', label: 'field.item', type: 'ref', numeric: true, required: true, options: loadEquipmentItems },
      { name: 'quantity', label: 'field.quantity', type: 'integer', required: true, min: 0, max: MAX_QUANTITY },
      { name: 'condition', label: 'field.condition', type: 'enum', values: EQUIPMENT_CONDITIONS, enumKind: 'equipment_condition', required: true, defaultValue: 'good' },
      { name: 'note', label: 'field.note', type: 'textarea', maxlength: 1000 },
    ],
  },
  equipment_needs: {
    resource: 'equipment_needs',
    endpoint: '/api/equipment_needs',
    newTitle: 'needs.new',
    editTitle: 'needs.edit',
    afterSave: (r) => `/institutions/${r.institution_id}/equipment`,
    prefill: ['institution_id', 'item_id'],
    fields: [
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, required: true, options: loadInstitutions },
      { name: 'item_id', label: 'field.item', type: 'ref', numeric: true, required: true, options: loadEquipmentItems },
      { name: 'quantity', label: 'field.quantity', type: 'integer', required: true, min: 0, aboveMin: true, max: MAX_QUANTITY },
      { name: 'unit_cost_centimes', label: 'field.unit_cost', type: 'money', required: true, min: 0, max: MAX_CENTIMES },
      { name: 'priority', label: 'field.priority', type: 'enum', values: NEED_PRIORITIES, enumKind: 'need_priority', required: true, defaultValue: 'medium' },
      { name: 'justification', label: 'field.justification', type: 'textarea', maxlength: 2000 },
      { name: 'status', label: 'field.status', type: 'enum', values: NEED_STATUSES, enumKind: 'need_status', required: true, defaultValue: 'open' },
    ],
  },
  trainings: {
    resource: 'trainings',
    endpoint: '/api/trainings',
    newTitle: 'trainings.new',
    editTitle: 'trainings.edit',
    afterSave: (r) => `/trainings/${r.id}`,
    fields: [
      text('topic', 'field.topic', { required: true, maxlength: 300 }),
      { name: 'domain', label: 'field.training_domain', type: 'enum', values: TRAINING_DOMAINS, enumKind: 'training_domain' },
      { name: 'starts_on', label: 'field.starts_on', type: 'date', required: true },
      { name: 'ends_on', label: 'field.ends_on', type: 'date' },
      { name: 'hours', label: 'field.hours', type: 'decimal', ltr: true, min: 0, aboveMin: true, max: 500 },
      text('trainer', 'field.trainer'),
      text('organiser', 'field.organiser'),
      { name: 'territory_id', label: 'field.training_territory', type: 'ref', numeric: true, required: true, options: () => loadTerritories('province') },
    ],
  },
  users: {
    resource: 'users',
    endpoint: '/api/users',
    newTitle: 'users.new',
    editTitle: 'users.edit',
    afterSave: (r) => `/users/${r.id}`,
    fields: [
      text('username', 'field.username', { required: true, ltr: true, maxlength: 60 }),
      text('display_name', 'field.display_name', { required: true, maxlength: 120 }),
      { name: 'role', label: 'field.role', type: 'enum', values: ROLE_VALUES, enumKind: 'role', required: true },
      {
        name: 'scope_territory_id', label: 'field.scope_territory', type: 'ref', numeric: true, required: true,
        options: async () => (await loadTerritories()),
        visible: (v) => v.role !== 'association',
      },
      {
        name: 'scope_association_id', label: 'field.scope_association', type: 'ref', numeric: true, required: true,
        options: loadAssociations, visible: (v) => v.role === 'association',
      },
      { name: 'language', label: 'field.language', type: 'enum', values: LANGUAGE_VALUES, enumKind: 'language', required: true, defaultValue: 'ar' },
    ],
  },
};

/** The fields of a funding line added to `action`: the grant chosen among those that may fund it. */
export function fundingLineFields(action: Record): FieldDef[] {
  return RESOURCES.funding_lines.fields.map((f) => (f.name === 'grant_id' ? { ...f, options: () => loadGrantsFor(action) } : f));
}

/** What making a recommendation an action asks (the title is the recommendation's text). */
export const RECOMMENDATION_ACTION_FIELDS: FieldDef[] = RESOURCES.actions.fields.filter((f) =>
  ['programme_id', 'category', 'institution_id', 'due_on'].includes(f.name),
);

/**
 * An entry of an action's dated follow-up log (POST /api/actions/{id}/followups, sent with the
 * action's version); a progress sets the action's.
 */
export const FOLLOWUP_FIELDS: FieldDef[] = [
  {
    name: 'entry_date', label: 'field.entry_date', type: 'date', required: true,
    get defaultValue() {
      return isoDate();
    },
  },
  { name: 'progress', label: 'field.progress', type: 'integer', min: 0, max: 100 },
  { name: 'note', label: 'field.followup_note', type: 'textarea', required: true, maxlength: 4000 },
];

/** A record's field values as the form edits them (strings; '' for null). */
export function toFormValues(fields: FieldDef[], rec: { [k: string]: unknown } | null | undefined): { [name: string]: string } {
  const values: { [name: string]: string } = {};
  for (const f of fields) {
    let v = rec?.[f.name];
    // A user answers its scope as {kind, id}; the form edits scope_*_id.
    if (v === undefined && rec && f.name.startsWith('scope_') && rec.scope && typeof rec.scope === 'object') {
      const scope = rec.scope as { kind: string; id: number };
      if (f.name === `scope_${scope.kind}_id`) v = scope.id;
    }
    values[f.name] = v === null || v === undefined ? '' : f.type === 'money' ? moneyInputText(Number(v)) : String(v);
  }
  return values;
}

/** The JSON body for the form's values: numbers typed, empty optional values null, hidden fields left out. */
export function toBody(fields: FieldDef[], values: { [name: string]: string }, mode: 'create' | 'edit'): { [name: string]: unknown } {
  const body: { [name: string]: unknown } = {};
  for (const f of fields) {
    if (f.visible && !f.visible(values)) continue;
    if (mode === 'edit' && f.createOnly) continue;
    const raw = (values[f.name] ?? '').trim();
    if (raw === '') body[f.name] = null;
    else if (f.type === 'integer' || (f.type === 'ref' && f.numeric)) body[f.name] = Number(raw);
    else if (f.type === 'decimal') body[f.name] = Number(raw.replace(',', '.'));
    else if (f.type === 'money') {
      const money = parseMoney(raw);
      body[f.name] = money.ok ? money.centimes : raw;
    }
    else body[f.name] = raw;
  }
  return body;
}

/** The client-side check of one value; answers a message key, or null when it is fine. */
export function checkField(f: FieldDef, values: { [name: string]: string }): { key: string; params?: { [k: string]: string | number } } | null {
  if (f.visible && !f.visible(values)) return null;
  const across = f.check?.(values);
  if (across) return across;
  const raw = (values[f.name] ?? '').trim();
  if (raw === '') return f.required ? { key: 'errors.required' } : null;
  if (f.type === 'money') return checkMoney(f, raw);
  if (f.maxlength && [...raw].length > f.maxlength) return { key: 'errors.too_long', params: { n: f.maxlength } };
  if (f.type === 'integer' && !/^-?\d+$/.test(raw)) return { key: 'errors.integer' };
  if (f.type === 'decimal' && !/^-?\d+([.,]\d+)?$/.test(raw)) return { key: 'errors.number' };
  if (f.type === 'integer' || f.type === 'decimal') {
    const n = Number(raw.replace(',', '.'));
    if (f.min !== undefined && (f.aboveMin ? n <= f.min : n < f.min)) return { key: f.aboveMin ? 'errors.above' : 'errors.min', params: { min: f.min } };
    if (f.max !== undefined && n > f.max) return { key: 'errors.max', params: { max: f.max } };
  }
  if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { key: 'errors.invalid_date' };
  if (f.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) return { key: 'errors.email' };
  return null;
}

/** The check of a money field's text: an amount in MAD with at most two decimals, within the field's bounds (centimes). */
function checkMoney(f: FieldDef, raw: string): { key: string; params?: { [k: string]: string | number } } | null {
  const money = parseMoney(raw);
  if (!money.ok) return { key: `errors.money_${money.error}` };
  const centimes = money.centimes ?? 0;
  if (f.min !== undefined && centimes < f.min) return { key: 'errors.money_min', params: { amount: formatMoney(f.min) } };
  if (f.max !== undefined && centimes > f.max) return { key: 'errors.money_max', params: { amount: formatMoney(f.max) } };
  return null;
}
