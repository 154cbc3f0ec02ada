// End-to-end, in Arabic (and French at 1280 px): a province's first run. On a database with the
// reference data alone, the admin's home page lists the four steps unticked; each ticks itself as
// the data appears (the division's account made from the checklist's link, through the scope
// picker grouped by level; an association; institutions whose code is proposed from the commune
// and category, the second warned of the first's name). On the demo, every step is ticked and the
// list folded; the division is warned of «دار الطالب بوجدور» again in its commune, picks a
// campaign's assessors from a searchable list showing roles, reads the Arabic grid's tags and law
// references in Arabic, a grant's source once and raised shortcomings described.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { apiCall, artifacts, chooseOption, login, start } from "./harness.mjs";

/** An element's text without the isolates (FSI, PDI…) that keep names in their direction. */
const textOf = async (locator) =>
  (await locator.innerText()).replace(/[\u2060\u2066-\u2069]/g, "");

const steps = (p) =>
  p
    .locator('[data-testid="first-run"] li')
    .evaluateAll((items) =>
      items.map((li) => [li.dataset.step, li.dataset.done]),
    );

describe("First run on an empty province", { concurrency: false }, () => {
  let env;
  let admin;
  let division;
  before(async () => {
    env = await start({ demo: false });
    admin = await (await env.newContext()).newPage();
    await login(admin, "admin");
  });
  after(async () => {
    await env?.stop();
  });

  test("the admin sees the four steps unticked, the ones the division does named so — screenshot at 360 px", async () => {
    await admin.locator('[data-testid="first-run"][open]').waitFor();
    assert.deepEqual(await steps(admin), [
      ["division_account", "false"],
      ["associations", "false"],
      ["institutions", "false"],
      ["campaigns", "false"],
    ]);
    const associations = admin.locator('[data-step="associations"]');
    assert.match(
      await associations.innerText(),
      /يقوم بها: قسم العمل الاجتماعي/,
    );
    assert.equal(
      await associations.locator("a").getAttribute("href"),
      "/associations",
    );
    assert.match(
      await admin.locator('[data-testid="first-run"] summary').innerText(),
      /بقيت 4 خطوات/,
    );

    const phone = await (
      await env.newContext({ viewport: { width: 360, height: 780 } })
    ).newPage();
    await login(phone, "admin");
    await phone.locator('[data-testid="first-run"][open]').waitFor();
    await phone.screenshot({
      path: join(artifacts, "first-run-admin-ar-360.png"),
    });
    await phone.context().close();
  });

  test("the division's account is made from the checklist: the scope picker lists provinces first, by level", async () => {
    await admin.locator('[data-step="division_account"] a').click();
    await admin.waitForURL(/\/users\/new\?role=division$/);
    await admin
      .locator("#f-scope_territory_id optgroup")
      .first()
      .waitFor({ state: "attached" });
    assert.equal(await admin.locator("#f-role").inputValue(), "division");
    const groups = await admin
      .locator("#f-scope_territory_id optgroup")
      .evaluateAll((gs) =>
        gs.map((g) => [
          g.label,
          [...g.querySelectorAll("option")].map((o) => o.textContent),
        ]),
      );
    assert.deepEqual(
      groups.map(([label]) => label),
      ["الإقليم", "الجماعة", "الجهة", "البلد"],
    );
    assert.match(groups[0][1][0], /^الإقليم · إقليم بوجدور \(MA-BOD\)$/);
    assert.ok(
      groups[1][1].some((o) => /^الجماعة · بوجدور \(BOD-01\)$/.test(o)),
      groups[1][1].join(" | "),
    );
    await admin.screenshot({
      path: join(artifacts, "first-run-scope-picker-ar.png"),
    });
    await admin.locator("#f-username").fill("division.bod");
    await admin.locator("#f-display_name").fill("قسم العمل الاجتماعي ببوجدور");
    await chooseOption(admin, "#f-scope_territory_id", "إقليم بوجدور");
    await admin.getByRole("button", { name: "حفظ" }).click();
    await admin.getByTestId("one-time-password").waitFor();

    await admin.goto("/");
    await admin
      .locator('[data-step="division_account"][data-done="true"]')
      .waitFor();
    assert.deepEqual(
      (await steps(admin)).map(([, done]) => done),
      ["true", "false", "false", "false"],
    );
    // The associations' empty list says the division adds them.
    await admin.locator('[data-step="associations"] a').click();
    await admin.waitForURL(/\/associations$/);
    await admin
      .locator("#list td.empty", {
        hasText: "لا توجد سجلات بعد. يضيفها: قسم العمل الاجتماعي.",
      })
      .waitFor();
  });

  test("the division ticks associations and institutions: a code proposed, a namesake in the commune warned of — screenshot", async () => {
    env.addUser(
      "divi",
      "division",
      ["--territory", "MA-BOD"],
      "قسم العمل الاجتماعي",
    );
    division = await (await env.newContext()).newPage();
    await login(division, "divi");
    await division
      .locator('[data-step="associations"][data-done="false"]')
      .waitFor();
    assert.deepEqual(
      (await steps(division)).map(([, done]) => done),
      ["true", "false", "false", "false"],
    );
    assert.equal(
      await division
        .locator('[data-step="associations"] a')
        .getAttribute("href"),
      "/associations/new",
    );
    const province = (
      await apiCall(division, "GET", "/api/territories?level=province")
    ).body.items[0];
    const association = await apiCall(division, "POST", "/api/associations", {
      name_ar: "جمعية الخير بوجدور",
      territory_id: province.id,
    });
    assert.equal(association.status, 201, JSON.stringify(association.body));
    await division.reload();
    await division
      .locator('[data-step="associations"][data-done="true"]')
      .waitFor();

    const newInstitution = async (name) => {
      await division.goto("/institutions/new");
      await division
        .locator('#f-category option[value="dar_talib"]')
        .waitFor({ state: "attached" });
      await division.locator("#f-category").selectOption("dar_talib");
      await chooseOption(division, "#f-commune_id", "بوجدور (BOD-01)");
      await chooseOption(division, "#f-association_id", "جمعية الخير بوجدور");
      await division.locator("#f-name_ar").fill(name);
    };
    await newInstitution("دار الطالب بوجدور");
    await division.waitForFunction(
      () => document.querySelector("#f-code")?.value === "BOD-01-DAR-TALIB-01",
    );
    assert.match(
      await division.locator("#f-code-hint").innerText(),
      /رمز مقترح/,
    );
    assert.equal(await division.locator("#f-name_ar-warning").count(), 0);
    await division.getByRole("button", { name: "حفظ" }).click();
    await division.waitForURL(/\/institutions\/\d+$/);

    // Another spelling of the same name, in the same commune: warned of, and may still be saved.
    await newInstitution("دار الطالِب  بوجدور");
    await division.waitForFunction(
      () => document.querySelector("#f-code")?.value === "BOD-01-DAR-TALIB-02",
    );
    const warning = division.locator("#f-name_ar-warning");
    await warning.waitFor();
    assert.match(
      await textOf(warning),
      /مؤسسة باسم مطابق أو قريب: «دار الطالب بوجدور» \(BOD-01-DAR-TALIB-01\)/,
    );
    await division.locator("#f-name_ar").scrollIntoViewIfNeeded();
    await division.screenshot({
      path: join(artifacts, "first-run-namesake-ar.png"),
    });
    await division.getByRole("button", { name: "حفظ" }).click();
    await division.waitForURL(/\/institutions\/\d+$/);

    await division.goto("/");
    await division
      .locator('[data-step="institutions"][data-done="true"]')
      .waitFor();
    assert.deepEqual(
      (await steps(division)).map(([, done]) => done),
      ["true", "true", "true", "false"],
    );
    assert.equal(
      await division.locator('[data-step="campaigns"] a').getAttribute("href"),
      "/campaigns/new",
    );
    assert.match(
      await division.locator('[data-testid="first-run"] summary').innerText(),
      /بقيت خطوة واحدة/,
    );

    await apiCall(division, "POST", "/api/session/language", {
      language: "fr",
    });
    await division.reload();
    await division.waitForFunction(
      () => document.documentElement.lang === "fr",
    );
    assert.match(
      await division.locator('[data-testid="first-run"] summary').innerText(),
      /Reste 1 étape/,
    );
    await division.screenshot({
      path: join(artifacts, "first-run-division-fr-1280.png"),
    });
  });
});

