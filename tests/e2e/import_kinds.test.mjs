// End-to-end: the imports of the registry (issue 16). In French at 1280 px, the division opens the
// import from the institutions' list, picks a workbook of three institutions naming their
// association, commune and category in words, one row naming a commune that is not in its province;
// it sees that cell named by row and column, picks the corrected workbook, checks it and imports it,
// and finds the three in the list. Then, in Arabic at 360 px, the entry points of every kind, for
// the roles that may write what they fill (screenshots), and none for an association on the
// institutions' list.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, login, start, xlsxWorkbook } from './harness.mjs';

let env;

before(async () => {
  env = await start({ story: false });
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-import-kinds.log'), env.log.join(''));
  await env?.stop();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['Code', 'Nom en arabe', 'Catégorie', 'Association gestionnaire', 'Commune'];

/** The three institutions; with `bad`, row 3 names a commune outside the province. */
function institutions(bad) {
  return [
    HEADERS,
    ['E2E-001', 'دار الطالب الجريفية', 'Dar Talib', 'DEMO-REC-2009-014', 'Jrifia'],
    ['E2E-002', 'دار الطالبة لمسيد', 'Dar Taliba', 'DEMO-REC-2009-014', bad ? 'Tanger' : 'Lamsid'],
    ['E2E-003', 'مركز كلتة زمور', 'Établissement polyvalent', 'DEMO-REC-2009-014', 'Gueltat Zemmour'],
  ];
}

/** Waits until the institution picker shows institution `id` chosen (its options load after the page). */
async function chosen(page, id) {
  await page.locator(`#import-institution option[value="${id}"]`).waitFor({ state: 'attached' });
  await page.waitForFunction((value) => document.querySelector('#import-institution')?.value === value, String(id));
}

const sideways = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('Importing the registry', { concurrency: false }, () => {
  test('in French at 1280 px, the division imports institutions, fixing the one bad row first', async () => {
    const page = await (await env.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })).newPage();
    await login(page, 'divi');
    assert.equal((await apiCall(page, 'POST', '/api/session/language', { language: 'fr' })).status, 200);
    await page.goto('/institutions');
    await page.getByRole('link', { name: 'Importer un fichier' }).click();
    await page.waitForURL(/\/institutions\/import$/);
    await page.getByRole('heading', { name: 'Importer des établissements depuis un fichier' }).waitFor();
    assert.equal(await page.locator('#import-institution').count(), 0, 'each row names its own references');

    await page.locator('#import-file').setInputFiles({ name: 'etablissements.xlsx', mimeType: XLSX, buffer: xlsxWorkbook('Établissements', institutions(true)) });
    await page.locator('#import-mapping').waitFor();
    assert.equal(await page.locator('#import-mapping select').count(), 5);
    for (const select of await page.locator('#import-mapping select').all()) assert.notEqual(await select.inputValue(), '');
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();

    const problems = page.locator('#import-problems > li');
    await problems.first().waitFor();
    assert.equal(await problems.count(), 1);
    const problem = await problems.first().innerText();
    assert.match(problem, /3/);
    assert.match(problem, /Commune/);
    assert.match(problem, /Tanger/);
    assert.match(problem, /Établissements/);
    assert.match(problem, /hors de votre périmètre/);
    await page.screenshot({ path: join(artifacts, 'import-institutions-problems-fr-1280.png'), fullPage: true });
    const none = await apiCall(page, 'GET', '/api/institutions?q=E2E');
    assert.equal(none.body.total, 0, 'the dry run wrote nothing');

    await page.locator('#import-file').setInputFiles({ name: 'etablissements.xlsx', mimeType: XLSX, buffer: xlsxWorkbook('Établissements', institutions(false)) });
    await page.locator('#import-mapping').waitFor();
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByText('Aucun problème. Lignes prêtes à importer : 3.').waitFor();
    await page.screenshot({ path: join(artifacts, 'import-institutions-ready-fr-1280.png'), fullPage: true });
    await page.locator('#import-commit').click();
    await page.waitForURL(/\/institutions\?saved=imported/);
    for (const name of ['دار الطالب الجريفية', 'دار الطالبة لمسيد', 'مركز كلتة زمور']) await page.getByText(name).first().waitFor();
    const listed = await apiCall(page, 'GET', '/api/institutions?q=E2E');
    assert.equal(listed.body.total, 3);
    await page.screenshot({ path: join(artifacts, 'import-institutions-list-fr-1280.png'), fullPage: true });
    assert.equal((await apiCall(page, 'POST', '/api/session/language', { language: 'ar' })).status, 200);
    await page.context().close();
  });

  test('in Arabic at 360 px, each list offers its import to the roles that may write it — screenshots', async () => {
    const phone = async () => (await env.newContext({ viewport: { width: 360, height: 780 } })).newPage();
    const page = await phone();
    await login(page, 'divi');
    const open = async (list, link, path, heading, shot) => {
      await page.goto(list);
      await page.getByRole('link', { name: link }).first().click();
      await page.waitForURL(path);
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.screenshot({ path: join(artifacts, `${shot}-ar-360.png`), fullPage: true });
      const overflow = await sideways(page);
      assert.ok(overflow <= 1, `${shot}: the page scrolls sideways by ${overflow}px`);
    };
    await page.goto('/institutions');
    await page.getByRole('link', { name: 'استيراد من ملف' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'import-entry-institutions-ar-360.png'), fullPage: true });
    await open('/institutions', 'استيراد من ملف', /\/institutions\/import$/, 'استيراد المؤسسات من ملف', 'import-institutions');
    await open('/associations', 'استيراد من ملف', /\/associations\/import$/, 'استيراد الجمعيات من ملف', 'import-associations');
    await open('/staff', 'استيراد من ملف', /\/staff\/import/, 'استيراد العاملين من ملف', 'import-staff');
    await page.goto('/beneficiaries');
    await page.getByRole('link', { name: 'استيراد النتائج المدرسية' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'import-entry-register-ar-360.png'), fullPage: true });
    await open('/beneficiaries', 'استيراد النتائج المدرسية', /\/beneficiaries\/results\/import/, 'استيراد النتائج المدرسية من ملف', 'import-school-results');

    // An institution without a register: its staff and its monthly statistics, with it chosen.
    const institution = (await apiCall(page, 'GET', '/api/institutions?q=DEMO-BOD-002')).body.items[0];
    await page.goto(`/institutions/${institution.id}`);
    await page.getByTestId('file-staff').getByRole('link', { name: 'استيراد من ملف' }).click();
    await page.waitForURL(/\/staff\/import\?institution_id=/);
    await chosen(page, institution.id);
    // Each goes back to the page it was opened from: the institution's page, its statistics.
    await page.locator('a.back', { hasText: 'رجوع' }).click();
    await page.waitForURL(new RegExp(`/institutions/${institution.id}$`));
    await open(`/institutions/${institution.id}/statistics`, 'استيراد من ملف', /\/monthly_statistics\/import\?institution_id=/, 'استيراد الإحصائيات الشهرية من ملف', 'import-statistics');
    await chosen(page, institution.id);
    await page.locator('a.back', { hasText: 'رجوع' }).click();
    await page.waitForURL(new RegExp(`/institutions/${institution.id}/statistics$`));
    await page.getByRole('link', { name: 'استيراد من ملف' }).waitFor();
    await page.context().close();

    // The admin keeps the territories: communes, under a province.
    const admin = await phone();
    await login(admin, 'admin');
    await admin.goto('/territories');
    await admin.getByRole('link', { name: 'استيراد من ملف' }).click();
    await admin.getByRole('heading', { name: 'استيراد الجماعات من ملف' }).waitFor();
    await admin.locator('#import-province').waitFor();
    await admin.screenshot({ path: join(artifacts, 'import-communes-ar-360.png'), fullPage: true });
    await admin.goto('/institutions');
    await admin.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await admin.getByRole('link', { name: 'استيراد من ملف' }).count(), 0, 'the admin does not create institutions');
    await admin.context().close();

    // An association writes its staff but not the registry's institutions.
    const association = await phone();
    await login(association, 'assoc1');
    await association.goto('/institutions');
    await association.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await association.getByRole('link', { name: 'استيراد من ملف' }).count(), 0);
    await association.goto('/staff');
    await association.getByRole('link', { name: 'استيراد من ملف' }).waitFor();
    await association.context().close();
  });
});
