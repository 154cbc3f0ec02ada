// End-to-end: the institution's page as its file, on the demo's story (Boujdour: the campaigns of
// September 2018 and 2019, their shortcomings, the 2019–2020 programme, the INDH grants). The
// division opens the demo's first institution in Arabic at 360 px and in French at 1280 px: its
// scores campaign by campaign with the change, per domain, its open shortcomings, its actions, the
// association's 250,000 MAD INDH grant, and a section's link to the full list filtered by it. Each
// role sees exactly the sections the session's permissions let it read, and no error. The
// association's page gathers its institutions' scores and shortcomings. The wide tables (the
// programme's actions in French, the comparison in Arabic) fit 1280 px.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { apiCall, artifacts, login, start } from "./harness.mjs";

let env;
const INSTITUTION = 1; // DEMO-BOD-001, of association 1, whose INDH grant is 250,000 MAD
// The file's sections and the resource each lists.
const SECTIONS = {
  scores: "assessments",
  shortcomings: "shortcomings",
  actions: "actions",
  grants: "grants",
  funding: "funding_lines",
  staff: "staff",
  trainings: "trainings",
  documents: "documents",
};

before(async () => {
  env = await start();
  env.addUser("assess1", "assessor", ["--territory", "MA-BOD"], "مقيم ميداني");
  env.addUser("viewer1", "viewer", ["--territory", "MA-BOD"], "ديوان العامل");
});
after(async () => env?.stop());

async function open(username, lang, width, path) {
  const page = await (
    await env.newContext({ viewport: { width, height: 900 } })
  ).newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await login(page, username);
  await apiCall(page, "POST", "/api/session/language", { language: lang });
  await page.goto(path);
  return { page, errors };
}

const count = async (page, id) =>
  Number(
    (await page.getByTestId(`file-${id}-count`).innerText()).replace(/\D/g, ""),
  );

