// The editable fields of each resource (docs/API.md "Registry" and "Administration"),
// as the generic form renders them. Labels are message keys; option lists of
// enumerated values are translated through tEnum(kind, value). Whether a field is required,
// its allowed values, length and bounds come from the API's schema (api-types.ts, generated from
// /api/openapi.json); a field states them itself only where the form asks more than the schema
// (a date required once the status is "done") or the resource has no schema (grids' copy).
import { all, get } from './api';
import { RESOURCE_SCHEMAS, SCHEMAS } from './api-types';
import { institutionCodeFor, namesakeWarning } from './first_run';
import { beneficiaryNamesakeWarning } from './register';
import { schoolYearOptions } from './statistics';
import { formatMoney, isoDate, localName, moneyInputText, parseMoney } from './format';
import { LEGAL_STATUSES } from './grids';
import { t, tEnum } from './i18n';
import { grantLeft, grantSource } from './programme';
import type { Resource } from './roles';
import type { Record } from './types';

/** 'money': typed in MAD (up to two decimals), held and sent as integer centimes. */
export type FieldType =
  'text' | 'textarea' | 'date' | 'integer' | 'decimal' | 'money' | 'email' | 'tel' | 'enum' | 'ref' | 'password';

export interface Option {
  value: string;
  label: string;
  /** The heading of the choices it is listed under (an <optgroup>), in the order first met. */
  group?: string;
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
  /**
   * A value proposed from the other fields (a new record's code from its commune and category):
   * filled in while the field is empty or still holds the last proposal; the user may change it.
   */
  suggest?: (values: { [name: string]: string }) => Promise<string | null>;
  /** The message key of the word shown under a proposed value (what it was proposed from). */
  suggestHint?: string;
  /** A warning on the values (not a refusal: the record may still be saved), or null; `self` is the record edited. */
  warn?: (values: { [name: string]: string }, self?: number) => Promise<string | null>;
  /** A check involving other fields, made before the others (even on an empty value). */
  check?: (values: { [name: string]: string }) => { key: string; params?: { [k: string]: string | number } } | null;
}

export const TERRITORY_LEVELS = SCHEMAS.Territory.properties.level.enum;
export const DOCUMENT_KINDS = SCHEMAS.Document.properties.kind.enum;
export const PARTNERS = SCHEMAS.Agreement.properties.partner.enum;
export const AUTHORISATION_STATUSES = SCHEMAS.Institution.properties.authorisation_status.enum;
export const INSTITUTION_STATUSES = SCHEMAS.Institution.properties.status.enum;
export const CONTRACT_TYPES = SCHEMAS.Staff.properties.contract_type.enum;
export const SEXES = SCHEMAS.Staff.properties.sex.enum;
export const ROLE_VALUES = SCHEMAS.User.properties.role.enum;
export const LANGUAGE_VALUES = SCHEMAS.User.properties.language.enum;
export const CAMPAIGN_STATUSES = SCHEMAS.Campaign.properties.status.enum;
export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'validated'] as const;
export const ASSESSMENT_KINDS = ['official', 'self'] as const;
export const SEVERITIES = SCHEMAS.Shortcoming.properties.severity.enum;
export const SHORTCOMING_STATUSES = SCHEMAS.Shortcoming.properties.status.enum;
export const SHORTCOMING_SOURCES = SCHEMAS.Shortcoming.properties.source.enum;
/** The sources of a shortcoming recorded by hand: "assessment" is the validation's own. */
export const MANUAL_SOURCES = ['meeting', 'inspection', 'manual'] as const;
/** The grid's domains a shortcoming may name (the schema bounds domain_code by length only). */
export const DOMAIN_CODES = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9'] as const;
export const PROGRAMME_STATUSES = SCHEMAS.Programme.properties.status.enum;
export const ACTION_CATEGORIES = SCHEMAS.Action.properties.category.enum;
export const ACTION_STATUSES = SCHEMAS.Action.properties.status.enum;
export const GRANT_SOURCES = SCHEMAS.Grant.properties.source.enum;
export const GRANT_PURPOSES = SCHEMAS.Grant.properties.purpose.enum;
export const MEETING_KINDS = SCHEMAS.Meeting.properties.kind.enum;
export const EQUIPMENT_CATEGORIES = SCHEMAS.EquipmentItem.properties.category.enum;
export const EQUIPMENT_UNITS = SCHEMAS.EquipmentItem.properties.unit.enum;
export const EQUIPMENT_CONDITIONS = SCHEMAS.EquipmentInventory.properties.condition.enum;
export const NEED_PRIORITIES = SCHEMAS.EquipmentNeed.properties.priority.enum;
export const NEED_STATUSES = SCHEMAS.EquipmentNeed.properties.status.enum;
export const TRAINING_DOMAINS = SCHEMAS.Training.properties.domain.enum;
export const ACTIVITY_KINDS = SCHEMAS.Activity.properties.activity_kind.enum;
export const VULNERABILITIES = SCHEMAS.Beneficiary.properties.vulnerability.enum;
export const EXIT_REASONS = SCHEMAS.Beneficiary.properties.exit_reason.enum;
export const YEAR_LEVELS = SCHEMAS.BeneficiaryYear.properties.level.enum;
export const YEAR_RESULTS = SCHEMAS.BeneficiaryYear.properties.result.enum;

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
  activity_kind: ACTIVITY_KINDS,
};

