// Equipment: the catalogue, each institution's inventory and needs, and the consolidated
// needs with their XLSX and CSV exports, on both backends; scope and roles as access.cpp says.
#include "io/xlsx_reader.hpp"
#include "suite.hpp"

#include <cmath>
#include <set>
#include <string>
#include <tuple>

namespace riaya::test {
namespace {

class Equipment : public ApiTest {
 protected:
  static std::string id_of(const Reply& reply) { return std::to_string(reply.data()["id"].get<long long>()); }

  static long long item(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM equipment_items WHERE code = :c").bind("c", code).scalar(s);
    });
  }

  static long long institution_id(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM institutions WHERE code = :c").bind("c", code).scalar(s);
    });
  }

  // A new national catalogue item (the admin's, so that every province may use it); answers its id.
  static long long new_item(const std::string& code, const std::string& name_ar, const std::string& name_fr,
                            const std::string& unit, const std::string& category) {
    auto created = as("admin").post(
        "/api/equipment_items",
        {{"code", code}, {"name_ar", name_ar}, {"name_fr", name_fr}, {"unit", unit}, {"category", category}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.data().value("id", 0LL);
  }

  static json need(long long institution, long long item_id, long long quantity, long long unit_cost,
                   const std::string& priority = "medium", const std::string& status = "open") {
    return {{"institution_id", institution},   {"item_id", item_id},   {"quantity", quantity},
            {"unit_cost_centimes", unit_cost}, {"priority", priority}, {"status", status}};
  }

  // The row of `code` in a consolidated list; null when absent.
  static json row(const json& list, const std::string& code) {
    for (const auto& r : list["items"])
      if (r["item_code"] == code) return r;
    return nullptr;
  }

  // Refuses `body` on POST `target`: status, code, field, and nothing written.
  static void expect_refused(Client& client, const std::string& target, const json& body, int status,
                             const std::string& code, const std::string& field) {
    const auto inventory = count("equipment_inventory"), needs = count("equipment_needs"), audit = count("audit_log");
    auto reply = client.post(target, body);
    EXPECT_EQ(reply.status, status) << body.dump() << " " << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], code) << reply.body;
    EXPECT_EQ(reply.data()["error"]["field"], field) << reply.body;
    EXPECT_EQ(count("equipment_inventory"), inventory);
    EXPECT_EQ(count("equipment_needs"), needs);
    EXPECT_EQ(count("audit_log"), audit);
  }
};

