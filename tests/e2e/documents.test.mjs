// End-to-end, in Arabic, on the demo story: the division downloads the synthesis of the
// campaign of September 2018 from the campaign's page and the card of Dar Talib de Boujdour
// from the institution's page, and reads them (pdftotext); the pages are rendered to PNG
// (pdftoppm) in tests/e2e/artifacts to look at.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, login, start } from './harness.mjs';

const squeezed = (text) => text.replace(/[\s\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
const pdfText = (path) => squeezed(execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }));

let env;
let page;

before(async () => {
  env = await start();
  page = await (await env.newContext()).newPage();
  await login(page, 'divi');
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-documents.log'), env.log.join(''));
  await env?.stop();
});

// Clicks the link `testId`, checks it downloads a PDF named `name`; saves it as `saved`, renders
// its first pages to PNG and answers its text.
async function download(testId, label, name, saved) {
  const link = page.getByTestId(testId);
  assert.equal((await link.innerText()).trim(), label);
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(file.suggestedFilename(), name);
  const path = join(artifacts, saved);
  await file.saveAs(path);
  assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '3', path, path.replace(/\.pdf$/, '')]);
  return pdfText(path);
}

describe('Official documents', { concurrency: false }, () => {
  test('the campaign page downloads the synthesis of September 2018, in Arabic', async () => {
    const campaigns = (await apiCall(page, 'GET', '/api/campaigns')).body.items;
    const first = campaigns.find((c) => c.starts_on.startsWith('2018'));
    assert.ok(first, 'the demo campaign of 2018');
    await page.goto(`/campaigns/${first.id}`);
    const text = await download('synthesis-pdf', 'التقرير التركيبي (PDF)', `تركيب-الحملة-${first.id}.pdf`, 'synthesis-ar.pdf');
    for (const expected of ['المملكة المغربية', 'عمالة إقليم بوجدور', 'التقرير التركيبي للدراسة التشخيصية', 'شتنبر 2018',
      'ترتيب المؤسسات', 'دار الطالب بوجدور', 'ملحق 8'])
      assert.ok(text.includes(squeezed(expected)), `${expected} in ${text}`);
  });

  test('the institution page downloads the card of Dar Talib de Boujdour, in Arabic', async () => {
    const found = (await apiCall(page, 'GET', '/api/institutions?q=DEMO-BOD-001')).body.items[0];
    await page.goto(`/institutions/${found.id}`);
    const text = await download('card-pdf', 'البطاقة التقنية (PDF)', 'بطاقة-تقنية-DEMO-BOD-001.pdf', 'card-ar.pdf');
    for (const expected of ['بطاقة تقنية', 'دار الطالب بوجدور', 'الطاقة الاستيعابية', 'شتنبر 2019', 'التمويلات المحصل عليها'])
      assert.ok(text.includes(squeezed(expected)), `${expected} in ${text}`);
  });

  // The synthesis on a slow line (a rural province's connection, Chromium's network emulation:
  // the server makes it at its own pace): after a second the page shows the pages the server
  // has laid out and a cancel button; cancelling stops the download, with no file and no error;
  // on a normal line it downloads again. Arabic, 360 px. A month is typed first: the synthesis
  // downloaded above is kept until the data changes, and a kept one has no pages left to tell.
  test('the synthesis shows its progress and can be cancelled, in Arabic at 360 px', async () => {
    const small = await (await env.newContext({ viewport: { width: 360, height: 780 } })).newPage();
    await login(small, 'divi');
    const campaigns = (await apiCall(small, 'GET', '/api/campaigns')).body.items;
    const first = campaigns.find((c) => c.starts_on.startsWith('2018'));
    const institution = (await apiCall(small, 'GET', '/api/institutions?page_size=1')).body.items[0];
    const typed = await apiCall(small, 'POST', '/api/monthly_statistics', {
      institution_id: institution.id,
      month: '2016-05',
      present_primary_f: 3,
    });
    assert.equal(typed.status, 201, JSON.stringify(typed.body));
    await small.goto(`/campaigns/${first.id}`);
    const cdp = await small.context().newCDPSession(small);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 200,
      downloadThroughput: 16 * 1024,
      uploadThroughput: 16 * 1024,
    });
    let downloads = 0;
    small.on('download', () => downloads++);
    await small.getByTestId('synthesis-pdf').click();
    const progress = small.getByTestId('synthesis-pdf-progress');
    await progress.waitFor({ timeout: 15000 });
    // "جارٍ الإعداد: 12 صفحة جاهزة": the pages the server has laid out, as it tells them.
    await small.waitForFunction(
      () => /\d+/.test(document.querySelector('[data-testid="synthesis-pdf-progress"]')?.textContent ?? ''),
      null,
      { timeout: 15000 },
    );
    const told = await progress.innerText();
    assert.match(told, /^جارٍ الإعداد: \d+ صفحة جاهزة$/, told);
    assert.ok(Number(told.match(/\d+/)[0]) >= 9, told);
    assert.equal(await small.getByTestId('synthesis-pdf').getAttribute('aria-busy'), 'true');
    assert.equal(await small.locator('html').getAttribute('dir'), 'rtl');
    await small.screenshot({ path: join(artifacts, 'documents-progress-ar-360.png') });
    await small.getByTestId('synthesis-pdf-cancel').click();
    await progress.waitFor({ state: 'detached' });
    assert.equal(await small.getByTestId('synthesis-pdf-error').count(), 0);
    assert.equal(await small.getByTestId('synthesis-pdf').getAttribute('aria-busy'), 'false');
    await small.waitForTimeout(500);
    assert.equal(downloads, 0);

    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const [file] = await Promise.all([small.waitForEvent('download'), small.getByTestId('synthesis-pdf').click()]);
    assert.equal(file.suggestedFilename(), `تركيب-الحملة-${first.id}.pdf`);
    await small.context().close();
  });
  // A server busy with other documents answers 503 (every place for documents taken; the API's
  // own test takes them): the button says it waits for the server, asks again after its
  // Retry-After and downloads the card. The first answer is the busy one a server gives, set on
  // the route in the browser; the second is the real server's. French at 1280 px, Arabic at 360.
  test('a busy server makes the card wait, then it downloads, in French at 1280 px and Arabic at 360', async () => {
    for (const [lang, width, label, waiting] of [
      ['fr', 1280, 'Fiche technique (PDF)', 'En attente : serveur occupé par d’autres documents'],
      ['ar', 360, 'البطاقة التقنية (PDF)', 'في الانتظار: الخادم منشغل بوثائق أخرى'],
    ]) {
      const shown = await (await env.newContext({ viewport: { width, height: 800 } })).newPage();
      await login(shown, 'divi');
      await apiCall(shown, 'POST', '/api/session/language', { language: lang });
      const found = (await apiCall(shown, 'GET', '/api/institutions?q=DEMO-BOD-001')).body.items[0];
      let asked = 0;
      await shown.route('**/card.pdf*', async (route) => {
        if (asked++ > 0) return route.continue();
        await route.fulfill({
          status: 503,
          headers: { 'Retry-After': '5', 'Content-Type': 'application/json' },
          body: JSON.stringify({ error: { code: 'busy', message: 'busy' } }),
        });
      });
      await shown.goto(`/institutions/${found.id}`);
      const link = shown.getByTestId('card-pdf');
      assert.equal((await link.innerText()).trim(), label);
      const downloaded = shown.waitForEvent('download', { timeout: 20000 });
      await link.click();
      const progress = shown.getByTestId('card-pdf-progress');
      await progress.waitFor({ timeout: 5000 });
      assert.equal(await progress.innerText(), waiting);
      assert.equal(await link.getAttribute('aria-busy'), 'true');
      const overflow = await shown.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${lang}: the page is ${overflow} px wider than the screen`);
      await shown.screenshot({ path: join(artifacts, `documents-busy-${lang}-${width}.png`) });
      const file = await downloaded;
      assert.match(file.suggestedFilename(), /DEMO-BOD-001\.pdf$/);
      const path = join(artifacts, `card-after-busy-${lang}.pdf`);
      await file.saveAs(path);
      assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
      assert.equal(asked, 2, 'asked twice: busy, then made');
      assert.equal(await shown.getByTestId('card-pdf-error').count(), 0);
      await apiCall(shown, 'POST', '/api/session/language', { language: 'ar' });
      await shown.context().close();
    }
  });
});