/** The options of an enumeration, labelled in the current language. */
export const enumOptions = (kind: string, values: readonly string[]): Option[] =>
  values.map((v) => ({ value: v, label: tEnum(kind, v) }));

function named(items: Record[], extra?: (r: Record) => string): Option[] {
  return items.map((r) => ({ value: String(r.id), label: localName(r) + (extra ? extra(r) : '') }));
}

export const loadTerritories = async (level?: string) =>
  named(await all('/api/territories', { level, sort: 'code' }), (r) => ` (${r.code})`);
export const loadCommunes = () => loadTerritories('commune');

/** The order of territories' levels where a user's scope is chosen: provinces first. */
const SCOPE_LEVELS = ['province', 'commune', 'region', 'country'];

/** Every territory as a scope: grouped by level, provinces first, each labelled with its level. */
export async function loadScopeTerritories(): Promise<Option[]> {
  const items = await all('/api/territories', { sort: 'code' });
  const rank = (r: Record) => {
    const i = SCOPE_LEVELS.indexOf(String(r.level));
    return i < 0 ? SCOPE_LEVELS.length : i;
  };
  return items
    .sort((a, b) => rank(a) - rank(b))
    .map((r) => ({
      value: String(r.id),
      label: `${tEnum('level', r.level)} · ${localName(r)} (${r.code})`,
      group: tEnum('level', r.level),
    }));
}
export const loadAssociations = async () => named(await all('/api/associations', { sort: 'name_ar' }));
export const loadInstitutions = async () => named(await all('/api/institutions', { sort: 'name_ar' }));
/** The institutions in scope that keep an individual register (the only ones a beneficiary may be recorded in). */
export const loadRegisterInstitutions = async () =>
  named((await all('/api/institutions', { sort: 'name_ar' })).filter((r) => r.keeps_register === 1));
export const loadCategories = async (): Promise<Option[]> =>
  (await all('/api/categories')).map((c) => ({ value: String(c.code), label: localName(c) }));

export const loadProvinces = () => loadTerritories('province');
export const loadProgrammes = async () => named(await all('/api/programmes', { sort: 'starts_on', order: 'desc' }));
export const loadMeetings = async (): Promise<Option[]> =>
  (await all('/api/meetings', { sort: 'held_on', order: 'desc' })).map((m) => ({
    value: String(m.id),
    label: localName(m, 'title'),
  }));
export const loadActions = async (): Promise<Option[]> =>
  (await all('/api/actions', { sort: 'title_ar' })).map((a) => ({ value: String(a.id), label: localName(a, 'title') }));

