// End-to-end: the built web app in Debian's Chromium against the real server (SQLite),
// used as a person would — typing Arabic, clicking, reading the screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, chooseOption, login, PASSWORD, start } from './harness.mjs';

const INSTITUTION = 'دار الطالبة أَمل';
const ASSOCIATION = 'جمعية النور للتنمية الاجتماعية';

let env;
let ctx;
let page;
const ids = {};

before(async () => {
  env = await start();
  ctx = await env.newContext();
  page = await ctx.newPage();
});

after(async () => {
  // The server's log, for reading after a failure.
  if (env) writeFileSync(join(artifacts, 'server.log'), env.log.join(''));
  await env?.stop();
});

describe('Riaya web app', { concurrency: false }, () => {
  test('signs in with the keyboard and lands on the dashboard, in Arabic, right-to-left', async () => {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await page.locator('#login-username').focus();
    await page.keyboard.type('divi');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'لوحة القيادة' }).waitFor();
    await page.locator('.stat-value').first().waitFor();
    // Landmarks a screen reader announces.
    assert.equal(await page.locator('header').count(), 1);
    assert.equal(await page.locator('nav#nav').count(), 1);
    assert.equal(await page.locator('main').count(), 1);
    // Western digits only.
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /[\u0660-\u0669]/);
  });

  test('lays the Arabic page out right-to-left (menu on the right half) — screenshot', async () => {
    const viewport = page.viewportSize();
    const box = await page.locator('nav#nav').boundingBox();
    assert.ok(box, 'the navigation is visible');
    assert.ok(box.x >= viewport.width / 2, `navigation starts at x=${box.x}, expected on the right half of ${viewport.width}`);
    assert.ok(box.x + box.width <= viewport.width + 1);
    await page.screenshot({ path: join(artifacts, 'dashboard-ar.png'), fullPage: true });
  });

  test('the demo shows the story of the article on every list and the programme — screenshot', async () => {
    const rows = async (path, text) => {
      await page.goto(path);
      await page.locator('#list tbody tr', { hasText: text }).first().waitFor();
    };
    await rows('/campaigns', 'شتنبر 2018');
    await page.locator('#list tbody tr', { hasText: 'شتنبر 2019' }).waitFor();
    await rows('/shortcomings', 'دار الطالب بوجدور');
    await rows('/meetings', 'لقاء تواصلي');
    assert.match(await page.locator('#list tbody').innerText(), /26\sأبريل\s2019/);
    await rows('/programmes', '2019–2020');
    await rows('/actions', 'دار الطالب بوجدور');
    await rows('/grants', 'جمعية دار الطالب والطالبة بوجدور');
    await page.goto('/needs');
    await page.locator('tbody tr').first().waitFor();
    await page.goto('/programmes');
    await page.locator('#list tbody tr', { hasText: '2019–2020' }).getByRole('link').first().click();
    await page.waitForURL(/\/programmes\/\d+$/);
    await page.locator('#actions tbody tr').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'demo-programme-ar.png'), fullPage: true });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'لوحة القيادة' }).waitFor();
  });

  test('creates an association typing Arabic', async () => {
    await page.getByRole('link', { name: 'الجمعيات' }).click();
    await page.waitForURL(/\/associations/);
    await page.getByRole('link', { name: 'جمعية جديدة' }).click();
    await page.locator('#f-name_ar').waitFor();
    // Required fields are checked on the spot, the message at the field.
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.locator('#f-name_ar-error').waitFor();
    assert.equal(await page.locator('#f-name_ar').getAttribute('aria-invalid'), 'true');
    await page.locator('#f-name_ar').pressSequentially(ASSOCIATION);
    await page.locator('#f-name_fr').fill('Association Annour');
    await chooseOption(page, '#f-territory_id', 'MA-BOD');
    await page.locator('#f-registration_date').fill('26/04/2019');
    await page.locator('#f-president_name').fill('فاطمة الزهراء');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForURL(/\/associations\/\d+$/);
    ids.association = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: ASSOCIATION }).waitFor();
    // The date reads as the article writes it.
    await page.getByText('26 أبريل 2019').first().waitFor();
  });

  test('creates an institution of that association, and shows the API field error at its field', async () => {
    await page.getByRole('link', { name: 'مؤسسة جديدة' }).click();
    await page.waitForURL(/\/institutions\/new/);
    await page.locator('#f-code').waitFor();
    await page.locator('#f-code').fill('DEMO-BOD-001'); // taken by the demo data
    await page.locator('#f-name_ar').pressSequentially(INSTITUTION);
    await chooseOption(page, '#f-category', 'دار الطالبة');
    assert.equal(await page.locator('#f-association_id').inputValue(), String(ids.association));
    await chooseOption(page, '#f-commune_id', 'BOD-01');
    await page.locator('#f-capacity').fill('48');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.locator('#f-code-error').waitFor();
    assert.equal(await page.locator('#f-code').getAttribute('aria-invalid'), 'true');
    // What was typed is still there.
    assert.equal(await page.locator('#f-name_ar').inputValue(), INSTITUTION);
    await page.locator('#f-code').fill('E2E-AMAL-1');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForURL(/\/institutions\/\d+$/);
    ids.institution = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: INSTITUTION }).waitFor();
  });

  test('records a legal document with its expiry warning, then archives it', async () => {
    await page.goto(`/associations/${ids.association}`);
    await page.getByRole('link', { name: 'وثيقة جديدة' }).click();
    await page.waitForURL(/\/documents\/new\?association_id=/);
    await page.locator('#f-kind').selectOption('receipt');
    await page.locator('#f-reference').fill('REC-2024/17');
    const soon = new Date(Date.now() + 20 * 86_400_000);
    const iso = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
    await page.locator('#f-expires_on').fill(iso);
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.waitForURL(new RegExp(`/associations/${ids.association}$`));
    const row = page.locator('#docs tbody tr', { hasText: 'REC-2024/17' });
    await row.locator('.badge-warning', { hasText: 'تنتهي بعد 20 يومًا' }).waitFor();
    await row.getByRole('button', { name: 'أرشفة' }).click();
    await row.getByRole('button', { name: 'نعم، أرشفة' }).click();
    await page.locator('#docs tbody tr', { hasText: 'REC-2024/17' }).waitFor({ state: 'detached' });
  });

  test('finds the institution back with another spelling (no hamza, no tashkeel), and the search survives a reload', async () => {
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'المؤسسات' }).click();
    await page.waitForURL((u) => u.pathname === '/institutions');
    await page.locator('#list-q').fill('امل');
    await page.locator('#list-q').press('Enter');
    await page.waitForURL(/q=/);
    const row = page.locator('table.data tbody tr', { hasText: INSTITUTION });
    await row.waitFor();
    await page.reload();
    await page.locator('table.data tbody tr', { hasText: INSTITUTION }).waitFor();
    assert.equal(await page.locator('#list-q').inputValue(), 'امل');
  });

  test('keeps what was typed and says so when the network fails', async () => {
    await page.goto(`/institutions/${ids.institution}/edit`);
    await page.locator('#f-capacity').waitFor();
    await page.route('**/api/institutions/*', (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue()));
    await page.locator('#f-director_name').fill('خديجة العلوي');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.getByRole('alert').filter({ hasText: 'تعذر الاتصال بالخادم' }).waitFor();
    assert.equal(await page.locator('#f-director_name').inputValue(), 'خديجة العلوي');
    await page.unroute('**/api/institutions/*');
  });

  test('shows a lost edit race: the other version beside mine, then take theirs or overwrite', async () => {
    const other = await env.newContext();
    const page2 = await other.newPage();
    try {
      await login(page2, 'divi');
      await page.goto(`/institutions/${ids.institution}/edit`);
      await page2.goto(`/institutions/${ids.institution}/edit`);
      await page.locator('#f-capacity').waitFor();
      await page2.locator('#f-capacity').waitFor();

      // The other person saves first.
      await page2.locator('#f-capacity').fill('60');
      await page2.getByRole('button', { name: 'حفظ' }).click();
      await page2.waitForURL(/\/institutions\/\d+$/);

      // Mine is refused with both versions shown.
      await page.locator('#f-capacity').fill('70');
      await page.getByRole('button', { name: 'حفظ' }).click();
      const conflict = page.locator('section.conflict');
      await conflict.waitFor();
      const capacityRow = conflict.locator('tbody tr', { hasText: 'الطاقة الاستيعابية' });
      assert.equal((await capacityRow.locator('td.theirs').innerText()).trim(), '60');
      assert.equal((await capacityRow.locator('td.mine').innerText()).trim(), '70');
      await page.screenshot({ path: join(artifacts, 'conflict-ar.png'), fullPage: true });

      // Take theirs: the form now holds 60 and nothing was overwritten.
      await page.getByRole('button', { name: 'اعتماد النسخة المحفوظة' }).click();
      assert.equal(await page.locator('#f-capacity').inputValue(), '60');

      // Again, and this time overwrite with mine on top of the current version.
      await page2.goto(`/institutions/${ids.institution}/edit`);
      await page2.locator('#f-capacity').fill('65');
      await page2.getByRole('button', { name: 'حفظ' }).click();
      await page2.waitForURL(/\/institutions\/\d+$/);
      await page.locator('#f-capacity').fill('70');
      await page.getByRole('button', { name: 'حفظ' }).click();
      await conflict.waitFor();
      await page.getByRole('button', { name: 'استبدالها بتعديلي' }).click();
      await page.waitForURL(/\/institutions\/\d+$/);
      const stored = await apiCall(page, 'GET', `/api/institutions/${ids.institution}`);
      assert.equal(stored.body.capacity, 70);
    } finally {
      await other.close();
    }
  });

  test('switches to French: labels, dates and dir=ltr change, and the choice sticks', async () => {
    await page.goto(`/associations/${ids.association}`);
    await page.getByRole('heading', { level: 1, name: ASSOCIATION }).waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await nav.getByRole('link', { name: 'Établissements' }).waitFor();
    await page.getByText('26 avril 2019').first().waitFor();
    // The French name of the association is the title now.
    await page.getByRole('heading', { level: 1, name: 'Association Annour' }).waitFor();
    const box = await nav.boundingBox();
    assert.ok(box.x < page.viewportSize().width / 2, 'in French the menu sits on the left');
    await page.screenshot({ path: join(artifacts, 'association-fr.png'), fullPage: true });
    // Saved to the account: a reload (even with localStorage cleared) stays French.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole('navigation', { name: 'Menu principal' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    // Back to Arabic for the rest.
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  });

  test('sends an expired session to the login page and comes back to the same page after', async () => {
    await page.goto('/institutions?q=%D8%A7%D9%85%D9%84');
    await page.locator('table.data tbody tr', { hasText: INSTITUTION }).waitFor();
    await ctx.clearCookies();
    await page.locator('table.data tbody tr a', { hasText: INSTITUTION }).click();
    await page.waitForURL(/\/login\?next=/);
    await login(page, 'divi');
    await page.waitForURL(new RegExp(`/institutions/${ids.institution}$`));
    await page.getByRole('heading', { level: 1, name: INSTITUTION }).waitFor();
  });

  test('an association user sees only its own association and institutions', async () => {
    const assocCtx = await env.newContext();
    const p = await assocCtx.newPage();
    try {
      await login(p, 'assoc1');
      if (p.url().includes('/password')) {
        await p.locator('#pw-current').fill(PASSWORD);
        await p.locator('#pw-new').fill('Another-Passw0rd');
        await p.locator('#pw-confirm').fill('Another-Passw0rd');
        await p.getByRole('button', { name: 'تغيير كلمة المرور' }).last().click();
        await p.waitForURL((u) => !u.pathname.startsWith('/password'));
      }
      const nav = p.getByRole('navigation', { name: 'القائمة الرئيسية' });
      await nav.getByRole('link', { name: 'جمعيتي' }).waitFor();
      const menu = await nav.innerText();
      for (const absent of ['الجمعيات', 'المستعملون', 'سجل العمليات', 'التقسيم الترابي']) assert.ok(!menu.includes(absent), `no "${absent}" in the menu`);

      // Its institutions only, and no create button (association users edit, not create).
      await nav.getByRole('link', { name: 'المؤسسات' }).click();
      await p.waitForURL((u) => u.pathname === '/institutions');
      await p.locator('table.data tbody tr').first().waitFor();
      const shown = await p.locator('table.data tbody').innerText();
      assert.ok(!shown.includes(INSTITUTION), 'the new institution of another association is not listed');
      assert.equal(await p.getByRole('link', { name: 'مؤسسة جديدة' }).count(), 0);
      const listed = await apiCall(p, 'GET', '/api/institutions?page_size=200');
      assert.ok(listed.body.items.length > 0);
      for (const item of listed.body.items) assert.equal(item.association_id, 1);

      // Another association's page is out of reach, even typed in the address bar.
      await p.goto(`/associations/${ids.association}`);
      await p.getByRole('alert').waitFor();
      assert.ok(!(await p.locator('main').innerText()).includes(ASSOCIATION));
      // Its own association opens.
      await p.getByRole('link', { name: 'جمعيتي' }).click();
      await p.getByRole('heading', { level: 1, name: 'جمعية دار الطالب والطالبة بوجدور' }).waitFor();
    } finally {
      await assocCtx.close();
    }
  });

  test('admin: creates a user (one-time password shown once), who must change it at first sign-in; resets it', async () => {
    const adminCtx = await env.newContext();
    const p = await adminCtx.newPage();
    const userCtx = await env.newContext();
    const u = await userCtx.newPage();
    try {
      await login(p, 'admin');
      const nav = p.getByRole('navigation', { name: 'القائمة الرئيسية' });
      await nav.getByRole('link', { name: 'المستعملون' }).click();
      await p.getByRole('link', { name: 'مستعمل جديد' }).click();
      await p.locator('#f-username').fill('e2e.officer');
      await p.locator('#f-display_name').pressSequentially('موظفة القسم');
      await p.locator('#f-role').selectOption('division');
      await chooseOption(p, '#f-scope_territory_id', 'MA-BOD');
      await p.getByRole('button', { name: 'حفظ' }).click();
      const otp = (await p.getByTestId('one-time-password').innerText()).trim();
      assert.ok(otp.length >= 8, 'a one-time password is shown');
      await p.getByRole('link', { name: 'فتح الحساب' }).click();
      await p.getByRole('heading', { level: 1, name: 'موظفة القسم' }).waitFor();

      // The new account must replace its one-time password before anything else.
      await login(u, 'e2e.officer', otp);
      await u.waitForURL(/\/password/);
      await u.getByText('يجب تغيير كلمة المرور المؤقتة').waitFor();
      await u.locator('#pw-current').fill(otp);
      await u.locator('#pw-new').fill('short');
      await u.locator('#pw-confirm').fill('short');
      await u.locator('form').getByRole('button', { name: 'تغيير كلمة المرور' }).click();
      await u.locator('#pw-new-error').waitFor();
      await u.locator('#pw-new').fill('Officer-Passw0rd');
      await u.locator('#pw-confirm').fill('Officer-Passw0rd');
      await u.locator('form').getByRole('button', { name: 'تغيير كلمة المرور' }).click();
      await u.waitForURL((url) => url.pathname === '/');
      await u.getByRole('heading', { level: 1, name: 'لوحة القيادة' }).waitFor();

      // Reset: a new one-time password, different from the first.
      await p.getByRole('button', { name: 'إعادة تعيين كلمة المرور' }).click();
      await p.locator('.confirm').getByRole('button', { name: 'إعادة تعيين كلمة المرور' }).click();
      const otp2 = (await p.getByTestId('one-time-password').innerText()).trim();
      assert.ok(otp2.length >= 8 && otp2 !== otp);

      // The audit log shows the creation with its values.
      await nav.getByRole('link', { name: 'سجل العمليات' }).click();
      await p.locator('#audit-entity').selectOption('user');
      await p.waitForURL(/entity=user/);
      const entry = p.locator('.audit-entry', { hasText: 'إنشاء' }).filter({ hasText: 'admin' }).first();
      await entry.locator('summary').click();
      await entry.locator('table.diff', { hasText: 'e2e.officer' }).waitFor();
    } finally {
      await userCtx.close();
      await adminCtx.close();
    }
  });

  test('API tokens: created and shown once, listed, revoked', async () => {
    await page.goto('/tokens');
    await page.locator('#token-name').fill('تكامل المندوبية');
    await page.getByRole('button', { name: 'إنشاء المفتاح' }).click();
    const token = (await page.getByTestId('api-token').innerText()).trim();
    assert.ok(token.length > 16);
    const ok = await fetch(`${env.url}/api/institutions?page_size=1`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    const row = page.locator('table.data tbody tr', { hasText: 'تكامل المندوبية' });
    await row.getByRole('button', { name: 'إبطال' }).click();
    await row.locator('.confirm').getByRole('button', { name: 'إبطال' }).click();
    await row.getByText('مُبطَل').waitFor();
    await page.waitForFunction(() => !document.querySelector('.confirm'));
    const refused = await fetch(`${env.url}/api/institutions?page_size=1`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(refused.status, 401);
    // Shown once: a reload does not show it again.
    await page.reload();
    await page.locator('table.data tbody tr', { hasText: 'تكامل المندوبية' }).waitFor();
    assert.equal(await page.getByTestId('api-token').count(), 0);
  });

  test('fits a 360 px phone: no sideways scrolling, the menu behind a button', async () => {
    const phone = await env.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    try {
      await login(p, 'divi');
      await p.locator('.stat-value').first().waitFor();
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
      await p.getByRole('button', { name: 'القائمة' }).click();
      await p.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'المؤسسات' }).click();
      await p.waitForURL((u) => u.pathname === '/institutions');
      await p.getByRole('heading', { level: 1, name: 'المؤسسات' }).waitFor();
      await p.locator('#list table.data tbody tr').first().waitFor();
      assert.equal(await p.locator('nav#nav').isVisible(), false, 'the menu folds away after choosing');
      const overflow2 = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow2 <= 0, `institution list is ${overflow2}px wider than the phone`);
      await p.screenshot({ path: join(artifacts, 'institutions-phone-ar.png'), fullPage: false });
      // Every list is read as cards: none scrolls sideways, and each value has its column's name.
      for (const path of ['/institutions', '/staff', '/associations', '/actions', '/shortcomings', '/documents']) {
        await p.goto(path);
        await p.locator('#list table.data tbody tr td').first().waitFor();
        const sideways = await p.evaluate(() =>
          [...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth),
        );
        assert.ok(sideways.every((extra) => extra <= 1), `${path} scrolls sideways by ${sideways.join(', ')} px`);
        const label = await p.evaluate(() => {
          const cell = document.querySelector('#list table.data tbody td[data-label]');
          return cell ? getComputedStyle(cell, '::before').content : '';
        });
        assert.notEqual(label, 'none', `${path}: a value without its column's name`);
        if (path === '/actions') await p.screenshot({ path: join(artifacts, 'actions-phone-ar.png'), fullPage: false });
      }
      // Without headers, the order is chosen from a list: by name, descending.
      await p.goto('/institutions');
      await p.locator('#list-sort').selectOption({ label: 'الاسم ▼' });
      await p.waitForURL(/sort=name_ar&order=desc/);
    } finally {
      await phone.close();
    }
  });

  test('measures a list of 50 institutions on slow 3G (logged, not asserted)', async () => {
    // Enough institutions for a full page.
    const list = await apiCall(page, 'GET', '/api/institutions?page_size=1');
    const communes = await apiCall(page, 'GET', '/api/territories?level=commune&page_size=10');
    const categories = await apiCall(page, 'GET', '/api/categories?page_size=10');
    for (let i = list.body.total; i < 55; i++) {
      const res = await apiCall(page, 'POST', '/api/institutions', {
        code: `E2E-BULK-${i}`,
        name_ar: `مؤسسة تجريبية ${i}`,
        category: categories.body.items[i % categories.body.items.length].code,
        association_id: ids.association,
        commune_id: communes.body.items[i % communes.body.items.length].id,
        capacity: 20 + i,
        status: 'active',
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    await page.goto('/');
    await page.locator('.stat-value').first().waitFor();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400 * 5,
      downloadThroughput: ((500 * 1000) / 8) * 0.8,
      uploadThroughput: ((500 * 1000) / 8) * 0.8,
    });
    const started = Date.now();
    const listResponse = page.waitForResponse((r) => r.url().includes('/api/institutions?'));
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'المؤسسات' }).click();
    await page.locator('#list table.data tbody tr:nth-child(50)').waitFor({ timeout: 60_000 });
    const elapsed = Date.now() - started;
    const rows = await page.locator('#list table.data tbody tr').count();
    const response = await listResponse;
    const bytes = (await response.body()).length;
    const encoding = (await response.allHeaders())['content-encoding'] ?? 'identity';
    console.log(
      `slow 3G (2000 ms latency, 400 kbit/s): ${rows} institutions listed ${elapsed} ms after the click ` +
        `(target 1000 ms); the list answer was ${bytes} bytes, content-encoding ${encoding}`,
    );
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
  });
});
