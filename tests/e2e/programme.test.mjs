// End-to-end, in Arabic: the article replayed. The September 2018 diagnostic (through the API)
// raises shortcomings at دار الطالبة بوجدور, bedding (D6.1) among them; the division creates the
// programme "برنامج العمل 2019–2020", records the communication meeting of 26 April 2019 with its
// participants and two recommendations, makes both actions (one linked to the bedding shortcoming
// from the action's page) and one more from the register; an INDH grant funds the bedding action
// in part (the gap shows); follow-up entries take it to 100 % and done; the register then reads the
// shortcoming "resolved, to verify". Bad input is refused at its field; an association sees only its
// actions and may only follow them up; a viewer sees programme totals and no action; overdue actions
// are marked everywhere. Screenshots in Arabic (RTL), French (LTR) and on a 360 px phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, pngBytes, scoreAssessment, start, submitAndValidate } from './harness.mjs';

const INSTITUTION = 'دار الطالبة بوجدور';
const PROGRAMME = 'برنامج العمل 2019–2020';
const MEETING = 'لقاء تواصلي حول تشخيص وضعية مؤسسات الرعاية الاجتماعية بإقليم بوجدور';
const SERVICES = 'تطوير الخدمات المقدمة بالمراكز وأنشطتها الموازية';
const BEDDING = 'تجديد الأسرة والأفرشة بدار الطالبة بوجدور';
// The default grid's suggested remedy of D1.4 (a partnership agreement in force).
const D14_REMEDY = 'تجديد اتفاقية الشراكة أو إبرام اتفاقية جديدة مع الشركاء';
const OTHER_ASSOCIATION_ACTION = 'إصلاح سقف مركز حماية الطفولة الإحسان';

let env;
let division;
const ids = {};

before(async () => {
  // From the registry only: this spec runs the diagnostic and the meeting of the story itself.
  env = await start({ story: false });
  env.addUser('viewer1', 'viewer', ['--territory', 'MA-BOD'], 'ديوان العامل');
  division = await (await env.newContext({ acceptDownloads: true })).newPage();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-programme.log'), env.log.join(''));
  await env?.stop();
});