/** A grant as a choice: its source, the source's name, its recipient, and what it has left. */
export function grantOption(grant: Record): Option {
  const recipient = localName(grant, 'recipient_name');
  return {
    value: String(grant.id),
    label: t('grants.option', {
      source: grantSource(grant.source, grant.source_name),
      recipient,
      left: formatMoney(grantLeft(grant)),
    }),
  };
}

export const loadGrants = async () =>
  (await all('/api/grants', { sort: 'committed_on', order: 'desc' })).map(grantOption);

/**
 * The grants that may fund `action` (the server's rule): those of its institution or of that
 * institution's association; for a province-wide action, those of recipients in its
 * programme's territory.
 */
export async function loadGrantsFor(action: Record): Promise<Option[]> {
  if (action.institution_id) {
    const institution = await get<Record>(`/api/institutions/${action.institution_id}`);
    const grants = await all('/api/grants', {
      association_id: Number(institution.association_id),
      sort: 'committed_on',
      order: 'desc',
    });
    return grants
      .filter(
        (g) =>
          g.institution_id === null || g.institution_id === undefined || g.institution_id === action.institution_id,
      )
      .map(grantOption);
  }
  const programme = await get<Record>(`/api/programmes/${action.programme_id}`);
  return (
    await all('/api/grants', { territory_id: Number(programme.territory_id), sort: 'committed_on', order: 'desc' })
  ).map(grantOption);
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
export const loadServiceItems = async (): Promise<Option[]> =>
  (await all('/api/service_items', { sort: 'code' })).map((r) => ({
    value: String(r.id),
    label: `${localName(r)} (${r.code})`,
  }));
export const loadEquipmentItems = async (): Promise<Option[]> =>
  (await all('/api/equipment_items', { sort: 'code' })).map((r) => ({
    value: String(r.id),
    label: `${localName(r)} (${r.code})`,
  }));

/** The diagnostic grids, labelled with their name and version. */
export const loadGrids = async (): Promise<Option[]> =>
  (await get<{ items: Record[] }>('/api/grids')).items.map((g) => ({
    value: String(g.id),
    label: t('campaigns.grid_label', { name: localName(g), version: String(g.grid_version ?? '') }),
  }));

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

const text = (name: string, label: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  label,
  type: 'text',
  ...extra,
});

