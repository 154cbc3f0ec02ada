// Helpers of the equipment and training screens: list columns, and the shapes of the
// consolidated needs and the trained-staff indicator (docs/API.md).
import type { Column } from '../components/ListView.svelte';
import { formatDate, formatMoney, formatNumber, localName } from './format';
import { t, tEnum } from './i18n';
import type { Record, RecordOf } from './types';

export interface ConsolidatedItem {
  item_id: number;
  item_code: string;
  item_name_ar: string;
  item_name_fr: string | null;
  item_unit: string;
  item_category: string;
  quantity: number;
  total_centimes: number;
  institutions: number;
  lines: number;
  need_ids: number[];
  /** The needs no action plans yet: what can become an equipment action. */
  open_need_ids: number[];
}

export interface ConsolidatedNeeds {
  items: ConsolidatedItem[];
  totals: { total_centimes: number; institutions: number; lines: number };
}

export interface TrainedRow {
  institution_id: number;
  code: string;
  name_ar: string;
  name_fr: string | null;
  staff: number;
  trained: number;
  percent: number | null;
}

export interface TrainedStaff {
  computed_on: string;
  since: string;
  items: TrainedRow[];
  totals: { staff: number; trained: number; percent: number | null };
}

export const priorityKind = (p: unknown): 'danger' | 'warning' | 'muted' =>
  p === 'high' ? 'danger' : p === 'medium' ? 'warning' : 'muted';
export const needStatusKind = (s: unknown): 'ok' | 'warning' | 'muted' =>
  s === 'met' ? 'ok' : s === 'planned' ? 'warning' : 'muted';
export const conditionKind = (c: unknown): 'ok' | 'warning' | 'danger' =>
  c === 'good' ? 'ok' : c === 'worn' ? 'warning' : 'danger';

/** A line's catalogue item: its name, then its code in a column of its own (left-to-right). */
const itemColumns = (href?: (r: Record) => string | null): Column[] => [
  { key: 'item', label: t('field.item'), value: (r) => localName(r, 'item_name'), user: true, href },
  { key: 'item_code', label: t('field.code'), value: (r) => String(r.item_code ?? ''), ltr: true },
];
const institutionColumn: Column = {
  key: 'institution',
  label: t('field.institution'),
  value: (r) => localName(r, 'institution_name'),
  href: (r) => `/institutions/${r.institution_id}/equipment`,
  user: true,
};

/** Lines of inventory; `withInstitution` adds the institution's name. */
export function inventoryColumns(edit: (r: Record) => string | null, withInstitution = false): Column[] {
  const line: Column<RecordOf<'EquipmentInventory'>>[] = [
    ...(withInstitution ? [institutionColumn] : []),
    ...itemColumns(edit),
    { key: 'category', label: t('field.category'), value: (r) => tEnum('equipment_category', r.item_category) },
    {
      key: 'quantity',
      label: t('field.quantity'),
      sort: 'quantity',
      value: (r) => `${formatNumber(r.quantity)} ${tEnum('equipment_unit', r.item_unit)}`,
      numeric: true,
    },
    {
      key: 'condition',
      label: t('field.condition'),
      value: () => '',
      badge: (r) => ({ kind: conditionKind(r.condition), text: tEnum('equipment_condition', r.condition) }),
    },
    { key: 'note', label: t('field.note'), value: (r) => String(r.note ?? ''), user: true },
  ];
  return line;
}

/** Lines of needs, with the line's cost (quantity × unit cost); `withInstitution` adds the institution. */
export function needColumns(edit: (r: Record) => string | null, withInstitution = false): Column[] {
  const line: Column<RecordOf<'EquipmentNeed'>>[] = [
    ...(withInstitution ? [institutionColumn] : []),
    ...itemColumns(edit),
    {
      key: 'quantity',
      label: t('field.quantity'),
      sort: 'quantity',
      value: (r) => `${formatNumber(r.quantity)} ${tEnum('equipment_unit', r.item_unit)}`,
      numeric: true,
    },
    {
      key: 'unit_cost',
      label: t('field.unit_cost'),
      sort: 'unit_cost_centimes',
      value: (r) => formatMoney(r.unit_cost_centimes),
      numeric: true,
    },
    {
      key: 'line_total',
      label: t('needs.line_total'),
      value: (r) => formatMoney(r.quantity * r.unit_cost_centimes),
      numeric: true,
    },
    {
      key: 'priority',
      label: t('field.priority'),
      sort: 'priority',
      value: () => '',
      badge: (r) => ({ kind: priorityKind(r.priority), text: tEnum('need_priority', r.priority) }),
    },
    {
      key: 'status',
      label: t('field.status'),
      sort: 'status',
      value: () => '',
      badge: (r) => ({ kind: needStatusKind(r.status), text: tEnum('need_status', r.status) }),
    },
    { key: 'justification', label: t('field.justification'), value: (r) => String(r.justification ?? ''), user: true },
    {
      key: 'action',
      label: t('needs.action'),
      value: (r) => (r.action_id ? localName(r, 'action_title') : ''),
      href: (r) => (r.action_id ? `/actions/${r.action_id}` : null),
      user: true,
    },
  ];
  return line;
}

/** A number with one decimal when it has a fraction: hours (12,5) and percentages (66,7). */
export function formatTenths(value: unknown): string {
  if (typeof value !== 'number') return '';
  return formatNumber(value, undefined, Number.isInteger(value) ? 0 : 1);
}

/** "66,7 %" or "—" without staff. */
export function percentText(value: number | null | undefined): string {
  if (value === null || value === undefined) return t('common.none');
  return t('trained.percent', { value: formatTenths(value) });
}

/** A training's dates: "22 أبريل 2019" or "22 أبريل 2019 – 24 أبريل 2019". */
export function trainingDates(r: Pick<RecordOf<'Training'>, 'starts_on' | 'ends_on'>): string {
  const start = formatDate(r.starts_on);
  const end = formatDate(r.ends_on);
  return end && end !== start ? `${start} – ${end}` : start;
}