const nav = (p, name) => p.locator('nav#nav').getByRole('link', { name, exact: true });
const idFromUrl = (p) => Number(new URL(p.url()).pathname.split('/')[2]);
// An amount as the app writes it in Arabic: thousands grouped by a narrow no-break space, the
// currency after a no-break space.
const MAD = (amount) => `${amount.replace(/ /g, '\u202f')}\u00a0درهم`;
// Text without white space and bidirectional controls, which pdftotext adds to Arabic lines at will.
const squeezed = (text) => text.replace(/[\s\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
// The text of a PDF as pdftotext (poppler-utils) reads it, squeezed.
const pdfText = (path) => squeezed(execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }));
const overflow = (p) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('The action programme, as the article tells it', { concurrency: false }, () => {
  test('the September 2018 diagnostic raises the shortcomings of دار الطالبة بوجدور, bedding D6.1 at 0 (through the API)', async () => {
    await login(division, 'divi');
    const provinces = await apiCall(division, 'GET', '/api/territories?level=province');
    ids.province = provinces.body.items.find((t) => t.code === 'MA-BOD').id;
    const grids = await apiCall(division, 'GET', '/api/grids');
    const grid = grids.body.items.find((g) => g.code === 'default-2018');
    const campaign = await apiCall(division, 'POST', '/api/campaigns', {
      name_ar: 'الدراسة التشخيصية — شتنبر 2018', grid_id: grid.id, territory_id: ids.province, starts_on: '2018-09-03', ends_on: '2018-09-28', status: 'ongoing',
    });
    assert.equal(campaign.status, 201, JSON.stringify(campaign.body));
    const institutions = await apiCall(division, 'GET', '/api/institutions?page_size=200');
    ids.institution = institutions.body.items.find((i) => i.name_ar === INSTITUTION).id;
    ids.otherInstitution = institutions.body.items.find((i) => i.name_ar === 'مركز حماية الطفولة الإحسان').id;
    const added = await apiCall(division, 'POST', `/api/campaigns/${campaign.body.id}/assessments`, { institution_id: ids.institution, assessor_ids: [] });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const scored = await scoreAssessment(division, added.body.id, { scores: { 'D6.1': 0, 'D1.4': 1 }, visit_date: '2018-09-12' });
    await submitAndValidate(division, added.body.id, scored.version);

    const raised = (await apiCall(division, 'GET', `/api/shortcomings?institution_id=${ids.institution}`)).body.items;
    ids.bedding = raised.find((s) => s.criterion_code === 'D6.1').id;
    ids.agreement = raised.find((s) => s.criterion_code === 'D1.4').id;
    assert.deepEqual(raised.map((s) => [s.criterion_code, s.status]).sort(), [['D1.4', 'open'], ['D6.1', 'open']]);
  });

  test('the division creates the programme «برنامج العمل 2019–2020» typing Arabic', async () => {
    await nav(division, 'برامج العمل').click();
    await division.waitForURL(/\/programmes$/);
    await division.getByRole('link', { name: 'برنامج عمل جديد' }).click();
    await division.locator('#f-name_ar').waitFor();
    assert.equal(await division.locator('#f-status').inputValue(), 'draft');
    await division.locator('#f-name_ar').pressSequentially(PROGRAMME);
    await division.locator('#f-name_fr').fill('Programme d’action 2019–2020');
    await chooseOption(division, '#f-territory_id', 'MA-BOD');
    await division.locator('#f-starts_on').fill('01/05/2019');
    await division.locator('#f-ends_on').fill('31/12/2020');
    await division.locator('#f-status').selectOption('active');
    await division.locator('#f-description').fill('برنامج عمل مستقبلي لتدارك النقائص المسجلة في الدراسة التشخيصية');
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.waitForURL(/\/programmes\/\d+$/);
    ids.programme = idFromUrl(division);
    await division.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    assert.match(await division.locator('main').innerText(), /1\u00a0ماي\u00a02019 – 31\u00a0دجنبر\u00a02020/);
  });

  test('records the communication meeting of 26 April 2019: its participants (one removed again) and two recommendations', async () => {
    await nav(division, 'اللقاءات').click();
    await division.waitForURL(/\/meetings$/);
    await division.getByRole('link', { name: 'لقاء جديد' }).click();
    await division.locator('#f-title_ar').waitFor();
    assert.equal(await division.locator('#f-kind').inputValue(), 'communication');
    await division.locator('#f-title_ar').pressSequentially(MEETING);
    await division.locator('#f-held_on').fill('26/04/2019');
    await division.locator('#f-place').fill('القاعة الكبرى لعمالة إقليم بوجدور');
    await division.locator('#f-chair').fill('رئيس قسم العمل الاجتماعي');
    await chooseOption(division, '#f-territory_id', 'MA-BOD');
    await division.locator('#f-agenda').fill('تقديم نتائج الدراسة التشخيصية لشتنبر 2018\nمناقشة وضعية المؤسسات\nالتوصيات');
    await division.locator('#f-minutes').fill('افتتح رئيس قسم العمل الاجتماعي اللقاء بالتذكير بدور مؤسسات الرعاية الاجتماعية في الحد من الهدر المدرسي.\nقدمت الجمعيات المسيرة عرضًا حول النقائص المسجلة.');
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.waitForURL(/\/meetings\/\d+$/);
    ids.meeting = idFromUrl(division);
    await division.getByRole('heading', { level: 1, name: MEETING }).waitFor();
    const details = await division.locator('main').innerText();
    assert.match(details, /26\u00a0أبريل\u00a02019/);
    assert.match(details, /لقاء تواصلي/);

    const people = [
      { name: 'محمد الإدريسي', fn: 'رئيس قسم العمل الاجتماعي', org: 'عمالة إقليم بوجدور' },
      { name: 'عبد الله الناصري', fn: 'مندوب التعاون الوطني', org: 'مندوبية التعاون الوطني ببوجدور' },
      { name: 'فاطمة السالمي', fn: 'رئيسة الجمعية', org: 'جمعية دار الطالب والطالبة بوجدور', institution: INSTITUTION },
      { name: 'شخص أضيف خطأ', fn: 'زائر', org: '' },
    ];
    for (const person of people) {
      await division.locator('#participant-full_name').fill(person.name);
      await division.locator('#participant-function').fill(person.fn);
      await division.locator('#participant-organisation').fill(person.org);
      if (person.institution) await chooseOption(division, '#participant-institution_id', person.institution);
      await division.getByRole('button', { name: 'إضافة', exact: true }).click();
      await division.locator('#participants tbody tr', { hasText: person.name }).waitFor();
      // The form starts again empty for the next one.
      assert.equal(await division.locator('#participant-full_name').inputValue(), '');
    }
    const president = division.locator('#participants tbody tr', { hasText: 'فاطمة السالمي' });
    assert.match(await president.innerText(), new RegExp(INSTITUTION));
    const mistake = division.locator('#participants tbody tr', { hasText: 'شخص أضيف خطأ' });
    await mistake.getByRole('button', { name: 'حذف' }).click();
    await mistake.getByRole('button', { name: 'نعم' }).click();
    await mistake.waitFor({ state: 'detached' });
    assert.equal(await division.locator('#participants tbody tr').count(), 3);

    for (const text of [SERVICES, BEDDING]) {
      await division.locator('#recommendation-text_ar').fill(text);
      await division.getByRole('button', { name: 'إضافة التوصية' }).click();
      await division.locator('[data-testid="recommendations"] li', { hasText: text }).waitFor();
    }
    // An empty recommendation is refused at its field.
    await division.getByRole('button', { name: 'إضافة التوصية' }).click();
    await division.locator('#recommendation-text_ar-error').waitFor();
    assert.equal(await division.locator('#recommendation-text_ar').getAttribute('aria-invalid'), 'true');
  });

  test('makes both recommendations actions of the programme; the link shows both ways', async () => {
    const plan = [
      { text: SERVICES, category: 'activities', due: '2019-12-31' },
      { text: BEDDING, category: 'equipment', due: '2020-06-30' },
    ];
    for (const item of plan) {
      const li = division.locator('[data-testid="recommendations"] li', { hasText: item.text });
      await li.getByRole('button', { name: 'تحويلها إلى إجراء' }).click();
      await chooseOption(li, 'select[name="programme_id"]', PROGRAMME);
      await li.locator('select[name="category"]').selectOption(item.category);
      await chooseOption(li, 'select[name="institution_id"]', INSTITUTION);
      await li.locator('input[name="due_on"]').fill(item.due);
      await li.getByRole('button', { name: 'إنشاء الإجراء' }).click();
      await li.locator('[data-testid="recommendation-action"]').waitFor();
    }
    // Made twice is refused: the server says it is already an action.
    const recommendations = (await apiCall(division, 'GET', `/api/recommendations?meeting_id=${ids.meeting}`)).body.items;
    const bedding = recommendations.find((r) => r.text_ar === BEDDING);
    const twice = await apiCall(division, 'POST', `/api/recommendations/${bedding.id}/action`, { programme_id: ids.programme, category: 'equipment' });
    assert.equal(twice.status, 409);
    ids.services = recommendations.find((r) => r.text_ar === SERVICES).action_id;
    ids.beddingAction = bedding.action_id;
    assert.ok(ids.services > 0 && ids.beddingAction > 0);

    await division.locator('[data-testid="recommendations"] li', { hasText: BEDDING }).getByRole('link', { name: 'الإجراء الناتج عنها' }).click();
    await division.waitForURL(new RegExp(`/actions/${ids.beddingAction}$`));
    await division.getByRole('heading', { level: 1, name: BEDDING }).waitFor();
    await division.locator('[data-testid="from-recommendation"]', { hasText: BEDDING }).getByRole('link', { name: 'فتح اللقاء' }).waitFor();
    assert.equal(await division.locator('[data-testid="action-status"]').innerText(), 'مبرمج');
  });

  test('the meeting page downloads its minutes (محضر) as a PDF, in Arabic and in French', async () => {
    await division.goto(`/meetings/${ids.meeting}`);
    // Clicks the link, checks that it downloads a PDF named `name`, saved as `saved`; answers its text.
    const download = async (testId, label, name, saved) => {
      const link = division.getByTestId(testId);
      assert.equal((await link.innerText()).trim(), label);
      const [file] = await Promise.all([division.waitForEvent('download'), link.click()]);
      assert.equal(file.suggestedFilename(), name);
      await file.saveAs(join(artifacts, saved));
      assert.equal(readFileSync(join(artifacts, saved)).subarray(0, 5).toString(), '%PDF-');
      return pdfText(join(artifacts, saved));
    };
    const text = await download('minutes-pdf', 'تحميل المحضر (PDF)', 'محضر-2019-04-26.pdf', 'minutes-ar.pdf');
    for (const expected of ['المملكة المغربية', 'عمالة إقليم بوجدور', 'قسم العمل الاجتماعي', '26 أبريل 2019', 'فاطمة السالمي', INSTITUTION, BEDDING, 'مبرمج'])
      assert.ok(text.includes(squeezed(expected)), `${expected} in ${text}`);
    const words = await download('minutes-pdf-other', 'المحضر بالفرنسية (PDF)', 'proces-verbal-2019-04-26.pdf', 'minutes-fr.pdf');
    for (const expected of ['Royaume du Maroc', 'Province de Boujdour', 'Procès-verbal', '26 avril 2019', 'Réunion de communication', BEDDING])
      assert.ok(words.includes(squeezed(expected)), `${expected} in ${words}`);
    // Back to the bedding action, where the next step goes on.
    await division.goto(`/actions/${ids.beddingAction}`);
    await division.getByRole('heading', { level: 1, name: BEDDING }).waitFor();
  });

  test('links the bedding shortcoming D6.1 to its action from the action page', async () => {
    await division.getByRole('button', { name: 'تغيير النقائص المرتبطة' }).click();
    const d61 = division.locator('#links-form li', { hasText: 'D6.1' });
    await d61.waitFor();
    await d61.getByRole('checkbox').check();
    await division.getByRole('button', { name: 'حفظ الروابط' }).click();
    await division.getByText('حُفظت النقائص المرتبطة.').waitFor();
    const linked = division.locator('#linked tbody tr', { hasText: 'D6.1' });
    await linked.locator('.badge', { hasText: 'قيد المعالجة' }).waitFor();
    const stored = (await apiCall(division, 'GET', `/api/shortcomings/${ids.bedding}`)).body;
    assert.equal(stored.status, 'in_progress');
  });

  test('adds an action from the register on the programme page: D1.4, titled with the grid\'s remedy and linked', async () => {
    await division.goto(`/programmes/${ids.programme}`);
    await division.getByRole('button', { name: 'إضافة إجراءات من النقائص' }).click();
    const d14 = division.locator('#from-shortcomings li', { hasText: 'D1.4' });
    await d14.waitFor();
    // D6.1 is being remedied already: only the open ones are offered.
    assert.equal(await division.locator('#from-shortcomings li', { hasText: 'D6.1' }).count(), 0);
    await d14.getByRole('checkbox').check();
    await division.locator('#pick-due_on').fill('31/03/2020');
    await division.getByRole('button', { name: 'إنشاء الإجراءات (1)' }).click();
    await division.getByText('أُنشئ إجراء واحد من النقائص المختارة ورُبط بها.').waitFor();
    const row = division.locator('#actions tbody tr', { hasText: D14_REMEDY });
    await row.waitFor();
    assert.match(await row.innerText(), /31\u00a0مارس\u00a02020/);
    const made = (await apiCall(division, 'GET', `/api/actions?shortcoming_id=${ids.agreement}`)).body.items;
    assert.equal(made.length, 1);
    assert.equal(made[0].category, 'legal');
    assert.equal(made[0].shortcomings, 1);
    ids.agreementAction = made[0].id;
  });

  test('the bedding action\'s cost in MAD; a due date before the start is refused at the field', async () => {
    await division.goto(`/actions/${ids.beddingAction}`);
    await division.getByRole('link', { name: 'تعديل' }).click();
    await division.waitForURL(/\/edit$/);
    await division.locator('#f-estimated_cost_centimes').waitFor();
    await division.locator('#f-estimated_cost_centimes').fill('60 000');
    await division.locator('[data-testid="f-estimated_cost_centimes-amount"]', { hasText: MAD('60 000,00') }).waitFor();
    await division.locator('#f-responsible_party').fill('الجمعية المسيرة بشراكة مع قسم العمل الاجتماعي');
    await division.locator('#f-starts_on').fill('01/05/2019');
    await division.locator('#f-due_on').fill('30/04/2019');
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.locator('#f-due_on-error').waitFor();
    assert.equal(await division.locator('#f-due_on').getAttribute('aria-invalid'), 'true');
    assert.match(await division.locator('#f-due_on-error').innerText(), /تاريخ البداية/);
    assert.equal(await division.locator('#f-estimated_cost_centimes').inputValue(), '60 000', 'what was typed stays');
    await division.locator('#f-due_on').fill('30/06/2020');
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.waitForURL(new RegExp(`/actions/${ids.beddingAction}$`));
    await division.locator('[data-testid="action-money"]', { hasText: MAD('60 000,00') }).waitFor();
    assert.equal(await division.locator('[data-testid="gap"]').innerText(), MAD('60 000,00'));
    const stored = (await apiCall(division, 'GET', `/api/actions/${ids.beddingAction}`)).body;
    assert.equal(stored.estimated_cost_centimes, 6000000);
  });

  test('an INDH grant, committed and disbursed in MAD: disbursed above committed refused at the field — screenshot', async () => {
    await nav(division, 'المنح').click();
    await division.waitForURL(/\/grants$/);
    await division.getByRole('link', { name: 'منحة جديدة' }).click();
    await division.locator('#f-source').waitFor();
    await division.locator('#f-source').selectOption('indh');
    await division.locator('#f-source_name').fill('برنامج محاربة الهشاشة');
    await chooseOption(division, '#f-institution_id', INSTITUTION);
    await chooseOption(division, '#f-association_id', 'جمعية دار الطالب والطالبة بوجدور');
    await division.locator('#f-purpose').selectOption('equipment');
    await division.locator('#f-committed_centimes').fill('50 000');
    await division.locator('#f-disbursed_centimes').fill('60000');
    await division.locator('#f-committed_on').fill('10/06/2019');
    await division.locator('#f-agreement_reference').fill('INDH-BOD-2019/07');
    // Two recipients: refused here, before sending.
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.locator('#f-institution_id-error', { hasText: 'مستفيد واحد فقط' }).waitFor();
    await division.locator('#f-association_id').selectOption('');
    // Disbursed above committed: refused by the server, at the field, the bound in MAD.
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.locator('#f-disbursed_centimes-error', { hasText: MAD('50 000,00') }).waitFor();
    assert.equal(await division.locator('#f-disbursed_centimes').getAttribute('aria-invalid'), 'true');
    await division.screenshot({ path: join(artifacts, 'grant-error-ar.png'), fullPage: true });
    await division.locator('#f-disbursed_centimes').fill('25 000,50');
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.waitForURL(/\/grants\/\d+$/);
    ids.grant = idFromUrl(division);
    const money = division.locator('[data-testid="grant-money"]');
    await money.waitFor();
    const text = await money.innerText();
    assert.match(text, new RegExp(MAD('50 000,00')));
    assert.match(text, new RegExp(MAD('25 000,50')));
    assert.equal(await division.locator('[data-testid="grant-left"]').innerText(), MAD('50 000,00'));
    const stored = (await apiCall(division, 'GET', `/api/grants/${ids.grant}`)).body;
    assert.equal(stored.committed_centimes, 5000000);
    assert.equal(stored.disbursed_centimes, 2500050, 'exactly 25 000,50 MAD: no float drift');
  });

  test('a funding line on the bedding action: the grant picker shows what is left, more is refused at the field, and the gap shows — screenshot', async () => {
    await division.goto(`/actions/${ids.beddingAction}`);
    const option = division.locator('#funding-grant_id option', { hasText: `المتبقي: ${MAD('50 000,00')}` });
    await option.waitFor({ state: 'attached' });
    await division.locator('#funding-grant_id').selectOption(await option.getAttribute('value'));
    await division.locator('#funding-amount_centimes').fill('70000');
    await division.getByRole('button', { name: 'إضافة التمويل' }).click();
    await division.locator('#funding-amount_centimes-error', { hasText: MAD('50 000,00') }).waitFor();
    await division.locator('#funding-amount_centimes').fill('45000');
    await division.locator('#funding-note').fill('الشطر الأول');
    await division.getByRole('button', { name: 'إضافة التمويل' }).click();
    await division.locator('#funding-lines tbody tr', { hasText: MAD('45 000,00') }).waitFor();
    await division.locator('[data-testid="gap"]', { hasText: MAD('15 000,00') }).waitFor();
    assert.match(await division.locator('[data-testid="action-money"]').innerText(), new RegExp(MAD('45 000,00')));
    await division.screenshot({ path: join(artifacts, 'action-funding-ar.png'), fullPage: true });

    await division.goto(`/grants/${ids.grant}`);
    await division.locator('[data-testid="grant-left"]', { hasText: MAD('5 000,00') }).waitFor();
    await division.locator('#lines tbody tr', { hasText: BEDDING }).waitFor();

    await division.goto(`/programmes/${ids.programme}`);
    const totals = await division.locator('[data-testid="programme-totals"]').innerText();
    assert.match(totals, new RegExp(MAD('60 000,00')));
    assert.match(totals, new RegExp(MAD('45 000,00')));
    assert.match(totals, new RegExp(MAD('15 000,00')));
  });

  test('the division follows the action up: 40 %, and it is now ongoing', async () => {
    await division.goto(`/actions/${ids.beddingAction}`);
    await division.locator('#followup-entry_date').fill('15/09/2019');
    await division.locator('#followup-progress').fill('40');
    await division.locator('#followup-note').fill('أُطلق طلب العروض لاقتناء الأسرة والأفرشة');
    await division.getByRole('button', { name: 'تسجيل', exact: true }).click();
    await division.getByText('سُجّل التتبع.').waitFor();
    await division.locator('[data-testid="action-status"]', { hasText: 'في طور الإنجاز' }).waitFor();
    const entry = division.locator('[data-testid="followups"] li', { hasText: 'أُطلق طلب العروض' });
    assert.match(await entry.innerText(), /15\u00a0شتنبر\u00a02019/);
    assert.match(await entry.innerText(), /40 %/);
  });

  test('an association sees only its own actions, gets no edit button, and adds a follow-up entry to 100 % with the keyboard (a stale page first)', async () => {
    // An action of another association's institution, which the association must not see.
    const other = await apiCall(division, 'POST', '/api/actions', {
      programme_id: ids.programme, institution_id: ids.otherInstitution, category: 'works', title_ar: OTHER_ASSOCIATION_ACTION, status: 'planned', progress: 0,
    });
    assert.equal(other.status, 201, JSON.stringify(other.body));

    const association = await (await env.newContext()).newPage();
    await login(association, 'assoc1');
    assert.equal(await nav(association, 'برامج العمل').count(), 0);
    await nav(association, 'إجراءاتي').click();
    await association.waitForURL(/\/actions$/);
    await association.locator('#list tbody tr', { hasText: BEDDING }).waitFor();
    const listed = await association.locator('#list tbody').innerText();
    assert.doesNotMatch(listed, new RegExp(OTHER_ASSOCIATION_ACTION));
    assert.equal(await association.locator('#list tbody tr').count(), 3);

    await association.locator('#list tbody tr', { hasText: BEDDING }).getByRole('link', { name: BEDDING }).click();
    await association.waitForURL(new RegExp(`/actions/${ids.beddingAction}$`));
    await association.getByRole('heading', { level: 1, name: BEDDING }).waitFor();
    await association.locator('#followup-note').waitFor();
    assert.equal(await association.getByRole('link', { name: 'تعديل' }).count(), 0);
    assert.equal(await association.getByRole('button', { name: 'تغيير النقائص المرتبطة' }).count(), 0);
    assert.equal(await association.locator('#funding-grant_id').count(), 0);
    await association.locator('#funding-lines tbody tr', { hasText: MAD('45 000,00') }).waitFor();

    // The division writes meanwhile: the association's page is stale, its entry kept and sent again.
    const current = (await apiCall(division, 'GET', `/api/actions/${ids.beddingAction}`)).body;
    const meanwhile = await apiCall(division, 'POST', `/api/actions/${ids.beddingAction}/followups`, {
      version: current.version, entry_date: '2019-12-20', note: 'تم اختيار المورد', progress: 70,
    });
    assert.equal(meanwhile.status, 201, JSON.stringify(meanwhile.body));

    await association.locator('#followup-entry_date').fill('10/02/2020');
    await association.locator('#followup-progress').fill('100');
    await association.locator('#followup-note').fill('تسلّمت المؤسسة 60 سريرًا و60 فراشًا');
    const submit = association.getByRole('button', { name: 'تسجيل', exact: true });
    await submit.focus();
    await association.keyboard.press('Enter');
    await association.locator('.alert-error', { hasText: 'عدّل شخص آخر' }).waitFor();
    await association.locator('[data-testid="followups"] li', { hasText: 'تم اختيار المورد' }).waitFor();
    assert.equal(await association.locator('#followup-note').inputValue(), 'تسلّمت المؤسسة 60 سريرًا و60 فراشًا');
    await submit.focus();
    await association.keyboard.press('Enter');
    await association.getByText('سُجّل التتبع.').waitFor();
    await association.locator('[data-testid="followups"] li', { hasText: 'تسلّمت المؤسسة' }).waitFor();
    assert.match(await association.locator('main').innerText(), /100 %/);

    // Its completion evidence: a photo of the beds delivered; a text named .png is refused at the field.
    const evidence = association.locator('#completion-files');
    await evidence.waitFor();
    await evidence.setInputFiles({ name: 'تسليم-الأسرة.png', mimeType: 'image/png', buffer: pngBytes(96, 72, [[11, 93, 75], [255, 255, 255]]) });
    const photo = association.locator('[data-testid="completion-files"] img[alt="تسليم-الأسرة.png"]');
    await photo.waitFor();
    await association.waitForFunction((el) => el.complete && el.naturalWidth === 96, await photo.elementHandle());
    await evidence.setInputFiles({ name: 'صورة.png', mimeType: 'image/png', buffer: Buffer.from('نص وليس صورة\n') });
    await association.locator('#completion-files-error').waitFor();
    assert.equal((await apiCall(association, 'GET', `/api/actions/${ids.beddingAction}/attachments`)).body.items.length, 1);
    await association.screenshot({ path: join(artifacts, 'action-association-ar.png'), fullPage: true });
    await association.context().close();
  });

  test('the meeting keeps its signed attendance sheet, as a PDF to download', async () => {
    await division.goto(`/meetings/${ids.meeting}`);
    const input = division.locator('#meeting-files');
    await input.waitFor();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    await input.setInputFiles({ name: 'ورقة-الحضور.pdf', mimeType: 'application/pdf', buffer: pdf });
    const link = division.locator('[data-testid="meeting-files"] a[download]', { hasText: 'ورقة-الحضور.pdf' });
    await link.waitFor();
    const [download] = await Promise.all([division.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'ورقة-الحضور.pdf');
  });

  test('the division marks it done: the completion date is asked for; the register then reads "resolved, to verify" — screenshot', async () => {
    await division.goto(`/actions/${ids.beddingAction}/edit`);
    await division.locator('#f-status').waitFor();
    assert.equal(await division.locator('#f-completed_on').count(), 0);
    await division.locator('#f-status').selectOption('done');
    await division.locator('#f-completed_on').waitFor();
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.locator('#f-completed_on-error').waitFor();
    await division.locator('#f-completed_on').fill('20/02/2020');
    await division.locator('#f-completion_evidence').fill('محضر تسليم التجهيزات موقع من طرف مديرة المؤسسة');
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.waitForURL(new RegExp(`/actions/${ids.beddingAction}$`));
    await division.locator('[data-testid="action-status"]', { hasText: 'منجز' }).waitFor();
    assert.match(await division.locator('main').innerText(), /20\u00a0فبراير\u00a02020/);
    assert.equal(await division.locator('[data-testid="overdue"]').count(), 0, 'a done action is not overdue');
    await division.locator('#linked tbody tr .badge', { hasText: 'معالجة، في انتظار التحقق' }).waitFor();

    await nav(division, 'سجل النقائص').click();
    await division.waitForURL(/\/shortcomings/);
    const row = division.locator('#list tbody tr', { hasText: 'أسرة وأفرشة' });
    await row.locator('.badge', { hasText: 'معالجة، في انتظار التحقق' }).waitFor();
    const stored = (await apiCall(division, 'GET', `/api/shortcomings/${ids.bedding}`)).body;
    assert.equal(stored.status, 'resolved');
    assert.equal(stored.resolved_on, '2020-02-20');
    await division.screenshot({ path: join(artifacts, 'shortcomings-resolved-ar.png'), fullPage: true });
  });

  test('overdue actions stand out on the programme page, the meeting\'s review and the institution page — screenshots', async () => {
    await division.goto(`/programmes/${ids.programme}`);
    const services = division.locator('#actions tbody tr', { hasText: SERVICES });
    await services.waitFor();
    assert.match(await services.getAttribute('class'), /\boverdue\b/);
    assert.match(await services.locator('.badge-danger').innerText(), /^⚠ متأخر منذ [\d\u202f]+ (يومًا|أيام|يوم)$/);
    const bedding = division.locator('#actions tbody tr', { hasText: BEDDING });
    assert.doesNotMatch((await bedding.getAttribute('class')) ?? '', /\boverdue\b/);
    assert.equal(await bedding.locator('.badge-danger').count(), 0);
    // Overdue only: the services and the agreement actions, not the done one nor the undated one.
    await division.locator('#actions-overdue').selectOption('true');
    await division.waitForURL(/overdue=true/);
    await division.locator('#actions tbody tr', { hasText: BEDDING }).waitFor({ state: 'detached' });
    assert.equal(await division.locator('#actions tbody tr').count(), 2);
    await division.locator('[data-testid="programme-totals"]', { hasText: '⚠ 2' }).waitFor();
    await division.screenshot({ path: join(artifacts, 'programme-ar.png'), fullPage: true });

    await division.goto(`/meetings/${ids.meeting}`);
    const review = division.locator('#review tbody tr');
    await review.first().waitFor();
    assert.match(await review.first().getAttribute('class'), /\boverdue\b/);
    const reviewText = await division.locator('#review').innerText();
    assert.match(reviewText, new RegExp(SERVICES));
    assert.doesNotMatch(reviewText, new RegExp(BEDDING), 'a done action is not under review');
    await division.screenshot({ path: join(artifacts, 'meeting-ar.png'), fullPage: true });

    // The institution's file: its actions section marks it, and counts what is overdue.
    await division.goto(`/institutions/${ids.institution}`);
    const onInstitution = division.getByTestId('file-actions').locator('li', { hasText: SERVICES });
    await onInstitution.locator('.badge-danger', { hasText: 'متأخر' }).waitFor();
    await division.getByTestId('file-actions-overdue').waitFor();
  });

  test('a viewer sees the programme totals, no action and no actions menu', async () => {
    const viewer = await (await env.newContext()).newPage();
    await login(viewer, 'viewer1');
    await nav(viewer, 'برامج العمل').click();
    assert.equal(await nav(viewer, 'الإجراءات').count(), 0);
    assert.equal(await nav(viewer, 'إجراءاتي').count(), 0);
    await viewer.locator('#list tbody tr', { hasText: PROGRAMME }).getByRole('link', { name: PROGRAMME }).click();
    await viewer.waitForURL(/\/programmes\/\d+$/);
    const totals = viewer.locator('[data-testid="programme-totals"]');
    await totals.waitFor();
    assert.match(await totals.innerText(), new RegExp(MAD('15 000,00')));
    assert.equal(await viewer.locator('#actions').count(), 0);
    assert.equal(await viewer.getByRole('link', { name: 'تعديل' }).count(), 0);
    await viewer.goto('/actions');
    await viewer.getByRole('heading', { level: 1, name: 'غير مسموح' }).waitFor();
    await viewer.context().close();
  });

  test('in French the programme reads left-to-right with its amounts in MAD; a 360 px phone scrolls no page sideways — screenshots', async () => {
    await division.goto(`/programmes/${ids.programme}`);
    await division.getByRole('button', { name: 'Français' }).click();
    await division.getByRole('heading', { level: 2, name: 'Actions' }).waitFor();
    assert.equal(await division.getAttribute('html', 'dir'), 'ltr');
    const totals = await division.locator('[data-testid="programme-totals"]').innerText();
    assert.match(totals, /60\u202f000,00\u00a0MAD/);
    assert.match(totals, /Reste à financer/);
    await division.locator('#actions tbody tr .badge-danger', { hasText: 'En retard de' }).first().waitFor();
    await division.screenshot({ path: join(artifacts, 'programme-fr.png'), fullPage: true });
    await division.getByRole('button', { name: 'العربية' }).click();
    await division.getByRole('heading', { level: 2, name: 'الإجراءات' }).waitFor();

    const phone = await (await env.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
    await login(phone, 'divi');
    for (const [path, ready] of [
      [`/programmes/${ids.programme}`, '#actions tbody tr'],
      [`/actions/${ids.beddingAction}`, '[data-testid="followups"] li'],
      [`/meetings/${ids.meeting}`, '#participants tbody tr'],
      [`/grants/${ids.grant}`, '#lines tbody tr'],
    ]) {
      await phone.goto(path);
      await phone.locator(ready).first().waitFor();
      assert.ok((await overflow(phone)) <= 1, `${path} scrolls sideways by ${await overflow(phone)}px`);
    }
    await phone.goto(`/actions/${ids.beddingAction}`);
    await phone.locator('[data-testid="followups"] li').first().waitFor();
    await phone.screenshot({ path: join(artifacts, 'action-phone-ar.png'), fullPage: true });
    await phone.context().close();
  });
});
