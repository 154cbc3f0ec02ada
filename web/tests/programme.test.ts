import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/lib/api';
import { severityBadge, shortcomingChoice, shortcomingStatusBadge, shortcomingText } from '../src/lib/assessments';
import { moneyFieldErrorText } from '../src/lib/errors';
import { formatMoney, formatPeriod, moneyInputText, parseMoney } from '../src/lib/format';
import { loadDictionary } from '../src/lib/i18n';
import {
  actionColumns,
  doneOfAll,
  fundingOf,
  grantLeft,
  grantYears,
  isOverdue,
  overdueBadge,
} from '../src/lib/programme';
import { checkField, grantOption, RESOURCES, toBody, toFormValues } from '../src/lib/resources';
import { canSee, menuFor, seesActions } from '../src/lib/roles';
import { app } from '../src/lib/state.svelte';
import type { User } from '../src/lib/types';

beforeAll(async () => {
  await loadDictionary('fr');
  await loadDictionary('en');
});

afterEach(() => {
  app.lang = 'ar';
});

const cents = (text: string) => {
  const parsed = parseMoney(text);
  return parsed.ok ? parsed.centimes : parsed.error;
};

describe('MAD typed as text, read as integer centimes', () => {
  it('reads whole dirhams and one or two decimals, with a comma or a point', () => {
    expect(cents('1250')).toBe(125000);
    expect(cents('1250,5')).toBe(125050);
    expect(cents('1250.50')).toBe(125050);
    expect(cents('0,07')).toBe(7);
    expect(cents('0.1')).toBe(10);
    expect(cents(',5')).toBe(50);
    expect(cents('007')).toBe(700);
  });

  it('computes from the digits, never drifting like a float times 100', () => {
    // 19.99 * 100 = 1998.9999999999998, 4.35 * 100 = 434.99999999999994, 1.15 * 100 = 114.99999999999999
    expect(cents('19.99')).toBe(1999);
    expect(cents('4,35')).toBe(435);
    expect(cents('1.15')).toBe(115);
    expect(cents('9999999.99')).toBe(999999999);
    for (let c = 0; c < 100_000; c += 7) expect(cents(moneyInputText(c, 'fr'))).toBe(c);
  });

  it('reads grouped thousands: spaces, and commas or points before groups of three', () => {
    expect(cents('1 250 000')).toBe(125000000);
    expect(cents('1\u202f250\u202f000,00')).toBe(125000000);
    expect(cents('1\u00a0250,75')).toBe(125075);
    expect(cents('1,250,000.50')).toBe(125000050);
    expect(cents('1.250.000,75')).toBe(125000075);
    expect(cents('12,345')).toBe(1234500);
  });

  it('reads what formatMoney writes, in every language', () => {
    for (const lang of ['ar', 'fr', 'en'] as const) {
      expect(cents(formatMoney(125000050, lang))).toBe(125000050);
      expect(cents(formatMoney(5, lang))).toBe(5);
    }
  });

  it('reads Arabic-Indic digits and separators typed on an Arabic keyboard', () => {
    expect(cents('١٢٥٠٫٥')).toBe(125050);
    expect(cents('١٬٢٥٠')).toBe(125000);
    expect(cents('۳۰۰')).toBe(30000);
  });

  it('answers null for an empty text, and says why a text is no amount', () => {
    expect(cents('')).toBeNull();
    expect(cents('   ')).toBeNull();
    expect(cents('1.5555')).toBe('decimals');
    expect(cents('0,125')).toBe('decimals');
    expect(cents('-5')).toBe('invalid');
    expect(cents('12a')).toBe('invalid');
    expect(cents('12,3,4')).toBe('invalid');
    expect(cents('1,250,000,50')).toBe('invalid');
    expect(cents('12,')).toBe('invalid');
    expect(cents('1e5')).toBe('invalid');
  });

  it('refuses more than one billion MAD (the server bound)', () => {
    expect(cents('1000000000')).toBe(100_000_000_000);
    expect(cents('1000000000,01')).toBe('too_large');
    expect(cents('99999999999999')).toBe('too_large');
  });

  it('gives back the text to edit: no grouping, centimes only when there are any', () => {
    expect(moneyInputText(125000, 'ar')).toBe('1250');
    expect(moneyInputText(125050, 'fr')).toBe('1250,50');
    expect(moneyInputText(125005, 'en')).toBe('1250.05');
    expect(moneyInputText(null, 'en')).toBe('');
    expect(moneyInputText(0, 'ar')).toBe('0');
  });
});

