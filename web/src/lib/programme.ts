// Helpers of the action programme screens: whether an action is overdue and how that shows,
// the status badges, the columns of a list of actions, and money totals.
import type { Column } from '../components/ListView.svelte';
import { percent } from './assessments';
import { daysUntil, formatAmount, formatDate, formatNumber, localName } from './format';
import { t, tEnum, translate } from './i18n';
import type { Record, RecordOf } from './types';

type Badge = { kind: 'ok' | 'warning' | 'danger' | 'muted'; text: string };

/**
 * Whether `action` is overdue: the server says so in its `overdue` (domain/money.hpp holds the
 * one rule); the app never decides it again.
 */
export const isOverdue = (action: { [k: string]: unknown }): boolean => action.overdue === true;

/**
 * The overdue marker of `action`, in words and with a sign (not by colour alone):
 * "⚠ متأخرة منذ 12 يومًا"; null when it is not overdue.
 */
export function overdueBadge(action: { [k: string]: unknown }, today: Date = new Date()): Badge | null {
  if (!isOverdue(action)) return null;
  const days = typeof action.due_on === 'string' ? -daysUntil(action.due_on, today) : NaN;
  // The server's day (UTC) may already be the next one: never "0 days".
  const n = Number.isFinite(days) ? Math.max(1, days) : 1;
  return { kind: 'danger', text: `⚠ ${t('actions.overdue_by', { n })}` };
}

/** The row class of an overdue action, for lists that set one. */
export const overdueRow = (action: Record) => (isOverdue(action) ? 'overdue' : '');

export function actionStatusBadge(status: unknown): Badge {
  return {
    kind: status === 'done' ? 'ok' : status === 'ongoing' ? 'warning' : 'muted',
    text: tEnum('action_status', status),
  };
}

export function programmeStatusBadge(status: unknown): Badge {
  return {
    kind: status === 'active' ? 'ok' : status === 'draft' ? 'warning' : 'muted',
    text: tEnum('programme_status', status),
  };
}

/** Where an action applies: its institution, or the whole province. */
export function actionPlace(action: Record): string {
  return action.institution_id ? localName(action, 'institution_name') : t('actions.province_wide');
}

/** An amount in centimes (its currency in the column's header), or nothing when the API left it out. */
const amount = (value: unknown) => (typeof value === 'number' ? formatAmount(value) : '');

/**
 * The columns of a list of actions. Leave out the programme on a programme's page and the
 * institution on an institution's; `money` adds the estimated cost and the funding gap.
 */
export function actionColumns(options: { programme?: boolean; institution?: boolean; money?: boolean } = {}): Column[] {
  const { programme = true, institution = true, money: withMoney = false } = options;
  const columns: (Column<RecordOf<'Action'>> | false)[] = [
    {
      key: 'title',
      label: t('field.title'),
      sort: 'title_ar',
      value: (r) => localName(r, 'title'),
      href: (r) => `/actions/${r.id}`,
      user: true,
      badge: (r) => overdueBadge(r),
    },
    institution && { key: 'institution', label: t('field.institution'), value: actionPlace, user: true },
    programme && {
      key: 'programme',
      label: t('field.programme'),
      value: (r) => localName(r, 'programme_name'),
      user: true,
    },
    { key: 'category', label: t('field.action_category'), value: (r) => tEnum('action_category', r.category) },
    { key: 'due_on', label: t('field.due_on'), sort: 'due_on', value: (r) => formatDate(r.due_on) },
    {
      key: 'status',
      label: t('field.status'),
      sort: 'status',
      value: () => '',
      badge: (r) => actionStatusBadge(r.status),
    },
    { key: 'progress', label: t('field.progress'), sort: 'progress', value: (r) => percent(r.progress), numeric: true },
    // The currency in the header, not in every cell: the programme's table fits 1280 px in French.
    withMoney && {
      key: 'cost',
      label: t('money.in_currency', { label: t('money.cost') }),
      value: (r) => amount(r.estimated_cost_centimes),
      numeric: true,
    },
    withMoney && {
      key: 'gap',
      label: t('money.in_currency', { label: t('money.gap') }),
      value: (r) => amount(r.gap_centimes),
      numeric: true,
    },
  ];
  return columns.filter((c): c is Column<RecordOf<'Action'>> => !!c);
}

/** The amounts of an action or a programme: cost, funded, gap and surplus (centimes; 0 when absent). */
export function fundingOf(rec: Record): { cost: number; funded: number; gap: number; surplus: number } {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const cost = n(rec.cost_centimes ?? rec.estimated_cost_centimes);
  return { cost, funded: n(rec.funded_centimes), gap: n(rec.gap_centimes), surplus: n(rec.surplus_centimes) };
}

/** "3 من 7": actions done out of all (cancelled ones left out by the server). */
export function doneOfAll(programme: Record): string {
  return t('programmes.done_count', {
    done: formatNumber(Number(programme.actions_done ?? 0)),
    all: formatNumber(Number(programme.actions ?? 0)),
  });
}

/** What a grant has left to allocate to actions: committed − allocated (centimes). */
export function grantLeft(grant: Record): number {
  return Math.max(0, Number(grant.committed_centimes ?? 0) - Number(grant.allocated_centimes ?? 0));
}

/**
 * A grant's source as read: "المبادرة الوطنية للتنمية البشرية — برنامج محاربة الهشاشة". A name that
 * repeats the source (in the interface's language or in Arabic) says it once: the same text is the
 * source alone; the source, a comma and more is the source, then the more.
 */
export function grantSource(source: unknown, name: unknown): string {
  const label = tEnum('grant_source', source);
  const given = typeof name === 'string' ? name.replace(/\s+/g, ' ').trim() : '';
  for (const known of new Set([label, translate('ar', `enum.grant_source.${String(source)}`)])) {
    if (!known || given.slice(0, known.length).toLowerCase() !== known.toLowerCase()) continue;
    const rest = given.slice(known.length);
    if (!rest) return label;
    const more = /^[\s،,:;–—-]+(.+)$/u.exec(rest);
    if (more) return `${label} — ${more[1]}`;
  }
  return label + (given ? ` — ${given}` : '');
}

/** The years a grant list filters on: next year back to 2015, newest first. */
export function grantYears(today: Date = new Date()): string[] {
  const years: string[] = [];
  for (let y = today.getFullYear() + 1; y >= 2015; y--) years.push(String(y));
  return years;
}
