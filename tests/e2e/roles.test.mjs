// End-to-end: every detail page opened by each of the six roles. A page draws only the panels its
// role may read (the session's permissions decide), so a record the role may read shows no error
// at all; a record out of reach says so once, without a "retry" that could never work.
// The records are made here through the API (a campaign with an official assessment, a programme
// with an action, a grant funding it, a meeting with a recommendation, a training, a staff member),
// on the registry the demo loads (its territories, associations and institutions).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, artifacts, login, start } from './harness.mjs';

let env;
const ids = {};
const USERS = {
  admin: 'admin',
  division: 'divi',
  delegation: 'deleg1',
  assessor: 'assess1',
  association: 'assoc1',
  viewer: 'viewer1',
};

const created = (reply) => {
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body.id;
};

before(async () => {
  env = await start();
  env.addUser('deleg1', 'delegation', ['--territory', 'MA-BOD'], 'مندوبية التعاون الوطني');
  env.addUser('assess1', 'assessor', ['--territory', 'MA-BOD'], 'مقيم ميداني');
  env.addUser('viewer1', 'viewer', ['--territory', 'MA-BOD'], 'ديوان العامل');

  const ctx = await env.newContext();
  const p = await ctx.newPage();
  await login(p, 'divi');
  const province = (await apiCall(p, 'GET', '/api/territories?level=province')).body.items.find((t) => t.code === 'MA-BOD');
  ids.territory = province.id;
  ids.association = 1;
  const institutions = (await apiCall(p, 'GET', '/api/institutions?association_id=1&page_size=200')).body.items;
  ids.institution = institutions[0].id;
  const grids = (await apiCall(p, 'GET', '/api/grids')).body.items;
  ids.grid = grids[0].id;
  const assessors = (await apiCall(p, 'GET', '/api/assessors')).body.items;
  const assessor = assessors.find((u) => u.username === 'assess1');
  ids.campaign = created(
    await apiCall(p, 'POST', '/api/campaigns', {
      name_ar: 'حملة الصلاحيات',
      grid_id: ids.grid,
      territory_id: ids.territory,
      starts_on: '2020-04-01',
      ends_on: '2020-04-30',
      status: 'ongoing',
    }),
  );
  ids.assessment = created(
    await apiCall(p, 'POST', `/api/campaigns/${ids.campaign}/assessments`, {
      institution_id: ids.institution,
      assessor_ids: [assessor.id],
    }),
  );
  ids.programme = created(
    await apiCall(p, 'POST', '/api/programmes', {
      name_ar: 'برنامج الصلاحيات',
      territory_id: ids.territory,
      starts_on: '2020-05-01',
      ends_on: '2020-12-31',
      status: 'active',
    }),
  );
  ids.action = created(
    await apiCall(p, 'POST', '/api/actions', {
      programme_id: ids.programme,
      title_ar: 'إصلاح المطبخ',
      institution_id: ids.institution,
      category: 'equipment',
      estimated_cost_centimes: 5_000_000,
      status: 'planned',
      progress: 0,
    }),
  );
  ids.grant = created(
    await apiCall(p, 'POST', '/api/grants', {
      source: 'indh',
      institution_id: ids.institution,
      purpose: 'equipment',
      committed_centimes: 3_000_000,
    }),
  );
  created(await apiCall(p, 'POST', '/api/funding_lines', { grant_id: ids.grant, action_id: ids.action, amount_centimes: 1_000_000 }));
  ids.meeting = created(
    await apiCall(p, 'POST', '/api/meetings', {
      kind: 'communication',
      title_ar: 'لقاء الصلاحيات',
      held_on: '2020-06-10',
      place: 'مقر العمالة',
      chair: 'رئيس القسم',
      territory_id: ids.territory,
    }),
  );
  created(await apiCall(p, 'POST', '/api/recommendations', { meeting_id: ids.meeting, text_ar: 'توصية للاختبار' }));
  ids.staff = created(
    await apiCall(p, 'POST', '/api/staff', { institution_id: ids.institution, full_name: 'موظف الاختبار', function: 'مربي' }),
  );
  ids.training = created(
    await apiCall(p, 'POST', '/api/trainings', {
      topic: 'تكوين الصلاحيات',
      domain: 'child_protection',
      starts_on: '2020-07-01',
      ends_on: '2020-07-02',
      hours: 12,
      trainer: 'مؤطر',
      organiser: 'قسم العمل الاجتماعي',
      territory_id: ids.territory,
    }),
  );
  ids.user = (await apiCall(p, 'GET', '/api/session')).body.user.id;
  await ctx.close();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-roles.log'), env.log.join(''));
  await env?.stop();
});