export const RESOURCES: { [R in Resource]: ResourceDef } = {
  territories: {
    resource: 'territories',
    endpoint: '/api/territories',
    newTitle: 'territories.new',
    editTitle: 'territories.edit',
    afterSave: (r) => `/territories/${r.id}`,
    prefill: ['parent_id', 'level'],
    fields: [
      { name: 'level', label: 'field.level', type: 'enum', enumKind: 'level' },
      text('code', 'field.code', { ltr: true }),
      text('name_ar', 'field.name_ar'),
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
      text('code', 'field.code', { ltr: true }),
      text('name_ar', 'field.name_ar'),
      text('name_fr', 'field.name_fr'),
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
      text('name_ar', 'field.name_ar'),
      text('name_fr', 'field.name_fr'),
      { name: 'territory_id', label: 'field.territory', type: 'ref', numeric: true, options: () => loadTerritories() },
      text('registration_number', 'field.registration_number'),
      { name: 'registration_date', label: 'field.registration_date', type: 'date' },
      text('president_name', 'field.president_name'),
      { name: 'phone', label: 'field.phone', type: 'tel', ltr: true },
      { name: 'email', label: 'field.email', type: 'email', ltr: true },
      text('address', 'field.address'),
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
      { name: 'association_id', label: 'field.association', type: 'ref', numeric: true, options: loadAssociations },
      { name: 'kind', label: 'field.document_kind', type: 'enum', enumKind: 'document_kind' },
      text('reference', 'field.reference'),
      { name: 'issued_on', label: 'field.issued_on', type: 'date' },
      { name: 'expires_on', label: 'field.expires_on', type: 'date' },
      { name: 'note', label: 'field.note', type: 'textarea' },
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
      { name: 'association_id', label: 'field.association', type: 'ref', numeric: true, options: loadAssociations },
      { name: 'partner', label: 'field.partner', type: 'enum', enumKind: 'partner' },
      text('partner_name', 'field.partner_name'),
      text('reference', 'field.reference'),
      { name: 'subject', label: 'field.subject', type: 'textarea' },
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
      text('code', 'field.code', {
        ltr: true,
        suggest: institutionCodeFor,
        suggestHint: 'institutions.code_suggested',
      }),
      text('name_ar', 'field.name_ar', { warn: namesakeWarning }),
      text('name_fr', 'field.name_fr'),
      { name: 'category', label: 'field.category', type: 'ref', options: loadCategories },
      { name: 'association_id', label: 'field.association', type: 'ref', numeric: true, options: loadAssociations },
      { name: 'commune_id', label: 'field.commune', type: 'ref', numeric: true, options: loadCommunes },
      text('address', 'field.address'),
      { name: 'latitude', label: 'field.latitude', type: 'decimal', ltr: true },
      { name: 'longitude', label: 'field.longitude', type: 'decimal', ltr: true },
      { name: 'capacity', label: 'field.capacity', type: 'integer' },
      { name: 'opening_date', label: 'field.opening_date', type: 'date' },
      text('authorisation_number', 'field.authorisation_number'),
      { name: 'authorisation_date', label: 'field.authorisation_date', type: 'date' },
      {
        name: 'authorisation_status',
        label: 'field.authorisation_status',
        type: 'enum',
        enumKind: 'authorisation_status',
      },
      text('director_name', 'field.director_name'),
      { name: 'services', label: 'field.services', type: 'textarea' },
      { name: 'activities', label: 'field.activities', type: 'textarea' },
      { name: 'status', label: 'field.status', type: 'enum', enumKind: 'institution_status', defaultValue: 'active' },
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
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, options: loadInstitutions },
      text('full_name', 'field.full_name'),
      text('function', 'field.function'),
      text('qualification', 'field.qualification'),
      { name: 'contract_type', label: 'field.contract_type', type: 'enum', enumKind: 'contract_type' },
      { name: 'sex', label: 'field.sex', type: 'enum', enumKind: 'sex' },
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
      text('name_ar', 'field.name_ar'),
      text('name_fr', 'field.name_fr'),
      { name: 'grid_id', label: 'field.grid', type: 'ref', numeric: true, options: loadGrids },
      { name: 'territory_id', label: 'field.territory', type: 'ref', numeric: true, options: () => loadTerritories() },
      { name: 'starts_on', label: 'field.starts_on', type: 'date' },
      { name: 'ends_on', label: 'field.ends_on', type: 'date' },
      { name: 'status', label: 'field.status', type: 'enum', enumKind: 'campaign_status', defaultValue: 'planned' },
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
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, options: loadInstitutions },
      { name: 'domain_code', label: 'field.domain', type: 'enum', values: DOMAIN_CODES, enumKind: 'domain' },
      {
        name: 'source',
        label: 'field.source',
        type: 'enum',
        values: MANUAL_SOURCES,
        enumKind: 'shortcoming_source',
        defaultValue: 'manual',
      },
      { name: 'description', label: 'field.description', type: 'textarea', required: true },
      { name: 'severity', label: 'field.severity', type: 'enum', enumKind: 'severity' },
      { name: 'status', label: 'field.status', type: 'enum', enumKind: 'shortcoming_status', defaultValue: 'open' },
      {
        name: 'raised_on',
        label: 'field.raised_on',
        type: 'date',
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
      text('name_ar', 'field.name_ar'),
      text('name_fr', 'field.name_fr'),
      { name: 'territory_id', label: 'field.province', type: 'ref', numeric: true, options: loadProvinces },
      { name: 'starts_on', label: 'field.starts_on', type: 'date' },
      { name: 'ends_on', label: 'field.ends_on', type: 'date' },
      { name: 'status', label: 'field.status', type: 'enum', enumKind: 'programme_status', defaultValue: 'draft' },
      { name: 'description', label: 'field.description', type: 'textarea', rows: 5 },
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
      { name: 'programme_id', label: 'field.programme', type: 'ref', numeric: true, options: loadProgrammes },
      {
        name: 'institution_id',
        label: 'field.institution',
        type: 'ref',
        numeric: true,
        options: loadInstitutions,
        emptyLabel: 'actions.province_wide',
      },
      { name: 'category', label: 'field.action_category', type: 'enum', enumKind: 'action_category' },
      text('title_ar', 'field.title_ar'),
      text('title_fr', 'field.title_fr'),
      { name: 'description', label: 'field.description', type: 'textarea' },
      text('responsible_party', 'field.responsible_party'),
      text('owner', 'field.owner'),
      { name: 'starts_on', label: 'field.starts_on', type: 'date' },
      { name: 'due_on', label: 'field.due_on', type: 'date' },
      { name: 'estimated_cost_centimes', label: 'field.estimated_cost', type: 'money' },
      { name: 'status', label: 'field.status', type: 'enum', enumKind: 'action_status', defaultValue: 'planned' },
      { name: 'progress', label: 'field.progress', type: 'integer', defaultValue: '0' },
      {
        name: 'completed_on',
        label: 'field.completed_on',
        type: 'date',
        required: true,
        visible: (v) => v.status === 'done',
      },
      {
        name: 'completion_evidence',
        label: 'field.completion_evidence',
        type: 'textarea',
        rows: 4,
        visible: (v) => v.status === 'done',
      },
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
      { name: 'source', label: 'field.grant_source', type: 'enum', enumKind: 'grant_source' },
      text('source_name', 'field.source_name'),
      {
        name: 'association_id',
        label: 'field.recipient_association',
        type: 'ref',
        numeric: true,
        options: loadAssociations,
        check: (v) => (!v.association_id && !v.institution_id ? { key: 'grants.recipient_required' } : null),
      },
      {
        name: 'institution_id',
        label: 'field.recipient_institution',
        type: 'ref',
        numeric: true,
        options: loadInstitutions,
        check: (v) => (v.association_id && v.institution_id ? { key: 'grants.recipient_one' } : null),
      },
      { name: 'purpose', label: 'field.purpose', type: 'enum', enumKind: 'grant_purpose' },
      { name: 'committed_centimes', label: 'field.committed', type: 'money' },
      { name: 'disbursed_centimes', label: 'field.disbursed', type: 'money' },
      { name: 'committed_on', label: 'field.committed_on', type: 'date' },
      { name: 'disbursed_on', label: 'field.disbursed_on', type: 'date' },
      text('agreement_reference', 'field.agreement_reference', { ltr: true }),
      { name: 'note', label: 'field.note', type: 'textarea' },
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
      { name: 'action_id', label: 'field.action', type: 'ref', numeric: true, options: loadActions },
      { name: 'grant_id', label: 'field.grant', type: 'ref', numeric: true, options: loadGrants },
      { name: 'amount_centimes', label: 'field.amount', type: 'money' },
      text('note', 'field.note'),
    ],
  },
  meetings: {
    resource: 'meetings',
    endpoint: '/api/meetings',
    newTitle: 'meetings.new',
    editTitle: 'meetings.edit',
    afterSave: (r) => `/meetings/${r.id}`,
    fields: [
      {
        name: 'kind',
        label: 'field.meeting_kind',
        type: 'enum',
        enumKind: 'meeting_kind',
        defaultValue: 'communication',
      },
      text('title_ar', 'field.title_ar'),
      text('title_fr', 'field.title_fr'),
      { name: 'held_on', label: 'field.held_on', type: 'date' },
      text('place', 'field.place'),
      text('chair', 'field.chair'),
      { name: 'territory_id', label: 'field.province', type: 'ref', numeric: true, options: loadProvinces },
      { name: 'agenda', label: 'field.agenda', type: 'textarea', rows: 6 },
      { name: 'minutes', label: 'field.minutes', type: 'textarea', rows: 14 },
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
      { name: 'meeting_id', label: 'field.meeting', type: 'ref', numeric: true, options: loadMeetings },
      text('full_name', 'field.full_name'),
      text('function', 'field.function'),
      text('organisation', 'field.organisation'),
      {
        name: 'association_id',
        label: 'field.represented_association',
        type: 'ref',
        numeric: true,
        options: loadAssociations,
      },
      {
        name: 'institution_id',
        label: 'field.represented_institution',
        type: 'ref',
        numeric: true,
        options: loadInstitutions,
      },
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
      { name: 'meeting_id', label: 'field.meeting', type: 'ref', numeric: true, options: loadMeetings },
      { name: 'text_ar', label: 'field.text_ar', type: 'textarea' },
      { name: 'text_fr', label: 'field.text_fr', type: 'textarea' },
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
      text('code', 'field.code', { ltr: true }),
      text('name_ar', 'field.name_ar'),
      text('name_fr', 'field.name_fr'),
      { name: 'unit', label: 'field.unit', type: 'enum', enumKind: 'equipment_unit', defaultValue: 'piece' },
      { name: 'category', label: 'field.category', type: 'enum', enumKind: 'equipment_category' },
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
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, options: loadInstitutions },
      { name: 'item_id', label: 'field.item', type: 'ref', numeric: true, options: loadEquipmentItems },
      { name: 'quantity', label: 'field.quantity', type: 'integer' },
      {
        name: 'condition',
        label: 'field.condition',
        type: 'enum',
        enumKind: 'equipment_condition',
        defaultValue: 'good',
      },
      { name: 'note', label: 'field.note', type: 'textarea' },
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
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, options: loadInstitutions },
      { name: 'item_id', label: 'field.item', type: 'ref', numeric: true, options: loadEquipmentItems },
      { name: 'quantity', label: 'field.quantity', type: 'integer' },
      { name: 'unit_cost_centimes', label: 'field.unit_cost', type: 'money' },
      { name: 'priority', label: 'field.priority', type: 'enum', enumKind: 'need_priority', defaultValue: 'medium' },
      { name: 'justification', label: 'field.justification', type: 'textarea' },
      { name: 'status', label: 'field.status', type: 'enum', enumKind: 'need_status', defaultValue: 'open' },
    ],
  },
  service_items: {
    resource: 'service_items',
    endpoint: '/api/service_items',
    newTitle: 'service_items.new',
    editTitle: 'service_items.edit',
    afterSave: () => '/service_items',
    fields: [
      text('code', 'field.code', { ltr: true }),
      text('name_ar', 'field.name_ar'),
      text('name_fr', 'field.name_fr'),
      text('name_en', 'field.name_en'),
    ],
  },
  institution_services: {
    resource: 'institution_services',
    endpoint: '/api/institution_services',
    newTitle: 'institution_services.new',
    editTitle: 'institution_services.edit',
    afterSave: (r) => `/institutions/${r.institution_id}`,
    prefill: ['institution_id'],
    fields: [
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, options: loadInstitutions },
      { name: 'service_id', label: 'field.service', type: 'ref', numeric: true, options: loadServiceItems },
      { name: 'since', label: 'field.since', type: 'date' },
      { name: 'note', label: 'field.note', type: 'textarea' },
    ],
  },
  // The individual register (issue 16): named records of children, read and audited (law 09-08).
  beneficiaries: {
    resource: 'beneficiaries',
    endpoint: '/api/beneficiaries',
    newTitle: 'register.new',
    editTitle: 'register.edit',
    afterSave: (r) => `/beneficiaries/${r.id}`,
    prefill: ['institution_id'],
    fields: [
      {
        name: 'institution_id',
        label: 'field.institution',
        type: 'ref',
        numeric: true,
        options: loadRegisterInstitutions,
      },
      text('full_name_ar', 'field.full_name_ar'),
      text('full_name_fr', 'field.full_name_fr'),
      { name: 'sex', label: 'field.sex', type: 'enum', enumKind: 'sex' },
      { name: 'birth_date', label: 'field.birth_date', type: 'date', warn: beneficiaryNamesakeWarning },
      { name: 'origin_commune_id', label: 'field.origin_commune', type: 'ref', numeric: true, options: loadCommunes },
      { name: 'vulnerability', label: 'field.vulnerability', type: 'enum', enumKind: 'vulnerability' },
      text('identity_number', 'field.identity_number', { ltr: true }),
      text('guardian_name', 'field.guardian_name'),
      { name: 'guardian_phone', label: 'field.guardian_phone', type: 'tel', ltr: true },
      { name: 'admission_date', label: 'field.admission_date', type: 'date' },
      { name: 'exit_date', label: 'field.exit_date', type: 'date' },
      { name: 'exit_reason', label: 'field.exit_reason', type: 'enum', enumKind: 'exit_reason' },
    ],
  },
  beneficiary_years: {
    resource: 'beneficiary_years',
    endpoint: '/api/beneficiary_years',
    newTitle: 'register.year_new',
    editTitle: 'register.year_edit',
    afterSave: (r) => `/beneficiaries/${r.beneficiary_id}`,
    prefill: ['beneficiary_id'],
    fields: [
      // Always fixed by the beneficiary's page, which holds the form.
      { name: 'beneficiary_id', label: 'field.beneficiary', type: 'ref', numeric: true, options: async () => [] },
      { name: 'school_year', label: 'field.school_year', type: 'ref', options: async () => schoolYearOptions() },
      { name: 'level', label: 'field.school_level', type: 'enum', enumKind: 'year_level' },
      text('class_name', 'field.class_name'),
      text('school', 'field.school'),
      { name: 'result', label: 'field.result', type: 'enum', enumKind: 'year_result' },
    ],
  },
  activities: {
    resource: 'activities',
    endpoint: '/api/activities',
    newTitle: 'activities.new',
    editTitle: 'activities.edit',
    afterSave: (r) => `/institutions/${r.institution_id}`,
    prefill: ['institution_id'],
    fields: [
      { name: 'institution_id', label: 'field.institution', type: 'ref', numeric: true, options: loadInstitutions },
      { name: 'activity_kind', label: 'field.activity_kind', type: 'enum', enumKind: 'activity_kind' },
      text('title', 'field.title'),
      { name: 'activity_date', label: 'field.activity_date', type: 'date' },
      { name: 'participants_f', label: 'field.participants_f', type: 'integer', defaultValue: '0' },
      { name: 'participants_m', label: 'field.participants_m', type: 'integer', defaultValue: '0' },
      text('partner', 'field.partner'),
      { name: 'cost_centimes', label: 'field.cost', type: 'money' },
      { name: 'note', label: 'field.note', type: 'textarea' },
    ],
  },
  trainings: {
    resource: 'trainings',
    endpoint: '/api/trainings',
    newTitle: 'trainings.new',
    editTitle: 'trainings.edit',
    afterSave: (r) => `/trainings/${r.id}`,
    fields: [
      text('topic', 'field.topic'),
      { name: 'domain', label: 'field.training_domain', type: 'enum', enumKind: 'training_domain' },
      { name: 'starts_on', label: 'field.starts_on', type: 'date' },
      { name: 'ends_on', label: 'field.ends_on', type: 'date' },
      { name: 'hours', label: 'field.hours', type: 'decimal', ltr: true },
      text('trainer', 'field.trainer'),
      text('organiser', 'field.organiser'),
      {
        name: 'territory_id',
        label: 'field.training_territory',
        type: 'ref',
        numeric: true,
        options: () => loadTerritories('province'),
      },
    ],
  },
  users: {
    resource: 'users',
    endpoint: '/api/users',
    newTitle: 'users.new',
    editTitle: 'users.edit',
    afterSave: (r) => `/users/${r.id}`,
    prefill: ['role'],
    fields: [
      text('username', 'field.username', { ltr: true }),
      text('display_name', 'field.display_name'),
      { name: 'role', label: 'field.role', type: 'enum', enumKind: 'role' },
      {
        name: 'scope_territory_id',
        label: 'field.scope_territory',
        type: 'ref',
        numeric: true,
        required: true,
        options: loadScopeTerritories,
        visible: (v) => v.role !== 'association',
      },
      {
        name: 'scope_association_id',
        label: 'field.scope_association',
        type: 'ref',
        numeric: true,
        required: true,
        options: loadAssociations,
        visible: (v) => v.role === 'association',
      },
      { name: 'language', label: 'field.language', type: 'enum', enumKind: 'language', defaultValue: 'ar' },
    ],
  },
};

