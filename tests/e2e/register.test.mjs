// End-to-end, in Arabic: the individual register (issue 16, law 09-08). The division turns the
// register on for a Dar Talib from its page; the association adds two pupils from there (dates
// typed dd/mm/yyyy) and a school year's result, whose rates the division reads on the institution's
// page; the names are read by them only: a viewer is
// refused the register (the admin, 403), and every named page read is in the audit trail. Screenshots at 360 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, start } from './harness.mjs';

let env;
let institution;

before(async () => {
  env = await start({ story: false });
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-register.log'), env.log.join(''));
  await env?.stop();
});

const phone = async () => (await env.newContext({ viewport: { width: 360, height: 780 } })).newPage();

describe('The individual register', { concurrency: false }, () => {
  test('the division turns on the register of a Dar Talib from its page', async () => {
    const page = await phone();
    await login(page, 'divi');
    institution = (await apiCall(page, 'GET', '/api/institutions?q=DEMO-BOD-001')).body.items[0];
    await page.goto(`/institutions/${institution.id}`);
    const section = page.getByTestId('institution-register');
    await section.getByTestId('register-switch').click();
    await section.getByText('تمسك هذه المؤسسة سجلا فرديا للمستفيدين.').waitFor();
    await page.context().close();
  });

  test('the association adds two pupils and a school result — screenshots', async () => {
    const page = await phone();
    await login(page, 'assoc1');
    for (const [name, sex, birth] of [
      ['فاطمة الزهراء العلوي', 'أنثى', '14/03/2008'],
      ['يوسف بن علي', 'ذكر', '02/11/2007'],
    ]) {
      await page.goto(`/institutions/${institution.id}`);
      await page.getByTestId('institution-register').getByRole('link', { name: 'مستفيد جديد' }).click();
      await page.waitForURL(/\/beneficiaries\/new/);
      await page.locator('#f-full_name_ar').fill(name);
      await chooseOption(page, '#f-sex', sex);
      await page.locator('#f-birth_date').fill(birth);
      await page.locator('#f-admission_date').fill('16/09/2019');
      await page.getByRole('button', { name: 'حفظ' }).click();
      await page.waitForURL(/\/beneficiaries\/\d+$/);
      await page.getByRole('heading', { name }).waitFor();
    }
    // The second one's school year 2019-2020: collège, promoted.
    await page.getByTestId('school-years').getByRole('button', { name: 'موسم دراسي جديد' }).click();
    await chooseOption(page, '#year-school_year', '2019');
    await chooseOption(page, '#year-level', 'الإعدادي');
    await chooseOption(page, '#year-result', 'انتقل');
    await page.getByTestId('school-years').getByRole('button', { name: 'حفظ' }).click();
    await page.getByTestId('school-years').locator('li .badge').getByText('انتقل', { exact: true }).waitFor();
    await page.screenshot({ path: join(artifacts, 'register-pupil-ar-360.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);

    await page.goto(`/institutions/${institution.id}`);
    const listed = page.getByTestId('institution-register');
    await listed.getByText('فاطمة الزهراء العلوي').waitFor();
    await listed.getByText('يوسف بن علي').waitFor();
    await page.screenshot({ path: join(artifacts, 'register-institution-ar-360.png'), fullPage: true });
    await page.context().close();
  });

  test('the months are computed from the register and cannot be typed', async () => {
    const page = await phone();
    await login(page, 'assoc1');
    await page.goto(`/institutions/${institution.id}/statistics?month=2019-10`);
    await page.getByText('تحتسب إحصائياتها الشهرية منه').waitFor();
    // The two pupils admitted in September 2019 are present in October.
    await page.getByTestId('total').getByText(/^2/).waitFor();
    assert.equal(await page.locator('input[name="present_college_m"]').isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'حفظ' }).count(), 0);
    await page.screenshot({ path: join(artifacts, 'register-statistics-ar-360.png'), fullPage: true });
    await page.context().close();

    const division = await (await env.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await login(division, 'divi');
    await apiCall(division, 'POST', '/api/session/language', { language: 'fr' });
    await division.goto(`/institutions/${institution.id}/statistics?month=2019-09`);
    await division.getByText('ses statistiques mensuelles en sont calculées').waitFor();
    await division.getByTestId('total').getByText(/^2/).waitFor();
    await division.screenshot({ path: join(artifacts, 'register-statistics-fr-1280.png'), fullPage: true });
    await division.context().close();
  });

  test("the division sees the register's success and dropout rates by school year on the institution page", async () => {
    const page = await phone();
    await login(page, 'divi');
    await apiCall(page, 'POST', '/api/session/language', { language: 'ar' });  // French since the test before
    await page.goto(`/institutions/${institution.id}`);
    const trend = page.getByTestId('record-trend');
    // 2019–2020: one result recorded, promoted: success 100 %, dropout 0 %.
    const year = trend.locator('tr', { hasText: '2019–2020' });
    await year.waitFor();
    const headers = await trend.locator('thead th').allTextContents();
    assert.deepEqual(headers.slice(-2), ['نسبة النجاح', 'نسبة الانقطاع حسب السجل']);
    const cells = await year.locator('td').allTextContents();
    assert.match(cells.at(-2), /^100[,.]0 %$/);
    assert.match(cells.at(-1), /^0[,.]0 %$/);
    await trend.screenshot({ path: join(artifacts, 'register-record-ar-360.png') });
    await page.context().close();
  });

  test('the admin is refused the register, and reads in the audit trail who read which names', async () => {
    const admin = await phone();
    await login(admin, 'admin');
    const refused = await apiCall(admin, 'GET', `/api/beneficiaries?institution_id=${institution.id}`);
    assert.equal(refused.status, 403);
    await admin.goto('/beneficiaries');
    await admin.getByRole('heading', { name: 'غير مسموح' }).waitFor();
    const reads = await apiCall(admin, 'GET', '/api/audit?action=read');
    assert.equal(reads.status, 200, JSON.stringify(reads.body));
    assert.ok(
      reads.body.items.some((entry) => entry.entity === 'beneficiary'),
      'the association\'s named reads are audited',
    );
    await admin.context().close();
  });
});
