// Helpers of the diagnostic campaign screens: assessment list columns, scores as text.
import type { Column } from '../components/ListView.svelte';
import { formatDate, formatNumber, localName } from './format';
import { t, tEnum } from './i18n';

/** A percentage (0-100, or null) as "83 %". */
export function percent(value: unknown): string {
  if (value === null || value === undefined || typeof value !== 'number') return '';
  return t('assessments.percent', { value: formatNumber(Math.round(value)) });
}

export function statusBadgeKind(status: unknown): 'ok' | 'warning' | 'danger' | 'muted' {
  return status === 'validated' ? 'ok' : status === 'returned' ? 'danger' : status === 'submitted' ? 'warning' : 'muted';
}

/** Columns of a list of assessments; withCampaign adds the campaign's name. */
export function assessmentColumns(withCampaign: boolean): Column[] {
  return [
    { key: 'institution', label: t('field.institution'), value: (r) => localName(r, 'institution_name'), href: (r) => `/assessments/${r.id}`, user: true },
    ...(withCampaign ? [{ key: 'campaign', label: t('field.campaign'), value: (r: { [k: string]: unknown }) => localName(r, 'campaign_name'), user: true }] : []),
    { key: 'kind', label: t('field.kind'), value: () => '', badge: (r) => (r.kind === 'self' ? { kind: 'warning', text: tEnum('assessment_kind', 'self') } : { kind: 'muted', text: tEnum('assessment_kind', 'official') }) },
    { key: 'status', label: t('field.status'), value: () => '', badge: (r) => ({ kind: statusBadgeKind(r.status), text: tEnum('assessment_status', r.status) }) },
    { key: 'visit_date', label: t('field.visit_date'), value: (r) => formatDate(r.visit_date as string) },
    { key: 'overall', label: t('field.overall'), value: (r) => percent(r.overall), numeric: true },
  ] as Column[];
}
