// End-to-end: DHIS2 interop (issue 17). In Arabic at 360 px the admin exports before anything is
// mapped and reads what is missing, maps the demo's province, the data set and two indicators,
// exports 2019 and gets DHIS2's dataValueSets JSON, whose values are the dashboard's. In French at
// 1280 px the division reads the mapping (not editable) and downloads the CSV form.
// Screenshots: Arabic at 360 px, French at 1280 px.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiCall, artifacts, login, start } from "./harness.mjs";

let env;

before(async () => {
  env = await start();
});

after(async () => {
  if (env) writeFileSync(join(artifacts, "server-dhis2.log"), env.log.join(""));
  await env?.stop();
});

/** Clicks the export button and answers the downloaded file's name and text. */
async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("dhis2-export").click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

describe("DHIS2", { concurrency: false }, () => {
  test("the admin maps the province and two indicators, and exports the JSON", async () => {
    const page = await (await env.newContext({ viewport: { width: 360, height: 780 } })).newPage();
    await login(page, "admin");
    await page.goto("/dhis2");
    await page.getByRole("heading", { name: "ربط المؤشرات بـ DHIS2 وتصديرها" }).waitFor();
    await page.locator("#dhis2-period").fill("2019");
    await page.locator("#dhis2-territory").selectOption({ label: "إقليم بوجدور — الإقليم" });

    // Nothing mapped: nothing is exported, and what is missing is listed.
    await page.getByTestId("dhis2-export").click();
    const missing = page.getByTestId("dhis2-missing");
    await missing.waitFor();
    const listed = await missing.innerText();
    assert.match(listed, /مجموعة البيانات/);
    assert.match(listed, /الوحدة التنظيمية في DHIS2 لـ إقليم بوجدور/);
    assert.match(listed, /مؤشر واحد مربوط على الأقل/);

    // A malformed UID is shown at its field and not sent.
    await page.locator("#dhis2-data-set").fill("1abc");
    await page.getByTestId("dhis2-save").click();
    await page.getByText("معرّف غير صالح: 11 حرفا").first().waitFor();
    assert.equal(await page.locator("#dhis2-data-set").getAttribute("aria-invalid"), "true");

    await page.locator("#dhis2-data-set").fill("RiayaDSet01");
    await page.locator('input[data-code="MA-BOD"]').fill("OuBojdr0001");
    await page.locator("#dhis2-institutions-data_element").fill("RiayaInst01");
    await page.locator("#dhis2-institutions-category_option_combo").fill("HllvX50cXC0");
    await page.locator("#dhis2-occupancy_rate-data_element").fill("RiayaOccu01");
    await page.locator("#dhis2-occupancy_rate-category_option_combo").fill("HllvX50cXC0");
    await page.getByTestId("dhis2-save").click();
    await page.getByText("تم حفظ الربط.").waitFor();

    // Arabic: right to left, nothing wider than the screen.
    assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width} px wide at 360 px`);
    await page.screenshot({ path: join(artifacts, "dhis2-ar-360.png"), fullPage: true });
    // The beneficiaries by school level and sex, each named by its level and sex.
    const byLevel = page.locator('fieldset[data-indicator="beneficiaries_primary_f"]');
    assert.match(await byLevel.locator("legend").innerText(), /المستفيدون \(الإناث، الابتدائي\)/);
    await byLevel.screenshot({ path: join(artifacts, "dhis2-by-level-ar-360.png") });

    const file = await exported(page);
    assert.match(file.name, /^dhis2-2019-OuBojdr0001\.json$/);
    const set = JSON.parse(file.text);
    assert.deepEqual(Object.keys(set).sort(), ["dataSet", "dataValues", "orgUnit", "period"]);
    assert.equal(set.dataSet, "RiayaDSet01");
    assert.equal(set.period, "2019");
    assert.equal(set.orgUnit, "OuBojdr0001");
    assert.deepEqual(
      set.dataValues.map((v) => v.dataElement),
      ["RiayaInst01", "RiayaOccu01"],
    );
    for (const value of set.dataValues) {
      assert.deepEqual(Object.keys(value).sort(), ["categoryOptionCombo", "dataElement", "orgUnit", "period", "value"]);
      assert.equal(value.categoryOptionCombo, "HllvX50cXC0");
      assert.equal(value.orgUnit, "OuBojdr0001");
      assert.equal(value.period, "2019");
    }
    // The dashboard's own figures for the same territory and year.
    const territories = await apiCall(page, "GET", "/api/dhis2/mapping");
    const province = territories.body.territories.find((t) => t.code === "MA-BOD").id;
    const dashboard = await apiCall(page, "GET", `/api/dashboard?territory_id=${province}&year=2019`);
    assert.equal(set.dataValues[0].value, String(dashboard.body.totals.institutions));
    assert.equal(set.dataValues[1].value, (Math.round(dashboard.body.occupancy.rate * 1000) / 10).toFixed(1));
    await page.getByText(/تم تنزيل الملف dhis2-2019-OuBojdr0001\.json: 2 قيمة/).waitFor();
  });

  test("in French at 1280 px, the division reads the mapping and downloads the CSV", async () => {
    const page = await (await env.newContext()).newPage();
    await login(page, "divi");
    await page.getByRole("button", { name: "Français" }).click();
    await page.getByRole("link", { name: "Export DHIS2" }).click();
    await page.waitForURL(/\/dhis2$/);
    await page.getByRole("heading", { name: "Correspondance et export DHIS2" }).waitFor();
    await page.getByText("Seul l’administrateur modifie cette correspondance.").waitFor();
    assert.equal(await page.locator('input[data-code="MA-BOD"]').inputValue(), "OuBojdr0001");
    assert.equal(await page.locator('input[data-code="MA-BOD"]').isDisabled(), true);
    assert.equal(await page.getByTestId("dhis2-save").count(), 0);
    await page.locator("#dhis2-period").fill("2019");
    await page.locator("#dhis2-format").selectOption("csv");
    await page.screenshot({ path: join(artifacts, "dhis2-fr-1280.png"), fullPage: true });
    const file = await exported(page);
    assert.equal(file.name, "dhis2-2019-OuBojdr0001.csv");
    const lines = file.text.trim().split("\r\n");
    assert.equal(lines[0], "dataelement,period,orgunit,catoptcombo,attroptcombo,value");
    assert.equal(lines.length, 3);
    assert.match(lines[1], /^RiayaInst01,2019,OuBojdr0001,HllvX50cXC0,,\d+$/);
    assert.match(lines[2], /^RiayaOccu01,2019,OuBojdr0001,HllvX50cXC0,,\d+\.\d$/);
  });
});
