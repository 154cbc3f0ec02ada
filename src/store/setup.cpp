#include "store/setup.hpp"

#include "domain/audit_vocabulary.hpp"
#include "domain/beneficiaries.hpp"
#include "domain/dates.hpp"
#include "domain/schema.hpp"
#include "domain/statistics.hpp"
#include "store/accounts.hpp"
#include "store/assessments.hpp"
#include "store/audit.hpp"
#include "store/beneficiaries.hpp"
#include "store/embedded_files.hpp"
#include "store/grids.hpp"
#include "store/indicator_sums.hpp"
#include "store/programme.hpp"
#include "store/query.hpp"
#include "store/records.hpp"
#include "store/sort_keys.hpp"
#include "store/trainings.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace riaya::store {
namespace {

using nlohmann::json;

// The loader acts with the whole country in scope, and says so in the audit trail.
Caller loader(std::string name) {
  return Caller{.username = std::move(name), .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
}

// The result of a store function the loaders cannot go on without.
json or_throw(domain::Result<json> result, const std::string& what) {
  if (!result)
    throw std::runtime_error("cannot load " + what + ": " + std::string(domain::error_code_name(result.error().code)) +
                             " " + result.error().field);
  return std::move(*result);
}

json create_or_throw(Database& db, std::string_view resource, const Caller& caller, const json& body) {
  return or_throw(create_record(db, *domain::find_spec(resource), caller, body),
                  std::string(resource) + " " + body.dump());
}

// The id of the record of `table` whose `column` is `value`.
long long id_of(Database& db, const std::string& table, const std::string& column, const std::string& value) {
  const auto id = db.read([&](soci::session& session) {
    return Query("SELECT id FROM " + table + " WHERE " + column + " = :value").bind("value", value).scalar(session, 0);
  });
  if (id == 0) throw std::runtime_error("no " + table + " with " + column + " " + value);
  return id;
}

long long territory_id(Database& db, const std::string& code) { return id_of(db, "territories", "code", code); }

long long count_rows(Database& db, const std::string& table) {
  return db.read([&](soci::session& session) { return Query("SELECT COUNT(*) FROM " + table).scalar(session); });
}

// The demo's equipment: each institution's inventory and needs, items named by their code.
void load_demo_equipment(Database& db, const Caller& caller, const json& equipment) {
  for (const auto& entry : equipment) {
    const auto institution_id = id_of(db, "institutions", "code", entry.at("institution").get<std::string>());
    for (const auto& [resource, key] :
         {std::pair{"equipment_inventory", "inventory"}, std::pair{"equipment_needs", "needs"}}) {
      for (auto line : entry.value(key, json::array())) {
        line["institution_id"] = institution_id;
        line["item_id"] = id_of(db, "equipment_items", "code", line["item"].get<std::string>());
        line.erase("item");
        create_or_throw(db, resource, caller, line);
      }
    }
  }
}

// The demo's services (catalogue items named by their code) and activities of each institution.
void load_demo_services(Database& db, const Caller& caller, const json& entries) {
  for (const auto& entry : entries) {
    const auto institution_id = id_of(db, "institutions", "code", entry.at("institution").get<std::string>());
    for (auto service : entry.at("services")) {
      service["institution_id"] = institution_id;
      service["service_id"] = id_of(db, "service_items", "code", service["service"].get<std::string>());
      service.erase("service");
      create_or_throw(db, "institution_services", caller, service);
    }
    for (auto activity : entry.at("activities")) {
      activity["institution_id"] = institution_id;
      create_or_throw(db, "activities", caller, activity);
    }
  }
}

// The demo's trainings, with dates either fixed or counted back from today, and their
// participants named by their full name.
void load_demo_trainings(Database& db, const Caller& caller, const json& trainings) {
  const auto today = domain::today_utc();
  for (auto training : trainings) {
    auto names = training.at("participants");
    training.erase("participants");
    for (const auto& [key, field] :
         {std::pair{"starts_days_ago", "starts_on"}, std::pair{"ends_days_ago", "ends_on"}}) {
      if (!training.contains(key)) continue;
      training[field] = domain::to_iso(domain::add_days(today, -training[key].get<int>()));
      training.erase(key);
    }
    training["territory_id"] = territory_id(db, training["territory"].get<std::string>());
    training.erase("territory");
    const auto record = create_or_throw(db, "trainings", caller, training);
    ParticipantChange change{.version = record["version"].get<long long>()};
    for (const auto& name : names) change.staff_ids.push_back(id_of(db, "staff", "full_name", name.get<std::string>()));
    auto added = add_participants(db, caller, record["id"].get<long long>(), change);
    if (!added) throw std::runtime_error("cannot add the participants of " + training["topic"].get<std::string>());
  }
}

// Record `record` of `resource` updated with `changes`, as a client edits it: every editable
// field sent back with the version read.
json update_or_throw(Database& db, std::string_view resource, const Caller& caller, const json& record,
                     const json& changes) {
  const auto* spec = domain::find_spec(resource);
  json body = {{"version", record["version"]}};
  for (const auto& field : spec->fields)
    if (record.contains(field.name)) body[std::string(field.name)] = record[std::string(field.name)];
  body.update(changes);
  return or_throw(update_record(db, *spec, caller, record["id"].get<long long>(), body),
                  std::string(resource) + " " + record["id"].dump());
}

// The demo story's users, by role, acting in the story's territory.
struct StoryCast {
  Caller division, delegation, assessor;
  std::vector<long long> assessor_ids;  // the assessor's and the delegation's
};

// Creates the demo users with a one-time password that is never shown: nobody can log in as
// them until the admin gives one a new password.
StoryCast create_story_users(Database& db, const Caller& admin, const json& story) {
  const auto territory = territory_id(db, story.at("territory").get<std::string>());
  const auto path = db.read([&](soci::session& session) {
    return Query("SELECT path FROM territories WHERE id = :id").bind("id", territory).first(session)->at("path");
  });
  std::map<std::string, Caller> callers;
  for (auto user : story.at("users")) {
    user["scope_territory_id"] = territory;
    const auto record = or_throw(create_user(db, admin, user), "user " + user["username"].get<std::string>());
    callers[user["role"].get<std::string>()] = Caller{.user_id = record["id"].get<long long>(),
                                                      .username = record["username"].get<std::string>(),
                                                      .address = "local",
                                                      .role = *domain::parse_role(user["role"].get<std::string>()),
                                                      .territory_path = path.get<std::string>()};
  }
  return {callers.at("division"),
          callers.at("delegation"),
          callers.at("assessor"),
          {callers.at("assessor").user_id, callers.at("delegation").user_id}};
}

// The demo's rule for an answer (data/demo.json, "_story_note").
int demo_score(int institution, int criterion, int level) {
  const int t = (37 * institution + 61 * criterion) % 100;
  return t < level ? 2 : t < level + (100 - level) / 2 ? 1 : 0;
}

// A campaign on the default grid: every listed institution assessed by the assessor and the
// delegation, answered by the rule, submitted, validated by the division (which raises and
// resolves shortcomings), then the campaign closed.
void load_story_campaign(Database& db, const StoryCast& cast, const json& territory, const json& campaign) {
  const auto grid_code = json::parse(embedded_file("data/grid.json")).at("code").get<std::string>();
  const auto grid_id = db.read([&](soci::session& session) {
    return Query(
               "SELECT id FROM grids WHERE code = :code AND territory_id IS NULL AND archived_at IS NULL"
               " ORDER BY grid_version DESC")
        .bind("code", grid_code)
        .scalar(session, 0);
  });
  const auto grid = db.read([&](soci::session& session) { return stored_grid(session, grid_id); });
  auto record = create_or_throw(db, "campaigns", cast.division,
                                {{"name_ar", campaign["name_ar"]},
                                 {"name_fr", campaign["name_fr"]},
                                 {"grid_id", grid_id},
                                 {"territory_id", territory},
                                 {"starts_on", campaign["starts_on"]},
                                 {"ends_on", campaign["ends_on"]},
                                 {"status", "ongoing"}});
  const auto campaign_id = record["id"].get<long long>();
  int n = 0;
  for (const auto& [code, visit] : campaign.at("visits").items()) {
    const auto institution = id_of(db, "institutions", "code", code);
    // The criteria whose shortcomings the programme's actions resolved before this visit.
    std::set<std::string> remedied;
    if (campaign.value("remedied_score_2", false))
      db.read([&](soci::session& session) {
        for (const auto& row : Query("SELECT criterion_code FROM shortcomings WHERE institution_id = :i"
                                     " AND status = 'resolved' AND resolved_by_assessment_id IS NULL")
                                   .bind("i", institution)
                                   .rows(session))
          remedied.insert(row["criterion_code"].get<std::string>());
      });
    std::vector<AnswerInput> answers;
    const auto comments = visit.value("comments", json::object());
    int k = 0;
    for (std::size_t d = 0; d < grid.domains.size(); ++d)
      for (const auto& criterion : grid.domains[d].criteria) {
        const int score = remedied.contains(criterion.code) ? 2 : demo_score(n, k, visit.at("levels").at(d).get<int>());
        AnswerInput answer{.criterion_code = criterion.code, .score = score};
        if (comments.contains(criterion.code)) {
          answer.comment_sent = true;
          answer.comment = comments[criterion.code].get<std::string>();
        }
        answers.push_back(std::move(answer));
        ++k;
      }
    auto assessment = or_throw(add_assessment(db, cast.division, campaign_id,
                                              {.institution_id = institution, .assessor_ids = cast.assessor_ids}),
                               "assessment of " + code);
    const auto id = assessment["id"].get<long long>();
    assessment = or_throw(save_answers(db, cast.assessor, id,
                                       {.version = assessment["version"].get<long long>(),
                                        .visit_date = visit["visit_date"].get<std::string>(),
                                        .answers = answers}),
                          "answers of " + code);
    assessment = or_throw(submit_assessment(db, cast.assessor, id, {assessment["version"].get<long long>()}),
                          "submission of " + code);
    or_throw(validate_assessment(db, cast.division, id, {assessment["version"].get<long long>()}),
             "validation of " + code);
    ++n;
  }
  record = or_throw(get_record(db, *domain::find_spec("campaigns"), cast.division, campaign_id), "campaign");
  update_or_throw(db, "campaigns", cast.division, record, {{"status", "closed"}});
}

// The date `days` from today, as the demo's relative dates give it.
std::string days_from_today(int days) { return domain::to_iso(domain::add_days(domain::today_utc(), days)); }

// Brings a new action to what `plan` says: responsible party, dates, cost; "done" with its
// completion date, or "ongoing" by a dated follow-up entry giving its progress.
json carry_out(Database& db, const Caller& division, json action, json plan) {
  if (plan.contains("due_days_from_today")) {
    plan["due_on"] = days_from_today(plan["due_days_from_today"].get<int>());
    plan.erase("due_days_from_today");
  }
  const auto status = plan.value("status", std::string("planned"));
  const auto progress = plan.value("progress", 0);
  json changes = plan;
  changes.erase("progress");
  if (status == "ongoing") changes["status"] = "planned";  // its follow-up makes it ongoing
  action = update_or_throw(db, "actions", division, action, changes);
  if (status == "ongoing") {
    const auto started = action["starts_on"].is_string() ? action["starts_on"].get<std::string>() : "2019-06-01";
    const auto entry_date = domain::to_iso(domain::add_days(*domain::parse_iso_date(started), 60));
    action = or_throw(add_followup(db, division, action["id"].get<long long>(),
                                   {.version = action["version"].get<long long>(),
                                    .entry_date = entry_date,
                                    .note = "تقدم الإنجاز حسب تقرير الجمعية المسيرة",
                                    .progress = progress}),
                      "follow-up of action " + action["id"].dump());
  }
  return action;
}

// The meeting of 26 April 2019 with its participants and recommendations; answers the
// recommendations' ids, in order.
std::vector<long long> load_story_meeting(Database& db, const Caller& division, const json& territory, json meeting) {
  auto participants = meeting.at("participants");
  auto recommendations = meeting.at("recommendations");
  meeting.erase("participants");
  meeting.erase("recommendations");
  meeting["territory_id"] = territory;
  const auto meeting_id = create_or_throw(db, "meetings", division, meeting)["id"];
  for (auto participant : participants) {
    participant["meeting_id"] = meeting_id;
    if (participant.contains("association")) {
      participant["association_id"] =
          id_of(db, "associations", "registration_number", participant["association"].get<std::string>());
      participant.erase("association");
    }
    if (participant.contains("institution")) {
      participant["institution_id"] = id_of(db, "institutions", "code", participant["institution"].get<std::string>());
      participant.erase("institution");
    }
    create_or_throw(db, "participants", division, participant);
  }
  std::vector<long long> ids;
  for (const auto& recommendation : recommendations)
    ids.push_back(create_or_throw(db, "recommendations", division,
                                  {{"meeting_id", meeting_id},
                                   {"text_ar", recommendation["text_ar"]},
                                   {"text_fr", recommendation["text_fr"]}})["id"]
                      .get<long long>());
  return ids;
}

// The programme's plan for the i-th action made from a shortcoming, by a rule: a quarter done
// before the second campaign's visits, a quarter done in 2020, a quarter ongoing with a due
// date still ahead (postponed), a quarter ongoing past its due date (overdue).
json shortcoming_action_plan(const json& by_category, const json& action, int i) {
  const auto& category = by_category.at(action["category"].get<std::string>());
  json plan = {{"responsible_party", category["responsible_party"]},
               {"estimated_cost_centimes", category["cost_centimes"].get<long long>() * (2 + i % 3) / 2},
               {"starts_on", "2019-05-15"}};
  switch (i % 4) {
    case 0:
      plan.update({{"due_on", "2019-08-31"},
                   {"status", "done"},
                   {"completed_on", domain::to_iso(domain::add_days({2019, 6, 10}, 5 * i))}});
      break;
    case 1:
      plan.update({{"due_on", "2020-03-31"},
                   {"status", "done"},
                   {"completed_on", domain::to_iso(domain::add_days({2020, 1, 15}, 4 * i))}});
      break;
    case 2:
      plan.update({{"starts_on", "2019-10-01"},
                   {"due_days_from_today", 30 + 10 * i},
                   {"status", "ongoing"},
                   {"progress", 30 + 5 * (i % 8)}});
      break;
    default: plan.update({{"due_on", "2020-06-30"}, {"status", "ongoing"}, {"progress", 20 + 5 * (i % 5)}});
  }
  return plan;
}

// The grants, each funding a share of the live actions of its recipient (its institution, or
// its association's institutions; and the province-wide actions when it says so), in the
// order they were made, as far as it goes.
void load_story_grants(Database& db, const StoryCast& cast, const json& grants, long long programme_id) {
  for (auto grant : grants) {
    const auto percent = grant["funds_percent"].get<long long>();
    const bool province_wide = grant.value("province_wide", false);
    for (const char* key : {"funds_percent", "province_wide"}) grant.erase(key);
    if (grant.contains("association")) {
      grant["association_id"] =
          id_of(db, "associations", "registration_number", grant["association"].get<std::string>());
      grant.erase("association");
    } else {
      grant["institution_id"] = id_of(db, "institutions", "code", grant["institution"].get<std::string>());
      grant.erase("institution");
    }
    // Entraide Nationale's delegation records its own grants; the division, the others.
    const auto& caller = grant["source"] == "entraide_nationale" ? cast.delegation : cast.division;
    const auto record = create_or_throw(db, "grants", caller, grant);
    auto remaining = record["committed_centimes"].get<long long>();
    const auto actions = db.read([&](soci::session& session) {
      return Query(
                 "SELECT x.id, x.estimated_cost_centimes FROM actions x LEFT JOIN institutions i ON i.id ="
                 " x.institution_id WHERE x.programme_id = :p AND x.status <> 'cancelled' AND x.archived_at IS NULL"
                 " AND x.estimated_cost_centimes > 0 AND (i.id = :i OR i.association_id = :a OR (:wide = 1 AND"
                 " x.institution_id IS NULL)) ORDER BY x.id")
          .bind("p", programme_id)
          .bind("i", record["institution_id"].is_null() ? json(0) : record["institution_id"])
          .bind("a", record["association_id"].is_null() ? json(0) : record["association_id"])
          .bind("wide", province_wide ? 1 : 0)
          .integers({"estimated_cost_centimes"})
          .rows(session);
    });
    for (const auto& action : actions) {
      const auto amount = std::min(remaining, action["estimated_cost_centimes"].get<long long>() * percent / 100);
      if (amount <= 0) break;
      create_or_throw(db, "funding_lines", caller,
                      {{"grant_id", record["id"]}, {"action_id", action["id"]}, {"amount_centimes", amount}});
      remaining -= amount;
    }
  }
}

// `total` shared out by `percents` (name → percent, summing to 100): each share rounded down,
// what is left to the largest.
std::map<std::string, long long> share_out(long long total, const json& percents) {
  std::map<std::string, long long> shares;
  long long given = 0;
  std::string largest;
  for (const auto& [name, percent] : percents.items()) {
    shares[name] = total * percent.get<long long>() / 100;
    given += shares[name];
    if (largest.empty() || percent.get<long long>() > percents[largest].get<long long>()) largest = name;
  }
  shares[largest] += total - given;
  return shares;
}

// The demo's monthly statistics (data/demo.json "statistics", whose note gives the rule),
// typed by the division.
void load_story_statistics(Database& db, const Caller& division, const json& statistics) {
  const auto first = statistics.at("from").get<std::string>(), last = statistics.at("to").get<std::string>();
  int n = 0;
  for (const auto& [code, plan] : statistics.at("institutions").items()) {
    ++n;
    const auto institution = db.read([&](soci::session& session) {
      return *Query("SELECT id, category, capacity FROM institutions WHERE code = :c").bind("c", code).first(session);
    });
    const auto category = institution["category"].get<std::string>();
    const bool boarding = category == "dar_talib" || category == "dar_taliba";
    const auto capacity = institution["capacity"].get<long long>();
    const auto& breakdown = statistics.at("breakdowns").at(category);
    int k = 0;
    for (auto month = first; month <= last; month = domain::next_month(month), ++k) {
      const auto number = std::stoi(month.substr(5, 2));
      if (boarding && (number == 7 || number == 8)) continue;
      const auto year = domain::school_year_of(month) == domain::school_year_of(first) ? 0 : 1;
      const double variation = static_cast<double>((k * 7 + n * 3) % 5 - 2) / 100;
      const auto present =
          std::llround(static_cast<double>(capacity) * plan.at("occupancy")[year].get<double>() * (1 + variation));
      const auto female_percent = category == "dar_talib"    ? 0
                                  : category == "dar_taliba" ? 100
                                                             : plan.value("female_percent", 50);
      const long long female = present * female_percent / 100;
      json record = {{"institution_id", institution["id"]}, {"month", month}};
      for (const auto& [sex, count] : {std::pair{"f", female}, std::pair{"m", present - female}})
        for (const auto& [part, share] : share_out(count, breakdown)) record["present_" + part + "_" + sex] = share;
      const std::string sex = female_percent >= 50 ? "f" : "m";
      if (boarding && number == 9)
        record["admissions_" + sex] = present;
      else if ((k + n) % 4 == 0)
        record["admissions_" + sex] = 1;
      if (boarding && (k * n + k) % 3 == 0) record["exits_dropout_" + sex] = 1;
      if (boarding && number == 6) record["exits_graduated_" + sex] = present / 5;
      if (!boarding && (k + n) % 4 == 2) record["exits_other_" + sex] = 1;
      create_or_throw(db, "monthly_statistics", division, record);
    }
  }
}

// The demo's individual register (data/demo.json "story" "register", whose note gives the
// cohort's rule): the division switches it on for one institution, whose association then
// records its pupils and their school years; the story ends on "ends_on", when the pupils still
// there leave.
void load_story_register(Database& db, const Caller& division, const json& story_register) {
  const auto institution = id_of(db, "institutions", "code", story_register.at("institution").get<std::string>());
  const auto version = db.read([&](soci::session& session) {
    return Query("SELECT version FROM institutions WHERE id = :id").bind("id", institution).scalar(session);
  });
  or_throw(set_register(db, division, institution, {{"keeps_register", true}, {"version", version}}), "register");
  auto pupils = story_register.at("pupils");
  const auto& cohort = story_register.at("cohort");
  const auto& first_names = cohort.at("first_names");
  const auto& family_names = cohort.at("family_names");
  for (int k = 0; k < cohort.at("count").get<int>(); ++k) {
    const auto& first = first_names[static_cast<std::size_t>(k) % first_names.size()];
    const auto& family = family_names[static_cast<std::size_t>(k / 12 + k) % family_names.size()];
    const int born = 2004 + k % 5, month = k * 5 % 12 + 1, day = k * 7 % 28 + 1;
    const auto admission = k < 45 ? std::string("2018-09-10") : std::string("2019-09-09");
    const int age = domain::age_on(fmt::format("{:04}-{:02}-{:02}", born, month, day), admission);
    const auto level = age < 12 ? "primary" : age <= 14 ? "college" : "lycee";
    json pupil = {{"full_name_ar", first[0].get<std::string>() + " " + family[0].get<std::string>()},
                  {"full_name_fr", first[1].get<std::string>() + " " + family[1].get<std::string>()},
                  {"birth_date", fmt::format("{:04}-{:02}-{:02}", born, month, day)},
                  {"origin_commune", cohort.at("communes")[static_cast<std::size_t>(k) % cohort.at("communes").size()]},
                  {"vulnerability",
                   cohort.at("vulnerabilities")[static_cast<std::size_t>(k) % cohort.at("vulnerabilities").size()]},
                  {"guardian_name", "محمد " + family[0].get<std::string>()},
                  {"guardian_phone", fmt::format("0662{:06}", k)},
                  {"admission_date", admission},
                  {"years", json::array()}};
    for (const int start : {2018, 2019}) {
      if (start == 2018 && k >= 45) continue;
      const auto school_year = fmt::format("{}-{}", start, start + 1);
      const auto result = k % 13 == 6 ? "dropped_out" : k % 9 == 4 ? "repeated" : "promoted";
      pupil["years"].push_back(
          {{"school_year", school_year}, {"level", level}, {"school", cohort.at("school")}, {"result", result}});
      if (k % 13 == 6) {
        pupil["exit_date"] = fmt::format("{}-03-15", start + 1);
        pupil["exit_reason"] = "dropout";
        break;
      }
    }
    pupils.push_back(std::move(pupil));
  }
  const auto ends_on = story_register.at("ends_on").get<std::string>();
  for (auto pupil : pupils) {
    auto years = pupil.at("years");
    pupil.erase("years");
    if (!pupil.contains("exit_date")) {
      pupil["exit_date"] = ends_on;
      pupil["exit_reason"] = !years.empty() && years.back().value("result", "") == "graduated" ? "graduated" : "other";
    }
    pupil["institution_id"] = institution;
    pupil["sex"] = "f";
    pupil["origin_commune_id"] = territory_id(db, pupil.at("origin_commune").get<std::string>());
    pupil.erase("origin_commune");
    const auto id = create_or_throw(db, "beneficiaries", division, pupil)["id"];
    for (auto year : years) {
      year["beneficiary_id"] = id;
      create_or_throw(db, "beneficiary_years", division, year);
    }
  }
}

// The article's story (data/demo.json "story"): the diagnostic study of September 2018, the
// meeting of 26 April 2019, the programme 2019–2020 made of its recommendations and of the
// shortcomings found, the follow-up campaign of September 2019 (run once the first actions
// were done, so that it verifies them), the rest of the programme, and its grants.
void load_story(Database& db, const Caller& admin, const json& story) {
  const auto cast = create_story_users(db, admin, story);
  const json territory = territory_id(db, story.at("territory").get<std::string>());
  const auto& campaigns = story.at("campaigns");
  load_story_campaign(db, cast, territory, campaigns.at(0));

  const auto& meeting = story.at("meeting");
  const auto recommendation_ids = load_story_meeting(db, cast.division, territory, meeting);

  auto programme = story.at("programme");
  const auto by_category = programme.at("by_category");
  const auto per_institution = programme.at("shortcomings_per_institution").get<int>();
  const auto needs_action = programme.at("needs_action");
  for (const char* key : {"by_category", "shortcomings_per_institution", "needs_action"}) programme.erase(key);
  programme["territory_id"] = territory;
  const auto programme_id = create_or_throw(db, "programmes", cast.division, programme)["id"].get<long long>();

  // What the meeting recommended, each made an action.
  std::vector<std::pair<json, json>> later;  // actions and the plans carried out after the second campaign
  for (std::size_t r = 0; r < recommendation_ids.size(); ++r) {
    auto plan = meeting["recommendations"][r]["action"];
    json body = {{"programme_id", programme_id}, {"category", plan["category"]}};
    if (plan.contains("institution")) {
      body["institution_id"] = id_of(db, "institutions", "code", plan["institution"].get<std::string>());
      plan.erase("institution");
    }
    plan.erase("category");
    const auto action = or_throw(action_from_recommendation(db, cast.division, recommendation_ids[r], body),
                                 "action of recommendation " + std::to_string(r + 1));
    later.emplace_back(action, plan);
  }
  // The gravest shortcomings of each institution, each made an action.
  std::vector<long long> shortcoming_ids;
  db.read([&](soci::session& session) {
    for (const auto& institution :
         Query("SELECT id FROM institutions WHERE code LIKE 'DEMO-%' ORDER BY code").rows(session))
      for (const auto& row :
           Query("SELECT id FROM shortcomings WHERE institution_id = :i AND status = 'open' ORDER BY CASE severity"
                 " WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, criterion_code LIMIT :n")
               .bind("i", institution["id"])
               .bind("n", per_institution)
               .rows(session))
        shortcoming_ids.push_back(row["id"].get<long long>());
  });
  const auto made =
      or_throw(actions_from_shortcomings(db, cast.division, programme_id, {.shortcoming_ids = shortcoming_ids}),
               "actions from shortcomings")["items"];
  for (std::size_t i = 0; i < made.size(); ++i) {
    auto plan = shortcoming_action_plan(by_category, made[i], static_cast<int>(i));
    if (plan["status"] == "done" && plan["completed_on"].get<std::string>() < "2019-09-01")
      carry_out(db, cast.division, made[i], plan);
    else
      later.emplace_back(made[i], plan);
  }
  // Equipment needs the diagnostic found, met by one action.
  std::vector<long long> need_ids;
  const auto needs_institution = id_of(db, "institutions", "code", needs_action["institution"].get<std::string>());
  for (const auto& item : needs_action["items"])
    need_ids.push_back(db.read([&](soci::session& session) {
      return Query(
                 "SELECT n.id FROM equipment_needs n JOIN equipment_items e ON e.id = n.item_id"
                 " WHERE n.institution_id = :i AND e.code = :code AND n.status = 'open'")
          .bind("i", needs_institution)
          .bind("code", item)
          .scalar(session);
    }));
  auto needs_plan = needs_action;
  for (const char* key : {"institution", "items"}) needs_plan.erase(key);
  const auto needs = or_throw(actions_from_needs(db, cast.division, programme_id, {.need_ids = need_ids}),
                              "action from needs")["items"][0];
  carry_out(db, cast.division, needs, needs_plan);

  load_story_campaign(db, cast, territory, campaigns.at(1));
  for (auto& [action, plan] : later) {
    const auto current =
        or_throw(get_record(db, *domain::find_spec("actions"), cast.division, action["id"].get<long long>()), "action");
    carry_out(db, cast.division, current, plan);
  }
  load_story_grants(db, cast, story.at("grants"), programme_id);
  load_story_statistics(db, cast.division, story.at("statistics"));
  load_story_register(db, cast.division, story.at("register"));
}

// What of the demo a database holds.
struct DemoState {
  long long associations = 0;
  long long expected_institutions = 0;  // the institutions of data/demo.json
  long long demo_institutions = 0;      // those of them `riaya demo` created, by its audit entries
  long long story_users = 0;            // the story's users
  long long story_records = 0;          // campaigns, programmes, meetings and grants, whoever made them
};

DemoState demo_state(Database& db, const json& data) {
  DemoState state;
  for (const auto& association : data.at("associations"))
    state.expected_institutions += static_cast<long long>(association.value("institutions", json::array()).size());
  json usernames = json::array();
  for (const auto& user : data.at("story").at("users")) usernames.push_back(user["username"]);
  db.read([&](soci::session& session) {
    state.associations = Query("SELECT COUNT(*) FROM associations").scalar(session);
    state.demo_institutions =
        Query(
            "SELECT COUNT(DISTINCT i.id) FROM institutions i JOIN audit_log a ON a.entity = 'institution'"
            " AND a.entity_id = i.id AND a.action = 'create' AND a.username = :actor WHERE i.code LIKE 'DEMO-%'")
            .bind("actor", std::string(domain::kDemoActor))
            .scalar(session);
    for (const auto& username : usernames)
      state.story_users += Query("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", username).scalar(session);
    for (const char* table : {"campaigns", "programmes", "meetings", "grants"})
      state.story_records += Query(std::string("SELECT COUNT(*) FROM ") + table).scalar(session);
  });
  return state;
}

}  // namespace

std::vector<std::string> migrate(Database& db) {
  const std::string folder = db.backend() == Backend::Sqlite ? "migrations/sqlite/" : "migrations/postgres/";
  std::vector<EmbeddedFile> files;
  for (const auto& file : embedded_files())
    if (file.path.starts_with(folder)) files.push_back(file);
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });

  db.read([](soci::session& session) {
    session << "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)";
  });
  std::vector<std::string> applied;
  for (const auto& file : files) {
    const std::string name(file.path.substr(folder.size()));
    db.write_schema([&](soci::session& session) -> domain::Result<void> {
      if (db.backend() == Backend::Postgres) session << "SELECT pg_advisory_xact_lock(7274929)";
      if (Query("SELECT COUNT(*) FROM schema_migrations WHERE name = :name").bind("name", name).scalar(session) > 0)
        return {};
      run_script(session, file.content);
      Query("INSERT INTO schema_migrations (name, applied_at) VALUES (:name, :now)")
          .bind("name", name)
          .bind("now", utc_now())
          .execute(session);
      applied.push_back(name);
      return {};
    });
  }
  db.write_schema([&](soci::session& session) -> domain::Result<void> {
    register_data_tables(session);
    if (!applied.empty()) renew_all_versions(session);
    return {};
  });
  fill_public_search_keys(db);
  fill_sort_keys(db);
  if (std::find(applied.begin(), applied.end(), "0023_indicator_sums.sql") != applied.end()) fill_indicator_sums(db);
  db.write_schema([](soci::session& session) -> domain::Result<void> {
    chain_existing_audit(session);
    return {};
  });
  return applied;
}