describe("the institution's file", () => {
  after(async () => {});

  for (const [lang, width] of [
    ["ar", 360],
    ["ar", 1280],
    ["fr", 1280],
  ]) {
    test(`the division reads its scores, shortcomings, actions and grants (${lang}, ${width} px)`, async () => {
      const { page, errors } = await open(
        "divi",
        lang,
        width,
        `/institutions/${INSTITUTION}`,
      );
      // Scores: both campaigns, the latest with its change since 2018, then every domain.
      const campaigns = page.getByTestId("file-campaigns").locator("li");
      await campaigns.nth(1).waitFor();
      assert.equal(await campaigns.count(), 2);
      assert.match(await campaigns.first().innerText(), /2019/);
      assert.equal(
        await campaigns.first().locator(".badge").count(),
        1,
        "the change since 2018",
      );
      assert.match(
        await campaigns.first().locator(".badge").innerText(),
        /^[▲▼=]/,
      );
      await page.getByTestId("file-domains").locator("li").nth(8).waitFor();
      assert.ok(
        (await page.getByTestId("file-domains").locator(".badge").count()) >= 1,
        "changes per domain",
      );
      // Open shortcomings, actions, and the association's INDH grant of 250,000 MAD.
      await page.getByTestId("file-shortcomings-count").waitFor();
      assert.ok((await count(page, "shortcomings")) > 0);
      assert.ok(
        (await page.getByTestId("file-shortcomings").locator("li").count()) > 0,
      );
      await page.getByTestId("file-actions-count").waitFor();
      assert.ok((await count(page, "actions")) > 0);
      const grants = page.getByTestId("file-grants");
      await grants.locator("li").first().waitFor();
      assert.match(await grants.innerText(), /250[\s\u00a0\u202f.]?000/);
      assert.match(
        await grants.innerText(),
        lang === "ar" ? /المبادرة الوطنية للتنمية البشرية/ : /INDH|المبادرة/,
      );
      // Every section shows something on the demo (the funding lines: one at least).
      for (const id of [
        "shortcomings",
        "actions",
        "grants",
        "staff",
        "trainings",
        "documents",
        "equipment",
      ])
        await page.getByTestId(`file-${id}`).locator("li").first().waitFor();
      // Dates and amounts keep to one line; the page does not scroll sideways.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(
        overflow <= 1,
        `the page is ${overflow} px wider than the screen`,
      );
      await page.getByTestId("file-scores").scrollIntoViewIfNeeded();
      await page.screenshot({
        path: join(artifacts, `institution-file-${lang}-${width}.png`),
        fullPage: true,
      });
      assert.equal(await page.locator(".alert-error").count(), 0);
      assert.deepEqual(errors, []);

      // A section's link opens the full list filtered by this institution.
      const shortcomings = await count(page, "shortcomings");
      await page.getByTestId("file-shortcomings-all").click();
      await page.waitForURL(
        (u) =>
          u.pathname === "/shortcomings" &&
          u.searchParams.get("institution_id") === "1",
      );
      const rows = page.locator(".list-view tbody tr");
      await rows.first().waitFor();
      const listed = await apiCall(
        page,
        "GET",
        "/api/shortcomings?institution_id=1&page_size=1",
      );
      assert.ok(
        listed.body.total >= shortcomings,
        "the list holds every shortcoming of the institution",
      );
      assert.equal(
        await page.locator('select[id$="institution_id"]').inputValue(),
        "1",
      );
      await page.context().close();
    });
  }

  test("each role sees the sections it may read and no error", async () => {
    for (const username of ["assess1", "viewer1", "assoc1", "admin"]) {
      const { page, errors } = await open(
        username,
        "ar",
        1280,
        `/institutions/${INSTITUTION}`,
      );
      await page.locator("h1").filter({ hasText: "بوجدور" }).first().waitFor();
      await page.locator("#record-title").waitFor();
      const permissions =
        (await apiCall(page, "GET", "/api/session")).body.permissions ?? {};
      await page.waitForLoadState("networkidle");
      for (const [id, resource] of Object.entries(SECTIONS)) {
        const may = (permissions[resource] ?? []).includes("read");
        assert.equal(
          await page.getByTestId(`file-${id}`).count(),
          may ? 1 : 0,
          `${username}: section ${id}`,
        );
      }
      assert.equal(
        await page.locator(".alert-error").count(),
        0,
        `${username}: ${await page.locator("main").innerText()}`,
      );
      assert.deepEqual(errors, []);
      await page.screenshot({
        path: join(artifacts, `institution-file-${username}-ar-1280.png`),
        fullPage: true,
      });
      await page.context().close();
    }
  });

  test("the association's page gathers its institutions' scores and shortcomings", async () => {
    for (const [lang, width] of [
      ["ar", 360],
      ["fr", 1280],
    ]) {
      const { page, errors } = await open(
        "divi",
        lang,
        width,
        "/associations/1",
      );
      const institutions = page.locator("#insts tbody tr");
      await institutions.first().waitFor();
      // Each institution's latest score (with its change) and its open shortcomings.
      const latest = await page.locator("#insts thead th").allInnerTexts();
      assert.ok(
        latest.some((h) => /آخر نتيجة|Dernier score/.test(h)),
        latest.join(" | "),
      );
      await page.locator("#insts tbody td .badge").first().waitFor();
      assert.match(
        await page.locator("#insts tbody").innerText(),
        /\d\s?%|%\s?\d/,
      );
      await page
        .getByTestId("file-association-grants")
        .locator("li")
        .first()
        .waitFor();
      assert.match(
        await page.getByTestId("file-association-grants").innerText(),
        /250[\s\u00a0\u202f.]?000/,
      );
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(
        overflow <= 1,
        `the page is ${overflow} px wider than the screen`,
      );
      await page.screenshot({
        path: join(artifacts, `association-file-${lang}-${width}.png`),
        fullPage: true,
      });
      assert.deepEqual(errors, []);
      await page.context().close();
    }
  });
});