describe(
  "First run on the demo, and the words of the Arabic screens",
  { concurrency: false },
  () => {
    let env;
    let division;
    before(async () => {
      env = await start();
      division = await (await env.newContext()).newPage();
      await login(division, "divi");
    });
    after(async () => {
      await env?.stop();
    });

    test("on the demo every step is ticked and the checklist folded", async () => {
      const admin = await (await env.newContext()).newPage();
      await login(admin, "admin");
      const list = admin.locator('[data-testid="first-run"]');
      await list.waitFor();
      assert.equal(await list.getAttribute("open"), null);
      assert.match(
        await list.locator("summary").innerText(),
        /أُنجزت كل الخطوات/,
      );
      assert.deepEqual(
        (await steps(admin)).map(([, done]) => done),
        ["true", "true", "true", "true"],
      );
      await admin.context().close();
    });

    test("«دار الطالب بوجدور» typed again in its commune is warned of; in French too — screenshot at 1280 px", async () => {
      await division.goto("/institutions/new");
      await chooseOption(division, "#f-commune_id", "بوجدور (BOD-01)");
      await division.locator("#f-name_ar").fill("دار الطالب بوجدور");
      const warning = division.locator("#f-name_ar-warning");
      await warning.waitFor();
      assert.match(
        await textOf(warning),
        /«دار الطالب بوجدور» \(DEMO-BOD-001\)/,
      );
      const phone = await (
        await env.newContext({ viewport: { width: 360, height: 780 } })
      ).newPage();
      await login(phone, "divi");
      await phone.goto("/institutions/new");
      await chooseOption(phone, "#f-commune_id", "بوجدور (BOD-01)");
      await phone.locator("#f-name_ar").fill("دار الطالب بوجدور");
      await phone.locator("#f-name_ar-warning").waitFor();
      // The code stays on one line at 360 px: not broken at its hyphens.
      const codeLines = await phone
        .locator("#f-name_ar-warning")
        .evaluate((element) => {
          const walker = document.createTreeWalker(
            element,
            NodeFilter.SHOW_TEXT,
          );
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf("DEMO");
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, node.data.indexOf("001", at) + 3);
            return new Set(
              [...range.getClientRects()].map((r) => Math.round(r.top)),
            ).size;
          }
          return 0;
        });
      assert.equal(codeLines, 1);
      await phone.locator("#f-name_ar").scrollIntoViewIfNeeded();
      await phone.screenshot({
        path: join(artifacts, "first-run-namesake-ar-360.png"),
      });
      await phone.context().close();
      // In another commune the same name is no one's namesake.
      await chooseOption(division, "#f-commune_id", "الجريفية");
      await warning.waitFor({ state: "detached" });

      env.addUser(
        "divi.fr",
        "division",
        ["--territory", "MA-BOD"],
        "Division de l’Action Sociale",
      );
      const french = await (await env.newContext()).newPage();
      await login(french, "divi.fr");
      await apiCall(french, "POST", "/api/session/language", {
        language: "fr",
      });
      await french.goto("/institutions/new");
      await french.waitForFunction(
        () => document.documentElement.lang === "fr",
      );
      await french
        .locator('#f-category option[value="dar_talib"]')
        .waitFor({ state: "attached" });
      await french.locator("#f-category").selectOption("dar_talib");
      await chooseOption(french, "#f-commune_id", "BOD-01");
      await french.locator("#f-name_ar").fill("دار الطالب بوجدور");
      await french.locator("#f-name_ar-warning").waitFor();
      assert.match(
        await textOf(french.locator("#f-name_ar-warning")),
        /dans cette commune\u202f: «دار الطالب بوجدور» \(DEMO-BOD-001\)/,
      );
      await french.waitForFunction(
        () =>
          document.querySelector("#f-code")?.value === "BOD-01-DAR-TALIB-01",
      );
      await french.screenshot({
        path: join(artifacts, "first-run-institution-fr-1280.png"),
      });
      await french.context().close();
    });

    test("a campaign's assessors are picked from a searchable list that shows each one's role — screenshot", async () => {
      const province = (
        await apiCall(division, "GET", "/api/territories?level=province")
      ).body.items[0];
      const grid = (await apiCall(division, "GET", "/api/grids")).body.items[0];
      const campaign = await apiCall(division, "POST", "/api/campaigns", {
        name_ar: "حملة اختيار المقيمين",
        grid_id: grid.id,
        territory_id: province.id,
        starts_on: "2021-03-01",
        status: "ongoing",
      });
      assert.equal(campaign.status, 201, JSON.stringify(campaign.body));
      await division.goto(`/campaigns/${campaign.body.id}`);
      const picker = division.locator("#add-assessors");
      await picker
        .locator("li", { hasText: "فريق الدراسة التشخيصية" })
        .waitFor();
      assert.match(
        await picker
          .locator("li", { hasText: "فريق الدراسة التشخيصية" })
          .innerText(),
        /عضو فريق التشخيص/,
      );
      assert.match(await picker.innerText(), /مندوبية التعاون الوطني/);
      await division.locator("#add-assessors-filter").fill("فريق التشخيص");
      await picker
        .locator("li", { hasText: "مندوبية التعاون الوطني (حساب تجريبي)" })
        .waitFor({ state: "detached" });
      assert.equal(await picker.getByRole("checkbox").count(), 1);
      await picker.getByRole("checkbox").first().check();
      await picker
        .locator('[role="status"]', { hasText: "اختير شخص واحد" })
        .waitFor();
      await picker.scrollIntoViewIfNeeded();
      await division.screenshot({
        path: join(artifacts, "first-run-assessors-ar.png"),
      });
      await chooseOption(division, "#add-institution", "دار الطالبة لمسيد");
      await division
        .locator('form.add-institution button[type="submit"]')
        .click();
      await division.getByText("أضيفت المؤسسة إلى الحملة.").waitFor();
      const listed = await apiCall(
        division,
        "GET",
        `/api/assessments?campaign_id=${campaign.body.id}`,
      );
      const assessment = await apiCall(
        division,
        "GET",
        `/api/assessments/${listed.body.items[0].id}`,
      );
      assert.deepEqual(
        assessment.body.assessors.map((a) => a.username),
        ["demo.assessor"],
      );
    });

    test("the Arabic grid gives its tags and law references in Arabic", async () => {
      await division.goto("/grids");
      await division
        .locator("#grids a", { hasText: "شبكة التشخيص الافتراضية" })
        .click();
      const d11 = division.locator('[id="criterion-D1.1"]');
      await d11.waitFor();
      const text = await d11.innerText();
      assert.match(text, /قانوني · القانون 65\.15/);
      assert.match(text, /حرج/);
      assert.doesNotMatch(text, /Loi|\bL\b/);
      assert.match(
        await division.locator('[id="criterion-D1.2"]').innerText(),
        /قانوني محتمل/,
      );
      assert.equal(await d11.locator("b").count(), 0);
    });

    test("a grant's source is said once, and raised shortcomings are described by their criterion and comment", async () => {
      const grants = (
        await apiCall(division, "GET", "/api/grants?page_size=50")
      ).body.items;
      const repeated = grants.find(
        (g) => g.source_name === "المبادرة الوطنية للتنمية البشرية",
      );
      await division.goto(`/grants/${repeated.id}`);
      const heading = division.locator("h1", {
        hasText: "المبادرة الوطنية للتنمية البشرية",
      });
      await heading.waitFor();
      const title = await heading.innerText();
      assert.equal(
        title.split("المبادرة الوطنية للتنمية البشرية").length - 1,
        1,
        title,
      );

      await division.goto("/shortcomings?q=" + encodeURIComponent("تشققات"));
      const row = division.locator("#list tbody tr", {
        hasText: "تشققات في سقف قاعة المراجعة",
      });
      await row.waitFor();
      const description = await row
        .locator('td[data-label="الوصف"]')
        .innerText();
      assert.match(description, / — تشققات في سقف قاعة المراجعة$/);
      await division.goto("/shortcomings");
      await division.locator("#list tbody tr").first().waitFor();
      const empty = await division
        .locator('#list td[data-label="الوصف"]')
        .evaluateAll(
          (cells) => cells.filter((c) => !c.textContent.trim()).length,
        );
      assert.equal(empty, 0);
    });
  },
);