// Each detail page, with the API record it shows.
const pages = () => [
  `/territories/${ids.territory}`,
  `/associations/${ids.association}`,
  `/institutions/${ids.institution}`,
  `/institutions/${ids.institution}/equipment`,
  `/staff/${ids.staff}`,
  `/campaigns/${ids.campaign}`,
  `/assessments/${ids.assessment}`,
  `/grids/${ids.grid}`,
  `/programmes/${ids.programme}`,
  `/actions/${ids.action}`,
  `/grants/${ids.grant}`,
  `/meetings/${ids.meeting}`,
  `/trainings/${ids.training}`,
  `/users/${ids.user}`,
];
const UNREACHABLE = 'هذا السجل غير موجود أو ليس ضمن نطاق صلاحياتكم.';

/** What the page shows once its requests have settled: its error boxes and retry buttons. */
async function settle(p, path) {
  await p.goto(path);
  await p.waitForLoadState('networkidle');
  await p.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 10_000 }).catch(() => {});
  return {
    errors: (await p.locator('.alert-error').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
    retries: await p.getByRole('button', { name: 'إعادة المحاولة' }).count(),
    heading: ((await p.locator('h1').first().innerText().catch(() => '')) || '').trim(),
  };
}

describe('Detail pages as each role', { concurrency: false }, () => {
  for (const [role, username] of Object.entries(USERS)) {
    test(`${role}: no panel it may not read, no retry on what cannot change`, async () => {
      const ctx = await env.newContext();
      const p = await ctx.newPage();
      await login(p, username);
      const findings = [];
      const problems = [];
      for (const path of pages()) {
        const seen = await settle(p, path);
        const answer = (await apiCall(p, 'GET', `/api${path.replace(/\/equipment$/, '')}`)).status;
        findings.push(`${path} (API ${answer}): ${seen.errors.join(' | ') || 'clean'}`);
        // Nothing on a page is ever retried unless the network or the server failed.
        if (seen.retries) problems.push(`${path}: ${seen.retries} retry button(s)`);
        // A record the role reads shows no error at all (no panel it may not read); one out of its
        // scope says so, once.
        if (answer === 200 && seen.errors.length) problems.push(`${path}: ${seen.errors.join(' | ')}`);
        if (answer === 404 && seen.errors.join() !== UNREACHABLE) problems.push(`${path}: ${seen.errors.join(' | ')}`);
      }
      writeFileSync(join(artifacts, `roles-${role}.txt`), findings.join('\n') + '\n');
      assert.deepEqual(problems, [], `${role}:\n${problems.join('\n')}`);
      await ctx.close();
    });
  }

  test('a record that does not exist: said once, without retry', async () => {
    const ctx = await env.newContext();
    const p = await ctx.newPage();
    await login(p, 'divi');
    const seen = await settle(p, '/actions/999999');
    assert.equal(seen.retries, 0);
    assert.deepEqual(seen.errors, [UNREACHABLE]);
    await ctx.close();
  });

  test('screenshots: the admin\'s campaign, the assessor\'s action, the latest changes labelled — Arabic 1280 and 360 px, French 1280 px', async () => {
    for (const [lang, width] of [['ar', 1280], ['ar', 360], ['fr', 1280]]) {
      const shots = [
        ['admin', `/campaigns/${ids.campaign}`, 'campaign-admin'],
        ['assess1', `/actions/${ids.action}`, 'action-assessor'],
        ['divi', '/', 'home-division'],
        ['divi', '/audit', 'audit-division'],
      ];
      for (const [username, path, name] of shots) {
        const ctx = await env.newContext({ viewport: { width, height: 900 } });
        const p = await ctx.newPage();
        await login(p, username);
        await p.getByRole('button', { name: lang === 'fr' ? 'Français' : 'العربية' }).click();
        await p.waitForFunction((lang) => document.documentElement.lang === lang, lang);
        await p.goto(path);
        await p.waitForLoadState('networkidle');
        assert.equal(await p.locator('.alert-error').count(), 0, `${username} on ${path}`);
        if (path === '/') {
          // Changes to records, each action in words: no log-in, no language switch, no raw verb.
          const changes = await p.locator('.changes li').allInnerTexts();
          assert.ok(changes.length > 0);
          for (const line of changes) {
            assert.doesNotMatch(line, lang === 'fr' ? /Connexion|Changement de langue/ : /دخول|تغيير اللغة/);
            assert.doesNotMatch(line, /· (create|update|validate|submit|answers|attach|language|login) ·/);
          }
        }
        await p.screenshot({ path: join(artifacts, `roles-${name}-${lang}-${width}.png`), fullPage: true });
        await ctx.close();
      }
    }
  });
});
