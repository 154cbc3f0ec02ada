// End-to-end, mostly in Arabic: the division's assessment grids. It copies the default grid,
// edits a criterion (mistakes shown at their field first), adds and removes criteria; a grid
// that a campaign uses gets a new version when edited, announced as such; a lost edit race
// shows what the stored version changed; an XLSForm exported from the app is checked and
// imported, while a text file named .xlsx and an export with a bad weight are refused with their
// report, nothing imported; a workbook saved by LibreOffice imports, and one without an Arabic label
// imports with a notice, its criterion shown as awaiting translation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { apiCall, artifacts, crc32, login, start } from './harness.mjs';

const COPY_CODE = 'boujdour-2024';
const COPY_NAME = 'شبكة تشخيص بوجدور 2024';
const NEW_TEXT = 'لجنة تدبير تجتمع كل ثلاثة أشهر بمحضر موقع';
const NEW_REFERENCE = 'القانون 65.15، المادة 12';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let env;
let page;
const ids = {};

before(async () => {
  env = await start();
  page = await (await env.newContext()).newPage();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-grids.log'), env.log.join(''));
  await env?.stop();
});

// The editor's element id of a value, as the page builds it from the grid's path.
const at = (domain, criterion, name) => `#grid-domains-${domain}-criteria-${criterion}-${name}`;
const summary = (p, code) => p.locator('details summary', { hasText: code }).first();

async function gridContent(id) {
  const answer = await apiCall(page, 'GET', `/api/grids/${id}`);
  assert.equal(answer.status, 200);
  return answer.body;
}

async function downloadXlsform(id) {
  const bytes = await page.evaluate(async (id) => Array.from(new Uint8Array(await (await fetch(`/api/grids/${id}/xlsform`)).arrayBuffer())), id);
  return Buffer.from(bytes);
}

