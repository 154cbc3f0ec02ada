// End-to-end: how numbers, ranges and dates read. A year range reads left to right in Arabic
// whichever dash was typed ("2019–2020" and "2019-2020": measured on screen, 2019 left of 2020),
// in a programme's title, its details, the programmes list and its actions; the way back points
// to where the line starts (right in Arabic, left in French); a date never breaks across lines.
// Screenshots in Arabic at 1280 and 360 px and in French at 1280 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, login, start } from './harness.mjs';

let env;
const ids = {};
const EN_DASH = 'برنامج العمل 2019–2020';
const HYPHEN = 'برنامج التجهيز 2019-2020';

before(async () => {
  env = await start();
  const ctx = await env.newContext();
  const p = await ctx.newPage();
  await login(p, 'divi');
  const province = (await apiCall(p, 'GET', '/api/territories?level=province')).body.items.find((t) => t.code === 'MA-BOD');
  ids.territory = province.id;
  for (const [key, name] of [['enDash', EN_DASH], ['hyphen', HYPHEN]]) {
    const made = await apiCall(p, 'POST', '/api/programmes', {
      name_ar: name,
      name_fr: name.replace('برنامج العمل', "Programme d'action").replace('برنامج التجهيز', "Programme d'équipement"),
      territory_id: ids.territory,
      starts_on: '2019-05-01',
      ends_on: '2020-12-31',
      status: 'active',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    ids[key] = made.body.id;
    const action = await apiCall(p, 'POST', '/api/actions', {
      programme_id: made.body.id,
      title_ar: `تجهيز المطبخ ${name.slice(-9)}`,
      category: 'equipment',
      estimated_cost_centimes: 25_000_000,
      status: 'planned',
      progress: 0,
    });
    assert.equal(action.status, 201, JSON.stringify(action.body));
    ids[`${key}Action`] = action.body.id;
  }
  await ctx.close();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-reading.log'), env.log.join(''));
  await env?.stop();
});

/**
 * Where "2019" and "2020" of each range inside `selector` are drawn: [left of 2019, left of 2020]
 * for every text that holds both, in document order.
 */
function rangePositions(p, selector) {
  return p.evaluate((selector) => {
    const found = [];
    for (const element of document.querySelectorAll(selector)) {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.search(/2019\s*[-–]\s*2020/);
        if (at < 0) continue;
        const left = (start) => {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + 4);
          return range.getBoundingClientRect().left;
        };
        found.push([left(at), left(node.data.indexOf('2020', at + 4))]);
      }
    }
    return found;
  }, selector);
}

async function assertReadsLeftToRight(p, selector, atLeast) {
  const positions = await rangePositions(p, selector);
  assert.ok(positions.length >= atLeast, `${selector}: ${positions.length} ranges found, expected ${atLeast}`);
  for (const [y2019, y2020] of positions) assert.ok(y2019 < y2020, `${selector}: 2020 drawn left of 2019 (${y2019} ≥ ${y2020})`);
}

