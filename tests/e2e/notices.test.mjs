// End-to-end, in Arabic: the notices of issue 17. The demo's division sees the bell's count in the
// header (the story leaves actions overdue and last month's statistics unreported), opens the
// notices page, follows an overdue action's notice to the action, marks another read, and the
// count drops each time; in French at 1280 px it marks all read and the bell's count is gone.
// Screenshots: Arabic at 360 px, French at 1280 px.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiCall, artifacts, login, start } from "./harness.mjs";

let env;

before(async () => {
  env = await start();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, "server-notices.log"), env.log.join(""));
  await env?.stop();
});

/** The number the bell shows (0 when it shows none). */
async function bellCount(page) {
  const badge = page.getByTestId("bell-count");
  if (!(await badge.isVisible())) return 0;
  return Number(await badge.innerText());
}

describe("Notices", { concurrency: false }, () => {
  test("the division follows a notice from the bell, and the count drops", async () => {
    const page = await (
      await env.newContext({ viewport: { width: 360, height: 780 } })
    ).newPage();
    await login(page, "divi");
    const counted = await apiCall(page, "GET", "/api/notices/count");
    assert.equal(counted.status, 200);
    const unread = counted.body.unread;
    assert.ok(unread >= 2, `the demo gives the division notices (${unread})`);
    await page.getByTestId("bell-count").waitFor();
    assert.equal(await bellCount(page), unread);
    assert.equal(
      await page.getByTestId("bell").getAttribute("aria-label"),
      `الإشعارات، غير المقروءة: ${unread}`,
    );

    await page.getByTestId("bell").click();
    await page.waitForURL(/\/notices$/);
    await page.getByRole("heading", { name: "الإشعارات" }).waitFor();
    const overdue = page.locator("li.notice-action_overdue").first();
    await overdue.waitFor();
    assert.match(await overdue.innerText(), /متأخر: كان أجله \d+\s[^\d\s]+\s\d{4}/);
    const unreported = page.locator("li.notice-statistics_unreported").first();
    assert.match(await unreported.innerText(), /إحصائيات/);
    // Arabic: right to left, Western digits, nothing wider than the screen.
    assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
    assert.doesNotMatch(await page.locator("main").innerText(), /[\u0660-\u0669]/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width} px wide at 360 px`);
    await page.screenshot({
      path: join(artifacts, "notices-ar-360.png"),
      fullPage: true,
    });

    // Following the notice opens its action and marks it read.
    const key = await overdue.getAttribute("data-key");
    const id = key.split(":")[1];
    await overdue.getByRole("link").click();
    await page.waitForURL(new RegExp(`/actions/${id}$`));
    await page.locator("h1").waitFor();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="bell-count"]')?.textContent) === n,
      unread - 1,
    );
    const after = await apiCall(page, "GET", "/api/notices");
    assert.equal(after.body.items.find((n) => n.key === key).read, true);

    // Back on the page: that notice is read; marking another read lowers the count again.
    await page.getByTestId("bell").click();
    await page.waitForURL(/\/notices$/);
    const read = page.locator(`li[data-key="${key}"]`);
    await read.waitFor();
    assert.equal(await read.getByText("غير مقروء").count(), 0);
    const next = page.locator("li.notice.unread").first();
    await next.getByRole("button", { name: "تعليم كمقروء" }).click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="bell-count"]')?.textContent) === n,
      unread - 2,
    );
    assert.equal(await bellCount(page), unread - 2);
  });

  test("in French at 1280 px, marking all read empties the bell", async () => {
    const page = await (await env.newContext()).newPage();
    await login(page, "divi");
    await page.getByRole("button", { name: "Français" }).click();
    await page.getByTestId("bell").click();
    await page.waitForURL(/\/notices$/);
    await page.getByRole("heading", { name: "Notifications" }).waitFor();
    const overdue = page.locator("li.notice-action_overdue").first();
    await overdue.waitFor();
    assert.match(await overdue.innerText(), /est en retard : échéance le \d+\s\S+\s\d{4}/);
    assert.match(
      await page.locator("li.notice-statistics_unreported").first().innerText(),
      /n’a pas saisi les statistiques de \S+\s\d{4}/,
    );
    await page.screenshot({
      path: join(artifacts, "notices-fr-1280.png"),
      fullPage: true,
    });
    await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
    await page.getByTestId("bell-count").waitFor({ state: "detached" });
    assert.equal(await page.locator("li.notice.unread").count(), 0);
    const counted = await apiCall(page, "GET", "/api/notices/count");
    assert.equal(counted.body.unread, 0);
    assert.ok(counted.body.total > 0);
  });
});