describe('money fields of the forms', () => {
  const grant = RESOURCES.grants.fields;
  const f = (name: string) => grant.find((x) => x.name === name)!;

  it('edit MAD text and send integer centimes', () => {
    app.lang = 'fr';
    const values = toFormValues(grant, {
      source: 'indh',
      institution_id: 2,
      purpose: 'equipment',
      committed_centimes: 5000000,
      disbursed_centimes: 2500050,
    });
    expect(values.committed_centimes).toBe('50000');
    expect(values.disbursed_centimes).toBe('25000,50');
    values.committed_centimes = '50 000,10';
    const body = toBody(grant, values, 'edit');
    expect(body.committed_centimes).toBe(5000010);
    expect(body.disbursed_centimes).toBe(2500050);
    expect(body.institution_id).toBe(2);
    expect(toBody(grant, { ...values, disbursed_centimes: '' }, 'edit').disbursed_centimes).toBeNull();
  });

  it('check the text and the bounds before sending, naming the bound in MAD', () => {
    app.lang = 'fr';
    const base = { source: 'indh', association_id: '1', purpose: 'equipment' };
    expect(checkField(f('committed_centimes'), { ...base, committed_centimes: '12,3,4' })?.key).toBe(
      'errors.money_invalid',
    );
    expect(checkField(f('committed_centimes'), { ...base, committed_centimes: '10,5555' })?.key).toBe(
      'errors.money_decimals',
    );
    expect(checkField(f('committed_centimes'), { ...base, committed_centimes: '0' })).toEqual({
      key: 'errors.money_min',
      params: { amount: '0,01\u00a0MAD' },
    });
    expect(checkField(f('committed_centimes'), { ...base, committed_centimes: '' })?.key).toBe('errors.required');
    expect(checkField(f('committed_centimes'), { ...base, committed_centimes: '50 000' })).toBeNull();
  });

  it('want exactly one recipient of a grant', () => {
    expect(checkField(f('association_id'), { association_id: '', institution_id: '' })?.key).toBe(
      'grants.recipient_required',
    );
    expect(checkField(f('institution_id'), { association_id: '1', institution_id: '2' })?.key).toBe(
      'grants.recipient_one',
    );
    expect(checkField(f('association_id'), { association_id: '', institution_id: '2' })).toBeNull();
    expect(checkField(f('institution_id'), { association_id: '', institution_id: '2' })).toBeNull();
  });

  it('ask for the completion date once an action is done, and send nothing of completion before', () => {
    const fields = RESOURCES.actions.fields;
    const completed = fields.find((x) => x.name === 'completed_on')!;
    expect(checkField(completed, { status: 'done', completed_on: '' })?.key).toBe('errors.required');
    expect(checkField(completed, { status: 'ongoing', completed_on: '' })).toBeNull();
    const body = toBody(
      fields,
      toFormValues(fields, {
        programme_id: 1,
        category: 'equipment',
        title_ar: 'أسرة',
        status: 'ongoing',
        progress: 40,
        completion_evidence: 'x',
      }),
      'edit',
    );
    expect(body).not.toHaveProperty('completed_on');
    expect(body).not.toHaveProperty('completion_evidence');
    expect(body.progress).toBe(40);
    expect(body.institution_id).toBeNull();
  });

  it('show an API range error in MAD: the most allowed when the amount sent is above it', () => {
    app.lang = 'ar';
    const above = new ApiError(422, 'out_of_range', 'x', 'amount_centimes', undefined, undefined, {
      min: 1,
      max: 500000,
    });
    expect(moneyFieldErrorText(above, 7000000)).toBe('المبلغ الأقصى المسموح به: 5\u202f000,00\u00a0درهم.');
    expect(moneyFieldErrorText(above, 0)).toBe('المبلغ الأدنى المسموح به: 0,01\u00a0درهم.');
    const other = new ApiError(422, 'invalid_reference', 'الرسالة', 'grant_id');
    expect(moneyFieldErrorText(other, 5)).toBe('الرسالة');
  });
});