describe('Numbers, ranges and dates as they read', { concurrency: false }, () => {
  for (const width of [1280, 360]) {
    test(`Arabic, ${width} px: "2019–2020" and "2019-2020" both read left to right — screenshots`, async () => {
      const ctx = await env.newContext({ viewport: { width, height: 900 } });
      const p = await ctx.newPage();
      await login(p, 'divi');
      await p.getByRole('button', { name: 'العربية' }).click();
      await p.waitForFunction(() => document.documentElement.lang === 'ar');
      for (const key of ['enDash', 'hyphen']) {
        await p.goto(`/programmes/${ids[key]}`);
        await p.locator('h1', { hasText: '2020' }).waitFor();
        await p.locator('table.data tbody tr', { hasText: 'تجهيز المطبخ' }).first().waitFor();
        await assertReadsLeftToRight(p, 'h1', 1);
        await assertReadsLeftToRight(p, 'dl.details', 1);
        await assertReadsLeftToRight(p, 'table.data tbody', 1);
        // The way back points right, where an Arabic line starts, and nothing turns it.
        const arrow = p.locator('.page-head .back-arrow');
        assert.equal(await arrow.innerText(), '›');
        assert.equal(await arrow.evaluate((e) => getComputedStyle(e).transform), 'none');
        assert.equal(await arrow.evaluate((e) => getComputedStyle(e).direction), 'ltr');
        // A date is one unbreakable piece.
        const period = await p.locator('dl.details').innerText();
        assert.match(period, /1\u00a0ماي\u00a02019/);
        await p.screenshot({ path: join(artifacts, `reading-programme-${key}-ar-${width}.png`), fullPage: true });
        // The action's page: its way back names the programme, its details the programme and its title.
        await p.goto(`/actions/${ids[`${key}Action`]}`);
        await p.locator('dl.details').waitFor();
        await assertReadsLeftToRight(p, '.page-head .back', 1);
        await assertReadsLeftToRight(p, 'h1', 1);
        await assertReadsLeftToRight(p, 'dl.details', 2);
      }
      await p.goto('/programmes');
      await p.locator('table tbody tr', { hasText: '2019-2020' }).first().waitFor();
      await assertReadsLeftToRight(p, 'table tbody', 2);
      await ctx.close();
    });
  }

  test('French, 1280 px: the way back points left — screenshot', async () => {
    const ctx = await env.newContext();
    const p = await ctx.newPage();
    await login(p, 'divi');
    await p.getByRole('button', { name: 'Français' }).click();
    await p.waitForFunction(() => document.documentElement.lang === 'fr');
    await p.goto(`/programmes/${ids.enDash}`);
    await p.locator('table.data tbody tr').first().waitFor();
    assert.equal(await p.locator('.page-head .back-arrow').innerText(), '‹');
    await assertReadsLeftToRight(p, 'h1', 1);
    await p.screenshot({ path: join(artifacts, 'reading-programme-fr-1280.png'), fullPage: true });
    await ctx.close();
  });

  for (const [lang, locale, month, wrongMessage] of [
    ['ar', 'ar-MA', 'أبريل', '«تاريخ النهاية»: تاريخ غير صالح. اكتبوه على شكل يوم/شهر/سنة، مثلاً 12/04/2020.'],
    ['fr', 'en-US', 'avril', '«\u00a0Date de fin\u00a0»\u00a0: date non valide. Écrivez-la jj/mm/aaaa, par exemple 12/04/2020.'],
  ]) {
    test(`${lang} (browser in ${locale}): a date typed dd/mm/yyyy, written out beside it; a wrong one named — screenshot`, async () => {
      const ctx = await env.newContext({ locale });
      const p = await ctx.newPage();
      await login(p, 'divi');
      // The account keeps the language last chosen: choose this one.
      await p.getByRole('button', { name: lang === 'fr' ? 'Français' : 'العربية' }).click();
      await p.waitForFunction((lang) => document.documentElement.lang === lang, lang);
      await p.goto('/programmes/new');
      const starts = p.locator('#f-starts_on');
      await starts.click();
      await p.keyboard.type('12/04/2020');
      assert.equal(await p.getByTestId('f-starts_on-written').innerText(), `12\u00a0${month}\u00a02020`);
      // The arrow keys move it a day, with Shift a month.
      await p.keyboard.press('ArrowUp');
      assert.equal(await starts.inputValue(), '13/04/2020');
      await p.keyboard.press('Shift+ArrowDown');
      assert.equal(await starts.inputValue(), '13/03/2020');
      // The month is never taken first: 04/31/2020 is no date, and the message names the field.
      await p.locator('#f-ends_on').fill('04/31/2020');
      await p.keyboard.press('Tab');
      await p.getByText(wrongMessage).waitFor();
      assert.equal(await p.locator('#f-ends_on').getAttribute('aria-invalid'), 'true');
      assert.equal(await p.getByTestId('f-ends_on-written').innerText(), '');
      await p.screenshot({ path: join(artifacts, `reading-date-${lang}-1280.png`) });
      // Put right, it saves, and the record reads the dates typed.
      await p.locator('#f-ends_on').fill('31.12.2020');
      await p.locator('#f-name_ar').fill(`برنامج التواريخ ${lang}`);
      await p.locator('#f-territory_id').selectOption({ index: 1 });
      await p.locator('#f-status').selectOption('active');
      await p.locator('form button[type=submit]').click();
      await p.waitForURL(/\/programmes\/\d+$/);
      assert.match(await p.locator('dl.details').innerText(), new RegExp(`13\u00a0(مارس|mars)\u00a02020 – 31\u00a0(دجنبر|décembre)\u00a02020`));
      await ctx.close();
    });
  }

  test('the upload button speaks the interface\'s language, not the browser\'s — Arabic then French', async () => {
    const ctx = await env.newContext({ locale: 'en-US' });
    const p = await ctx.newPage();
    await login(p, 'divi');
    for (const [lang, button, choose, none] of [
      ['ar', 'العربية', 'اختيار ملف', 'لم يتم اختيار أي ملف'],
      ['fr', 'Français', 'Choisir un fichier', 'Aucun fichier choisi'],
    ]) {
      await p.getByRole('button', { name: button }).click();
      await p.waitForFunction((lang) => document.documentElement.lang === lang, lang);
      await p.goto('/grids/import');
      const picker = p.locator('.file-picker');
      await picker.locator('.file-button', { hasText: choose }).waitFor();
      assert.equal((await picker.locator('.file-name').innerText()).trim(), none);
      await p.locator('#import-file').setInputFiles({ name: 'شبكة.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
      assert.equal((await picker.locator('.file-name').innerText()).trim(), 'شبكة.xlsx');
      await p.screenshot({ path: join(artifacts, `reading-upload-${lang}-1280.png`) });
    }
    await ctx.close();
  });
});
