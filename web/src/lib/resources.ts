// The editable fields of each resource (docs/API.md "Registry" and "Administration"),
// as the generic form renders them. Labels are message keys; option lists of
// enumerated values are translated through tEnum(kind, value).
import { all, get } from './api';
import { localName } from './format';
import { t, tEnum } from './i18n';
import type { Resource } from './roles';
import type { Record } from './types';

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
  /** integer, decimal, money (in dirhams): bounds; with aboveMin, `min` itself is refused. */
  min?: number;
  max?: number;
  aboveMin?: boolean;
  /** The value a new record starts with. */
  defaultValue?: string;
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
export const DOMAIN_CODES = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9'] as const;
export const EQUIPMENT_CATEGORIES = ['bedding', 'kitchen', 'furniture', 'computing', 'school_supplies', 'sanitary', 'sports_leisure', 'other'] as const;
export const EQUIPMENT_UNITS = ['piece', 'set', 'pair', 'box', 'ream', 'kg', 'litre', 'metre'] as const;
export const EQUIPMENT_CONDITIONS = ['good', 'worn', 'broken'] as const;
export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export const NEED_STATUSES = ['open', 'planned', 'met'] as const;
export const TRAINING_DOMAINS = ['legal', 'administrative', 'financial', 'educational', 'health_safety', 'child_protection', 'management', 'other'] as const;
/** The API's bounds of equipment lines (docs/API.md). */
export const MAX_QUANTITY = 1_000_000;
export const MAX_LINE_CENTIMES = 100_000_000_000;

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
      { name: 'unit_cost_centimes', label: 'field.unit_cost', type: 'money', required: true, min: 0, max: MAX_LINE_CENTIMES / 100 },
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
    if (f.type === 'money' && typeof v === 'number') values[f.name] = centimesToText(v);
    else values[f.name] = v === null || v === undefined ? '' : String(v);
  }
  return values;
}

/** 125050 → "1250.50": what a money field shows for editing. */
export function centimesToText(centimes: number): string {
  const sign = centimes < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(centimes));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const MONEY = /^(\d+)(?:[.,](\d{1,2}))?$/;

/** "1250,5" or "1250.50" (dirhams) → 125050 centimes, exactly; null when it is not an amount. */
export function textToCentimes(text: string): number | null {
  const match = MONEY.exec(text.trim().replace(/[\s\u202f]/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
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
    else if (f.type === 'money') body[f.name] = textToCentimes(raw);
    else body[f.name] = raw;
  }
  return body;
}

/** The client-side check of one value; answers a message key, or null when it is fine. */
export function checkField(f: FieldDef, values: { [name: string]: string }): { key: string; params?: { [k: string]: string | number } } | null {
  if (f.visible && !f.visible(values)) return null;
  const raw = (values[f.name] ?? '').trim();
  if (raw === '') return f.required ? { key: 'errors.required' } : null;
  if (f.maxlength && [...raw].length > f.maxlength) return { key: 'errors.too_long', params: { max: f.maxlength } };
  if (f.type === 'integer' && !/^-?\d+$/.test(raw)) return { key: 'errors.integer' };
  if (f.type === 'decimal' && !/^-?\d+([.,]\d+)?$/.test(raw)) return { key: 'errors.number' };
  if (f.type === 'money' && textToCentimes(raw) === null) return { key: 'errors.money' };
  if (f.type === 'integer' || f.type === 'decimal' || f.type === 'money') {
    const n = f.type === 'money' ? (textToCentimes(raw) ?? 0) / 100 : Number(raw.replace(',', '.'));
    if (f.min !== undefined && (f.aboveMin ? n <= f.min : n < f.min)) return { key: f.aboveMin ? 'errors.above' : 'errors.min', params: { min: f.min } };
    if (f.max !== undefined && n > f.max) return { key: 'errors.max', params: { max: f.max } };
  }
  if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { key: 'errors.invalid_date' };
  if (f.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) return { key: 'errors.email' };
  return null;
}