// --- A small ZIP rewriter, to break one cell of an exported .xlsx the way a person would. ---
/** Rebuilds the ZIP `zip` with `change(name, content)` applied to every entry's content. */
function rewriteZip(zip, change) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let pos = zip.readUInt32LE(eocd + 16);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(pos + 10);
    const size = zip.readUInt32LE(pos + 20);
    const nameLength = zip.readUInt16LE(pos + 28);
    const skip = nameLength + zip.readUInt16LE(pos + 30) + zip.readUInt16LE(pos + 32);
    const local = zip.readUInt32LE(pos + 42);
    const name = zip.subarray(pos + 46, pos + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const stored = zip.subarray(dataAt, dataAt + size);
    const content = change(name.toString(), method === 8 ? inflateRawSync(stored) : stored);
    const packed = deflateRawSync(content);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(content), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(content.length, 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    head.copy(central, 16, 14, 26);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, packed);
    centrals.push(central, name);
    offset += head.length + name.length + packed.length;
    pos += 46 + skip;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('Assessment grids', { concurrency: false }, () => {
  test('the division opens the default grid: domains, criteria with their tags, guidance and remedy', async () => {
    await login(page, 'divi');
    await page.locator('nav#nav').getByRole('link', { name: 'شبكات التشخيص' }).click();
    await page.waitForURL(/\/grids$/);
    await page.locator('#grids a', { hasText: 'شبكة التشخيص الافتراضية' }).click();
    await page.waitForURL(/\/grids\/\d+$/);
    ids.default = Number(new URL(page.url()).pathname.split('/').pop());
    const d11 = page.locator('[id="criterion-D1.1"]');
    await d11.waitFor();
    const text = await d11.innerText();
    assert.match(text, /ترخيص فتح ساري/);
    assert.match(text, /القانون 65\.15/);
    assert.match(text, /التحقق من وجود قرار الترخيص/); // guidance
    assert.match(text, /إيداع ملف طلب الترخيص/); // suggested remedy
    // In Arabic the tags are words, not the French grid's letters L, L? and C.
    assert.equal(await d11.locator('.badge-ok[data-tag="L"]', { hasText: 'قانوني' }).count(), 1);
    assert.equal(await d11.locator('.badge-danger[data-tag="C"]', { hasText: 'حرج' }).count(), 1);
    assert.equal(await page.locator('[id="criterion-D1.2"] .badge-muted[data-tag="L?"]', { hasText: 'قانوني محتمل' }).count(), 1);
    assert.equal(await d11.locator('.badge b').count(), 0);
    assert.match(await page.getByRole('link', { name: 'تصدير XLSForm' }).getAttribute('href'), /\/xlsform$/);
  });

  test('copies it under a new code; a code already taken is refused at the code field', async () => {
    await page.getByRole('button', { name: 'نسخ الشبكة' }).click();
    await page.locator('#f-code').fill('default-2018');
    await page.locator('#f-name_ar').fill(COPY_NAME);
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.locator('#f-code-error').waitFor();
    assert.equal(await page.locator('#f-code').getAttribute('aria-invalid'), 'true');
    await page.locator('#f-code').fill(COPY_CODE);
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForURL(/\/grids\/\d+\?saved=copied$/);
    ids.copy = Number(new URL(page.url()).pathname.split('/').pop());
    assert.notEqual(ids.copy, ids.default);
    await page.getByRole('heading', { level: 1, name: COPY_NAME }).waitFor();
    await page.getByText('أُنشئت النسخة الجديدة').waitFor();
  });

  test('edits a criterion in Arabic: mistakes at their field first, then saved and shown', async () => {
    await page.getByRole('link', { name: 'تعديل', exact: true }).click();
    await page.waitForURL(/\/grids\/\d+\/edit$/);
    await summary(page, 'D2.2').click();
    const text = page.locator(at(1, 1, 'text_ar'));
    await text.waitFor();
    await text.fill('');
    await page.locator(at(1, 1, 'legal')).selectOption('yes');
    await page.locator(at(1, 1, 'legal_reference')).fill('');
    await page.getByRole('button', { name: 'حفظ', exact: true }).click();
    // Both mistakes are shown at their fields, and the first one has the focus.
    await page.locator(`${at(1, 1, 'text_ar')}-error`).waitFor();
    await page.locator(`${at(1, 1, 'legal_reference')}-error`).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'grid-domains-1-criteria-1-text_ar');
    await text.pressSequentially(NEW_TEXT);
    await page.locator(at(1, 1, 'legal_reference')).fill(NEW_REFERENCE);
    await page.locator(at(1, 1, 'critical')).check();

    // A criterion added to D9 (numbered after the last one), and D9.4 removed.
    await page.getByRole('button', { name: 'إضافة معيار إلى D9' }).click();
    await page.locator(at(8, 4, 'code')).waitFor();
    assert.equal(await page.locator(at(8, 4, 'code')).inputValue(), 'D9.5');
    await page.locator(at(8, 4, 'text_ar')).fill('نقل مكيف للمستفيدين في وضعية إعاقة');
    await summary(page, 'D9.4').click();
    await page.getByRole('button', { name: 'حذف المعيار D9.4' }).click();
    await page.screenshot({ path: join(artifacts, 'grid-editor-ar.png') });
    await page.getByRole('button', { name: 'حفظ', exact: true }).click();

    await page.waitForURL(new RegExp(`/grids/${ids.copy}\\?saved=updated$`));
    await page.getByText('حُفظت الشبكة.').waitFor();
    const d22 = page.locator('[id="criterion-D2.2"]');
    await d22.getByText(NEW_TEXT).waitFor();
    assert.match(await d22.innerText(), /القانون 65\.15، المادة 12/);
    assert.equal(await d22.locator('.badge-danger[data-tag="C"]', { hasText: 'حرج' }).count(), 1);
    await page.locator('[id="criterion-D9.5"]', { hasText: 'نقل مكيف' }).waitFor();
    assert.equal(await page.locator('[id="criterion-D9.4"]').count(), 0);
    const stored = await gridContent(ids.copy);
    assert.equal(stored.grid_version, 1, 'a grid no campaign uses is edited in place');
    const c = stored.content.domains[1].criteria[1];
    assert.deepEqual([c.text_ar, c.legal, c.legal_reference, c.critical], [NEW_TEXT, 'yes', NEW_REFERENCE, true]);
  });

  test('editing a grid that a campaign uses makes a new version, and says so — screenshot', async () => {
    const provinces = await apiCall(page, 'GET', '/api/territories?level=province');
    const campaign = await apiCall(page, 'POST', '/api/campaigns', {
      name_ar: 'حملة تجريبية 2024', grid_id: ids.copy, territory_id: provinces.body.items[0].id, status: 'planned',
    });
    assert.equal(campaign.status, 201, JSON.stringify(campaign.body));

    await page.goto(`/grids/${ids.copy}/edit`);
    await page.getByText('هذا الإصدار مستعمل في حملة واحدة').waitFor();
    await summary(page, 'D1.5').click();
    await page.locator(at(0, 4, 'text_ar')).fill('الوضعية القانونية للجمعية محينة ومودعة');
    await page.getByRole('button', { name: 'حفظ في إصدار جديد' }).click();
    await page.waitForURL(/\/grids\/\d+\?saved=new_version$/);
    ids.v2 = Number(new URL(page.url()).pathname.split('/').pop());
    assert.notEqual(ids.v2, ids.copy);
    await page.getByText('حُفظت تعديلاتك في إصدار جديد: الإصدار 2.').waitFor();
    await page.locator('[id="criterion-D1.5"]', { hasText: 'ومودعة' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'grid-new-version-ar.png') });

    // The used version is untouched; the list shows both, the used one frozen.
    assert.equal((await gridContent(ids.copy)).content.domains[0].criteria[4].text_ar, 'الوضعية القانونية للجمعية المسيرة محينة');
    await page.goto('/grids');
    const rows = page.locator('#grids tbody tr', { hasText: COPY_CODE });
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    assert.match(await rows.nth(0).innerText(), /مجمَّدة/);
    assert.match(await rows.nth(1).innerText(), /قابلة للتعديل/);
  });

  test('a lost edit race shows what the stored version changed; overwriting keeps mine', async () => {
    await page.goto(`/grids/${ids.v2}/edit`);
    await summary(page, 'D3.2').click();
    await page.locator(at(2, 1, 'text_ar')).fill('محاسبة منتظمة');
    // Meanwhile, someone else changes D3.1 and saves.
    const current = await gridContent(ids.v2);
    current.content.domains[2].criteria[0].text_ar = 'ميزانية سنوية مصادق عليها من الجمع العام';
    const theirs = await apiCall(page, 'PUT', `/api/grids/${ids.v2}`, { version: current.version, content: current.content });
    assert.equal(theirs.status, 200, JSON.stringify(theirs.body));

    await page.getByRole('button', { name: 'حفظ', exact: true }).click();
    const conflict = page.locator('.conflict');
    await conflict.waitFor();
    assert.match(await conflict.innerText(), /D3\.1/);
    assert.match(await conflict.innerText(), /D3\.2/);
    await page.screenshot({ path: join(artifacts, 'grid-conflict-ar.png') });
    await page.getByRole('button', { name: 'استبدالها بتعديلي' }).click();
    await page.waitForURL(new RegExp(`/grids/${ids.v2}\\?saved=updated$`));
    const stored = (await gridContent(ids.v2)).content.domains[2].criteria;
    assert.equal(stored[1].text_ar, 'محاسبة منتظمة');
    assert.equal(stored[0].text_ar, 'ميزانية سنوية مصادق عليها', 'overwriting sends my whole version');
  });

  test('imports an XLSForm exported from the app: checked first, then imported as the next version', async () => {
    const file = await downloadXlsform(ids.default);
    await page.goto('/grids');
    await page.getByRole('link', { name: 'استيراد ملف XLSForm' }).click();
    await page.waitForURL(/\/grids\/import$/);
    // No file: the field says so.
    await page.getByRole('button', { name: 'فحص الملف' }).click();
    await page.locator('#import-file-error').waitFor();
    await page.locator('#import-file').setInputFiles({ name: 'default-2018-v1.xlsx', mimeType: XLSX, buffer: file });
    await page.getByRole('button', { name: 'فحص الملف' }).click();
    await page.getByText('يمكن استيراد هذا الملف.').waitFor();
    const report = await page.locator('section.panel', { hasText: 'تقرير الفحص' }).innerText();
    assert.match(report, /default-2018/);
    assert.match(report, /الإصدار 2 من شبكة موجودة/);
    assert.match(report, /48/);
    // The dry run stored nothing.
    const before = (await apiCall(page, 'GET', '/api/grids')).body.items.length;
    await page.getByRole('button', { name: 'تأكيد الاستيراد' }).click();
    await page.waitForURL(/\/grids\/\d+\?saved=imported$/);
    await page.getByText('استُوردت الشبكة (الإصدار 2).').waitFor();
    assert.equal((await apiCall(page, 'GET', '/api/grids')).body.items.length, before + 1);
  });

  test('refuses a text file named .xlsx at the file field saying why, and reports a bad weight; nothing imported — screenshot', async () => {
    const before = (await apiCall(page, 'GET', '/api/grids')).body.items.length;
    await page.goto('/grids/import');
    await page.locator('#import-file').setInputFiles({ name: 'grid.xlsx', mimeType: XLSX, buffer: Buffer.from('this is not a spreadsheet\n') });
    await page.getByRole('button', { name: 'فحص الملف' }).click();
    await page.locator('#import-file-error', { hasText: 'الملف ليس مصنفا بصيغة xlsx' }).waitFor();
    assert.equal(await page.locator('#import-file').getAttribute('aria-invalid'), 'true');

    // The survey sheet's weight of D1.1 (cell H3) made negative.
    const broken = rewriteZip(await downloadXlsform(ids.default), (name, content) => {
      if (name !== 'xl/worksheets/sheet1.xml') return content;
      const xml = content.toString('utf8');
      const changed = xml.replace(/(<c r="H3"[^>]*>)<v>[^<]*<\/v>/, '$1<v>-1</v>');
      assert.notEqual(changed, xml, 'the export has the cell H3');
      return Buffer.from(changed, 'utf8');
    });
    await page.locator('#import-file').setInputFiles({ name: 'grid-broken.xlsx', mimeType: XLSX, buffer: broken });
    await page.getByRole('button', { name: 'فحص الملف' }).click();
    await page.getByText('لا يمكن استيراد هذا الملف: مشكلة مانعة واحدة').waitFor();
    const row = page.locator('#import-issues tbody tr').first();
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells[0], 'مانع');
    assert.deepEqual(cells.slice(1, 4), ['survey', '3', 'riaya_weight']);
    assert.match(cells[5], /-1/);
    assert.equal(await page.getByRole('button', { name: 'تأكيد الاستيراد' }).count(), 0);
    await page.screenshot({ path: join(artifacts, 'grid-import-report-ar.png'), fullPage: true });
    assert.equal((await apiCall(page, 'GET', '/api/grids')).body.items.length, before);
  });

  test('in French: the grid reads left-to-right in French, the report too — screenshots', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByText('Ce fichier ne peut pas être importé').waitFor();
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    await page.screenshot({ path: join(artifacts, 'grid-import-report-fr.png'), fullPage: true });
    await page.goto(`/grids/${ids.default}`);
    await page.locator('[id="criterion-D1.1"]', { hasText: "Autorisation d'ouverture valide" }).waitFor();
    assert.match(await page.locator('[id="criterion-D1.1"]').innerText(), /Déposer la demande d'autorisation/);
    await page.screenshot({ path: join(artifacts, 'grid-fr.png') });
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('[id="criterion-D1.1"]', { hasText: 'ترخيص فتح ساري' }).waitFor();
  });

  test('imports a form saved by LibreOffice, and one without an Arabic label whose criterion then awaits its translation — screenshot', async () => {
    await page.goto('/grids/import');
    const saved = readFileSync(join(import.meta.dirname, '../fixtures/libreoffice-xlsform.xlsx'));
    await page.locator('#import-file').setInputFiles({ name: 'libreoffice.xlsx', mimeType: XLSX, buffer: saved });
    await page.getByRole('button', { name: 'فحص الملف' }).click();
    await page.getByText('يمكن استيراد هذا الملف.').waitFor();
    assert.match(await page.locator('section.panel', { hasText: 'تقرير الفحص' }).innerText(), /libreoffice-2024/);

    // The Arabic label of D1.1 (cell C3) cleared: a notice, and its French text stands in.
    const untranslated = rewriteZip(await downloadXlsform(ids.default), (name, content) => {
      if (name !== 'xl/worksheets/sheet1.xml') return content;
      const xml = content.toString('utf8');
      const cleared = xml.replace(/<c r="C3"[^>]*>.*?<\/c>/, '');
      assert.notEqual(cleared, xml, 'the export has the cell C3');
      return Buffer.from(cleared, 'utf8');
    });
    await page.locator('#import-file').setInputFiles({ name: 'grid-untranslated.xlsx', mimeType: XLSX, buffer: untranslated });
    await page.getByRole('button', { name: 'فحص الملف' }).click();
    await page.getByText('يمكن استيراد هذا الملف.').waitFor();
    const notice = await page.locator('#import-issues tbody tr').first().locator('td').allInnerTexts();
    assert.deepEqual(notice.slice(1, 4), ['survey', '3', 'label::Arabic (ar)']);
    assert.match(notice[5], /D1\.1/);
    await page.getByRole('button', { name: 'تأكيد الاستيراد' }).click();
    await page.waitForURL(/\/grids\/\d+\?saved=imported$/);
    const criterion = page.locator('[id="criterion-D1.1"]');
    await criterion.getByText('في انتظار الترجمة').waitFor();
    assert.match(await criterion.innerText(), /Autorisation d'ouverture valide/);
    await page.getByText('عنصر واحد من هذه الشبكة بدون نص عربي').waitFor();
    await page.screenshot({ path: join(artifacts, 'grid-untranslated-ar.png') });
  });

  test('fits a 360 px phone: the editor without sideways scrolling — screenshot', async () => {
    const phone = await (await env.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
    await login(phone, 'divi');
    await phone.goto(`/grids/${ids.v2}/edit`);
    await summary(phone, 'D1.1').click();
    await phone.locator(at(0, 0, 'text_ar')).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    await phone.screenshot({ path: join(artifacts, 'grid-editor-phone-ar.png') });
    await phone.context().close();
  });

  test('an association reads grids but gets no write button', async () => {
    const assoc = await (await env.newContext()).newPage();
    await login(assoc, 'assoc1');
    await assoc.locator('nav#nav').getByRole('link', { name: 'شبكات التشخيص' }).click();
    await assoc.locator('#grids a').first().click();
    await assoc.locator('[id="criterion-D1.1"]').waitFor();
    assert.equal(await assoc.getByRole('link', { name: 'تعديل', exact: true }).count(), 0);
    assert.equal(await assoc.getByRole('button', { name: 'نسخ الشبكة' }).count(), 0);
    await assoc.goto('/grids/import');
    await assoc.getByRole('heading', { name: 'غير مسموح' }).waitFor();
    await assoc.context().close();
  });
});

