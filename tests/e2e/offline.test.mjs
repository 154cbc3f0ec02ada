// End-to-end: offline assessments (issue 17). In Arabic on a 360 px phone, an assessor takes
// the assignments offline, loses the network, scores the 48 criteria of the grid with a
// comment and attaches a photo, reloads the page with no network (the service worker serves
// the app, the answers come from IndexedDB), then comes back online: the answers, then the
// photo, are saved on their own. In French at 1280 px, a co-assessor's offline answer to a
// criterion the first assessor changed meanwhile is shown side by side; the co-assessor keeps
// theirs and it is saved.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { apiCall, artifacts, login, pngBytes, start, webDir } from './harness.mjs';

let env;
let division;
let phone;
let phoneContext;
let desk;
let deskContext;
const ids = {};

before(async () => {
  env = await start({ story: false });
  env.addUser('assessor1', 'assessor', ['--territory', 'MA-BOD'], 'عضو فريق التشخيص');
  env.addUser('assessor2', 'assessor', ['--territory', 'MA-BOD'], 'Évaluatrice deux');
  division = await (await env.newContext()).newPage();
  phoneContext = await env.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  phone = await phoneContext.newPage();
  deskContext = await env.newContext({ locale: 'fr-FR' });
  desk = await deskContext.newPage();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-offline.log'), env.log.join(''));
  await env?.stop();
});

const criterion = (p, code) => p.locator(`[id="criterion-${code}"]`);
const radio = (p, code, value) => criterion(p, code).locator(`input[type="radio"][value="${value}"]`);

/** Waits until the service worker controls the page (the shell is then cached). */
async function underServiceWorker(p) {
  await p.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20_000 });
}