/** What the API's schema says of a property: the JSON type, allowed values, length and bounds. */
interface PropertySchema {
  type?: string;
  enum?: readonly string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
}
const SCHEMA_OF: { readonly [resource: string]: keyof typeof SCHEMAS | undefined } = RESOURCE_SCHEMAS;

/**
 * `fields` with what the API's schema of `resource` says of each field it has: required, the
 * allowed values, the length, the bounds (with `min` itself refused when exclusive). What a
 * field states itself wins: the form may ask more than the schema.
 */
function withSchema(resource: string, fields: FieldDef[]): FieldDef[] {
  const name = SCHEMA_OF[resource];
  if (!name) return fields;
  const schema: { required: readonly string[]; properties: { readonly [field: string]: PropertySchema | undefined } } =
    SCHEMAS[name];
  return fields.map((f) => {
    const p = schema.properties[f.name];
    if (!p) return f;
    const fromSchema: Partial<FieldDef> = { required: schema.required.includes(f.name) };
    if (p.enum) fromSchema.values = p.enum;
    if (p.maxLength !== undefined) fromSchema.maxlength = p.maxLength;
    if (p.minimum !== undefined && p.maximum !== undefined)
      Object.assign(fromSchema, { min: p.minimum, max: p.maximum });
    if (p.exclusiveMinimum) fromSchema.aboveMin = true;
    return { ...fromSchema, ...f };
  });
}