describe("wide tables at 1280 px", () => {
  /** How far `selector`'s table overflows its container (0 when it fits). */
  const overflowOf = (page, selector) =>
    page.evaluate((s) => {
      const table = document.querySelector(s);
      return table.scrollWidth - table.parentElement.clientWidth;
    }, selector);

  for (const lang of ['fr', 'ar']) {
    test(`the programme's actions fit (${lang})`, async () => {
      const { page } = await open('divi', lang, 1280, '/programmes');
      await page.locator('.list-view tbody tr a').first().click();
      const table = page.locator('.list-view table').first();
      await table.locator('tbody tr').first().waitFor();
      const overflow = await overflowOf(page, '.list-view table');
      await page.screenshot({ path: join(artifacts, `programme-actions-${lang}-1280.png`), fullPage: true });
      assert.ok(overflow <= 0, `the actions table is ${overflow} px wider than its container`);
      await page.context().close();
    });

    test(`the campaign comparison pages through its institutions (${lang}) — screenshots`, async () => {
      const { page, errors } = await open("divi", lang, lang === "ar" ? 360 : 1280, "/campaigns");
      const campaigns = (await apiCall(page, "GET", "/api/campaigns?sort=starts_on")).body.items;
      const path = `/campaigns/compare?before=${campaigns[0].id}&after=${campaigns[1].id}`;
      const whole = (await apiCall(page, "GET", `/api/${path.slice(1)}&page_size=200`)).body;
      assert.ok(whole.total > 3, `${whole.total} institutions compared`);
      await page.goto(`${path}&page_size=3`);
      const rows = page.locator("#comparison tbody tr");
      await rows.first().waitFor();
      assert.equal(await rows.count(), 3);
      const pager = page.getByRole("navigation", { name: lang === "ar" ? "الصفحات" : "Pages" });
      const pages = String(Math.ceil(whole.total / 3));
      assert.match(await pager.innerText(), new RegExp(`1\\D+${pages}`));
      // The counts are of every institution, whichever page is shown.
      const resolved = () => page.locator("#shortcomings-resolved .badge").innerText();
      assert.equal((await resolved()).replace(/\D/g, ""), String(whole.shortcoming_totals.resolved));
      const first = await rows.first().locator("th").innerText();
      // The table and its pager (the shortcoming lists below run long at 360 px).
      const shot = async (name) => {
        const box = await pager.boundingBox();
        const width = page.viewportSize().width;
        await page.screenshot({ path: join(artifacts, name), fullPage: true, clip: { x: 0, y: 0, width, height: box.y + box.height + 250 } });
      };
      await shot(`comparison-pages-${lang}.png`);
      await pager.getByRole("button", { name: lang === "ar" ? "التالي" : "Suivant" }).click();
      await page.waitForURL(/page=2/);
      await page.waitForFunction(
        (name) => document.querySelector("#comparison tbody tr th")?.textContent.trim() !== name.trim(),
        first,
      );
      assert.equal(await rows.first().locator("th a").innerText(), lang === "ar" ? whole.institutions[3].name_ar : whole.institutions[3].name_fr || whole.institutions[3].name_ar);
      assert.equal((await resolved()).replace(/\D/g, ""), String(whole.shortcoming_totals.resolved));
      await shot(`comparison-page-2-${lang}.png`);
      assert.deepEqual(errors, []);
      await page.context().close();
    });

    test(`the campaign comparison fits (${lang})`, async () => {
      const { page } = await open('divi', lang, 1280, '/campaigns');
      const campaigns = (await apiCall(page, 'GET', '/api/campaigns?sort=starts_on')).body.items;
      await page.goto(`/campaigns/compare?before=${campaigns[0].id}&after=${campaigns[1].id}`);
      await page.locator('#comparison tbody tr').first().waitFor();
      const overflow = await overflowOf(page, '#comparison');
      await page.screenshot({ path: join(artifacts, `comparison-${lang}-1280.png`), fullPage: true });
      assert.ok(overflow <= 0, `the comparison is ${overflow} px wider than its container`);
      await page.context().close();
    });
  }
});
