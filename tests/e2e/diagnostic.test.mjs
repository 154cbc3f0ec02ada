// End-to-end, in Arabic: a diagnostic campaign from creation to the shortcomings register.
// The division creates the campaign and adds two institutions with an assessor; the assessor
// scores the grid (a few criteria with the radio buttons, the rest through the API), submits;
// the division returns it, the assessor fixes and resubmits, the division validates; the
// register then lists the shortcomings raised. The division records one more by hand and moves
// it through its statuses; the association starts a self-assessment, shown apart. A follow-up
// campaign gets evidence files (a photo; a text file named .png is refused), read-only once
// validated; the two campaigns are then compared.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, pngBytes, scoreAssessment, start, submitAndValidate } from './harness.mjs';

const CAMPAIGN = 'الدراسة التشخيصية — شتنبر 2018';
const REASON = 'يرجى مراجعة تنقيط الطاقة الاستيعابية';
const FOLLOW_UP = 'زيارة التتبع — أبريل 2019';

let env;
let division;
let assessor;
const ids = {};

before(async () => {
  // From the registry only: this spec runs the diagnostic of September 2018 itself.
  env = await start({ story: false });
  env.addUser('assessor1', 'assessor', ['--territory', 'MA-BOD'], 'عضو فريق التشخيص');
  division = await (await env.newContext()).newPage();
  assessor = await (await env.newContext()).newPage();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-diagnostic.log'), env.log.join(''));
  await env?.stop();
});

const criterion = (p, code) => p.locator(`[id="criterion-${code}"]`);
const radio = (p, code, value) => criterion(p, code).locator(`input[type="radio"][value="${value}"]`);

async function statusIs(p, text) {
  await p.locator('[data-testid="assessment-status"]', { hasText: text }).waitFor();
}