describe('overdue actions', () => {
  const today = new Date(2020, 0, 10);

  it('are the ones the server marks overdue, whatever their dates', () => {
    expect(isOverdue({ status: 'planned', due_on: '2030-01-01', overdue: true })).toBe(true);
    expect(isOverdue({ status: 'planned', due_on: '2019-01-01', overdue: false })).toBe(false);
    expect(isOverdue({ status: 'planned', due_on: '2019-01-01' })).toBe(false);
  });

  it('are marked in words and with a sign, the days late counted, never "0 days"', () => {
    app.lang = 'ar';
    expect(overdueBadge({ status: 'planned', due_on: '2019-12-31', overdue: true }, today)).toEqual({
      kind: 'danger',
      text: '⚠ متأخر منذ 10 أيام',
    });
    app.lang = 'fr';
    expect(overdueBadge({ status: 'ongoing', due_on: '2020-01-09', overdue: true }, today)?.text).toBe(
      '⚠ En retard de 1 j',
    );
    app.lang = 'en';
    expect(overdueBadge({ status: 'ongoing', due_on: '2020-01-10', overdue: true }, today)?.text).toBe(
      '⚠ Overdue by 1 d',
    );
    expect(overdueBadge({ status: 'done', due_on: '2019-12-31', overdue: false }, today)).toBeNull();
  });

  it('show in the columns of every list of actions, on the title', () => {
    app.lang = 'ar';
    const title = actionColumns().find((c) => c.key === 'title')!;
    expect(title.badge?.({ id: 1, version: 1, status: 'planned', due_on: '2000-01-01', overdue: true })?.text).toMatch(
      /^⚠ متأخر منذ [\d\u202f]+ (يومًا|أيام|يوم)$/,
    );
    expect(title.badge?.({ id: 1, version: 1, status: 'planned', due_on: '2000-01-01', overdue: false })).toBeNull();
    expect(actionColumns({ programme: false }).map((c) => c.key)).not.toContain('programme');
    expect(actionColumns({ institution: false, money: true }).map((c) => c.key)).toEqual([
      'title',
      'programme',
      'category',
      'due_on',
      'status',
      'progress',
      'cost',
      'gap',
    ]);
    // The currency in the header, the figures alone in the cells (the table fits 1280 px).
    app.lang = 'fr';
    const cost = actionColumns({ money: true }).find((c) => c.key === 'cost')!;
    expect(cost.label).toBe('Coût estimé (MAD)');
    expect(cost.value({ id: 1, version: 1, estimated_cost_centimes: 12000000 })).toBe('120\u202f000,00');
  });
});

