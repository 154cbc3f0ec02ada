// Helpers of the diagnostic campaign screens: assessment list columns, scores as text, the
// register's status changes, evidence files, and the comparison of two campaigns.
import type { Column } from '../components/ListView.svelte';
import type { StoredFile } from './files';
import { formatDate, formatNumber, localName } from './format';
import { t, tEnum } from './i18n';
import type { AssessmentStatus, SavedAnswer } from './sync';
import type { Record } from './types';

/** A percentage (0-100, or null) as "83 %". */
export function percent(value: unknown): string {
  if (value === null || value === undefined || typeof value !== 'number') return '';
  return t('assessments.percent', { value: formatNumber(Math.round(value)) });
}

export function statusBadgeKind(status: unknown): 'ok' | 'warning' | 'danger' | 'muted' {
  return status === 'validated'
    ? 'ok'
    : status === 'returned'
      ? 'danger'
      : status === 'submitted'
        ? 'warning'
        : 'muted';
}

/** Columns of a list of assessments; withCampaign adds the campaign's name. */
export function assessmentColumns(withCampaign: boolean): Column[] {
  const campaign: Column[] = withCampaign
    ? [{ key: 'campaign', label: t('field.campaign'), value: (r) => localName(r, 'campaign_name'), user: true }]
    : [];
  return [
    {
      key: 'institution',
      label: t('field.institution'),
      value: (r) => localName(r, 'institution_name'),
      href: (r) => `/assessments/${r.id}`,
      user: true,
    },
    ...campaign,
    {
      key: 'kind',
      label: t('field.kind'),
      value: () => '',
      badge: (r) =>
        r.kind === 'self'
          ? { kind: 'warning', text: tEnum('assessment_kind', 'self') }
          : { kind: 'muted', text: tEnum('assessment_kind', 'official') },
    },
    {
      key: 'status',
      label: t('field.status'),
      value: () => '',
      badge: (r) => ({ kind: statusBadgeKind(r.status), text: tEnum('assessment_status', r.status) }),
    },
    {
      key: 'visit_date',
      label: t('field.visit_date'),
      value: (r) => formatDate(typeof r.visit_date === 'string' ? r.visit_date : null),
    },
    { key: 'overall', label: t('field.overall'), value: (r) => percent(r.overall), numeric: true },
  ];
}

/** A shortcoming's severity as a badge: critical in red, high and medium in amber, low muted. */
export function severityBadge(severity: unknown): { kind: 'danger' | 'warning' | 'muted'; text: string } {
  const kind = severity === 'critical' ? 'danger' : severity === 'high' || severity === 'medium' ? 'warning' : 'muted';
  return { kind, text: tEnum('severity', severity) };
}

/** What a shortcoming is about: its criterion ("D6.1 — أسرة وأفرشة…"), else its description. */
export function shortcomingText(s: Record): string {
  return s.criterion_code ? `${s.criterion_code} — ${localName(s, 'criterion_text')}` : String(s.description ?? '');
}

/**
 * What a shortcoming is, as the register's description reads it: for one an assessment raised,
 * its criterion's text in the interface's language and the assessor's comment on it, if any
 * ("أسرة وأفرشة كافية — الأسرة متلاشية"); for one recorded by hand, its description.
 */
export function shortcomingDescription(s: Record): string {
  const comment = String(s.description ?? '').trim();
  if (!s.criterion_code) return comment;
  const criterion = localName(s, 'criterion_text');
  return comment && criterion ? `${criterion} — ${comment}` : criterion || comment;
}

/** A shortcoming as a choice in a list: its institution, then what it is about. */
export function shortcomingChoice(s: Record): string {
  return `${localName(s, 'institution_name')} · ${shortcomingText(s)}`;
}

/**
 * A shortcoming's status as a badge. "resolved" reads "resolved, to verify": the actions that
 * remedy it are done, and the next assessment will verify it ("verified").
 */
export function shortcomingStatusBadge(status: unknown): { kind: 'ok' | 'warning' | 'danger' | 'muted'; text: string } {
  const kind =
    status === 'open' ? 'danger' : status === 'in_progress' ? 'warning' : status === 'resolved' ? 'ok' : 'muted';
  return { kind, text: tEnum('shortcoming_status', status) };
}

/**
 * The PUT body that moves shortcoming `rec` to `status` (a registry PUT replaces every editable
 * field, so the others are sent as read). Resolved and verified ones keep their resolution date,
 * or get `today`; open and in-progress ones have none.
 */