async function answersOf(p, id) {
  const reply = await apiCall(p, 'GET', `/api/assessments/${id}`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}

describe('Offline assessments', { concurrency: false }, () => {
  test('the division assigns two institutions to the two assessors', async () => {
    await login(division, 'divi');
    const grid = (await apiCall(division, 'GET', '/api/grids')).body.items[0];
    const territories = (await apiCall(division, 'GET', '/api/territories?page_size=200')).body.items;
    const province = territories.find((t) => t.code === 'MA-BOD');
    assert.ok(province, 'the province of Boujdour');
    const campaign = await apiCall(division, 'POST', '/api/campaigns', {
      name_ar: 'زيارات بدون شبكة — 2019',
      name_fr: 'Visites hors réseau — 2019',
      grid_id: grid.id,
      territory_id: province.id,
      starts_on: '2019-04-01',
      ends_on: '2019-04-30',
      status: 'ongoing',
    });
    assert.equal(campaign.status, 201, JSON.stringify(campaign.body));
    await login(phone, 'assessor1');
    await login(desk, 'assessor2');
    ids.assessor1 = (await apiCall(phone, 'GET', '/api/session')).body.user.id;
    ids.assessor2 = (await apiCall(desk, 'GET', '/api/session')).body.user.id;
    for (const [name, institution] of [
      ['first', 1],
      ['second', 2],
    ]) {
      const added = await apiCall(division, 'POST', `/api/campaigns/${campaign.body.id}/assessments`, {
        institution_id: institution,
        assessor_ids: [ids.assessor1, ids.assessor2],
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      ids[name] = added.body.id;
    }
  });

  test('on a phone, in Arabic, the assessor takes the assignments offline — screenshot', async () => {
    await phone.goto('/my_assessments');
    await underServiceWorker(phone);
    await phone.locator('[data-testid="take-offline"]').click();
    await phone.locator('[data-testid="offline-panel"] .alert-success').waitFor();
    assert.match(await phone.locator('[data-testid="offline-panel"] .alert-success').innerText(), /بدون شبكة/);
    await phone.locator('[data-testid="offline-panel"] li').nth(1).waitFor();
    assert.equal(await phone.locator('html').getAttribute('dir'), 'rtl');
    await phone.screenshot({ path: join(artifacts, 'offline-take-ar-360.png'), fullPage: true });
  });

  test('with no network the assessor scores 48 criteria, comments and attaches a photo — screenshot', async () => {
    await phone.goto(`/assessments/${ids.first}`);
    await underServiceWorker(phone);
    const grid = (await answersOf(phone, ids.first)).grid;
    ids.codes = grid.domains.flatMap((d) => d.criteria.map((c) => c.code));
    assert.equal(ids.codes.length, 48);
    await criterion(phone, ids.codes[0]).waitFor();

    await phoneContext.setOffline(true);
    await phone.locator('[data-testid="offline-badge"]').waitFor();
    ids.codes.forEach((code, i) => (ids[`score-${code}`] = i % 3));
    for (const code of ids.codes) await radio(phone, code, String(ids[`score-${code}`])).check();
    await criterion(phone, 'D1.1').locator('textarea').fill('الترخيص منتهي منذ شهرين');
    await phone.locator('[id="evidence-D6.1"]').setInputFiles({
      name: 'المرقد.png',
      mimeType: 'image/png',
      buffer: pngBytes(96, 72, [
        [11, 93, 75],
        [255, 255, 255],
      ]),
    });
    await phone.locator('[data-testid="queued-D6.1"]').waitFor();
    // 48 answers and a photo wait; nothing reached the server.
    await phone.locator('[data-testid="offline-badge"]', { hasText: '49' }).waitFor();
    assert.match(await phone.locator('[data-testid="offline-badge"]').innerText(), /بدون شبكة/);
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: join(artifacts, 'offline-filled-ar-360.png') });
  });

  test('reloaded with no network, the app opens from the service worker with the answers kept', async () => {
    await phone.reload();
    await criterion(phone, 'D9.1').waitFor();
    await phone.locator('[data-testid="offline-badge"]', { hasText: '49' }).waitFor();
    for (const code of [ids.codes[0], ids.codes[20], ids.codes[47]])
      assert.ok(await radio(phone, code, String(ids[`score-${code}`])).isChecked(), code);
    assert.equal(await criterion(phone, 'D1.1').locator('textarea').inputValue(), 'الترخيص منتهي منذ شهرين');
    await phone.locator('[data-testid="queued-D6.1"]').waitFor();
  });

  test('back online, the answers then the photo are saved on their own — screenshot', async () => {
    await phoneContext.setOffline(false);
    await phone.locator('[data-testid="offline-badge"]').waitFor({ state: 'detached', timeout: 30_000 });
    await phone.locator('[data-testid="queued-D6.1"]').waitFor({ state: 'detached' });
    const saved = await answersOf(phone, ids.first);
    assert.equal(saved.answers.length, 48);
    for (const answer of saved.answers) assert.equal(answer.score, ids[`score-${answer.criterion_code}`], answer.criterion_code);
    assert.equal(saved.answers.find((a) => a.criterion_code === 'D1.1').comment, 'الترخيص منتهي منذ شهرين');
    assert.equal(saved.evidence.length, 1);
    assert.equal(saved.evidence[0].criterion_code, 'D6.1');
    assert.equal(saved.evidence[0].file_name, 'المرقد.png');
    await phone.locator('[data-testid="evidence-D6.1"] img').waitFor();
    await phone.screenshot({ path: join(artifacts, 'offline-synced-ar-360.png') });
  });

  test('in French, a co-assessor’s offline answer changed meanwhile is shown side by side; keeping theirs saves it — screenshot', async () => {
    const language = await apiCall(desk, 'POST', '/api/session/language', { language: 'fr' });
    assert.equal(language.status, 200);
    await desk.goto('/my_assessments');
    await underServiceWorker(desk);
    await desk.locator('[data-testid="take-offline"]').click();
    await desk.locator('[data-testid="offline-panel"] .alert-success').waitFor();
    await desk.goto(`/assessments/${ids.second}`);
    await criterion(desk, 'D2.1').waitFor();

    await deskContext.setOffline(true);
    await radio(desk, 'D2.1', '0').check();
    await criterion(desk, 'D2.1').locator('textarea').fill('Fissures au plafond du dortoir');
    await radio(desk, 'D2.2', '2').check();
    await desk.locator('[data-testid="offline-badge"]', { hasText: 'Hors ligne — 2 modifications en attente' }).waitFor();

    // Meanwhile the first assessor scores the same criterion online.
    const current = await answersOf(phone, ids.second);
    const put = await apiCall(phone, 'PUT', `/api/assessments/${ids.second}/answers`, {
      version: current.version,
      answers: [{ criterion_code: 'D2.1', score: 2, comment: 'Plafond refait' }],
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));

    await deskContext.setOffline(false);
    const conflict = desk.locator('[data-testid="conflict-D2.1"]');
    await conflict.waitFor({ timeout: 30_000 });
    assert.match(await conflict.locator('[data-testid="mine"]').innerText(), /Fissures au plafond du dortoir/);
    assert.match(await conflict.locator('[data-testid="theirs"]').innerText(), /Plafond refait/);
    assert.match(await conflict.locator('[data-testid="theirs"]').innerText(), /عضو فريق التشخيص/);
    assert.equal(await desk.locator('html').getAttribute('dir'), 'ltr');
    await conflict.scrollIntoViewIfNeeded();
    await desk.screenshot({ path: join(artifacts, 'offline-conflict-fr-1280.png') });
    // D2.2, which nobody else changed, was saved; D2.1 still holds the other assessor's answer.
    let saved = await answersOf(desk, ids.second);
    assert.equal(saved.answers.find((a) => a.criterion_code === 'D2.2').score, 2);
    assert.equal(saved.answers.find((a) => a.criterion_code === 'D2.1').comment, 'Plafond refait');

    await conflict.getByRole('button', { name: 'Garder ma réponse' }).click();
    await conflict.waitFor({ state: 'detached', timeout: 30_000 });
    await desk.locator('[data-testid="offline-badge"]').waitFor({ state: 'detached', timeout: 30_000 });
    saved = await answersOf(desk, ids.second);
    const d21 = saved.answers.find((a) => a.criterion_code === 'D2.1');
    assert.equal(d21.score, 0);
    assert.equal(d21.comment, 'Fissures au plafond du dortoir');
  });

  test('on the phone, in Arabic, a conflict is shown side by side; keeping the saved answer drops mine — screenshot', async () => {
    await phone.goto(`/assessments/${ids.second}`);
    await criterion(phone, 'D3.1').waitFor();
    await phoneContext.setOffline(true);
    await radio(phone, 'D3.1', '1').check();
    await criterion(phone, 'D3.1').locator('textarea').fill('الميزانية غير مصادق عليها');
    await phone.locator('[data-testid="offline-badge"]', { hasText: 'تغيير واحد' }).waitFor();
    const current = await answersOf(desk, ids.second);
    const put = await apiCall(desk, 'PUT', `/api/assessments/${ids.second}/answers`, {
      version: current.version,
      answers: [{ criterion_code: 'D3.1', score: 2, comment: 'Budget 2019 approuvé le 12 mars' }],
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    await phoneContext.setOffline(false);
    const conflict = phone.locator('[data-testid="conflict-D3.1"]');
    await conflict.waitFor({ timeout: 30_000 });
    assert.match(await conflict.locator('[data-testid="mine"]').innerText(), /الميزانية غير مصادق عليها/);
    assert.match(await conflict.locator('[data-testid="theirs"]').innerText(), /Évaluatrice deux/);
    await conflict.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(artifacts, 'offline-conflict-ar-360.png') });
    await conflict.getByRole('button', { name: 'الإبقاء على الجواب المحفوظ' }).click();
    await conflict.waitFor({ state: 'detached' });
    await phone.locator('[data-testid="offline-badge"]').waitFor({ state: 'detached', timeout: 30_000 });
    assert.ok(await radio(phone, 'D3.1', '2').isChecked());
    const d31 = (await answersOf(phone, ids.second)).answers.find((a) => a.criterion_code === 'D3.1');
    assert.equal(d31.score, 2);
    assert.equal(d31.comment, 'Budget 2019 approuvé le 12 mars');
  });

  test('after an upgrade, the stale service worker gives way: "a new version is ready", and the page reloads — screenshot', async () => {
    const worker = join(webDir, 'dist', 'sw.js');
    const built = readFileSync(worker, 'utf8');
    const builtGzip = readFileSync(`${worker}.gz`);
    try {
      // A newer build (and its gzip twin, which the server prefers): the open page finds it.
      const newer = `${built}\n// a newer build\n`;
      writeFileSync(worker, newer);
      writeFileSync(`${worker}.gz`, gzipSync(newer));
      await desk.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      const banner = desk.locator('[data-testid="update-banner"]');
      await banner.waitFor({ timeout: 20_000 });
      assert.match(await banner.innerText(), /nouvelle version/);
      await desk.screenshot({ path: join(artifacts, 'offline-update-fr-1280.png') });
      const reloaded = desk.waitForEvent('load');
      await banner.getByRole('button', { name: 'Recharger maintenant' }).click();
      await reloaded;
      await criterion(desk, 'D2.1').waitFor();
      assert.equal(await banner.count(), 0);
      assert.ok(await desk.evaluate(() => !!navigator.serviceWorker.controller));
    } finally {
      writeFileSync(worker, built);
      writeFileSync(`${worker}.gz`, builtGzip);
    }
  });
});
