// End-to-end, in Arabic: the performance record. An association fills a month of statistics
// for its Dar Taliba, confirms the over-capacity warning once, and the division reads the
// institution's occupancy on its page. Screenshots: Arabic at 360 px, French at 1280 px.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiCall, artifacts, login, start } from "./harness.mjs";

let env;
let association;
let division;
let institution;

before(async () => {
  // From the registry only: no statistics before this spec types them.
  env = await start({ story: false });
  association = await (
    await env.newContext({ viewport: { width: 360, height: 780 } })
  ).newPage();
  division = await (await env.newContext()).newPage();
});

after(async () => {
  if (env)
    writeFileSync(join(artifacts, "server-statistics.log"), env.log.join(""));
  await env?.stop();
});

describe("Monthly statistics and occupancy", { concurrency: false }, () => {
  test("an association fills March 2019 for its Dar Taliba, confirming the over-capacity warning", async () => {
    const page = association;
    await login(page, "assoc1");
    const found = await apiCall(
      page,
      "GET",
      "/api/institutions?q=DEMO-BOD-002",
    );
    institution = found.body.items[0];
    assert.equal(institution.capacity, 100);
    await page.goto(`/institutions/${institution.id}`);
    await page.getByRole("link", { name: "الإحصائيات الشهرية" }).click();
    await page.waitForURL(/\/institutions\/\d+\/statistics/);
    await page.getByTestId("month").fill("2019-03");
    await page.getByTestId("month").dispatchEvent("change");
    await page.waitForURL(/month=2019-03/);
    await page.getByText("لم تُدخل إحصائيات هذا الشهر بعد.").waitFor();

    // 90 girls and 70 boys in primary school: 160, over 1.5 × 100.
    await page.locator('input[name="present_primary_f"]').fill("90");
    await page.locator('input[name="present_primary_m"]').fill("70");
    await page.locator('input[name="present_college_f"]').fill("0");
    await page.locator('input[name="admissions_f"]').fill("3");
    await page.locator('input[name="exits_dropout_m"]').fill("1");
    assert.match(await page.getByTestId("total").innerText(), /160/);
    await page.getByRole("button", { name: "حفظ" }).click();
    const warning = page.locator(".alert-warning");
    await warning.waitFor();
    assert.match(await warning.innerText(), /مرة ونصف الطاقة الاستيعابية/);
    assert.match(await warning.innerText(), /تأكيد تجاوز الطاقة الاستيعابية/);
    await page.screenshot({
      path: join(artifacts, "statistics-warning-ar-360.png"),
      fullPage: true,
    });
    await page.getByRole("button", { name: "أؤكد الأرقام وأحفظ" }).click();
    await page.locator(".alert-success").waitFor();
    const stored = await apiCall(
      page,
      "GET",
      `/api/monthly_statistics?institution_id=${institution.id}&month=2019-03`,
    );
    assert.equal(stored.body.total, 1);
    assert.equal(stored.body.items[0].present_total, 160);
    assert.equal(stored.body.items[0].capacity_confirmed, 1);
    assert.equal(stored.body.items[0].exits_dropout_m, 1);
    await page
      .locator("#months tbody tr", { hasText: "2019" })
      .first()
      .waitFor();
    await page.screenshot({
      path: join(artifacts, "statistics-ar-360.png"),
      fullPage: true,
    });

    // April starts from March's figures.
    await page.goto(`/institutions/${institution.id}/statistics?month=2019-04`);
    await page
      .getByRole("button", { name: "الانطلاق من أرقام الشهر السابق" })
      .click();
    // The figures arrive with the previous month's record, then the page says so.
    await page.getByText("نُقل عدد الحاضرين من").waitFor();
    assert.equal(
      await page.locator('input[name="present_primary_f"]').inputValue(),
      "90",
    );
    assert.equal(
      await page.locator('input[name="admissions_f"]').inputValue(),
      "",
    );
  });

  test("the division sees the occupancy on the institution page", async () => {
    const page = division;
    await login(page, "divi");
    await page.goto(`/institutions/${institution.id}`);
    const occupancy = page.getByTestId("occupancy");
    await occupancy.waitFor();
    // 160 present for 100 places.
    assert.match(await occupancy.innerText(), /160/);
    assert.match(
      await page.locator("section", { hasText: "حصيلة الأداء" }).innerText(),
      /2018–2019/,
    );
    await page.screenshot({
      path: join(artifacts, "institution-record-ar.png"),
      fullPage: true,
    });
  });

  test("the same pages in French at 1280 px — screenshots", async () => {
    const page = division;
    await apiCall(page, "POST", "/api/session/language", { language: "fr" });
    await page.goto(`/institutions/${institution.id}`);
    await page.getByTestId("occupancy").waitFor();
    assert.match(
      await page.getByTestId("occupancy").innerText(),
      /Taux d’occupation/,
    );
    await page.screenshot({
      path: join(artifacts, "institution-record-fr-1280.png"),
      fullPage: true,
    });
    await page.goto(`/institutions/${institution.id}/statistics?month=2019-03`);
    await page.locator('input[name="present_primary_f"]').waitFor();
    await page.screenshot({
      path: join(artifacts, "statistics-fr-1280.png"),
      fullPage: true,
    });
    await page.goto("/");
    await page.getByTestId("unreported").waitFor();
    await page.screenshot({
      path: join(artifacts, "home-unreported-fr-1280.png"),
      fullPage: true,
    });
  });
});