TEST_F(Equipment, TheCatalogueShipsWithTheReferenceDataAndTheDivisionKeepsIt) {
  auto viewer = as("viewer");
  const auto catalogue = viewer.get("/api/equipment_items?page_size=200").data();
  EXPECT_GE(catalogue["total"].get<long long>(), 30);
  const auto beds = viewer.get("/api/equipment_items?q=BED-SINGLE").data()["items"][0];
  EXPECT_EQ(beds["name_ar"], "سرير فردي");
  EXPECT_EQ(beds["name_fr"], "Lit individuel");
  EXPECT_EQ(beds["category"], "bedding");
  EXPECT_EQ(viewer.get("/api/equipment_items?category=computing").data()["total"], 4);

  auto division = as("division");
  auto created = division.post("/api/equipment_items", {{"code", "T-EQ-CAT"},
                                                        {"name_ar", "خيمة"},
                                                        {"name_fr", "Tente"},
                                                        {"unit", "piece"},
                                                        {"category", "sports_leisure"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto changed = created.data();
  changed["unit"] = "set";
  EXPECT_EQ(division.put("/api/equipment_items/" + id_of(created), changed).data()["unit"], "set");
  EXPECT_EQ(as("admin")
                .post("/api/equipment_items",
                      {{"code", "T-EQ-ADM"}, {"name_ar", "مظلة"}, {"unit", "piece"}, {"category", "other"}})
                .status,
            201);
  for (const char* role : {"delegation", "assessor", "association", "viewer"})
    EXPECT_EQ(as(role)
                  .post("/api/equipment_items",
                        {{"code", "T-EQ-NO"}, {"name_ar", "x"}, {"unit", "piece"}, {"category", "other"}})
                  .status,
              403)
        << role;
  auto duplicate = division.post(
      "/api/equipment_items", {{"code", "BED-SINGLE"}, {"name_ar", "x"}, {"unit", "piece"}, {"category", "bedding"}});
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.data()["error"]["field"], "code");
  auto unit = division.post("/api/equipment_items",
                            {{"code", "T-EQ-U"}, {"name_ar", "x"}, {"unit", "gallon"}, {"category", "other"}});
  EXPECT_EQ(unit.status, 422);
  EXPECT_EQ(unit.data()["error"]["field"], "unit");
}

TEST_F(Equipment, AnAssociationKeepsTheInventoryOfItsOwnInstitutionsOnly) {
  auto association = as("association");
  const json line = {{"institution_id", 1},
                     {"item_id", item("CHAIR")},
                     {"quantity", 12},
                     {"condition", "worn"},
                     {"note", "كراسي قاعة المراجعة"}};
  auto created = association.post("/api/equipment_inventory", line);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.data()["item_code"], "CHAIR");
  EXPECT_EQ(created.data()["item_name_ar"], "كرسي");
  EXPECT_EQ(created.data()["institution_name_ar"], "دار الطالب بوجدور");

  // Another association's institution is out of reach: refused, nothing written.
  expect_refused(association, "/api/equipment_inventory", with(line, {{"institution_id", 3}}), 422, "invalid_reference",
                 "institution_id");
  const auto theirs = as("division").post("/api/equipment_inventory", with(line, {{"institution_id", 3}}));
  ASSERT_EQ(theirs.status, 201);
  EXPECT_EQ(association.get("/api/equipment_inventory/" + id_of(theirs)).status, 404);
  EXPECT_EQ(association.put("/api/equipment_inventory/" + id_of(theirs), theirs.data()).status, 404);
  EXPECT_EQ(association.post("/api/equipment_inventory/" + id_of(theirs) + "/archive", {{"version", 1}}).status, 404);
  const auto visible = association.get("/api/equipment_inventory?page_size=200").data();
  ASSERT_FALSE(visible["items"].empty());
  for (const auto& item : visible["items"])
    EXPECT_TRUE(item["institution_id"] == 1 || item["institution_id"] == 2) << item.dump();

  // Edits carry the version read; a stale one is a conflict.
  auto edited = created.data();
  edited["quantity"] = 0;  // none left
  auto saved = association.put("/api/equipment_inventory/" + id_of(created), edited);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.data()["quantity"], 0);
  auto stale = association.put("/api/equipment_inventory/" + id_of(created), edited);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.data()["error"]["current"]["version"], 2);
  const auto audit = as("division").get("/api/audit?entity=equipment_inventory&entity_id=" + id_of(created)).data();
  ASSERT_EQ(audit["total"], 2);
  EXPECT_EQ(audit["items"][0]["before"]["quantity"], 12);
  EXPECT_EQ(audit["items"][0]["after"]["quantity"], 0);
}

