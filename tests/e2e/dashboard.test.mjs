// End-to-end, in Arabic: the live dashboard on the demo story. The division opens it on a
// 360 px phone, filters by the commune of Boujdour (a figure changes, the URL keeps the filter
// through a reload), then opens an assessment from a heat-map cell. Screenshots of the page as
// the division, an association and a viewer, in Arabic at 360 px and in French at 1280 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, start } from './harness.mjs';

let env;

before(async () => {
  env = await start();
  env.addUser('viewer1', 'viewer', ['--territory', 'MA-BOD'], 'ديوان العامل');
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-dashboard.log'), env.log.join(''));
  await env?.stop();
});

const institutions = (page) => page.locator('[data-tile="institutions"] .stat-value').innerText();

describe('dashboard', () => {
  test('filter by commune, keep it in the URL, open an assessment from the heat map', async () => {
    const page = await (await env.newContext({ viewport: { width: 360, height: 780 } })).newPage();
    await login(page, 'divi');
    await page.goto('/');
    await page.locator('[data-tile="scores"] .heat-map').waitFor();
    const before = await institutions(page);
    // The performance record's tiles read the demo's statistics (school year 2019–2020), those of
    // its Dar Taliba computed from its register; the success rate reads the register's results.
    assert.match(await page.locator('[data-tile="occupancy"]').innerText(), /\d+(٫\d)?\s?%/);
    assert.match(await page.locator('[data-tile="occupancy"]').innerText(), /2019–2020/);
    // Girls then boys, separated by the Arabic comma, not a Latin one.
    assert.match(await page.locator('[data-tile="dropout"]').innerText(), /الإناث [\d,٫]+\s?%، الذكور/);
    const success = await page.locator('[data-tile="success"]').innerText();
    assert.match(success, /نسبة النجاح/);
    assert.match(success, /\d+(٫\d)?\s?%/);
    assert.match(await page.locator('[data-tile="occupancy"]').innerText(), /2019–2020/);
    await page.screenshot({ path: join(artifacts, 'dashboard-division-ar-360.png'), fullPage: true });
    await page
      .locator('section:has([data-tile="success"])')
      .screenshot({ path: join(artifacts, 'dashboard-results-ar-360.png') });

    // The commune in two steps: its province, then the commune among the province's.
    await chooseOption(page, '#dash-territory', 'بوجدور');
    await chooseOption(page, '#dash-commune', 'الجريفية');
    await page.waitForURL((u) => u.searchParams.has('territory_id'));
    await page.waitForFunction((old) => {
      const value = document.querySelector('[data-tile="institutions"] .stat-value')?.textContent;
      return value && value.trim() !== old.trim();
    }, before);
    const filtered = await institutions(page);
    assert.notEqual(filtered, before);
    const url = page.url();
    await page.reload();
    await page.locator('[data-tile="institutions"] .stat-value').waitFor();
    assert.equal(page.url(), url);
    assert.equal(await institutions(page), filtered);
    assert.notEqual(await page.locator('#dash-territory').inputValue(), '');
    assert.equal(await page.locator('#dash-commune option:checked').innerText(), 'الجريفية');

    // Back to the whole province, then a heat-map cell opens its assessment.
    await page.goto('/');
    const cell = page.locator('.heat-map tbody tr').first().locator('td a').first();
    const href = await cell.getAttribute('href');
    const institution = (await page.locator('.heat-map tbody tr').first().locator('th').innerText()).trim();
    await cell.click();
    await page.waitForURL((u) => u.pathname === href);
    await page.locator('h1').filter({ hasText: institution }).first().waitFor();
  });

  test('as an association and a viewer, in Arabic at 360 px and French at 1280 px', async () => {
    for (const username of ['divi', 'assoc1', 'viewer1']) {
      for (const [lang, width] of [
        ['ar', 360],
        ['fr', 1280],
      ]) {
        const page = await (await env.newContext({ viewport: { width, height: 900 } })).newPage();
        await login(page, username);
        await apiCall(page, 'POST', '/api/session/language', { language: lang });
        await page.goto('/');
        await page.locator('[data-tile="programme"]').waitFor();
        await page.waitForTimeout(300); // the charts' module, then their first frame
        if (username === 'viewer1') {
          // A viewer sees the scores, but the cells lead nowhere it may not go.
          assert.equal(await page.locator('.heat-map td a').count(), 0);
          assert.equal(await page.locator('#changes-title').count(), 0);
        }
        // No horizontal scroll of the page at 360 px.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${username} ${lang}: the page is ${overflow} px wider than the screen`);
        await page.screenshot({ path: join(artifacts, `dashboard-${username}-${lang}-${width}.png`), fullPage: true });
        await apiCall(page, 'POST', '/api/session/language', { language: 'ar' });
        await page.context().close();
      }
    }
  });

  // A national user (the admin, whose scope is the country) among more territories than a page
  // of the list holds (200): 230 communes in two new provinces. The heat map has a row per
  // province, which drills down to it. The territory filter offers the regions and provinces,
  // then the communes of the province chosen, every one of them.
  test('a national user drills down from a province and filters by any commune, in Arabic at 360 px and French at 1280 px', async () => {
    const setup = await (await env.newContext()).newPage();
    await login(setup, 'admin');
    const region = (await apiCall(setup, 'GET', '/api/territories?level=region')).body.items[0];
    const created = await setup.evaluate(async (regionId) => {
      const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
      const post = async (body) => {
        const res = await fetch('/api/territories', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
          body: JSON.stringify(body),
        });
        return (await res.json()).id;
      };
      const provinces = [];
      for (const [code, ar, fr, communes] of [['E2E-P1', 'إقليم الاختبار الأول', 'Province test un', 150], ['E2E-P2', 'إقليم الاختبار الثاني', 'Province test deux', 80]]) {
        const id = await post({ level: 'province', code, name_ar: ar, name_fr: fr, parent_id: regionId });
        provinces.push(id);
        for (let n = 1; n <= communes; n++) {
          const number = String(n).padStart(3, '0');
          await post({ level: 'commune', code: `${code}-${number}`, name_ar: `جماعة ${ar} ${number}`, name_fr: `Commune ${fr} ${number}`, parent_id: id });
        }
      }
      return provinces;
    }, region.id);
    assert.equal(created.length, 2);
    const total = (await apiCall(setup, 'GET', '/api/territories?page_size=1')).body.total;
    assert.ok(total > 200, `${total} territories`);
    await setup.context().close();

    for (const [lang, width, province, commune] of [
      ['ar', 360, 'إقليم الاختبار الثاني', 'جماعة إقليم الاختبار الثاني 080'],
      ['fr', 1280, 'Province test deux', 'Commune Province test deux 079'],
    ]) {
      const page = await (await env.newContext({ viewport: { width, height: 900 } })).newPage();
      await login(page, 'admin');
      await apiCall(page, 'POST', '/api/session/language', { language: lang });
      await page.goto('/');
      await page.locator('[data-tile="institutions"] .stat-value').waitFor();
      // The country's heat map has a row per province that has assessments (the demo's one, with
      // their count); a cell narrows the dashboard to that province, whose rows are institutions.
      const [byProvince, byInstitution, boujdour] =
        lang === 'ar'
          ? ['خريطة النتائج: الأقاليم', 'خريطة النتائج: المؤسسات', 'إقليم بوجدور']
          : ['Carte des scores : provinces', 'Carte des scores : établissements', 'Province de Boujdour'];
      await page.locator('#heat-title', { hasText: byProvince }).waitFor();
      const rows = page.locator('.heat-map tbody tr');
      assert.equal(await rows.count(), 1);
      assert.match(await rows.first().locator('th').innerText(), new RegExp(`^${boujdour} \\(\\d+\\)$`));
      await page.locator('[data-tile="scores"]').screenshot({ path: join(artifacts, `dashboard-national-provinces-${lang}-${width}.png`) });
      const drill = new URL(await rows.first().locator('td a').first().getAttribute('href'), env.url);
      await rows.first().locator('td a').first().click();
      await page.waitForURL((u) => u.searchParams.get('territory_id') === drill.searchParams.get('territory_id'));
      await page.locator('#heat-title', { hasText: byInstitution }).waitFor();
      assert.ok((await rows.count()) > 1, 'a row per assessment of the province');
      assert.equal((await page.locator('#dash-territory option:checked').innerText()).trim().endsWith(boujdour), true);
      await page.locator('[data-tile="scores"]').screenshot({ path: join(artifacts, `dashboard-national-drilled-${lang}-${width}.png`) });
      await page.goto('/');
      await page.locator('#heat-title', { hasText: byProvince }).waitFor();
      assert.equal(await page.locator('#dash-territory option', { hasText: commune }).count(), 0);
      await chooseOption(page, '#dash-territory', province);
      await page.waitForURL((u) => u.searchParams.get('territory_id') === String(created[1]));
      // "all", then its 80 communes.
      await page.waitForFunction(() => document.querySelectorAll('#dash-commune option').length === 81);
      await chooseOption(page, '#dash-commune', commune);
      await page.waitForURL((u) => u.searchParams.get('territory_id') !== String(created[1]));
      // No institution there: the figures say none, and the choice holds through a reload.
      await page.waitForFunction(() => document.querySelector('[data-tile="institutions"] .stat-value')?.textContent?.trim() === '0');
      await page.reload();
      await page.locator('#dash-commune').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('#dash-commune option').length === 81);
      assert.equal((await page.locator('#dash-commune option:checked').innerText()).trim(), commune);
      assert.equal((await page.locator('#dash-territory option:checked').innerText()).trim().endsWith(province), true);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${lang}: the page is ${overflow} px wider than the screen`);
      await page.screenshot({ path: join(artifacts, `dashboard-national-${lang}-${width}.png`) });
      await apiCall(page, 'POST', '/api/session/language', { language: 'ar' });
      await page.context().close();
    }
  });
});