describe('amounts of programmes, actions and grants', () => {
  it('read cost, funded, gap and surplus of a programme or an action', () => {
    expect(
      fundingOf({
        id: 1,
        version: 1,
        cost_centimes: 6000000,
        funded_centimes: 4500000,
        gap_centimes: 1500000,
        surplus_centimes: 0,
      }),
    ).toEqual({ cost: 6000000, funded: 4500000, gap: 1500000, surplus: 0 });
    expect(
      fundingOf({
        id: 2,
        version: 1,
        estimated_cost_centimes: null,
        funded_centimes: 100,
        gap_centimes: 0,
        surplus_centimes: 100,
      }),
    ).toEqual({ cost: 0, funded: 100, gap: 0, surplus: 100 });
  });

  it('say what a grant has left: committed less allocated', () => {
    expect(grantLeft({ id: 1, version: 1, committed_centimes: 5000000, allocated_centimes: 4500000 })).toBe(500000);
    expect(grantLeft({ id: 1, version: 1, committed_centimes: 5000000, allocated_centimes: 0 })).toBe(5000000);
    app.lang = 'fr';
    const option = grantOption({
      id: 3,
      version: 1,
      source: 'indh',
      source_name: 'Programme de mise à niveau',
      recipient_name_ar: 'دار الطالبة',
      recipient_name_fr: 'Dar Taliba',
      committed_centimes: 5000000,
      allocated_centimes: 4500000,
    });
    expect(option).toEqual({
      value: '3',
      label: 'INDH — Programme de mise à niveau · Dar Taliba · reste : 5\u202f000,00\u00a0MAD',
    });
  });

  it('write a period and the actions done out of all', () => {
    expect(formatPeriod('2019-05-01', '2020-12-31', 'ar')).toBe('1\u00a0ماي\u00a02019 – 31\u00a0دجنبر\u00a02020');
    expect(formatPeriod('2019-05-01', null, 'fr')).toBe('1er\u00a0mai\u00a02019');
    expect(formatPeriod(null, null, 'fr')).toBe('');
    expect(doneOfAll({ id: 1, version: 1, actions: 7, actions_done: 3 })).toBe('3 من 7');
    expect(grantYears(new Date(2019, 3, 26))).toEqual(['2020', '2019', '2018', '2017', '2016', '2015']);
  });
});

describe('shortcomings as the programme shows them', () => {
  it('read "resolved, to verify" until an assessment verifies them', () => {
    app.lang = 'ar';
    expect(shortcomingStatusBadge('resolved')).toEqual({ kind: 'ok', text: 'معالجة، في انتظار التحقق' });
    expect(shortcomingStatusBadge('verified').text).toBe('متحقق منها بتقييم');
    app.lang = 'fr';
    expect(shortcomingStatusBadge('resolved').text).toBe('Résolue, à vérifier');
    expect(shortcomingStatusBadge('open').kind).toBe('danger');
  });

  it('say what they are about: the criterion, else the description; their severity by word and colour', () => {
    app.lang = 'ar';
    const bedding = {
      id: 2,
      version: 1,
      criterion_code: 'D6.1',
      criterion_text_ar: 'أسرة وأفرشة كافية',
      institution_name_ar: 'دار الطالبة بوجدور',
      description: null,
    };
    expect(shortcomingText(bedding)).toBe('D6.1 — أسرة وأفرشة كافية');
    expect(shortcomingChoice(bedding)).toBe('دار الطالبة بوجدور · D6.1 — أسرة وأفرشة كافية');
    expect(shortcomingText({ id: 3, version: 1, criterion_code: null, description: 'تسرب مياه' })).toBe('تسرب مياه');
    expect(severityBadge('critical')).toEqual({ kind: 'danger', text: 'حرجة' });
    expect(severityBadge('medium').kind).toBe('warning');
    expect(severityBadge('low').kind).toBe('muted');
  });
});

describe('who reaches the action programme', () => {
  const user = (role: User['role']): User => ({
    id: 1,
    username: 'u',
    display_name: 'U',
    role,
    language: 'ar',
    must_change_password: false,
    scope: { kind: 'territory', id: 1, name_ar: 'بوجدور', name_fr: null },
  });

  it('shows programmes to the viewer (their totals) but no action', () => {
    expect(menuFor(user('viewer'))).toContain('programmes');
    expect(menuFor(user('viewer'))).not.toContain('actions');
    expect(seesActions(user('viewer'))).toBe(false);
    expect(seesActions(user('admin'))).toBe(false);
  });

  it('gives an association "my actions" and its grants, but no programme nor meeting', () => {
    const menu = menuFor(user('association'));
    expect(menu).toContain('my_actions');
    expect(menu).toContain('grants');
    expect(menu).not.toContain('programmes');
    expect(canSee(user('association'), 'actions')).toBe(true);
    expect(canSee(user('association'), 'meetings')).toBe(false);
  });
});
