import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../src/lib/i18n';
import { noticeDetail, noticeText, type Notice } from '../src/lib/notices';
import { app } from '../src/lib/state.svelte';

const FSI = '\u2068';
const PDI = '\u2069';

function notice(fields: Partial<Notice>): Notice {
  return { key: 'k', kind: 'action_due', id: 1, date: null, link: '/', read: false, ...fields };
}

beforeAll(async () => {
  await loadDictionary('fr');
});

describe('noticeText', () => {
  it('says in Arabic, with Moroccan month names and Western digits, what each notice is about', () => {
    app.lang = 'ar';
    const due = notice({ kind: 'action_due', date: '2026-12-09', name_ar: 'تجديد الأفرشة' });
    expect(noticeText(due)).toBe(`الإجراء ${FSI}تجديد الأفرشة${PDI} يحل أجله في 9\u00a0دجنبر\u00a02026`);
    const unreported = notice({ kind: 'statistics_unreported', month: '2026-09', name_ar: 'دار الطالب بوجدور' });
    expect(noticeText(unreported)).toBe(`لم تُدخل ${FSI}دار الطالب بوجدور${PDI} إحصائيات شتنبر\u00a02026`);
  });

  it('tells an expired document from one about to expire, by the day it is read', () => {
    app.lang = 'fr';
    const document = notice({
      kind: 'document_expiring',
      date: '2026-12-20',
      document_kind: 'receipt',
      name_ar: 'جمعية',
      name_fr: 'Association Nour',
    });
    expect(noticeText(document, new Date(2026, 11, 6))).toContain('expire le 20\u00a0décembre\u00a02026');
    expect(noticeText(document, new Date(2026, 11, 21))).toContain('expiré le 20\u00a0décembre\u00a02026');
    expect(noticeText(document, new Date(2026, 11, 21))).toContain(`${FSI}Association Nour${PDI}`);
    app.lang = 'ar';
  });

  it('isolates a name typed in the other script so that it keeps its own direction', () => {
    app.lang = 'ar';
    const returned = notice({
      kind: 'assessment_returned',
      name_ar: 'Dar Talib',
      campaign_name_ar: 'دراسة 2018',
      reason: 'صور ناقصة',
    });
    expect(noticeText(returned)).toContain(`${FSI}Dar Talib${PDI}`);
    expect(noticeDetail(returned)).toBe('سبب الإرجاع: صور ناقصة');
    expect(noticeDetail(notice({ kind: 'action_overdue', institution_name_ar: 'دار الطالبة' }))).toBe('دار الطالبة');
    expect(noticeDetail(notice({ kind: 'statistics_unreported' }))).toBe('');
  });
});