describe('Diagnostic campaigns', { concurrency: false }, () => {
  test('the assessor signs in and finds the menu entries of the role', async () => {
    await login(assessor, 'assessor1');
    const session = await apiCall(assessor, 'GET', '/api/session');
    ids.assessor = session.body.user.id;
    assert.ok(ids.assessor > 0);
    for (const name of ['الحملات التشخيصية', 'تقييماتي', 'سجل النقائص']) {
      await assessor.locator('nav#nav').getByRole('link', { name }).waitFor();
    }
  });

  test('the division creates the campaign on the default grid', async () => {
    await login(division, 'divi');
    await division.locator('nav#nav').getByRole('link', { name: 'الحملات التشخيصية' }).click();
    await division.waitForURL(/\/campaigns$/);
    await division.getByRole('link', { name: 'حملة جديدة' }).click();
    await division.locator('#f-name_ar').waitFor();
    await division.locator('#f-name_ar').fill(CAMPAIGN);
    await division.locator('#f-name_fr').fill('Étude diagnostique — septembre 2018');
    await chooseOption(division, '#f-grid_id', 'شبكة التشخيص الافتراضية');
    await chooseOption(division, '#f-territory_id', 'MA-BOD');
    await division.locator('#f-starts_on').fill('03/09/2018');
    await division.locator('#f-ends_on').fill('28/09/2018');
    await division.locator('#f-status').selectOption('ongoing');
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.waitForURL(/\/campaigns\/\d+$/);
    ids.campaign = Number(new URL(division.url()).pathname.split('/').pop());
    await division.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    assert.match(await division.locator('main').innerText(), /شتنبر 2018/);
  });

  test('the division adds two institutions with the assessor', async () => {
    for (const institution of ['1', '2']) {
      await division.locator('#add-institution option[value="' + institution + '"]').waitFor({ state: 'attached' });
      await division.locator('#add-institution').selectOption(institution);
      // Assessors are ticked in a searchable list (no Ctrl-click multi-select).
      await division.locator('#add-assessors input[type="checkbox"][value="' + ids.assessor + '"]').check();
      await division.getByRole('button', { name: 'إضافة', exact: true }).click();
      await division.getByText('أضيفت المؤسسة إلى الحملة.').waitFor();
    }
    await division.locator('#assessments tbody tr').nth(1).waitFor();
    assert.equal(await division.locator('#assessments tbody tr').count(), 2);
    const list = await apiCall(division, 'GET', `/api/assessments?campaign_id=${ids.campaign}`);
    ids.assessment = list.body.items.find((a) => a.institution_id === 1).id;
  });

  test('the assessor scores the grid, autosaved, and cannot submit with a criterion left', async () => {
    await assessor.locator('nav#nav').getByRole('link', { name: 'تقييماتي' }).click();
    await assessor.waitForURL(/\/my_assessments/);
    await assessor.locator(`#list a[href="/assessments/${ids.assessment}"]`).click();
    await assessor.waitForURL(/\/assessments\/\d+$/);
    await criterion(assessor, 'D1.1').waitFor();

    // Most criteria through the API, to save time: all "satisfactory" but D2.2 "partial".
    await scoreAssessment(assessor, ids.assessment, { scores: { 'D2.2': 1 }, skip: ['D1.1', 'D1.2', 'D1.3'] });
    await assessor.reload();
    await criterion(assessor, 'D1.1').waitFor();

    // A few with the radio buttons and a comment; the page saves by itself.
    await radio(assessor, 'D1.1', '0').check();
    await criterion(assessor, 'D1.1').locator('textarea').fill('لا يوجد ترخيص ساري المفعول');
    await radio(assessor, 'D1.2', '2').check();
    await assessor.locator('#visit-date').fill('12/09/2018');
    await assessor.locator('[data-testid="save-state"]', { hasText: 'تم الحفظ' }).waitFor();
    const saved = await apiCall(assessor, 'GET', `/api/assessments/${ids.assessment}`);
    const d11 = saved.body.answers.find((a) => a.criterion_code === 'D1.1');
    assert.equal(d11.score, 0);
    assert.equal(d11.comment, 'لا يوجد ترخيص ساري المفعول');
    assert.equal(saved.body.visit_date, '2018-09-12');

    // D1.3 is still open: submitting points at it.
    await assessor.getByRole('button', { name: 'إرسال للمصادقة' }).first().click();
    await criterion(assessor, 'D1.3').and(assessor.locator('.missing')).waitFor();
    assert.match(await assessor.locator('main').innerText(), /D1\.3/);

    await radio(assessor, 'D1.3', 'na').check();
    await assessor.locator('[data-testid="save-state"]', { hasText: 'تم الحفظ' }).waitFor();
    await assessor.getByRole('button', { name: 'إرسال للمصادقة' }).first().click();
    await statusIs(assessor, 'مرسل للمصادقة');
    await assessor.screenshot({ path: join(artifacts, 'assessment-submitted-ar.png') });
  });

  test('the division returns it with a reason and a note', async () => {
    await division.goto(`/assessments/${ids.assessment}`);
    await statusIs(division, 'مرسل للمصادقة');
    await division.getByRole('button', { name: 'إرجاع للتصحيح' }).click();
    await division.locator('#return-reason').fill(REASON);
    await criterion(division, 'D1.2').locator('textarea').fill('العدد الفعلي يتجاوز الطاقة المرخصة');
    await division.getByRole('button', { name: 'تأكيد الإرجاع' }).click();
    await statusIs(division, 'مرجع للتصحيح');
  });

  test('the assessor sees the reason and the note, fixes and resubmits', async () => {
    await assessor.reload();
    await assessor.locator('[data-testid="return-reason"]', { hasText: REASON }).waitFor();
    await assessor.locator('[data-testid="note-D1.2"]', { hasText: 'العدد الفعلي يتجاوز الطاقة المرخصة' }).waitFor();
    await radio(assessor, 'D1.2', '1').check();
    await assessor.locator('[data-testid="save-state"]', { hasText: 'تم الحفظ' }).waitFor();
    await assessor.screenshot({ path: join(artifacts, 'assessment-returned-ar.png'), fullPage: false });
    await assessor.getByRole('button', { name: 'إرسال للمصادقة' }).first().click();
    await statusIs(assessor, 'مرسل للمصادقة');
  });

  test('the division validates: read-only, scores, critical failures first — screenshot', async () => {
    await division.reload();
    await statusIs(division, 'مرسل للمصادقة');
    await division.getByRole('button', { name: 'المصادقة' }).click();
    await statusIs(division, 'مصادق عليه');
    await division.getByRole('heading', { name: 'النتائج' }).waitFor();
    const scores = await division.locator('.scores').innerText();
    assert.match(scores, /إخلالات حرجة/);
    assert.match(scores, /D1\.1/);
    assert.match(await division.locator('[data-testid="overall"]').innerText(), /%/);
    assert.equal(await radio(division, 'D1.1', '0').isDisabled(), true);
    await division.screenshot({ path: join(artifacts, 'assessment-validated-ar.png') });
  });

  test('the shortcomings register lists what was raised — screenshot', async () => {
    await division.locator('nav#nav').getByRole('link', { name: 'سجل النقائص' }).click();
    await division.waitForURL(/\/shortcomings/);
    await division.locator('#list tbody tr', { hasText: 'ترخيص فتح ساري' }).waitFor();
    const text = await division.locator('#list tbody').innerText();
    assert.match(text, /حرجة/);
    assert.match(text, /لجنة تدبير تشتغل/);
    await division.locator('#list-severity').selectOption('critical');
    await division.waitForURL(/severity=critical/);
    await division.locator('#list tbody tr', { hasText: 'ترخيص فتح ساري' }).waitFor();
    await division.screenshot({ path: join(artifacts, 'shortcomings-ar.png'), fullPage: true });
    // The assessor reads the register too.
    await assessor.goto('/shortcomings');
    await assessor.locator('#list tbody tr', { hasText: 'ترخيص فتح ساري' }).waitFor();
  });

  test('the division records a shortcoming by hand and moves its status; a lost race reloads the register — screenshot', async () => {
    const DESCRIPTION = 'تسرب مياه في سقف المرقد';
    await division.goto('/shortcomings');
    await division.getByRole('link', { name: 'تسجيل نقيصة' }).click();
    await division.waitForURL(/\/shortcomings\/new$/);
    await division.locator('#f-source').waitFor();
    // "assessment" is the validation's own source: not offered by hand.
    const sources = await division.locator('#f-source option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(sources, ['meeting', 'inspection', 'manual']);
    assert.match(await division.locator('#f-raised_on').inputValue(), /^\d{2}\/\d{2}\/\d{4}$/);
    await chooseOption(division, '#f-institution_id', 'دار الطالبة بوجدور');
    await division.locator('#f-domain_code').selectOption('D5');
    await division.locator('#f-source').selectOption('inspection');
    await division.locator('#f-description').fill(DESCRIPTION);
    await division.locator('#f-severity').selectOption('high');
    await division.getByRole('button', { name: 'حفظ' }).click();
    await division.waitForURL(/\/shortcomings$/);
    const row = division.locator('#list tbody tr', { hasText: DESCRIPTION });
    await row.waitFor();
    assert.match(await row.innerText(), /تفتيش/);
    const found = await apiCall(division, 'GET', '/api/shortcomings?source=inspection');
    const id = found.body.items[0].id;

    await division.locator(`#status-${id}`).selectOption('in_progress');
    await row.getByRole('button', { name: 'تغيير' }).click();
    await division.getByText('غُيّرت الوضعية إلى «قيد المعالجة»').waitFor();
    await row.locator('.badge', { hasText: 'قيد المعالجة' }).waitFor();

    // Someone else changes it meanwhile: the register says so and shows the stored version.
    const current = (await apiCall(division, 'GET', `/api/shortcomings/${id}`)).body;
    const other = await apiCall(division, 'PUT', `/api/shortcomings/${id}`, {
      version: current.version, institution_id: current.institution_id, domain_code: current.domain_code, criterion_code: null,
      source: current.source, description: current.description, severity: 'critical', status: current.status,
      raised_on: current.raised_on, resolved_on: null,
    });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await division.locator(`#status-${id}`).selectOption('resolved');
    await row.getByRole('button', { name: 'تغيير' }).click();
    await division.getByText('عدّل شخص آخر هذه النقيصة في الأثناء').waitFor();
    await row.locator('.badge', { hasText: 'حرجة' }).waitFor();

    await division.locator(`#status-${id}`).selectOption('resolved');
    await row.getByRole('button', { name: 'تغيير' }).click();
    await division.getByText('غُيّرت الوضعية إلى «معالجة، في انتظار التحقق»').waitFor();
    await row.locator('.badge', { hasText: /^معالجة، في انتظار التحقق$/ }).waitFor();
    const stored = (await apiCall(division, 'GET', `/api/shortcomings/${id}`)).body;
    assert.equal(stored.status, 'resolved');
    assert.equal(stored.severity, 'critical', 'their change is kept');
    assert.match(stored.resolved_on, /^\d{4}-\d{2}-\d{2}$/);
    await division.screenshot({ path: join(artifacts, 'shortcomings-status-ar.png'), fullPage: true });
  });

  test('the association starts a self-assessment of its institution, shown apart from the official ones — screenshot', async () => {
    const association = await (await env.newContext()).newPage();
    await login(association, 'assoc1');
    await association.locator('nav#nav').getByRole('link', { name: 'تقييماتي' }).click();
    await association.waitForURL(/\/my_assessments$/);
    // The validated official assessment of its institution is there, marked official.
    await association.locator('#list tbody tr', { hasText: 'تقييم رسمي' }).waitFor();
    await chooseOption(association, '#f-campaign_id', CAMPAIGN);
    await chooseOption(association, '#f-institution_id', 'دار الطالبة بوجدور');
    await association.getByRole('button', { name: 'بدء التقييم الذاتي' }).click();
    await association.waitForURL(/\/assessments\/\d+$/);
    ids.self = Number(new URL(association.url()).pathname.split('/').pop());
    await association.locator('.meta .badge', { hasText: 'تقييم ذاتي' }).waitFor();
    await statusIs(association, 'مسودة');
    await radio(association, 'D1.1', '2').check();
    await association.locator('[data-testid="save-state"]', { hasText: 'تم الحفظ' }).waitFor();
    await association.screenshot({ path: join(artifacts, 'self-assessment-ar.png') });

    // A second one of the same institution in the same campaign is refused at the field.
    await association.goto('/my_assessments');
    await chooseOption(association, '#f-campaign_id', CAMPAIGN);
    await chooseOption(association, '#f-institution_id', 'دار الطالبة بوجدور');
    await association.getByRole('button', { name: 'بدء التقييم الذاتي' }).click();
    await association.locator('#f-institution_id-error').waitFor();
    await association.locator('#list tbody tr', { hasText: 'تقييم ذاتي' }).waitFor();
    await association.context().close();

    // The campaign shows it apart from the official assessments.
    await division.goto(`/campaigns/${ids.campaign}`);
    await division.locator('#self-assessments tbody tr', { hasText: 'دار الطالبة بوجدور' }).waitFor();
    assert.equal(await division.locator('#self-assessments tbody tr').count(), 1);
    assert.equal(await division.locator('#assessments tbody tr').count(), 2);
    assert.equal(await division.locator(`#assessments a[href="/assessments/${ids.self}"]`).count(), 0);
  });

  test('evidence: a photo attached to a criterion of the follow-up campaign, a text file named .png refused at the field — screenshot', async () => {
    const first = (await apiCall(division, 'GET', `/api/campaigns/${ids.campaign}`)).body;
    const campaign = await apiCall(division, 'POST', '/api/campaigns', {
      name_ar: FOLLOW_UP, name_fr: 'Visite de suivi — avril 2019', grid_id: first.grid_id, territory_id: first.territory_id,
      starts_on: '2019-04-01', ends_on: '2019-04-30', status: 'ongoing',
    });
    assert.equal(campaign.status, 201, JSON.stringify(campaign.body));
    ids.followUp = campaign.body.id;
    const added = await apiCall(division, 'POST', `/api/campaigns/${ids.followUp}/assessments`, { institution_id: 1, assessor_ids: [] });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    ids.followUpAssessment = added.body.id;

    await division.goto(`/assessments/${ids.followUpAssessment}`);
    const input = division.locator('[id="evidence-D1.1"]');
    await input.waitFor();
    assert.equal(await input.getAttribute('accept'), 'image/jpeg,image/png,image/webp,application/pdf');
    await input.setInputFiles({ name: 'ترخيص-الفتح.png', mimeType: 'image/png', buffer: pngBytes(96, 72, [[11, 93, 75], [201, 162, 39], [255, 255, 255]]) });
    const thumbnail = division.locator('[data-testid="evidence-D1.1"] img[alt="ترخيص-الفتح.png"]');
    await thumbnail.waitFor();
    await division.waitForFunction((el) => el.complete && el.naturalWidth === 96, await thumbnail.elementHandle());

    // Not a picture, whatever its name says: refused at the field, nothing stored.
    await input.setInputFiles({ name: 'صورة.png', mimeType: 'image/png', buffer: Buffer.from('هذا نص وليس صورة\n') });
    await division.locator('[id="evidence-D1.1-error"]').waitFor();
    assert.equal(await input.getAttribute('aria-invalid'), 'true');

    // A PDF is listed as a link that downloads it.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    await division.locator('[id="evidence-D2.2"]').setInputFiles({ name: 'محضر-اللجنة.pdf', mimeType: 'application/pdf', buffer: pdf });
    const link = division.locator('[data-testid="evidence-D2.2"] a[download]', { hasText: 'محضر-اللجنة.pdf' });
    await link.waitFor();
    assert.equal(await division.locator('[data-testid="evidence-D2.2"] img').count(), 0);

    // A second photo on another criterion, removed again.
    const other = division.locator('[id="evidence-D5.1"]');
    await other.setInputFiles({ name: 'البناية.png', mimeType: 'image/png', buffer: pngBytes(40, 30, [[179, 38, 30]]) });
    await division.locator('[data-testid="evidence-D5.1"] img').waitFor();
    await division.getByRole('button', { name: 'حذف البناية.png' }).click();
    await division.locator('[data-testid="evidence-D5.1"] img').waitFor({ state: 'detached' });

    // Scoring still saves after the uploads.
    await radio(division, 'D1.1', '2').check();
    await division.locator('[data-testid="save-state"]', { hasText: 'تم الحفظ' }).waitFor();
    const stored = (await apiCall(division, 'GET', `/api/assessments/${ids.followUpAssessment}`)).body;
    assert.deepEqual(stored.evidence.map((e) => [e.criterion_code, e.file_name, e.content_type]).sort(),
      [['D1.1', 'ترخيص-الفتح.png', 'image/png'], ['D2.2', 'محضر-اللجنة.pdf', 'application/pdf']]);
    await criterion(division, 'D1.1').scrollIntoViewIfNeeded();
    await division.screenshot({ path: join(artifacts, 'evidence-ar.png') });
  });

  test('validated meanwhile: a file sent from the stale page reloads it, and the evidence is then read-only', async () => {
    // The rest of the follow-up through the API: D1.1 now satisfactory, D1.2 and D2.2 still
    // partial, D3.1 newly partial, all else satisfactory.
    const scores = { 'D1.2': 1, 'D2.2': 1, 'D3.1': 1 };
    const put = await scoreAssessment(division, ids.followUpAssessment, { scores, skip: ['D1.1'], visit_date: '2019-04-16' });
    await submitAndValidate(division, ids.followUpAssessment, put.version);

    // The page still shows the draft: a file sent now is refused (409), and the page reloads.
    await division.locator('[id="evidence-D4.1"]').setInputFiles({ name: 'أنشطة.png', mimeType: 'image/png', buffer: pngBytes(20, 20, [[26, 95, 180]]) });
    await division.getByText('عدّل شخص آخر هذا التقييم في الأثناء').waitFor();
    await statusIs(division, 'مصادق عليه');
    await division.locator('[data-testid="evidence-D1.1"] img[alt="ترخيص-الفتح.png"]').waitFor();
    await division.locator('[data-testid="evidence-D2.2"] a', { hasText: 'محضر-اللجنة.pdf' }).waitFor();
    assert.equal(await division.locator('[data-testid="evidence-D4.1"]').count(), 0);
    assert.equal(await division.locator('[id="evidence-D1.1"]').count(), 0);
    assert.equal(await division.getByRole('button', { name: 'حذف ترخيص-الفتح.png' }).count(), 0);
    const href = await division.locator('[data-testid="evidence-D1.1"] a').getAttribute('href');
    const file = await division.evaluate(async (href) => {
      const res = await fetch(href);
      return { status: res.status, type: res.headers.get('content-type') };
    }, href);
    assert.deepEqual(file, { status: 200, type: 'image/png' });
  });

  test('compares the two campaigns: then, now and the change per domain; shortcomings resolved, persisting, new — screenshots', async () => {
    await division.goto('/campaigns');
    await division.getByRole('link', { name: 'مقارنة حملتين' }).click();
    await division.waitForURL(/\/campaigns\/compare$/);
    // The same campaign twice is refused at the field.
    await chooseOption(division, '#compare-before', CAMPAIGN);
    await chooseOption(division, '#compare-after', CAMPAIGN);
    await division.getByRole('button', { name: 'قارن' }).click();
    await division.locator('#compare-after-error').waitFor();
    await chooseOption(division, '#compare-after', FOLLOW_UP);
    await division.getByRole('button', { name: 'قارن' }).click();
    await division.waitForURL(new RegExp(`before=${ids.campaign}&after=${ids.followUp}`));

    const row = division.locator('#comparison tbody tr', { hasText: 'دار الطالب بوجدور' });
    await row.waitFor();
    const cells = row.locator('td');
    // Overall, then D1 … D9: D1 went up (D1.1 from 0 to 2), D3 down (D3.1 from 2 to 1).
    assert.match(await cells.nth(1).innerText(), /▲ \+\d+/);
    assert.match(await cells.nth(3).innerText(), /▼ -\d+/);
    assert.match(await cells.nth(1).innerText(), /%/);
    assert.match(await division.locator('#shortcomings-resolved').innerText(), /D1\.1/);
    const persisted = await division.locator('#shortcomings-persisted').innerText();
    assert.match(persisted, /D2\.2/);
    assert.doesNotMatch(persisted, /D1\.1/);
    assert.match(await division.locator('#shortcomings-appeared').innerText(), /D3\.1/);
    await division.screenshot({ path: join(artifacts, 'compare-ar.png'), fullPage: true });

    await division.getByRole('button', { name: 'Français' }).click();
    await division.getByRole('heading', { level: 1, name: 'Comparer deux campagnes' }).waitFor();
    await division.locator('#shortcomings-resolved', { hasText: 'Autorisation d\'ouverture valide' }).waitFor();
    await division.screenshot({ path: join(artifacts, 'compare-fr.png'), fullPage: true });
    await division.getByRole('button', { name: 'العربية' }).click();
    await division.getByRole('heading', { level: 1, name: 'مقارنة حملتين' }).waitFor();

    // From a campaign's page, with the campaign already chosen as the later one.
    await division.goto(`/campaigns/${ids.followUp}`);
    await division.getByRole('link', { name: 'مقارنة بحملة سابقة' }).click();
    await division.waitForURL(new RegExp(`/campaigns/compare\\?after=${ids.followUp}$`));
    // The campaigns load after the page: wait until the picker shows the one from the link.
    await division.waitForFunction((id) => document.querySelector('#compare-after')?.value === id, String(ids.followUp));
  });

  test('the register (with its status controls) and the comparison fit a 360 px phone: tables scroll in their frame — screenshot', async () => {
    const phone = await (await env.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await login(phone, 'divi');
    await phone.goto('/shortcomings');
    await phone.locator('#list tbody tr select').first().waitFor();
    assert.ok((await overflow()) <= 1, `the register scrolls sideways by ${await overflow()}px`);
    await phone.goto(`/campaigns/compare?before=${ids.campaign}&after=${ids.followUp}`);
    await phone.locator('#comparison tbody tr').first().waitFor();
    assert.ok((await overflow()) <= 1, `the comparison scrolls sideways by ${await overflow()}px`);
    await phone.screenshot({ path: join(artifacts, 'compare-phone-ar.png'), fullPage: true });
    await phone.context().close();
  });
});
