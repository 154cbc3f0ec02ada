// End-to-end, in Arabic at 360 px: services and parallel activities (issue 16, S10). An
// association adds a service from the catalogue to its Dar Taliba and records an activity from
// the institution page, sees both there, then finds the activity in the activities list,
// filtered by school year and kind. Screenshots: the institution's sections and the list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, start } from './harness.mjs';

let env;
let page;
let institution;

before(async () => {
  env = await start({ story: false });
  page = await (await env.newContext({ viewport: { width: 360, height: 780 } })).newPage();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-services.log'), env.log.join(''));
  await env?.stop();
});

describe('Services and parallel activities', { concurrency: false }, () => {
  test('an association adds a service and an activity to its Dar Taliba and sees them listed', async () => {
    await login(page, 'assoc1');
    const found = await apiCall(page, 'GET', '/api/institutions?q=DEMO-BOD-002');
    institution = found.body.items[0];
    await page.goto(`/institutions/${institution.id}`);
    const services = page.getByTestId('services');
    await services.getByText('الإيواء').waitFor();
    assert.doesNotMatch(await services.innerText(), /النقل المدرسي/);

    await page.getByRole('link', { name: 'إضافة خدمة' }).click();
    await page.waitForURL(/\/institution_services\/new/);
    await chooseOption(page, '#f-service_id', 'النقل المدرسي');
    await page.locator('#f-since').fill('16/09/2019');
    await page.locator('#f-note').fill('حافلة الجماعة ذهابا وإيابا');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForURL(new RegExp(`/institutions/${institution.id}$`));
    const added = services.locator('li', { hasText: 'النقل المدرسي' });
    await added.waitFor();
    // The date in Moroccan month names and Western digits.
    assert.match(await added.innerText(), /16\s*شتنبر\s*2019/);

    await page.getByRole('link', { name: 'نشاط جديد' }).click();
    await page.waitForURL(/\/activities\/new/);
    await page.locator('#f-activity_kind').selectOption('culture');
    await page.locator('#f-title').fill('مسابقة في تجويد القرآن الكريم');
    await page.locator('#f-activity_date').fill('12/02/2020');
    await page.locator('#f-participants_f').fill('34');
    await page.locator('#f-participants_m').fill('0');
    await page.locator('#f-partner').fill('المجلس العلمي المحلي');
    await page.locator('#f-cost_centimes').fill('1500');
    await page.screenshot({ path: join(artifacts, 'activity-form-ar-360.png'), fullPage: true });
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForURL(new RegExp(`/institutions/${institution.id}$`));
    const row = page.locator('#activities tbody tr', { hasText: 'مسابقة في تجويد القرآن الكريم' });
    await row.waitFor();
    assert.match(await row.innerText(), /12\s*فبراير\s*2020/);
    assert.match(await row.innerText(), /34\s*إناث/);
    await page.getByTestId('services').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'institution-services-ar-360.png'), fullPage: true });
    await page
      .locator('section[aria-labelledby="services-title"]')
      .screenshot({ path: join(artifacts, 'institution-services-section-ar-360.png') });
    await page
      .locator('section[aria-labelledby="activities-title"]')
      .screenshot({ path: join(artifacts, 'institution-activities-section-ar-360.png') });

    const stored = await apiCall(page, 'GET', `/api/activities?institution_id=${institution.id}&date_from=2020-02-12&date_to=2020-02-12`);
    assert.equal(stored.body.total, 1);
    assert.equal(stored.body.items[0].cost_centimes, 150000);
    assert.equal(stored.body.items[0].participants_total, 34);
  });

  test('the activities list finds it by school year and kind, from the menu', async () => {
    await page.goto('/');
    // At 360 px the menu is behind its button.
    await page.getByRole('button', { name: 'القائمة' }).click();
    await page.getByRole('link', { name: 'الأنشطة الموازية' }).first().click();
    await page.waitForURL(/\/activities/);
    await page.goto('/activities?school_year=2019-2020&activity_kind=culture');
    const row = page.locator('tbody tr', { hasText: 'مسابقة في تجويد القرآن الكريم' });
    await row.waitFor();
    assert.match(await row.innerText(), /1\s?500,00\s?درهم/);
    // The demo's other cultural activity of the year (DEMO-BOD-001's poetry evening) is listed; the theatre workshop of 2018-2019 is not.
    await page.locator('tbody tr', { hasText: 'أمسية شعرية حسانية' }).waitFor();
    assert.equal(await page.locator('tbody tr', { hasText: 'ورشة المسرح المدرسي' }).count(), 0);
    await page.screenshot({ path: join(artifacts, 'activities-ar-360.png'), fullPage: true });
  });
});
