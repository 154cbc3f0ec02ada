// The signed-in user's notices (GET /api/notices, computed by the server in the user's scope):
// what each says in the interface's language, and the bell's count (app.unreadNotices), shared by
// the header and the notices page so that marking one read on the page lowers the bell at once.
import { get, post } from './api';
import { daysUntil, formatDate, formatMonth, isolate, localName } from './format';
import { t, tEnum } from './i18n';
import { app } from './state.svelte';

export type NoticeKind =
  | 'assessment_returned'
  | 'assessment_submitted'
  | 'action_overdue'
  | 'action_due'
  | 'document_expiring'
  | 'statistics_unreported'
  | 'recommendation_without_action';

export interface Notice {
  key: string;
  kind: NoticeKind;
  id: number;
  /** The date the notice is about: due, expiry, submission, month "YYYY-MM", meeting. */
  date: string | null;
  /** The web app's page of the record. */
  link: string;
  read: boolean;
  name_ar?: string | null;
  name_fr?: string | null;
  campaign_name_ar?: string | null;
  campaign_name_fr?: string | null;
  institution_name_ar?: string | null;
  institution_name_fr?: string | null;
  meeting_title_ar?: string | null;
  meeting_title_fr?: string | null;
  reason?: string | null;
  document_kind?: string | null;
  reference?: string | null;
  month?: string | null;
}

export interface NoticeList {
  items: Notice[];
  unread: number;
  total: number;
}

/** A name typed by someone, isolated in its own direction inside a sentence of the interface. */
function typed(text: string): string {
  return text ? isolate(text, 'auto') : '';
}

/** The notice's sentence in the interface's language; `today` decides "expired" from "expires". */
export function noticeText(notice: Notice, today: Date = new Date()): string {
  const name = typed(localName(notice, 'name'));
  const date = formatDate(notice.date?.slice(0, 10));
  switch (notice.kind) {
    case 'assessment_returned':
    case 'assessment_submitted':
      return t(`notices.${notice.kind}`, { name, campaign: typed(localName(notice, 'campaign_name')) });
    case 'action_overdue':
    case 'action_due':
      return t(`notices.${notice.kind}`, { name, date });
    case 'document_expiring': {
      const expired = notice.date ? daysUntil(notice.date, today) < 0 : false;
      return t(expired ? 'notices.document_expired' : 'notices.document_expiring', {
        document: tEnum('document_kind', notice.document_kind),
        name,
        date,
      });
    }
    case 'statistics_unreported':
      return t('notices.statistics_unreported', { name, month: formatMonth(notice.month) });
    case 'recommendation_without_action':
      return t('notices.recommendation_without_action', { name });
  }
}

/** What the notice adds under its sentence: a return's reason, an action's institution, a meeting. */
export function noticeDetail(notice: Notice): string {
  if (notice.kind === 'assessment_returned' && notice.reason) return t('notices.reason', { reason: notice.reason });
  if ((notice.kind === 'action_due' || notice.kind === 'action_overdue') && notice.institution_name_ar)
    return localName(notice, 'institution_name');
  if (notice.kind === 'recommendation_without_action')
    return t('notices.meeting', {
      meeting: typed(localName(notice, 'meeting_title')),
      date: formatDate(notice.date),
    });
  return '';
}

/** Sets the bell's count (app.unreadNotices) from the server; keeps the last count on failure. */
export async function refreshUnread(): Promise<void> {
  try {
    app.unreadNotices = (await get<{ unread: number }>('/api/notices/count')).unread;
  } catch {
    // The page that lists the notices says what failed.
  }
}

export async function markRead(key: string): Promise<void> {
  app.unreadNotices = (await post<{ unread: number }>('/api/notices/read', { key })).unread;
}

export async function markAllRead(): Promise<void> {
  app.unreadNotices = (await post<{ unread: number }>('/api/notices/read-all')).unread;
}
