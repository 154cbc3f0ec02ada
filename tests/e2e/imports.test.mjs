// End-to-end, in Arabic at 360 px: an import of the individual register (issue 16). The division
// turns the register on for a Dar Talib; the association opens the import from the register's list,
// picks an XLSX workbook of 30 pupils in which two rows are bad (a day that does not exist, an
// unknown sex), sees both named by row and column, picks the corrected workbook, checks it again and
// imports it: the register then lists the 30 pupils. Screenshots of the problems and the ready file.
// The workbooks are made by the harness (xlsxWorkbook), as a spreadsheet program would save them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, start, xlsxWorkbook } from './harness.mjs';

let env;
let institution;

before(async () => {
  env = await start({ story: false });
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-imports.log'), env.log.join(''));
  await env?.stop();
});

const phone = async () => (await env.newContext({ viewport: { width: 360, height: 780 } })).newPage();

const FIRST = ['أمين', 'سلمى', 'حمزة', 'مريم', 'ياسين', 'خديجة', 'عمر', 'هاجر', 'إلياس', 'نور'];
const LAST = ['الراشدي', 'الوردي', 'الفاسي'];
const HEADERS = ['الاسم الكامل بالعربية', 'الجنس', 'تاريخ الازدياد', 'تاريخ الالتحاق'];

/** The 30 pupils; with `bad`, row 7 has a day that does not exist and row 19 an unknown sex. */
function pupils(bad) {
  const rows = [HEADERS];
  for (let i = 0; i < 30; i++) {
    const sex = i % 2 ? 'أنثى' : 'ذكر';
    const birth = `${String((i % 27) + 1).padStart(2, '0')}/0${(i % 9) + 1}/200${7 + (i % 3)}`;
    rows.push([`${FIRST[i % 10]} ${LAST[Math.floor(i / 10)]}`, sex, birth, '15 شتنبر 2019']);
  }
  if (bad) {
    rows[6][2] = '31/02/2008';
    rows[18][1] = 'غير معروف';
  }
  return rows;
}

describe('Importing the register from a workbook', { concurrency: false }, () => {
  test('the division turns the register on', async () => {
    const page = await phone();
    await login(page, 'divi');
    institution = (await apiCall(page, 'GET', '/api/institutions?q=DEMO-BOD-001')).body.items[0];
    const on = await apiCall(page, 'PUT', `/api/institutions/${institution.id}/register`, {
      keeps_register: true,
      version: institution.version,
    });
    assert.equal(on.status, 200);
    await page.context().close();
  });

  test('the association sees the two bad rows named, fixes them and imports 30 pupils', async () => {
    const page = await phone();
    await login(page, 'assoc1');
    await page.goto('/beneficiaries');
    await page.getByRole('link', { name: 'استيراد من ملف' }).click();
    await page.waitForURL(/\/beneficiaries\/import/);
    await page.getByRole('heading', { name: 'استيراد المستفيدين من ملف' }).waitFor();
    await chooseOption(page, '#import-institution', institution.name_ar);

    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await page.locator('#import-file').setInputFiles({ name: 'التلاميذ.xlsx', mimeType: xlsx, buffer: xlsxWorkbook('التلاميذ', pupils(true)) });
    // The headers are those of the Arabic template: each is matched to its field.
    await page.locator('#import-mapping').waitFor();
    assert.equal(await page.locator('#import-mapping select').count(), 4);
    for (const select of await page.locator('#import-mapping select').all()) assert.notEqual(await select.inputValue(), '');
    await page.getByRole('button', { name: 'فحص الملف' }).click();

    const problems = page.locator('#import-problems > li');
    await problems.first().waitFor();
    assert.equal(await problems.count(), 2);
    const first = await problems.nth(0).innerText();
    const second = await problems.nth(1).innerText();
    assert.match(first, /7/);
    assert.match(first, /تاريخ الازدياد/);
    assert.match(first, /31\/02\/2008/);
    assert.match(second, /19/);
    assert.match(second, /الجنس/);
    assert.match(second, /غير معروف/);
    await page.screenshot({ path: join(artifacts, 'imports-problems-ar-360.png'), fullPage: true });
    let overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    // Nothing was written by the dry run.
    const none = await apiCall(page, 'GET', `/api/beneficiaries?institution_id=${institution.id}`);
    assert.equal(none.body.total, 0);

    // The corrected workbook.
    await page.locator('#import-file').setInputFiles({ name: 'التلاميذ.xlsx', mimeType: xlsx, buffer: xlsxWorkbook('التلاميذ', pupils(false)) });
    await page.locator('#import-mapping').waitFor();
    await page.getByRole('button', { name: 'فحص الملف' }).click();
    await page.getByText('لا مشكلة في الملف. عدد الأسطر الجاهزة للاستيراد: 30.').waitFor();
    await page.screenshot({ path: join(artifacts, 'imports-ready-ar-360.png'), fullPage: true });
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    await page.locator('#import-commit').click();
    await page.waitForURL(/\/beneficiaries\?/);
    await page.getByText('أمين الراشدي').waitFor();
    const listed = await apiCall(page, 'GET', `/api/beneficiaries?institution_id=${institution.id}`);
    assert.equal(listed.body.total, 30);
    await page.screenshot({ path: join(artifacts, 'imports-register-ar-360.png'), fullPage: true });
    await page.context().close();
  });

  test('in French on a desktop, the problems are worded in French — screenshot', async () => {
    const page = await (await env.newContext({ locale: 'fr-FR' })).newPage();
    await login(page, 'assoc1');
    assert.equal((await apiCall(page, 'POST', '/api/session/language', { language: 'fr' })).status, 200);
    await page.goto(`/beneficiaries/import?institution_id=${institution.id}`);
    await page.getByRole('heading', { name: 'Importer des bénéficiaires depuis un fichier' }).waitFor();
    const rows = pupils(true).map((row, i) => (i === 0 ? row : [row[0].replace(' ', ' بن '), ...row.slice(1)]));
    await page.locator('#import-file').setInputFiles({
      name: 'eleves.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsxWorkbook('التلاميذ', rows),
    });
    await page.locator('#import-mapping').waitFor();
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.locator('#import-problems > li').first().waitFor();
    assert.equal(await page.locator('#import-problems > li').count(), 2);
    await page.getByText('La valeur du champ « Sexe » n’est pas acceptée.').or(page.getByText('La valeur du champ « Sexe » n\'est pas acceptée.')).waitFor();
    await page.screenshot({ path: join(artifacts, 'imports-problems-fr-1280.png'), fullPage: true });
    await page.context().close();
  });
});