for (const def of Object.values(RESOURCES)) def.fields = withSchema(def.resource, def.fields);

/** The fields of a funding line added to `action`: the grant chosen among those that may fund it. */
export function fundingLineFields(action: Record): FieldDef[] {
  return RESOURCES.funding_lines.fields.map((f) =>
    f.name === 'grant_id' ? { ...f, options: () => loadGrantsFor(action) } : f,
  );
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
    name: 'entry_date',
    label: 'field.entry_date',
    type: 'date',
    required: true,
    get defaultValue() {
      return isoDate();
    },
  },
  { name: 'progress', label: 'field.progress', type: 'integer', min: 0, max: 100 },
  { name: 'note', label: 'field.followup_note', type: 'textarea', required: true, maxlength: 4000 },
];

/** A record's field values as the form edits them (strings; '' for null). */
export function toFormValues(
  fields: FieldDef[],
  rec: { [k: string]: unknown } | null | undefined,
): { [name: string]: string } {
  const values: { [name: string]: string } = {};
  for (const f of fields) {
    let v = rec?.[f.name];
    // A user answers its scope as {kind, id}; the form edits scope_*_id.
    const scope = rec?.scope;
    if (v === undefined && scope && typeof scope === 'object' && 'kind' in scope && 'id' in scope)
      if (f.name === `scope_${scope.kind}_id`) v = scope.id;
    values[f.name] = v === null || v === undefined ? '' : f.type === 'money' ? moneyInputText(Number(v)) : String(v);
  }
  return values;
}

/** The JSON body for the form's values: numbers typed, empty optional values null, hidden fields left out. */
export function toBody(
  fields: FieldDef[],
  values: { [name: string]: string },
  mode: 'create' | 'edit',
): { [name: string]: unknown } {
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
    } else body[f.name] = raw;
  }
  return body;
}

/** The client-side check of one value; answers a message key, or null when it is fine. */
export function checkField(
  f: FieldDef,
  values: { [name: string]: string },
): { key: string; params?: { [k: string]: string | number } } | null {
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
    if (f.min !== undefined && (f.aboveMin ? n <= f.min : n < f.min))
      return { key: f.aboveMin ? 'errors.above' : 'errors.min', params: { min: f.min } };
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
  if (f.min !== undefined && centimes < f.min)
    return { key: 'errors.money_min', params: { amount: formatMoney(f.min) } };
  if (f.max !== undefined && centimes > f.max)
    return { key: 'errors.money_max', params: { amount: formatMoney(f.max) } };
  return null;
}
