// The institution's file (its page) and its association's: the scores of its validated official
// assessments campaign by campaign with the change since the one before, per domain between the
// latest two, and what an association's institutions add up to. Pure functions over what the
// lists answer (GET /api/assessments, /api/shortcomings); the pages draw them.
import type { Record } from './types';

/** One campaign's validated official assessment of an institution, with the change since the one before. */
export interface CampaignScore {
  assessment_id: number;
  campaign_id: number;
  campaign_name_ar: string;
  campaign_name_fr: string | null;
  visit_date: string | null;
  overall: number | null;
  /** Percentage points since the institution's previous campaign; null for the first or a missing score. */
  change: number | null;
}

/** A domain's score in the latest two campaigns, and the change between them (null where either side is). */
export interface DomainChange {
  code: string;
  before: number | null;
  after: number | null;
  change: number | null;
}

const score = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const difference = (after: number | null, before: number | null) =>
  after === null || before === null ? null : after - before;

/**
 * The scores of `assessments` (one institution's validated official assessments, latest campaign
 * first, as GET /api/assessments orders them), each with its change since the next one in the list.
 */
export function scoreHistory(assessments: Record[]): CampaignScore[] {
  return assessments.map((a, i) => {
    const previous = assessments[i + 1];
    const overall = score(a.overall);
    return {
      assessment_id: Number(a.id),
      campaign_id: Number(a.campaign_id),
      campaign_name_ar: String(a.campaign_name_ar ?? ''),
      campaign_name_fr: typeof a.campaign_name_fr === 'string' ? a.campaign_name_fr : null,
      visit_date: typeof a.visit_date === 'string' ? a.visit_date : null,
      overall,
      change: previous ? difference(overall, score(previous.overall)) : null,
    };
  });
}

type Scores = { domains?: { code: string; percent?: number | null }[] } | null | undefined;

/**
 * The domains of `after` (the latest assessment's scores), then those only `before` has, each
 * with both percentages and the change (as the campaign comparison computes it).
 */
export function domainChanges(after: Scores, before: Scores): DomainChange[] {
  const percentOf = (scores: Scores, code: string) => score(scores?.domains?.find((d) => d.code === code)?.percent);
  const codes: string[] = [];
  for (const scores of [after, before])
    for (const d of scores?.domains ?? []) if (!codes.includes(d.code)) codes.push(d.code);
  return codes.map((code) => {
    const a = percentOf(after, code);
    const b = before ? percentOf(before, code) : null;
    return { code, before: b, after: a, change: before ? difference(a, b) : null };
  });
}

/**
 * Each institution's latest campaign score with its change since the one before, from validated
 * official assessments of several institutions (latest campaign first): institution id → score.
 */
export function latestScores(assessments: Record[]): Map<number, CampaignScore> {
  const byInstitution = new Map<number, Record[]>();
  for (const a of assessments) {
    const id = Number(a.institution_id);
    byInstitution.set(id, [...(byInstitution.get(id) ?? []), a]);
  }
  return new Map([...byInstitution].map(([id, list]) => [id, scoreHistory(list.slice(0, 2))[0]]));
}

/** How many of `rows` each institution has (by `institution_id`). */
export function countByInstitution(rows: Record[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(Number(r.institution_id), (counts.get(Number(r.institution_id)) ?? 0) + 1);
  return counts;
}
