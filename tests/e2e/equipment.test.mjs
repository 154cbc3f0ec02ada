// End-to-end, in Arabic: equipment needs and trainings. The division adds a need to a demo
// institution, finds it in the consolidated list with the right total, downloads the XLSX
// and CSV exports, and makes the item's needs equipment actions of a programme; then records
// a training, picks two participants, and reads it in a staff member's training history.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, start } from './harness.mjs';

const NNBSP = '\u202f';
const TOPIC = 'الإسعافات الأولية في مؤسسات الرعاية';
const today = new Date().toISOString().slice(0, 10);

let env;
let page;
const ids = {};

before(async () => {
  // From the registry only: this spec plans the demo's equipment needs itself.
  env = await start({ story: false });
  page = await (await env.newContext({ acceptDownloads: true })).newPage();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-equipment.log'), env.log.join(''));
  await env?.stop();
});

/** The body text of the element `selector`, spaces as the page has them. */
const text = (selector) => page.locator(selector).first().innerText();

describe('Equipment needs and trainings', { concurrency: false }, () => {
  test('the division adds a need to Dar Taliba of Lamsid from the institution page', async () => {
    await login(page, 'divi');
    const found = await apiCall(page, 'GET', '/api/institutions?q=DEMO-BOD-007');
    ids.institution = found.body.items[0].id;
    await page.goto(`/institutions/${ids.institution}`);
    await page.getByRole('link', { name: 'التجهيزات والحاجيات' }).click();
    await page.waitForURL(/\/institutions\/\d+\/equipment$/);
    await page.getByRole('link', { name: 'إضافة حاجة' }).click();
    await page.locator('#f-item_id').waitFor();
    await chooseOption(page, '#f-item_id', 'سرير بطابقين');
    await page.locator('#f-quantity').fill('25');
    await page.locator('#f-unit_cost_centimes').fill('2400,50');
    await page.locator('#f-priority').selectOption('high');
    await page.locator('#f-justification').fill('استقبال 25 تلميذة إضافية في الموسم المقبل');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForURL(/\/institutions\/\d+\/equipment$/);
    // 25 × 2,400.50 MAD = 60,012.50 MAD, with Western digits and the Arabic currency name.
    const row = page.locator('#needs tbody tr', { hasText: 'سرير بطابقين' });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`60${NNBSP}012,50\u00a0درهم`));
    assert.match(await row.innerText(), /عالية/);
    await page.screenshot({ path: join(artifacts, 'institution-equipment-ar.png'), fullPage: true });
  });

  test('the consolidated list sums it with the demo need of Jrifia, and filters by commune — screenshot', async () => {
    await page.locator('nav#nav').getByRole('link', { name: 'الحاجيات من التجهيزات' }).click();
    await page.waitForURL(/\/needs$/);
    const row = page.locator('tr[data-item="BED-BUNK"]');
    await row.waitFor();
    // The demo's 15 × 2,400.00 at Jrifia plus our 25 × 2,400.50: 96,012.50 MAD, 40 beds, 2 institutions.
    assert.equal((await row.locator('[data-testid="item-total"]').innerText()).trim(), `96${NNBSP}012,50\u00a0درهم`);
    assert.match(await row.innerText(), /40 قطعة/);
    const totals = await apiCall(page, 'GET', '/api/consolidated_needs');
    const grand = totals.body.totals.total_centimes;
    const shown = (await text('[data-testid="grand-total"]')).replace(/[^\d,]/g, '').replace(',', '');
    assert.equal(Number(shown), grand);
    await page.screenshot({ path: join(artifacts, 'needs-ar.png'), fullPage: true });

    await chooseOption(page, '#needs-territory_id', 'لمسيد');
    await page.waitForURL(/territory_id=\d+/);
    await page.locator('[data-testid="item-total"]', { hasText: `60${NNBSP}012,50` }).waitFor();
    assert.equal(await page.locator('table[data-testid="consolidated"] tbody tr').count(), 1);
  });

  test('the exports download: XLSX (a zip) and CSV with the filtered line', async () => {
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const xlsxPath = join(artifacts, 'needs.xlsx');
    await xlsx.saveAs(xlsxPath);
    assert.match(xlsx.suggestedFilename(), /^consolidated-needs-\d{4}-\d{2}-\d{2}\.xlsx$/);
    assert.equal(readFileSync(xlsxPath).subarray(0, 2).toString(), 'PK');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csvPath = join(artifacts, 'needs.csv');
    await csv.saveAs(csvPath);
    const content = readFileSync(csvPath, 'utf8');
    assert.ok(content.startsWith('\ufeffالرمز,التجهيز,الصنف,الوحدة,الكمية,عدد المؤسسات,الكلفة الإجمالية (درهم)\r\n'), content);
    assert.match(content, /\r\nBED-BUNK,سرير بطابقين,الأفرشة والأغطية,قطعة,25,1,60012\.50\r\n/);
    assert.match(content, /\r\nالمجموع,,,,,1,60012\.50\r\n$/);
  });

  test('a list downloads as it is shown: the institutions searched, in Arabic, as CSV and XLSX', async () => {
    await page.goto('/institutions?q=' + encodeURIComponent('دار الطالب'));
    await page.getByText(/عدد النتائج: \d+/).waitFor();
    const shown = await page.locator('.list-view table.data tbody tr').count();
    assert.ok(shown > 1);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-export-csv').click()]);
    assert.match(csv.suggestedFilename(), /^institutions-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvPath = join(artifacts, 'institutions.csv');
    await csv.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
    assert.ok(lines[0].startsWith('\ufeff#,الرمز,الاسم بالعربية,'), lines[0]);
    assert.equal(lines.length, shown + 1);
    assert.ok(lines.slice(1).every((line) => line.includes('دار الطالب')));
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-export-xlsx').click()]);
    const xlsxPath = join(artifacts, 'institutions.xlsx');
    await xlsx.saveAs(xlsxPath);
    assert.equal(readFileSync(xlsxPath).subarray(0, 2).toString(), 'PK');
  });

  test('the division makes the bunk beds of both institutions equipment actions, one per institution — screenshot', async () => {
    const provinces = await apiCall(page, 'GET', '/api/territories?level=province');
    const province = provinces.body.items.find((t) => t.code === 'MA-BOD').id;
    const made = await apiCall(page, 'POST', '/api/programmes', {
      name_ar: 'برنامج التجهيز 2019–2020', territory_id: province, starts_on: '2019-05-01', ends_on: '2020-12-31', status: 'active',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    await page.goto('/needs');
    const row = page.locator('tr[data-item="BED-BUNK"]');
    await row.waitFor();
    await row.getByRole('checkbox', { name: 'اختيار سرير بطابقين' }).check();
    const form = page.locator('form#needs-to-action');
    await form.getByTestId('picked').waitFor();
    assert.match(await form.getByTestId('picked').innerText(), /التجهيزات المختارة: 1 — سطور الحاجيات المفتوحة: 2/);
    // No programme chosen: the field says so, and nothing is made.
    await form.locator('#to-action-programme').waitFor();
    await form.locator('#to-action-programme').selectOption('');
    await form.getByRole('button', { name: 'إنشاء إجراء التجهيز' }).click();
    assert.equal(await form.locator('#to-action-programme-error').innerText(), 'اختاروا برنامج العمل');
    assert.equal(await form.locator('#to-action-programme').getAttribute('aria-invalid'), 'true');

    await form.locator('#to-action-programme').selectOption(String(made.body.id));
    await form.getByLabel('إجراء لكل مؤسسة').check();
    await form.getByRole('button', { name: 'إنشاء إجراء التجهيز' }).click();
    const list = page.getByTestId('made-actions');
    await list.waitFor();
    assert.equal(await list.locator('li').count(), 2);
    assert.match(await list.innerText(), /اقتناء سرير بطابقين \(25\)/);
    assert.match(await list.innerText(), /اقتناء سرير بطابقين \(15\)/);
    // Both needs are planned now: the item can no longer be picked.
    await row.getByText('مبرمجة').waitFor();
    assert.equal(await row.getByRole('checkbox').count(), 0);
    await page.screenshot({ path: join(artifacts, 'needs-to-action-ar.png'), fullPage: true });

    // The action costs its need (25 × 2,400.50 MAD) and lists it.
    await list.getByRole('link', { name: 'اقتناء سرير بطابقين (25)' }).click();
    await page.waitForURL(/\/actions\/\d+$/);
    await page.locator('#planned-needs tbody tr').first().waitFor();
    assert.equal(await page.locator('#planned-needs tbody tr').count(), 1);
    assert.match(await page.getByTestId('action-money').innerText(), new RegExp(`60${NNBSP}012,50\u00a0درهم`));
    assert.match(await text('main h1'), /اقتناء سرير بطابقين \(25\)/);
    await page.screenshot({ path: join(artifacts, 'equipment-action-ar.png'), fullPage: true });
  });

  test('the division records a training and picks two participants — screenshot', async () => {
    await page.locator('nav#nav').getByRole('link', { name: 'دورات التكوين' }).click();
    await page.waitForURL(/\/trainings$/);
    await page.getByRole('link', { name: 'دورة تكوينية جديدة' }).click();
    await page.locator('#f-topic').waitFor();
    await page.locator('#f-topic').fill(TOPIC);
    await page.locator('#f-domain').selectOption('health_safety');
    await page.locator('#f-starts_on').fill(today);
    await page.locator('#f-ends_on').fill(today);
    await page.locator('#f-hours').fill('6');
    await page.locator('#f-trainer').fill('الهلال الأحمر المغربي');
    await page.locator('#f-organiser').fill('قسم العمل الاجتماعي');
    await chooseOption(page, '#f-territory_id', 'MA-BOD');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForURL(/\/trainings\/\d+$/);
    await page.getByRole('heading', { level: 1, name: TOPIC }).waitFor();

    for (const [search, name] of [['سعيد', 'سعيد العلوي'], ['مريم', 'مريم الصحراوي']]) {
      await page.locator('#picker-filter').fill(search);
      const choice = page.locator('.picker label.check', { hasText: name });
      await choice.waitFor();
      await choice.locator('input').check();
    }
    await page.getByRole('button', { name: /إضافة المختارين \(2\)/ }).click();
    await page.getByText('أضيف مشاركان.').waitFor();
    const rows = page.locator('table[data-testid="participants"] tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await rows.allInnerTexts().then((t) => t.join(' ')), /سعيد العلوي[\s\S]*مريم الصحراوي|مريم الصحراوي[\s\S]*سعيد العلوي/);
    await page.locator('#picker-filter').fill('');
    await page.screenshot({ path: join(artifacts, 'training-ar.png'), fullPage: true });
    // The participants download as they are listed.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-export-csv').click()]);
    assert.match(csv.suggestedFilename(), /^training-\d+-participants-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvPath = join(artifacts, 'training-participants.csv');
    await csv.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
    assert.ok(lines[0].startsWith('\ufeffالاسم الكامل,المهمة,المؤسسة,'), lines[0]);
    assert.equal(lines.length, 3);
  });

  test('the training shows in the staff member\'s history, and the institution counts its trained staff — screenshot', async () => {
    await page.locator('table[data-testid="participants"]').getByRole('link', { name: 'سعيد العلوي' }).click();
    await page.waitForURL(/\/staff\/\d+$/);
    const history = page.locator('table[data-testid="training-history"]');
    await history.locator('tr', { hasText: TOPIC }).waitFor();
    assert.match(await history.innerText(), /الصحة والسلامة/);
    assert.match(await history.innerText(), /التكفل النفسي والاجتماعي/);  // the demo's 2019 session
    await page.screenshot({ path: join(artifacts, 'staff-history-ar.png'), fullPage: true });

    await page.getByRole('link', { name: 'دار الطالب بوجدور' }).first().click();
    await page.waitForURL(/\/institutions\/\d+$/);
    const trained = page.getByTestId('trained').first();
    await trained.waitFor();
    // Two of its three current staff: the demo's recent session and ours.
    assert.match(await trained.innerText(), /66,7 %[\s\S]*2 من أصل 3/);
    await page.screenshot({ path: join(artifacts, 'institution-trained-ar.png'), fullPage: true });
  });
});
