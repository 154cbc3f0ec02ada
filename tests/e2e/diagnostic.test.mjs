// End-to-end, in Arabic: a diagnostic campaign from creation to the shortcomings register.
// The division creates the campaign and adds two institutions with an assessor; the assessor
// scores the grid (a few criteria with the radio buttons, the rest through the API), submits;
// the division returns it, the assessor fixes and resubmits, the division validates; the
// register then lists the shortcomings raised.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, PASSWORD, start } from './harness.mjs';

const CAMPAIGN = 'الدراسة التشخيصية — شتنبر 2018';
const REASON = 'يرجى مراجعة تنقيط الطاقة الاستيعابية';

let env;
let division;
let assessor;
const ids = {};

before(async () => {
  env = await start();
  execFileSync(env.bin, ['--database', env.database, 'user', 'add', '--username', 'assessor1', '--role', 'assessor', '--territory', 'MA-BOD',
    '--password', PASSWORD, '--display-name', 'عضو فريق التشخيص'], { stdio: 'pipe' });
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
    await division.locator('#f-starts_on').fill('2018-09-03');
    await division.locator('#f-ends_on').fill('2018-09-28');
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
      await division.locator('#add-assessors option[value="' + ids.assessor + '"]').waitFor({ state: 'attached' });
      await division.locator('#add-assessors').selectOption(String(ids.assessor));
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
    const current = await apiCall(assessor, 'GET', `/api/assessments/${ids.assessment}`);
    const codes = current.body.grid.domains.flatMap((d) => d.criteria.map((c) => c.code));
    const answers = codes.filter((c) => !['D1.1', 'D1.2', 'D1.3'].includes(c))
      .map((c) => ({ criterion_code: c, score: c === 'D2.2' ? 1 : 2 }));
    const put = await apiCall(assessor, 'PUT', `/api/assessments/${ids.assessment}/answers`, { version: current.body.version, answers });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    await assessor.reload();
    await criterion(assessor, 'D1.1').waitFor();

    // A few with the radio buttons and a comment; the page saves by itself.
    await radio(assessor, 'D1.1', '0').check();
    await criterion(assessor, 'D1.1').locator('textarea').fill('لا يوجد ترخيص ساري المفعول');
    await radio(assessor, 'D1.2', '2').check();
    await assessor.locator('#visit-date').fill('2018-09-12');
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
});
