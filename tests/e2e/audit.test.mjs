// End-to-end: the audit screen says whether the trail's hash chain verifies — in Arabic on a
// phone, in French on a desktop — and names the entry once the trail is edited behind the
// application's back (straight in the SQLite file, as an intruder would).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, login, start } from './harness.mjs';

let env;

before(async () => {
  env = await start();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, 'server-audit.log'), env.log.join(''));
  await env?.stop();
});

describe('Audit chain on the audit screen', { concurrency: false }, () => {
  test('Arabic, 360 px: the chain verifies, and the page does not overflow — screenshot', async () => {
    const ctx = await env.newContext({ viewport: { width: 360, height: 780 } });
    const page = await ctx.newPage();
    await login(page, 'divi');
    await page.goto('/audit');
    const status = page.locator('.audit-chain[role=status]');
    await status.getByText('سلسلة التحقق سليمة').waitFor();
    assert.match(await status.innerText(), /[0-9a-f]{16}…/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow} px wider than the screen`);
    await page.screenshot({ path: join(artifacts, 'audit-ar-360.png') });
    await ctx.close();
  });

  test('French, 1280 px: whole, then the edited entry is named — screenshots', async () => {
    const ctx = await env.newContext();
    const page = await ctx.newPage();
    await login(page, 'divi');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.goto('/audit');
    await page.locator('.audit-chain[role=status]').getByText('Chaîne d’intégrité vérifiée').waitFor();
    await page.screenshot({ path: join(artifacts, 'audit-fr-1280.png') });

    const file = env.database.replace(/^sqlite:/, '');
    const id = execFileSync('sqlite3', [file, 'SELECT id FROM audit_log WHERE seq = 3'], { encoding: 'utf8' }).trim();
    execFileSync('sqlite3', [file, `UPDATE audit_log SET username = 'quelqu''un d''autre' WHERE id = ${id}`]);
    await page.reload();
    const alert = page.locator('.audit-chain[role=alert]');
    await alert.waitFor();
    assert.equal(
      (await alert.innerText()).trim(),
      `Journal altéré : l’entrée n° ${id} a été modifiée après son enregistrement.`,
    );
    await page.screenshot({ path: join(artifacts, 'audit-fr-1280-broken.png') });
    await ctx.close();
  });
});
