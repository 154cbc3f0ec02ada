// Shapes of the records the API answers (docs/API.md).
export type Role = 'admin' | 'division' | 'delegation' | 'assessor' | 'association' | 'viewer';

export interface Scope {
  kind: 'territory' | 'association';
  id: number;
  name_ar: string;
  name_fr?: string | null;
}

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  language: 'ar' | 'fr' | 'en';
  must_change_password: boolean;
  scope: Scope | null;
}

export interface Record {
  id: number;
  version: number;
  created_at?: string;
  updated_at?: string;
  archived_at?: string | null;
  [field: string]: unknown;
}

export interface Page<T = Record> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
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

export interface Dashboard {
  institutions_by_category: { category: string; name_ar: string; name_fr: string; count: number; capacity: number }[];
  totals: { institutions: number; capacity: number; associations: number; staff?: number };
  expiring_documents?: Record[];
  latest_changes?: AuditEntry[];
}
