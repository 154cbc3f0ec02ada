// Shapes of the records the API answers (docs/API.md); those of the registry's resources are
// generated from /api/openapi.json (api-types.ts).
import type { components, Session } from './api-types';

/** The API's record schemas, by name ('Institution', 'FundingLine', …). */
export type Schemas = components['schemas'];
export type Role = 'admin' | 'division' | 'delegation' | 'assessor' | 'association' | 'viewer';

/** What a role may do with a resource (docs/API.md, "Permissions"). */
export type Permission = 'read' | 'create' | 'update' | 'archive' | 'validate';

/**
 * The signed-in user as GET /api/session answers it (openapi.json's Session), with the session's
 * `permissions` and `creators` kept beside it (session.ts): by resource.
 */
export type User = Session['user'] & { permissions?: Session['permissions']; creators?: Session['creators'] };

export interface Record {
  id: number;
  version: number;
  created_at?: string;
  updated_at?: string;
  archived_at?: string | null;
  [field: string]: unknown;
}

/** A record of a known resource as the API answers it: its schema's fields, typed, and those the answer adds. */
export type RecordOf<N extends keyof Schemas> = Schemas[N] & Record;

export interface Page<T = Record> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

/** A participant of a training, as GET /api/trainings/{id}/participants lists it (docs/API.md). */
export interface TrainingParticipant {
  staff_id: number;
  full_name: string;
  function: string | null;
  institution_id: number;
  institution_name_ar: string;
  institution_name_fr: string | null;
  archived_at: string | null;
  added_at: string;
}

/** An API token as GET /api/tokens lists it (POST answers it with `token`, the secret, once). */
export interface ApiToken {
  id: number;
  user_id: number;
  username: string;
  name: string;
  prefix: string;
  expires_on: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  token?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  address: string | null;
  action: string;
  entity: string;
  entity_id: number | null;
  before: { [k: string]: unknown } | null;
  after: { [k: string]: unknown } | null;
}

/** GET /api/audit/verify: whether the audit trail's hash chain is whole, else its first bad entry. */
export interface AuditChain {
  whole: boolean;
  entries: number;
  head_hash: string;
  problem?: 'edited' | 'deleted' | 'inserted' | 'head';
  id?: number | null;
}

/** A tile without data: no month of statistics reported, or school results (not kept yet). */
export interface MissingTile {
  state: 'missing';
}

/** The dashboard's performance record tiles (docs/API.md, "The dashboard"); rates are 0–1. */
export interface OccupancyTile {
  school_year: string;
  rate: number | null;
  institutions: number;
  reports: number;
  average_present: number;
}
export interface BySexTile {
  school_year: string;
  f: number;
  m: number;
  /** The average present by school level and sex. */
  by_level: { [level: string]: { f: number; m: number } };
}
export interface DropoutTile {
  school_year: string;
  rate: number | null;
  f: number | null;
  m: number | null;
  trend: { school_year: string; rate: number | null; f: number | null; m: number | null }[];
}

/** The school results of the individual registers (store/dashboard.cpp, success_tile). */
export interface SuccessTile {
  school_year: string;
  counted: number;
  rate: number | null;
  f: number | null;
  m: number | null;
  repetition_rate: number | null;
  dropout_rate: number | null;
  by_level: { [level: string]: { counted: number; success_rate: number | null; dropout_rate: number | null } };
  trend: { school_year: string; rate: number | null; f: number | null; m: number | null }[];
}

export interface DashboardCampaign {
  id: number;
  name_ar: string;
  name_fr?: string | null;
  starts_on?: string | null;
}

/** GET /api/dashboard (docs/API.md, "The dashboard"). */
export interface Dashboard {
  institutions_by_category: { category: string; name_ar: string; name_fr: string; count: number; capacity: number }[];
  totals: { institutions: number; capacity: number; associations: number; staff?: number };
  occupancy: OccupancyTile | MissingTile;
  beneficiaries_by_sex: BySexTile | MissingTile;
  dropout_rate: DropoutTile | MissingTile;
  success_rate: SuccessTile | MissingTile;
  campaigns: DashboardCampaign[];
  scores: {
    campaign: DashboardCampaign | null;
    domains: { code: string; name_ar: string; name_fr: string; mean: number | null; assessments: number }[];
    /** A row per assessment (a province or below, an association), or per province (a region or the country). */
    heat_map_by: 'assessment' | 'province';
    assessments: number;
    overall: number | null;
    /** By assessment: its institution and percents; by province: the province and its means. */
    heat_map: {
      assessment_id?: number;
      institution_id?: number;
      institution_code?: string;
      institution_name_ar?: string;
      institution_name_fr?: string | null;
      territory_id?: number;
      territory_code?: string;
      territory_name_ar?: string;
      territory_name_fr?: string | null;
      assessments?: number;
      overall: number | null;
      domains: { [code: string]: number | null };
    }[];
  };
  shortcomings: {
    items: { domain_code: string | null; severity: string; open: number; in_progress: number }[];
    open: number;
    in_progress: number;
  };
  programme: { planned: number; ongoing: number; done: number; cancelled: number; overdue: number };
  funding: {
    items: {
      source: string;
      year: string | null;
      grants: number;
      committed_centimes: number;
      disbursed_centimes: number;
      gap_centimes: number;
    }[];
    committed_centimes: number;
    disbursed_centimes: number;
    gap_centimes: number;
  };
  trained_staff?: { staff: number; trained: number; percent: number | null; since: string };
  expiring_documents?: Record[];
  latest_changes?: AuditEntry[];
}