export function shortcomingStatusBody(rec: Record, status: string, today: string): { [field: string]: unknown } {
  const done = status === 'resolved' || status === 'verified';
  return {
    version: rec.version,
    institution_id: rec.institution_id,
    domain_code: rec.domain_code ?? null,
    criterion_code: rec.criterion_code ?? null,
    source: rec.source,
    description: rec.description ?? null,
    severity: rec.severity,
    status,
    raised_on: rec.raised_on,
    resolved_on: done ? (rec.resolved_on ?? today) : null,
  };
}

/** A criterion of the grid an assessment answers (GET /api/assessments/{id} "grid"). */
export interface AssessmentCriterion {
  code: string;
  text_ar: string;
  text_fr?: string | null;
  weight?: number;
  legal?: 'yes' | 'probable' | 'no';
  legal_reference?: string | null;
  critical?: boolean;
  guidance_ar?: string | null;
  guidance_fr?: string | null;
}
export interface AssessmentDomain {
  code: string;
  name_ar: string;
  name_fr?: string | null;
  criteria: AssessmentCriterion[];
}
/** An assessment's scores (percentages 0-100), null until it is scored. */
export interface AssessmentScores {
  overall: number | null;
  legal_compliance: number | null;
  critical_failures: string[];
  below_satisfactory: {
    criterion_code: string;
    domain_code: string;
    score: number;
    severity: string;
    critical: boolean;
  }[];
  domains: { code: string; percent: number | null }[];
}
/** An assessment as GET /api/assessments/{id} answers it (docs/API.md). */
export interface Assessment {
  id: number;
  version: number;
  kind: 'official' | 'self';
  status: AssessmentStatus;
  campaign_id: number;
  institution_id: number;
  institution_name_ar: string;
  institution_name_fr?: string | null;
  campaign_name_ar?: string;
  campaign_name_fr?: string | null;
  visit_date: string | null;
  return_reason: string | null;
  return_notes: { [code: string]: string } | null;
  scores: AssessmentScores | null;
  answers: SavedAnswer[];
  grid: { domains: AssessmentDomain[] };
  evidence?: Evidence[];
}

/** An evidence file of an assessment (GET /api/assessments/{id} "evidence"). */
export interface Evidence extends StoredFile {
  criterion_code: string;
}

/** One campaign's scores of an institution, in a comparison. */
export interface ComparedScores {
  overall: number | null;
  legal_compliance: number | null;
  domains: { [code: string]: number | null };
}

/** A shortcoming in a comparison: resolved, persisted or appeared between the two campaigns. */
export interface ComparedShortcoming {
  institution_id: number;
  institution_name_ar: string;
  institution_name_fr: string | null;
  criterion_code: string;
  criterion_text_ar: string;
  criterion_text_fr: string | null;
  domain_code: string;
  score_before: number | null;
  score_after: number | null;
  shortcoming_id: number | null;
}

/**
 * GET /api/campaigns/compare?before=&after=&page=&page_size= (validated official assessments
 * only): the institutions of one page and their shortcomings; `total` and `shortcoming_totals`
 * count every institution.
 */
export interface Comparison {
  before: { id: number; name_ar: string; name_fr: string | null };
  after: { id: number; name_ar: string; name_fr: string | null };
  domains: { code: string; name_ar: string; name_fr: string | null }[];
  institutions: {
    institution_id: number;
    code: string;
    name_ar: string;
    name_fr: string | null;
    before: ComparedScores | null;
    after: ComparedScores | null;
    change: { overall: number | null; domains: { [code: string]: number | null } };
  }[];
  total: number;
  page: number;
  page_size: number;
  shortcomings: { resolved: ComparedShortcoming[]; persisted: ComparedShortcoming[]; appeared: ComparedShortcoming[] };
  shortcoming_totals: { resolved: number; persisted: number; appeared: number };
}

/**
 * A change of score in percentage points, as a badge that does not rely on its colour alone:
 * "▲ +18" (up), "▼ -12" (down), "= 0" (same); null when one side is missing.
 */
export function changeBadge(
  points: number | null | undefined,
): { kind: 'ok' | 'danger' | 'muted'; text: string; direction: 'up' | 'down' | 'same' } | null {
  if (points === null || points === undefined || !Number.isFinite(points)) return null;
  const rounded = Math.round(points);
  if (rounded > 0) return { kind: 'ok', text: `▲ +${formatNumber(rounded)}`, direction: 'up' };
  if (rounded < 0) return { kind: 'danger', text: `▼ ${formatNumber(rounded)}`, direction: 'down' };
  return { kind: 'muted', text: '= 0', direction: 'same' };
}