TEST_F(Equipment, BadInventoryAndNeedsAreRefusedNamingTheFieldInTheCallersLanguage) {
  auto division = as("division");
  const json line = {{"institution_id", 1}, {"item_id", item("TABLE")}, {"quantity", 3}, {"condition", "good"}};
  expect_refused(division, "/api/equipment_inventory", with(line, {{"quantity", -1}}), 422, "out_of_range", "quantity");
  expect_refused(division, "/api/equipment_inventory", with(line, {{"quantity", "ten"}}), 422, "wrong_type",
                 "quantity");
  expect_refused(division, "/api/equipment_inventory", with(line, {{"quantity", 1000001}}), 422, "out_of_range",
                 "quantity");
  expect_refused(division, "/api/equipment_inventory", with(line, {{"item_id", 999999}}), 422, "invalid_reference",
                 "item_id");
  expect_refused(division, "/api/equipment_inventory", with(line, {{"condition", "new"}}), 422, "invalid_value",
                 "condition");
  expect_refused(division, "/api/equipment_inventory", with(line, {{"colour", "red"}}), 422, "unknown_field", "colour");

  const auto table = item("TABLE");
  expect_refused(division, "/api/equipment_needs", need(1, table, 0, 100), 422, "out_of_range", "quantity");
  expect_refused(division, "/api/equipment_needs", need(1, table, -4, 100), 422, "out_of_range", "quantity");
  expect_refused(division, "/api/equipment_needs", need(1, table, 4, -100), 422, "out_of_range", "unit_cost_centimes");
  expect_refused(division, "/api/equipment_needs", with(need(1, table, 4, 100), {{"unit_cost_centimes", 12.5}}), 422,
                 "wrong_type", "unit_cost_centimes");
  // 1,001 tables at 1,000,000 MAD each: over 1,000,000,000 MAD for one line.
  expect_refused(division, "/api/equipment_needs", need(1, table, 1001, 100'000'000), 422, "out_of_range",
                 "unit_cost_centimes");
  expect_refused(division, "/api/equipment_needs", with(need(1, table, 4, 100), {{"priority", "urgent"}}), 422,
                 "invalid_value", "priority");
  expect_refused(division, "/api/equipment_needs", need(1, 999999, 4, 100), 422, "invalid_reference", "item_id");
  expect_refused(division, "/api/equipment_needs", need(institution_id("OTHER-001"), table, 4, 100), 422,
                 "invalid_reference", "institution_id");
  auto missing = need(1, table, 4, 100);
  missing.erase("item_id");
  expect_refused(division, "/api/equipment_needs", missing, 422, "required", "item_id");
  // An archived catalogue item takes no new line.
  const auto old = new_item("T-EQ-OLD", "قديم", "Ancien", "piece", "other");
  ASSERT_EQ(as("admin").post("/api/equipment_items/" + std::to_string(old) + "/archive", {{"version", 1}}).status, 200);
  expect_refused(division, "/api/equipment_needs", need(1, old, 4, 100), 422, "invalid_reference", "item_id");

  division.post("/api/session/language", {{"language", "fr"}});
  EXPECT_EQ(division.post("/api/equipment_needs", need(1, table, 0, 100)).data()["error"]["message"],
            "La valeur du champ « quantité » est hors de l'intervalle autorisé.");
  division.post("/api/session/language", {{"language", "ar"}});
  EXPECT_EQ(division.post("/api/equipment_needs", need(1, table, 4, -1)).data()["error"]["message"],
            "القيمة في الحقل «الكلفة الأحادية» خارج المجال المسموح به.");
  division.post("/api/session/language", {{"language", "en"}});
}