bool load_reference(Database& db) {
  const bool grid = load_default_grid(db);
  const auto data = json::parse(embedded_file("data/reference.json"));
  const auto caller = loader(std::string(domain::kReferenceActor));
  // The catalogues came after the territories: a database made before them gets them on their own.
  bool items = false;
  for (const char* catalogue : {"equipment_items", "service_items"}) {
    if (count_rows(db, catalogue) > 0) continue;
    for (const auto& item : data.at(catalogue)) create_or_throw(db, catalogue, caller, item);
    items = true;
  }
  if (count_rows(db, "territories") > 0) return grid || items;
  for (const auto& category : data.at("categories")) create_or_throw(db, "categories", caller, category);
  for (auto territory : data.at("territories")) {
    if (territory.contains("parent")) {
      territory["parent_id"] = territory_id(db, territory["parent"].get<std::string>());
      territory.erase("parent");
    }
    create_or_throw(db, "territories", caller, territory);
  }
  return true;
}

DemoLoad load_demo(Database& db, DemoParts parts) {
  const auto data = json::parse(embedded_file("data/demo.json"));
  const auto caller = loader(std::string(domain::kDemoActor));
  const auto state = demo_state(db, data);
  if (state.associations > 0) {
    if (state.demo_institutions != state.expected_institutions) return DemoLoad::Refused;
    if (parts == DemoParts::Registry || state.story_users > 0) return DemoLoad::AlreadyLoaded;
    if (state.story_records > 0) return DemoLoad::Refused;
    load_story(db, caller, data.at("story"));
    return DemoLoad::StoryAdded;
  }
  if (state.story_users > 0 || state.story_records > 0) return DemoLoad::Refused;
  for (auto association : data.at("associations")) {
    auto documents = association.value("documents", json::array());
    auto agreements = association.value("agreements", json::array());
    auto institutions = association.value("institutions", json::array());
    for (const char* key : {"documents", "agreements", "institutions"}) association.erase(key);
    association["territory_id"] = territory_id(db, association["territory"].get<std::string>());
    association.erase("territory");
    const auto association_id = create_or_throw(db, "associations", caller, association)["id"];
    for (auto document : documents) {
      document["association_id"] = association_id;
      create_or_throw(db, "documents", caller, document);
    }
    for (auto agreement : agreements) {
      agreement["association_id"] = association_id;
      create_or_throw(db, "agreements", caller, agreement);
    }
    for (auto institution : institutions) {
      auto staff = institution.value("staff", json::array());
      institution.erase("staff");
      institution["association_id"] = association_id;
      institution["commune_id"] = territory_id(db, institution["commune"].get<std::string>());
      institution.erase("commune");
      const auto institution_id = create_or_throw(db, "institutions", caller, institution)["id"];
      for (auto member : staff) {
        member["institution_id"] = institution_id;
        create_or_throw(db, "staff", caller, member);
      }
    }
  }
  load_demo_equipment(db, caller, data.at("equipment"));
  load_demo_services(db, caller, data.at("services"));
  load_demo_trainings(db, caller, data.at("trainings"));
  if (parts == DemoParts::Whole) load_story(db, caller, data.at("story"));
  return DemoLoad::Loaded;
}

}  // namespace riaya::store
