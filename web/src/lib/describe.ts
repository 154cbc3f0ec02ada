// Short labels for records and audit entries, shared by several pages.
import { daysUntil, formatDate, isolate } from './format';
import { t, tEnum } from './i18n';
import type { AuditEntry, Record } from './types';

/** The expiry badge of a document: expired, expiring within 90 days, or none. */
export function expiryBadge(doc: Record): { kind: 'danger' | 'warning'; text: string } | null {
  const expires = doc.expires_on ? String(doc.expires_on) : '';
  if (!expires) return null;
  const days = daysUntil(expires);
  if (Number.isNaN(days)) return null;
  if (days < 0) return { kind: 'danger', text: t('documents.expired') };
  if (days <= 90) return { kind: 'warning', text: t('documents.expires_in', { n: days }) };
  return null;
}

/** "Institution #12", in the current language. */
export function entityLabel(entity: string, id: number | null): string {
  const name = t(`entity.${entity}`);
  const shown = name.startsWith('entity.') ? entity : name;
  // The number is isolated left-to-right so that "#12" keeps its order in Arabic text.
  return id === null || id === undefined ? shown : `${shown} ${isolate(`#${id}`)}`;
}

/** The verb of an audit action ("create", "update", "archive", "login"...). */
export function actionLabel(action: string): string {
  const label = t(`action.${action}`);
  return label.startsWith('action.') ? action : label;
}

/**
 * Who made an audit entry: the user's name, or for the system (no user id) the label of the actor
 * it wrote ("riaya command line", "riaya demo", "riaya reference": the OpenAPI document's
 * x-system-actors).
 */
export function actorLabel(entry: Pick<AuditEntry, 'user_id' | 'username'>): string {
  if (!entry.username) return '—';
  if (entry.user_id !== null && entry.user_id !== undefined) return entry.username;
  const label = t(`actor.${entry.username.replace(/ /g, '_')}`);
  return label.startsWith('actor.') ? entry.username : label;
}

/** The fields an audit entry changed, with their value before and after. */
export function auditChanges(
  entry: Pick<AuditEntry, 'before' | 'after'>,
): { field: string; before: string; after: string }[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const skip = new Set(['version', 'updated_at', 'created_at']);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !skip.has(k));
  const show = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return keys
    .filter((k) => show(before[k]) !== show(after[k]))
    .map((k) => ({ field: k, before: show(before[k]), after: show(after[k]) }));
}

/** A field name as a label when we have one ("name_ar" → "Arabic name"). */
export function fieldLabel(field: string): string {
  const label = t(`field.${field}`);
  return label.startsWith('field.') ? field : label;
}

export { formatDate, tEnum };