TEST_F(Equipment, RolesAndScopeOnNeeds) {
  auto division = as("division");
  const auto chair = item("CHAIR");
  auto theirs = division.post("/api/equipment_needs", need(3, chair, 5, 30000));  // association 2's institution
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  auto association = as("association");
  EXPECT_EQ(association.get("/api/equipment_needs/" + id_of(theirs)).status, 404);
  auto changed = theirs.data();
  changed["quantity"] = 50;
  EXPECT_EQ(association.put("/api/equipment_needs/" + id_of(theirs), changed).status, 404);
  EXPECT_EQ(association.post("/api/equipment_needs/" + id_of(theirs) + "/archive", {{"version", 1}}).status, 404);
  expect_refused(association, "/api/equipment_needs", need(3, chair, 5, 30000), 422, "invalid_reference",
                 "institution_id");
  EXPECT_EQ(division.get("/api/equipment_needs/" + id_of(theirs)).data()["quantity"], 5);
  auto own = association.post("/api/equipment_needs", need(2, chair, 5, 30000, "low"));
  EXPECT_EQ(own.status, 201) << own.body;
  const auto visible = association.get("/api/equipment_needs?page_size=200").data();
  ASSERT_FALSE(visible["items"].empty());
  for (const auto& line : visible["items"])
    EXPECT_TRUE(line["institution_id"] == 1 || line["institution_id"] == 2) << line.dump();

  for (const char* role : {"delegation", "assessor"}) {
    auto reader = as(role);
    EXPECT_EQ(reader.get("/api/equipment_needs/" + id_of(theirs)).status, 200) << role;
    EXPECT_EQ(reader.post("/api/equipment_needs", need(1, chair, 1, 1)).status, 403) << role;
    EXPECT_EQ(reader.put("/api/equipment_needs/" + id_of(theirs), changed).status, 403) << role;
  }
  auto viewer = as("viewer");
  EXPECT_EQ(viewer.get("/api/equipment_needs").status, 403);
  EXPECT_EQ(viewer.get("/api/equipment_inventory").status, 403);
  EXPECT_EQ(viewer.get("/api/consolidated_needs").status, 200);
  auto other = as("division_other");
  EXPECT_EQ(other.get("/api/equipment_needs/" + id_of(theirs)).status, 404);
  EXPECT_EQ(other.get("/api/equipment_needs").data()["total"], 0);
}

TEST_F(Equipment, TheConsolidatedListSumsTheNeedsInScopeByItem) {
  auto division = as("division");
  auto other = as("division_other");
  const auto kit = new_item("T-EQ-KIT", "حقيبة الاختبار", "Kit d'essai", "set", "other");
  std::vector<long long> ids;
  for (const auto& body : {need(1, kit, 10, 125050, "high"), need(3, kit, 4, 89999, "medium", "planned"),
                           need(2, kit, 1, 100, "low", "met")}) {
    auto created = division.post("/api/equipment_needs", body);
    ASSERT_EQ(created.status, 201) << created.body;
    ids.push_back(created.data()["id"].get<long long>());
  }
  auto archived = division.post("/api/equipment_needs", need(4, kit, 2, 5000));
  ASSERT_EQ(division.post("/api/equipment_needs/" + id_of(archived) + "/archive", {{"version", 1}}).status, 200);
  ASSERT_EQ(other.post("/api/equipment_needs", need(institution_id("OTHER-001"), kit, 7, 100000)).status, 201);

  // By hand: 10 × 1,250.50 + 4 × 899.99 = 12,505.00 + 3,599.96 = 16,104.96 MAD; the met need,
  // the archived one and the other province's are left out.
  const auto list = division.get("/api/consolidated_needs").data();
  const auto mine = row(list, "T-EQ-KIT");
  ASSERT_FALSE(mine.is_null()) << list.dump();
  EXPECT_EQ(mine["quantity"], 14);
  EXPECT_EQ(mine["total_centimes"], 1'610'496);
  EXPECT_EQ(mine["institutions"], 2);
  EXPECT_EQ(mine["lines"], 2);
  EXPECT_EQ(mine["need_ids"], json({ids[0], ids[1]}));
  EXPECT_EQ(mine["item_name_fr"], "Kit d'essai");
  EXPECT_EQ(mine["item_unit"], "set");

  // The totals agree with the lines the generic list gives, summed here.
  long long total = 0, lines = 0;
  std::set<long long> institutions;
  const auto every_line = division.get("/api/equipment_needs?page_size=200").data();
  ASSERT_LT(every_line["total"].get<long long>(), 200);
  for (const auto& line : every_line["items"]) {
    if (line["status"] == "met") continue;
    total += line["quantity"].get<long long>() * line["unit_cost_centimes"].get<long long>();
    ++lines;
    institutions.insert(line["institution_id"].get<long long>());
  }
  EXPECT_EQ(list["totals"]["total_centimes"], total);
  EXPECT_EQ(list["totals"]["lines"], lines);
  EXPECT_EQ(list["totals"]["institutions"], static_cast<long long>(institutions.size()));

  // Filters.
  EXPECT_EQ(row(division.get("/api/consolidated_needs?status=met").data(), "T-EQ-KIT")["total_centimes"], 100);
  EXPECT_EQ(row(division.get("/api/consolidated_needs?priority=high").data(), "T-EQ-KIT")["quantity"], 10);
  EXPECT_EQ(row(division.get("/api/consolidated_needs?category=other").data(), "T-EQ-KIT")["quantity"], 14);
  EXPECT_TRUE(row(division.get("/api/consolidated_needs?category=bedding").data(), "T-EQ-KIT").is_null());
  const auto jrifia = server().db().read(
      [](soci::session& s) { return store::Query("SELECT id FROM territories WHERE code = 'BOD-02'").scalar(s); });
  EXPECT_TRUE(
      row(division.get("/api/consolidated_needs?territory_id=" + std::to_string(jrifia)).data(), "T-EQ-KIT").is_null());
  for (const std::string query :
       {"status=closed", "priority=urgent", "category=toys", "territory_id=x", "format=csv", "page=2"}) {
    auto reply = division.get("/api/consolidated_needs?" + query);
    EXPECT_EQ(reply.status, 400) << query;
    EXPECT_EQ(reply.data()["error"]["field"], query.substr(0, query.find('='))) << query;
  }

  // Each caller's scope: the association sees its institution 1 only, the other province its own line.
  EXPECT_EQ(row(as("association").get("/api/consolidated_needs").data(), "T-EQ-KIT")["total_centimes"], 1'250'500);
  const auto theirs = row(other.get("/api/consolidated_needs").data(), "T-EQ-KIT");
  EXPECT_EQ(theirs["quantity"], 7);
  EXPECT_EQ(theirs["total_centimes"], 700'000);
  EXPECT_EQ(other.get("/api/consolidated_needs").data()["items"].size(), 1u);
  // The viewer reads the same sums, and there is no person's name in them.
  const auto seen = as("viewer").get("/api/consolidated_needs").data();
  EXPECT_EQ(row(seen, "T-EQ-KIT"), mine);
  EXPECT_EQ(seen["totals"], list["totals"]);
}

TEST_F(Equipment, TheConsolidatedListExportsToXlsxAndCsvInTheCallersLanguage) {
  auto division = as("division");
  const auto bed = new_item("T-EQ-XL", "سرير الاختبار", "Lit d'essai", "piece", "bedding");
  ASSERT_EQ(division.post("/api/equipment_needs", need(1, bed, 3, 150000)).status, 201);
  ASSERT_EQ(division.post("/api/equipment_needs", need(6, bed, 2, 99)).status, 201);
  const auto list = division.get("/api/consolidated_needs").data();

  division.post("/api/session/language", {{"language", "ar"}});
  auto xlsx = division.get("/api/consolidated_needs/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(xlsx.headers["content-disposition"].find("consolidated-needs-"), std::string::npos);
  const auto workbook = io::read_xlsx(xlsx.body);
  ASSERT_TRUE(workbook);
  const auto& sheet = workbook->sheets.at(0);
  EXPECT_EQ(sheet.name, "الحاجيات الموحدة من التجهيزات");
  EXPECT_EQ(sheet.rows.at(0), (std::vector<std::string>{"الرمز", "التجهيز", "الصنف", "الوحدة", "الكمية", "عدد المؤسسات",
                                                        "الكلفة الإجمالية (درهم)"}));
  ASSERT_EQ(sheet.rows.size(), list["items"].size() + 2);  // labels, items, totals
  bool found = false;
  for (const auto& cells : sheet.rows)
    if (!cells.empty() && cells[0] == "T-EQ-XL") {
      found = true;
      // 3 × 1,500.00 + 2 × 0.99 = 4,501.98 MAD
      EXPECT_EQ(cells, (std::vector<std::string>{"T-EQ-XL", "سرير الاختبار", "الأفرشة والأغطية", "قطعة", "5", "2",
                                                 "4501.98"}));
    }
  EXPECT_TRUE(found);
  const auto& totals = sheet.rows.back();
  EXPECT_EQ(totals.at(0), "المجموع");
  const auto total = list["totals"]["total_centimes"].get<long long>();
  EXPECT_EQ(std::llround(std::stod(totals.at(6)) * 100), total);
  EXPECT_EQ(totals.at(5), std::to_string(list["totals"]["institutions"].get<long long>()));

  division.post("/api/session/language", {{"language", "fr"}});
  auto csv = division.get("/api/consolidated_needs/export?format=csv&category=bedding");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_TRUE(
      csv.body.starts_with("\xEF\xBB\xBF"
                           "code,article,catégorie,unité,quantité,nombre d'établissements,coût total (MAD)\r\n"))
      << csv.body;
  EXPECT_NE(csv.body.find("\r\nT-EQ-XL,Lit d'essai,literie,pièce,5,2,4501.98\r\n"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find("SCHOOL-KIT"), std::string::npos);  // not bedding
  EXPECT_NE(csv.body.find("\r\ntotal,,,,,"), std::string::npos);
  division.post("/api/session/language", {{"language", "en"}});

  EXPECT_EQ(division.get("/api/consolidated_needs/export?format=pdf").status, 400);
  // lang= chooses the labels whatever the interface's language (English here).
  EXPECT_TRUE(division.get("/api/consolidated_needs/export?format=csv&lang=fr")
                  .body.starts_with("\xEF\xBB\xBF"
                                    "code,article,"));
  const auto bad_lang = division.get("/api/consolidated_needs/export?lang=xx");
  EXPECT_EQ(bad_lang.status, 400);
  EXPECT_EQ(bad_lang.data()["error"]["field"], "lang");
  auto viewer = as("viewer").get("/api/consolidated_needs/export?format=csv");
  EXPECT_EQ(viewer.status, 200);
  EXPECT_NE(viewer.body.find("T-EQ-XL"), std::string::npos);
  EXPECT_EQ(as("division_other").get("/api/consolidated_needs/export?format=csv").body.find("T-EQ-XL"),
            std::string::npos);
}

TEST_F(Equipment, OpenNeedsBecomeAnEquipmentActionThatTheyFollow) {
  auto division = as("division");
  const auto bunk = new_item("T-EQ-BUNK", "سرير بطابقين", "Lit superposé", "piece", "bedding");
  const auto mat = new_item("T-EQ-MAT", "فراش الاختبار", "Matelas d'essai", "piece", "bedding");
  std::vector<long long> ids;  // 0, 1: bunk beds of institutions 1 and 3; 2, 3: mattresses of 1, a bunk bed of 2
  for (const auto& body :
       {need(1, bunk, 10, 150000, "high"), need(3, bunk, 6, 140000), need(1, mat, 10, 40000), need(2, bunk, 1, 100)}) {
    auto created = division.post("/api/equipment_needs", body);
    ASSERT_EQ(created.status, 201) << created.body;
    ids.push_back(created.data()["id"].get<long long>());
  }
  auto plan = division.post("/api/programmes", {{"name_ar", "برنامج التجهيز 2019-2020"},
                                                {"territory_id", 3},
                                                {"starts_on", "2019-05-01"},
                                                {"status", "active"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  const auto target = "/api/programmes/" + id_of(plan) + "/actions-from-needs";
  EXPECT_EQ(row(division.get("/api/consolidated_needs").data(), "T-EQ-BUNK")["open_need_ids"],
            json({ids[0], ids[1], ids[3]}));

  // One province-wide action for the bunk beds of two institutions, costed from the needs.
  auto made = division.post(target, {{"need_ids", {ids[0], ids[1]}}, {"due_on", "2020-06-30"}});
  ASSERT_EQ(made.status, 201) << made.body;
  ASSERT_EQ(made.data()["items"].size(), 1u);
  const auto action = made.data()["items"][0];
  EXPECT_TRUE(action["institution_id"].is_null());
  EXPECT_EQ(action["category"], "equipment");
  EXPECT_EQ(action["title_ar"], "اقتناء سرير بطابقين (16)");
  EXPECT_EQ(action["title_fr"], "Acquisition : Lit superposé (16)");
  EXPECT_EQ(action["estimated_cost_centimes"], 10 * 150000 + 6 * 140000);  // 23,400.00 MAD
  EXPECT_EQ(action["due_on"], "2020-06-30");
  EXPECT_EQ(action["status"], "planned");
  EXPECT_EQ(action["needs"], 2);
  const auto action_path = "/api/actions/" + action["id"].dump();
  EXPECT_EQ(division.get(action_path).data()["needs"], 2);
  for (const auto id : {ids[0], ids[1]}) {
    const auto planned = division.get("/api/equipment_needs/" + std::to_string(id)).data();
    EXPECT_EQ(planned["status"], "planned");
    EXPECT_EQ(planned["action_id"], action["id"]);
    EXPECT_EQ(planned["action_title_ar"], action["title_ar"]);
  }
  EXPECT_EQ(division.get("/api/equipment_needs?action_id=" + action["id"].dump()).data()["total"], 2);
  const auto bunks = row(division.get("/api/consolidated_needs").data(), "T-EQ-BUNK");
  EXPECT_EQ(bunks["need_ids"], json({ids[0], ids[1], ids[3]}));  // planned needs are still needs until met
  EXPECT_EQ(bunks["open_need_ids"], json({ids[3]}));

  // One action per institution: the mattresses of institution 1, the bunk bed of institution 2.
  auto split = division.post(target, {{"need_ids", {ids[2], ids[3]}}, {"grouping", "per_institution"}});
  ASSERT_EQ(split.status, 201) << split.body;
  ASSERT_EQ(split.data()["items"].size(), 2u);
  const auto first = split.data()["items"][0], second = split.data()["items"][1];
  EXPECT_EQ(first["institution_id"], 1);
  EXPECT_EQ(first["title_ar"], "اقتناء فراش الاختبار (10)");
  EXPECT_EQ(first["estimated_cost_centimes"], 400000);
  EXPECT_EQ(second["institution_id"], 2);
  EXPECT_EQ(second["estimated_cost_centimes"], 100);

  // Bad input names the field, in the caller's language, and writes nothing: not even the
  // first need of a list whose second is refused.
  auto spare = division.post("/api/equipment_needs", need(1, mat, 2, 40000));
  const auto spare_id = spare.data()["id"].get<long long>();
  auto others = as("division_other");
  auto theirs = others.post("/api/equipment_needs", need(institution_id("OTHER-001"), mat, 1, 100));
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  division.post("/api/session/language", {{"language", "fr"}});
  for (const auto& [body, status, code, field] : std::vector<std::tuple<json, int, std::string, std::string>>{
           {{{"need_ids", {ids[0]}}}, 409, "invalid_state", "need_ids[0]"},
           {{{"need_ids", {spare_id, ids[1]}}}, 409, "invalid_state", "need_ids[1]"},
           {{{"need_ids", json::array()}}, 422, "required", "need_ids"},
           {{{"grouping", "single"}}, 422, "required", "need_ids"},
           {{{"need_ids", {spare_id, spare_id}}}, 409, "duplicate", "need_ids[1]"},
           {{{"need_ids", {"x"}}}, 422, "wrong_type", "need_ids[0]"},
           {{{"need_ids", {spare_id}}, {"grouping", "by_item"}}, 422, "invalid_value", "grouping"},
           {{{"need_ids", {spare_id}}, {"due_on", "2020-02-30"}}, 422, "invalid_date", "due_on"},
           {{{"need_ids", {theirs.data()["id"]}}}, 422, "invalid_reference", "need_ids[0]"},
           {{{"need_ids", {999999}}}, 422, "invalid_reference", "need_ids[0]"},
           {{{"need_ids", {spare_id}}, {"cost", 1}}, 422, "unknown_field", "cost"}}) {
    const auto actions = count("actions"), audit = count("audit_log");
    auto reply = division.post(target, body);
    EXPECT_EQ(reply.status, status) << body.dump() << " " << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], code) << reply.body;
    EXPECT_EQ(reply.data()["error"]["field"], field) << reply.body;
    EXPECT_EQ(count("actions"), actions);
    EXPECT_EQ(count("audit_log"), audit);
  }
  auto named = division.post(target, {{"need_ids", {spare_id, ids[1]}}});
  EXPECT_NE(named.data()["error"]["message"].get<std::string>().find("besoins en équipement (2)"), std::string::npos)
      << named.body;
  division.post("/api/session/language", {{"language", "en"}});
  EXPECT_EQ(division.get("/api/equipment_needs/" + std::to_string(spare_id)).data()["status"], "open");
  EXPECT_EQ(as("association").post(target, {{"need_ids", {spare_id}}}).status, 403);
  EXPECT_EQ(as("delegation").post(target, {{"need_ids", {spare_id}}}).status, 403);
  EXPECT_EQ(others.post(target, {{"need_ids", {theirs.data()["id"]}}}).status, 404);  // not their programme

  // A planned need changes through its action, not by hand; its justification may still change.
  const auto need_path = "/api/equipment_needs/" + std::to_string(ids[0]);
  const auto planned = division.get(need_path).data();
  for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{{"quantity", 11}, {"status", "met"}}) {
    auto reply = division.put(need_path, with(planned, {{field, value}}));
    EXPECT_EQ(reply.status, 409) << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], "invalid_state");
    EXPECT_EQ(reply.data()["error"]["field"], field);
  }
  auto justified = division.put(need_path, with(planned, {{"justification", "أسرة متهالكة"}}));
  EXPECT_EQ(justified.status, 200) << justified.body;

  // Done: its needs are met and leave the consolidated list. Cancelled: they are open again.
  const auto current = division.get(action_path).data();
  auto done = division.put(action_path, with(current, {{"status", "done"}, {"completed_on", "2020-05-15"}}));
  ASSERT_EQ(done.status, 200) << done.body;
  for (const auto id : {ids[0], ids[1]})
    EXPECT_EQ(division.get("/api/equipment_needs/" + std::to_string(id)).data()["status"], "met");
  EXPECT_EQ(row(division.get("/api/consolidated_needs").data(), "T-EQ-BUNK")["need_ids"], json({ids[3]}));
  const auto second_path = "/api/actions/" + second["id"].dump();
  auto cancelled = division.put(second_path, with(division.get(second_path).data(), {{"status", "cancelled"}}));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  const auto released = division.get("/api/equipment_needs/" + std::to_string(ids[3])).data();
  EXPECT_EQ(released["status"], "open");
  EXPECT_TRUE(released["action_id"].is_null());
  EXPECT_EQ(division.get(second_path).data()["needs"], 0);
  // Each need's move is audited: planned (4), met (2), released (1).
  const auto audited = server().db().read([](soci::session& s) {
    return store::Query(
               "SELECT COUNT(*) FROM audit_log WHERE entity = 'equipment_need' AND action IN ('plan', 'status')")
        .scalar(s);
  });
  EXPECT_EQ(audited, 7);
}

TEST_F(Equipment, TheDemoHasInventoriesAndNeeds) {
  auto division = as("division");
  EXPECT_GT(division.get("/api/equipment_inventory?institution_id=1").data()["total"].get<long long>(), 0);
  const auto mattresses = row(division.get("/api/consolidated_needs").data(), "MATTRESS");
  ASSERT_FALSE(mattresses.is_null());
  EXPECT_EQ(mattresses["quantity"], 110);              // 60 + 20 + 30 in the demo data
  EXPECT_EQ(mattresses["total_centimes"], 7'150'000);  // 110 × 650.00 MAD
  EXPECT_EQ(mattresses["institutions"], 3);
}

}  // namespace
}  // namespace riaya::test
