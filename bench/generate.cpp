// bench_generate: fills a fresh database with a national-scale registry for the benchmarks.
//
//   bench_generate --database URL [--scale national|small] [--register] [--diagnostic [--through-store]]
//
// national: 12 regions, 75 provinces, 1,503 communes (the Boujdour ones of the reference data
// among them), 2,000 associations, 2,500 institutions, 25,000 staff. small: about a tenth.
// Every record goes through store::create_record, so search keys, territory paths and the
// audit trail are exactly what the API would have written. The data is the same on every run
// (fixed seed). Also creates the user `bench-division` (role division, scope the whole
// country, password `bench-password-1`). Refuses a database that already has associations.
//
// --register adds an individual register to every institution, 80 people each (national:
// 200,000) admitted over ten school years with their school years and results, and the months
// computed from them (RegisterGenerator).
//
// --diagnostic adds 10 national campaigns (2017 to 2026) on the default grid, each assessing
// every institution once (official assessments, 48 answers each), and the users
// `bench-province` (delegation, scope the province MA-P001) and `bench-assessor-01`…`12` (one
// assessor per region), all with the same password. The nine earlier campaigns are validated
// (their shortcomings raised and resolved as validation does) and closed; the last one is
// ongoing, its assessments submitted and waiting for validation. By default the writes of
// add_assessment, save_answers and validate_assessment are made in bulk (prepared statements,
// one transaction per step and campaign) producing the rows those functions produce, dates
// excepted (see CampaignGenerator); submission always goes through store::submit_assessment.
// --through-store calls the store functions for every step instead: the same rows, far slower;
// it is there to check the bulk path (docs/PERFORMANCE.md says how).
//
// Prints a short summary on stdout; errors on stderr with exit status 1.
#include "domain/access.hpp"
#include "domain/beneficiaries.hpp"
#include "domain/grid.hpp"
#include "domain/schema.hpp"
#include "domain/scoring.hpp"
#include "domain/search_key.hpp"
#include "domain/sort_key.hpp"
#include "store/accounts.hpp"
#include "store/assessments.hpp"
#include "store/audit.hpp"
#include "store/beneficiaries.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"
#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/records.hpp"
#include "store/setup.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace {

using namespace riaya;
using nlohmann::json;

struct Scale {
  int provinces;  // in total, MA-BOD included
  int communes;   // in total, the 4 of Boujdour included
  int associations;
  int institutions;
  int staff;
};
constexpr Scale kNational{75, 1503, 2000, 2500, 25000};
constexpr Scale kSmall{12, 150, 200, 250, 2500};

struct Words {
  const char* ar;
  const char* fr;
};

// The twelve regions of 2015; MA-11 (Laâyoune-Sakia El Hamra) comes with the reference data.
constexpr std::array<Words, 12> kRegions{{
    {"جهة طنجة تطوان الحسيمة", "Tanger-Tétouan-Al Hoceïma"},
    {"جهة الشرق", "L'Oriental"},
    {"جهة فاس مكناس", "Fès-Meknès"},
    {"جهة الرباط سلا القنيطرة", "Rabat-Salé-Kénitra"},
    {"جهة بني ملال خنيفرة", "Béni Mellal-Khénifra"},
    {"جهة الدار البيضاء سطات", "Casablanca-Settat"},
    {"جهة مراكش آسفي", "Marrakech-Safi"},
    {"جهة درعة تافيلالت", "Drâa-Tafilalet"},
    {"جهة سوس ماسة", "Souss-Massa"},
    {"جهة كلميم واد نون", "Guelmim-Oued Noun"},
    {"", ""},  // MA-11, already there
    {"جهة الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab"},
}};

// Halves of place names: "سيدي" + "بوعلي" → "سيدي بوعلي" / "Sidi Bouali".
constexpr std::array<Words, 10> kPlaceFirst{{{"سيدي", "Sidi"},
                                             {"عين", "Aïn"},
                                             {"أولاد", "Ouled"},
                                             {"بني", "Beni"},
                                             {"القصر", "El Ksar"},
                                             {"دار", "Dar"},
                                             {"واد", "Oued"},
                                             {"تيط", "Tit"},
                                             {"رأس", "Ras"},
                                             {"مولاي", "Moulay"}}};
constexpr std::array<Words, 12> kPlaceSecond{{{"بوعلي", "Bouali"},
                                              {"الزهراء", "Ezzahra"},
                                              {"مليل", "Mellil"},
                                              {"حمو", "Hammou"},
                                              {"عمر", "Omar"},
                                              {"يحيى", "Yahya"},
                                              {"سليمان", "Slimane"},
                                              {"قاسم", "Kacem"},
                                              {"بنور", "Bennour"},
                                              {"الطيب", "Taïb"},
                                              {"عيسى", "Aïssa"},
                                              {"إدريس", "Driss"}}};

// Words of association and institution names; some are written with tashkeel, as people do,
// so that the search has folding to do ("الأمل" finds "الأَمَل").
constexpr std::array<Words, 20> kNameWords{
    {{"الأمل", "Al Amal"},   {"النور", "Annour"},        {"الفتح", "Al Fath"},          {"الرحمة", "Arrahma"},
     {"السعادة", "Essaada"}, {"الإحسان", "Al Ihssane"},  {"البركة", "Al Baraka"},       {"الخير", "Al Khair"},
     {"الوفاء", "Al Wafae"}, {"التضامن", "Attadamoune"}, {"المستقبل", "Al Moustakbal"}, {"الفلاح", "Al Falah"},
     {"الهدى", "Al Houda"},  {"الزيتونة", "Zitouna"},    {"الياسمين", "Yasmine"},       {"الأندلس", "Al Andalous"},
     {"الأطلس", "Atlas"},    {"الواحة", "Al Waha"},      {"النخيل", "Annakhil"},        {"الريحان", "Rayhane"}}};
constexpr std::array<const char*, 4> kTashkeelVariants{"الأَمَل", "النُّور", "الرَّحْمَة", "السَّعَادَة"};

constexpr std::array<const char*, 16> kFirstNames{"محمد",     "فاطمة", "أحمد",    "خديجة", "يوسف",  "مريم",
                                                  "عبد الله", "زينب",  "إبراهيم", "نادية", "الحسن", "سعاد",
                                                  "عمر",      "حفيظة", "رشيد",    "لطيفة"};
constexpr std::array<const char*, 14> kLastNames{"العلوي",   "بنعلي",   "الإدريسي", "التازي",   "الفاسي",
                                                 "الصحراوي", "أمزيان",  "بوزيد",    "الشرقاوي", "المرابط",
                                                 "ولد سالم", "الركيبي", "أيت علي",  "الحسني"};
constexpr std::array<const char*, 9> kFunctions{"مدير المؤسسة",    "مربية", "مربي", "طباخ",      "حارس",
                                                "مساعدة اجتماعية", "ممرضة", "منشط", "مسير إداري"};
constexpr std::array<const char*, 5> kContracts{"permanent", "fixed_term", "volunteer", "secondment", "other"};
constexpr std::array<const char*, 4> kAuthorisation{"granted", "granted", "pending", "expired"};

// The id of the territory with `code`; 0 when there is none.
long long territory(store::Database& db, const std::string& code) {
  return db.read([&](soci::session& session) {
    return store::Query("SELECT id FROM territories WHERE code = :code").bind("code", code).scalar(session, 0);
  });
}

class Generator {
 public:
  Generator(store::Database& db, const Scale& scale) : db_(db), scale_(scale) {}

  void run() {
    load_categories();
    make_territories();
    make_associations();
    make_institutions();
    make_staff();
  }

  int regions_made = 0, provinces_made = 0, communes_made = 0;

 private:
  template <class T, std::size_t N>
  const T& pick(const std::array<T, N>& values) {
    return values[std::uniform_int_distribution<std::size_t>(0, N - 1)(random_)];
  }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::string date_between(int first_year, int last_year) {
    return fmt::format("{:04}-{:02}-{:02}", between(first_year, last_year), between(1, 12), between(1, 28));
  }

  json create(std::string_view resource, const json& body) {
    auto record = store::create_record(db_, *domain::find_spec(resource), caller_, body);
    if (!record)
      throw std::runtime_error(fmt::format("cannot create {} {}: {} {}", resource, body.dump(),
                                           domain::error_code_name(record.error().code), record.error().field));
    return *record;
  }

  long long id_of(const std::string& code) {
    const auto id = territory(db_, code);
    if (id == 0) throw std::runtime_error("reference territory " + code + " is missing: was load_reference run?");
    return id;
  }

  void load_categories() {
    db_.read([&](soci::session& session) {
      for (const auto& row : store::Query("SELECT code, name_ar, name_fr FROM categories ORDER BY code").rows(session))
        categories_.push_back(row);
    });
  }

  void make_territories() {
    const long long country = id_of("MA");
    std::vector<long long> regions;
    for (int i = 0; i < 12; ++i) {
      const auto code = fmt::format("MA-{:02}", i + 1);
      if (code == "MA-11") {
        regions.push_back(id_of(code));
        continue;
      }
      regions.push_back(create("territories", {{"level", "region"},
                                               {"code", code},
                                               {"name_ar", kRegions[i].ar},
                                               {"name_fr", kRegions[i].fr},
                                               {"parent_id", country}})["id"]);
      ++regions_made;
    }
    // Provinces round-robin over the regions; MA-BOD (in MA-11) is the first.
    std::vector<long long> provinces{id_of("MA-BOD")};
    for (int i = 1; i < scale_.provinces; ++i) {
      const auto& first = pick(kPlaceFirst);
      const auto& second = pick(kPlaceSecond);
      provinces.push_back(create("territories", {{"level", "province"},
                                                 {"code", fmt::format("MA-P{:03}", i)},
                                                 {"name_ar", fmt::format("إقليم {} {}", first.ar, second.ar)},
                                                 {"name_fr", fmt::format("Province de {} {}", first.fr, second.fr)},
                                                 {"parent_id", regions[i % regions.size()]}})["id"]);
      ++provinces_made;
    }
    // Communes round-robin over the other provinces: Boujdour keeps its four.
    for (const char* code : {"BOD-01", "BOD-02", "BOD-03", "BOD-04"}) communes_.push_back(id_of(code));
    for (int i = 0; static_cast<int>(communes_.size()) < scale_.communes; ++i) {
      const auto& first = pick(kPlaceFirst);
      const auto& second = pick(kPlaceSecond);
      const auto number = fmt::format("{:04}", i + 1);
      communes_.push_back(
          create("territories", {{"level", "commune"},
                                 {"code", "C" + number},
                                 {"name_ar", fmt::format("جماعة {} {} {}", first.ar, second.ar, number)},
                                 {"name_fr", fmt::format("Commune {} {} {}", first.fr, second.fr, number)},
                                 {"parent_id", provinces[1 + i % (provinces.size() - 1)]}})["id"]);
      ++communes_made;
    }
  }

  std::string person() { return fmt::format("{} {}", pick(kFirstNames), pick(kLastNames)); }

  void make_associations() {
    for (int i = 0; i < scale_.associations; ++i) {
      const auto& word = pick(kNameWords);
      const auto& place_word = pick(kPlaceSecond);
      const long long commune = communes_[between(0, static_cast<int>(communes_.size()) - 1)];
      json body = {{"name_ar", fmt::format("جمعية {} للتنمية والتضامن {}", word.ar, place_word.ar)},
                   {"name_fr", fmt::format("Association {} pour le développement {}", word.fr, place_word.fr)},
                   {"territory_id", commune},
                   {"registration_number", fmt::format("ASS-{:05}", i + 1)},
                   {"registration_date", date_between(1995, 2023)},
                   {"president_name", person()},
                   {"phone", fmt::format("06{:08}", between(0, 99999999))},
                   {"email", fmt::format("association{:05}@example.ma", i + 1)},
                   {"address", fmt::format("حي {} رقم {}", pick(kNameWords).ar, between(1, 300))}};
      associations_.push_back({create("associations", body)["id"].get<long long>(), commune});
    }
  }

  void make_institutions() {
    for (int i = 0; i < scale_.institutions; ++i) {
      // Every association manages at least one institution, some manage two.
      const auto& [association, commune] = i < static_cast<int>(associations_.size())
                                               ? associations_[i]
                                               : associations_[between(0, static_cast<int>(associations_.size()) - 1)];
      const auto& category = categories_[between(0, static_cast<int>(categories_.size()) - 1)];
      const auto& word = pick(kNameWords);
      const std::string word_ar = between(0, 9) == 0 ? pick(kTashkeelVariants) : word.ar;
      const auto& place_word = pick(kPlaceSecond);
      const int capacity = between(20, 200);
      json body = {
          {"code", fmt::format("INS-{:05}", i + 1)},
          {"name_ar", fmt::format("{} {} {}", category["name_ar"].get<std::string>(), word_ar, place_word.ar)},
          {"name_fr", fmt::format("{} {} {}", category["name_fr"].get<std::string>(), word.fr, place_word.fr)},
          {"category", category["code"]},
          {"association_id", association},
          {"commune_id", between(0, 4) == 0 ? communes_[between(0, static_cast<int>(communes_.size()) - 1)] : commune},
          {"address", fmt::format("شارع {} رقم {}", pick(kNameWords).ar, between(1, 300))},
          {"latitude", between(21000, 35000) / 1000.0},
          {"longitude", between(-17000, -1000) / 1000.0},
          {"capacity", capacity},
          {"opening_date", date_between(1990, 2023)},
          {"authorisation_number", fmt::format("AUT-{:05}", i + 1)},
          {"authorisation_date", date_between(2000, 2024)},
          {"authorisation_status", pick(kAuthorisation)},
          {"director_name", person()},
          {"services", "الإيواء، الإطعام، الدعم المدرسي، المواكبة الاجتماعية"},
          {"activities", "أنشطة ثقافية ورياضية، ورشات للتكوين"},
          {"status", between(0, 19) == 0 ? "suspended" : "active"}};
      institutions_.push_back(create("institutions", body)["id"].get<long long>());
    }
  }

  void make_staff() {
    for (int i = 0; i < scale_.staff; ++i) {
      // Spread evenly: national 2,500 institutions × 10 people.
      const long long institution = institutions_[i % institutions_.size()];
      json body = {
          {"institution_id", institution},         {"full_name", person()},
          {"function", pick(kFunctions)},          {"qualification", between(0, 1) ? "إجازة" : "دبلوم التكوين المهني"},
          {"contract_type", pick(kContracts)},     {"sex", between(0, 1) ? "f" : "m"},
          {"start_date", date_between(2000, 2024)}};
      create("staff", body);
    }
  }

  store::Database& db_;
  Scale scale_;
  store::Caller caller_{
      .username = "bench generator", .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
  std::mt19937 random_{20240601};
  std::vector<json> categories_;
  std::vector<long long> communes_;
  std::vector<std::pair<long long, long long>> associations_;  // id, commune
  std::vector<long long> institutions_;
};

// ---- --diagnostic: campaigns, assessments and the shortcomings register they feed ----------

constexpr int kCampaigns = 10;
constexpr int kFirstCampaignYear = 2017;
constexpr const char* kBenchPassword = "bench-password-1";

// Notes an assessor writes beside some answers below satisfactory; the shortcoming that
// validation raises takes the note as its description.
constexpr std::array<const char*, 8> kNotes{"الغرف تحتاج إلى صيانة",
                                            "السجل غير محين",
                                            "لا يوجد محضر اجتماع لجنة التدبير",
                                            "عدد المؤطرين غير كاف",
                                            "غياب مخطط الإخلاء والسلامة",
                                            "الملفات الطبية للمستفيدين غير مكتملة",
                                            "لا توجد اتفاقية شراكة سارية",
                                            "التغذية غير متوازنة"};

enum class WritePath { Bulk, Store };

// A store call that must succeed: its value, or an exception naming the step and the error.
template <class T>
T must(domain::Result<T> result, std::string_view what) {
  if (!result)
    throw std::runtime_error(
        fmt::format("{}: {} {}", what, domain::error_code_name(result.error().code), result.error().field));
  if constexpr (!std::is_void_v<T>) return std::move(*result);
}

// Ten yearly national campaigns on the default grid, every live institution assessed in each.
//
// Scores follow a simple model of real visits: each institution has a quality, a weakness
// found at one visit is often found again at the next, institutions improve a little from year
// to year, and about 3 % of the criteria never apply to a given institution (N/A). The summary
// prints the shares that come out.
//
// The bulk path writes, with prepared statements in one transaction per step and campaign, the
// rows the store functions write — assessments, their assessor, answers, shortcomings raised
// and resolved, and every audit entry (through store::write_audit) — with two differences, both
// dates: validation raises and resolves on the assessment's own day in December of the
// campaign's year where the store stamps today, and an assessment is inserted as save_answers
// leaves it (version 2, its visit date) rather than inserted and then updated. Submission goes
// through store::submit_assessment on both paths: it stores the scores as the store words them.
// Both paths draw the same numbers in the same order, so they give the same rows, dates aside.
class CampaignGenerator {
 public:
  struct Callers {
    store::Caller division;                        // adds, validates and closes
    std::map<long long, store::Caller> assessors;  // by region id: fills and submits
  };

  CampaignGenerator(store::Database& db, WritePath path, Callers callers)
      : db_(db), path_(path), callers_(std::move(callers)) {}

  void run() {
    load();
    for (int k = 0; k < kCampaigns; ++k) campaign(k);
  }

  std::array<long long, 4> answers_by_score{};  // 0, 1, 2, N/A
  long long assessments_made = 0;

 private:
  struct Institution {
    long long id;
    long long association_id;
    std::string path;  // its commune's territory path
    long long region_id;
    double quality;  // 0 poor … 1 good
  };
  // One institution's visit in one campaign, as drawn.
  struct Visit {
    std::string visit_date;
    std::string validated_on;                // the day of its validation (bulk path)
    json answers;                            // the answers, in grid order, as the bulk path writes them
    std::vector<store::AnswerInput> inputs;  // the same, as store::save_answers takes them
    std::vector<domain::Answer> scores;
  };

  double chance() { return std::uniform_real_distribution<double>(0, 1)(random_); }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

  void load() {
    grid_id_ = db_.read([](soci::session& session) {
      return store::Query("SELECT id FROM grids ORDER BY id").scalar(session, 0);  // the default grid
    });
    const auto content =
        must(store::get_grid(db_, store::Caller{.role = domain::Role::Admin, .territory_path = "/"}, grid_id_),
             "the default grid")["content"];
    grid_ = must(domain::parse_grid(content), "the default grid");
    for (const auto& domain : grid_.domains)
      for (const auto& criterion : domain.criteria) criteria_.push_back(&criterion);
    country_id_ = territory(db_, "MA");
    const auto rows = db_.read([](soci::session& session) {
      return store::Query(
                 "SELECT i.id, i.association_id, c.path FROM institutions i JOIN territories c ON c.id = i.commune_id"
                 " WHERE i.archived_at IS NULL ORDER BY i.id")
          .rows(session);
    });
    for (const auto& row : rows) {
      const auto path = row["path"].get<std::string>();  // "/country/region/province/commune/"
      const auto region_at = path.find('/', 1) + 1;
      institutions_.push_back({row["id"].get<long long>(), row["association_id"].get<long long>(), path,
                               std::stoll(path.substr(region_at, path.find('/', region_at) - region_at)), chance()});
    }
    // Per institution and criterion: the last score (2 before any visit), -1 when it never applies.
    last_score_.resize(institutions_.size() * criteria_.size());
    for (auto& score : last_score_) score = chance() < 0.03 ? -1 : 2;
  }

  Visit draw(int campaign, std::size_t institution) {
    const int year = kFirstCampaignYear + campaign;
    Visit visit{.visit_date = fmt::format("{}-{:02}-{:02}", year, between(9, 11), between(1, 28)),
                .validated_on = fmt::format("{}-12-{:02}", year, between(1, 20)),
                .answers = json::array()};
    const double quality = institutions_[institution].quality;
    for (std::size_t c = 0; c < criteria_.size(); ++c) {
      int& last = last_score_[institution * criteria_.size() + c];
      std::optional<int> score;
      if (last >= 0) {
        const double fail = last < 2 ? 0.55 : (0.03 + 0.14 * (1 - quality)) * (1 - 0.04 * campaign);
        score = chance() >= fail ? 2 : chance() < (last == 0 ? 0.5 : 0.3) ? 0 : 1;
        last = *score;
      }
      json answer = {{"criterion_code", criteria_[c]->code}, {"score", score ? json(*score) : json(nullptr)}};
      if (score && *score < 2 && chance() < 0.4)
        answer["comment"] = kNotes[between(0, static_cast<int>(kNotes.size()) - 1)];
      ++answers_by_score[score ? *score : 3];
      visit.inputs.push_back({.criterion_code = criteria_[c]->code,
                              .score = score,
                              .comment_sent = answer.contains("comment"),
                              .comment = answer.contains("comment")
                                             ? std::optional<std::string>(answer["comment"].get<std::string>())
                                             : std::nullopt});
      visit.answers.push_back(std::move(answer));
      visit.scores.push_back({criteria_[c]->code, score});
    }
    return visit;
  }

  const store::Caller& assessor_of(const Institution& institution) const {
    return callers_.assessors.at(institution.region_id);
  }

  void campaign(int k) {
    const int year = kFirstCampaignYear + k;
    const bool last = k == kCampaigns - 1;
    const auto& spec = *domain::find_spec("campaigns");
    json body = {{"name_ar", fmt::format("الحملة الوطنية لتشخيص مؤسسات الرعاية الاجتماعية {}", year)},
                 {"name_fr", fmt::format("Campagne nationale de diagnostic des EPS {}", year)},
                 {"grid_id", grid_id_},
                 {"territory_id", country_id_},
                 {"starts_on", fmt::format("{}-09-01", year)},
                 {"ends_on", fmt::format("{}-11-30", year)},
                 {"status", "ongoing"}};
    const auto created = must(store::create_record(db_, spec, callers_.division, body), "campaign");
    const long long campaign_id = created["id"].get<long long>();

    std::vector<Visit> visits;
    for (std::size_t i = 0; i < institutions_.size(); ++i) visits.push_back(draw(k, i));

    std::vector<long long> ids;
    if (path_ == WritePath::Bulk) ids = bulk_add(campaign_id, visits);
    for (std::size_t i = 0; i < institutions_.size(); ++i) {
      const auto& institution = institutions_[i];
      const auto& assessor = assessor_of(institution);
      if (path_ == WritePath::Store) {
        ids.push_back(
            must(store::add_assessment(db_, callers_.division, campaign_id,
                                       {.institution_id = institution.id, .assessor_ids = {assessor.user_id}}),
                 "add_assessment")["id"]
                .get<long long>());
        must(store::save_answers(db_, assessor, ids[i],
                                 {.version = 1, .visit_date = visits[i].visit_date, .answers = visits[i].inputs}),
             "save_answers");
      }
      must(store::submit_assessment(db_, assessor, ids[i], {.version = 2}), "submit_assessment");
      if (path_ == WritePath::Store && !last)
        must(store::validate_assessment(db_, callers_.division, ids[i], {.version = 3}), "validate_assessment");
    }
    if (path_ == WritePath::Bulk && !last) bulk_validate(ids, visits);
    assessments_made += static_cast<long long>(ids.size());

    if (!last) {
      body["status"] = "closed";
      body["version"] = created["version"];
      must(store::update_record(db_, spec, callers_.division, campaign_id, body), "closing the campaign");
    }
  }

  // What add_assessment and then save_answers write, for every visit: the assessment (as
  // save_answers leaves it), its assessor, its answers and both audit entries.
  std::vector<long long> bulk_add(long long campaign_id, const std::vector<Visit>& visits) {
    std::vector<long long> ids;
    must(db_.write([&](soci::session& session) -> domain::Result<void> {
      const auto now = store::utc_now();
      long long institution_id = 0, id = 0, assessor_id = 0;
      std::string visit_date;
      soci::statement insert_assessment =
          (session.prepare << "INSERT INTO assessments (campaign_id, institution_id, kind, status, visit_date, version,"
                              " created_at, updated_at) VALUES (:c, :i, 'official', 'draft', :visit, 2, :now, :now)"
                              " RETURNING id",
           soci::use(campaign_id, "c"), soci::use(institution_id, "i"), soci::use(visit_date, "visit"),
           soci::use(now, "now"), soci::into(id));
      soci::statement insert_assessor =
          (session.prepare << "INSERT INTO assessment_assessors (assessment_id, user_id) VALUES (:a, :u)",
           soci::use(id, "a"), soci::use(assessor_id, "u"));
      // All the answers of one assessment in one statement: one round trip on PostgreSQL.
      const std::size_t n = criteria_.size();
      std::vector<int> scores(n);
      std::vector<std::string> comments(n);
      std::vector<soci::indicator> score_set(n), comment_set(n);
      std::string sql = "INSERT INTO answers (assessment_id, criterion_code, score, comment, updated_at) VALUES ";
      for (std::size_t c = 0; c < n; ++c) sql += fmt::format("{}(:a, :c{}, :s{}, :m{}, :now)", c ? ", " : "", c, c, c);
      soci::statement insert_answers(session);
      insert_answers.alloc();
      insert_answers.prepare(sql);
      insert_answers.exchange(soci::use(id, "a"));
      insert_answers.exchange(soci::use(now, "now"));
      for (std::size_t c = 0; c < n; ++c) {
        insert_answers.exchange(soci::use(criteria_[c]->code, fmt::format("c{}", c)));
        insert_answers.exchange(soci::use(scores[c], score_set[c], fmt::format("s{}", c)));
        insert_answers.exchange(soci::use(comments[c], comment_set[c], fmt::format("m{}", c)));
      }
      insert_answers.define_and_bind();

      for (std::size_t i = 0; i < visits.size(); ++i) {
        const auto& institution = institutions_[i];
        const auto& assessor = assessor_of(institution);
        institution_id = institution.id;
        visit_date = visits[i].visit_date;
        insert_assessment.execute(true);
        ids.push_back(id);
        assessor_id = assessor.user_id;
        insert_assessor.execute(true);
        for (std::size_t c = 0; c < n; ++c) {
          const auto& answer = visits[i].answers[c];
          score_set[c] = answer["score"].is_null() ? soci::i_null : soci::i_ok;
          scores[c] = answer["score"].is_null() ? 0 : answer["score"].get<int>();
          comment_set[c] = answer.contains("comment") ? soci::i_ok : soci::i_null;
          comments[c] = answer.value("comment", "");
        }
        insert_answers.execute(true);
        const json draft = {{"status", "draft"}, {"version", 1}};
        store::write_audit(session, callers_.division,
                           {.action = "create",
                            .entity = "assessment",
                            .entity_id = id,
                            .before = draft,
                            .after = {{"assessor_ids", json::array({assessor.user_id})}},
                            .scope_path = institution.path,
                            .scope_association_id = institution.association_id});
        store::write_audit(session, assessor,
                           {.action = "answers",
                            .entity = "assessment",
                            .entity_id = id,
                            .before = draft,
                            .after = {{"answers", visits[i].answers}, {"visit_date", visit_date}},
                            .scope_path = institution.path,
                            .scope_association_id = institution.association_id});
      }
      return {};
    }),
         "adding the assessments");
    return ids;
  }

  // What validate_assessment writes for each submitted assessment `ids[i]`: a shortcoming for
  // each criterion below 2 unless one is open for the institution and criterion, open ones of
  // criteria scored 2 resolved, the assessment validated (its scores as submitted: the same
  // answers give the same scores), and the audit entries.
  void bulk_validate(const std::vector<long long>& ids, const std::vector<Visit>& visits) {
    must(db_.write([&](soci::session& session) -> domain::Result<void> {
      const auto now = store::utc_now();
      long long institution_id = 0, assessment_id = 0, shortcoming_id = 0;
      std::string domain_code, criterion_code, criterion_sort, text_ar, text_fr, description, severity, day, key;
      soci::indicator description_set = soci::i_null;
      soci::statement raise =
          (session.prepare
               << "INSERT INTO shortcomings (institution_id, domain_code, criterion_code, criterion_text_ar,"
                  " criterion_text_fr, source, assessment_id, description, severity, status, raised_on,"
                  " search_key, criterion_code_sort, version, created_at, updated_at) VALUES (:i, :d, :c, :tar, :tfr,"
                  " 'assessment', :a, :desc, :sev, 'open', :day, :key, :c_sort, 1, :now, :now) RETURNING id",
           soci::use(institution_id, "i"), soci::use(domain_code, "d"), soci::use(criterion_code, "c"),
           soci::use(text_ar, "tar"), soci::use(text_fr, "tfr"), soci::use(assessment_id, "a"),
           soci::use(description, description_set, "desc"), soci::use(severity, "sev"), soci::use(day, "day"),
           soci::use(key, "key"), soci::use(criterion_sort, "c_sort"), soci::use(now, "now"),
           soci::into(shortcoming_id));
      soci::statement resolve =
          (session.prepare
               << "UPDATE shortcomings SET status = 'resolved', resolved_on = :day,"
                  " resolved_by_assessment_id = :a, version = version + 1, updated_at = :now WHERE id = :id",
           soci::use(day, "day"), soci::use(assessment_id, "a"), soci::use(now, "now"),
           soci::use(shortcoming_id, "id"));
      soci::statement validate =
          (session.prepare << "UPDATE assessments SET status = 'validated', version = version + 1, updated_at = :now,"
                              " validated_at = :now, validated_by = :by WHERE id = :id",
           soci::use(now, "now"), soci::use(callers_.division.user_id, "by"), soci::use(assessment_id, "id"));

      for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto& institution = institutions_[i];
        const auto scores = must(domain::score(grid_, visits[i].scores), "scoring");
        institution_id = institution.id;
        assessment_id = ids[i];
        day = visits[i].validated_on;
        const auto audit = [&](std::string action, std::string entity, long long id, json before, json after) {
          store::write_audit(session, callers_.division,
                             {.action = std::move(action),
                              .entity = std::move(entity),
                              .entity_id = id,
                              .before = std::move(before),
                              .after = std::move(after),
                              .scope_path = institution.path,
                              .scope_association_id = institution.association_id});
        };
        for (const auto& shortfall : scores.below_satisfactory) {
          if (open_.contains({institution.id, shortfall.criterion_code})) continue;
          const auto* criterion = grid_.find_criterion(shortfall.criterion_code);
          const auto& answer = visits[i].answers[static_cast<std::size_t>(
              std::find(criteria_.begin(), criteria_.end(), criterion) - criteria_.begin())];
          domain_code = shortfall.domain_code;
          criterion_code = shortfall.criterion_code;
          criterion_sort = domain::sort_key(criterion_code);
          text_ar = criterion->text_ar;
          text_fr = criterion->text_fr;
          description_set = answer.contains("comment") ? soci::i_ok : soci::i_null;
          description = answer.value("comment", "");
          severity = std::string(shortfall.severity);
          key = domain::search_key(text_ar + " " + text_fr + " " + description);
          raise.execute(true);
          open_[{institution.id, criterion_code}] = shortcoming_id;
          audit("create", "shortcoming", shortcoming_id, nullptr,
                {{"institution_id", institution.id},
                 {"criterion_code", criterion_code},
                 {"severity", severity},
                 {"assessment_id", assessment_id}});
        }
        for (const auto& answer : visits[i].scores) {
          const auto found = open_.find({institution.id, answer.criterion_code});
          if (answer.score != 2 || found == open_.end()) continue;
          shortcoming_id = found->second;
          open_.erase(found);
          resolve.execute(true);
          audit("resolve", "shortcoming", shortcoming_id, nullptr,
                {{"status", "resolved"}, {"assessment_id", assessment_id}});
        }
        validate.execute(true);
        audit("validate", "assessment", assessment_id, {{"status", "submitted"}, {"version", 3}},
              {{"status", "validated"}, {"overall", scores.overall ? json(*scores.overall) : json(nullptr)}});
      }
      return {};
    }),
         "validating the assessments");
  }

  store::Database& db_;
  WritePath path_;
  Callers callers_;
  std::mt19937 random_{20261130};
  long long grid_id_ = 0, country_id_ = 0;
  domain::Grid grid_;
  std::vector<const domain::GridCriterion*> criteria_;  // in grid order
  std::vector<Institution> institutions_;
  std::vector<int> last_score_;
  std::map<std::pair<long long, std::string>, long long> open_;  // (institution, criterion) → open shortcoming
};

// ---- --register: individual registers over ten school years -----------------------------

constexpr int kBeneficiariesPerInstitution = 80;  // national: 2,500 × 80 = 200,000
constexpr int kFirstAdmissionYear = 2016;
constexpr int kLastAdmissionYear = 2026;

// Every live institution keeps a register of kBeneficiariesPerInstitution people admitted from
// September 2016 to September 2026. In a boarding house (domain::is_school_category) a pupil
// stays one to five school years, each with its level and, once the year is over, its result
// (promoted 85 %, repeated 10 %; the last year says how the pupil left: graduated, dropped out
// about 8 %, moved about 4 %); elsewhere people have no school year and leave or stay. Then the
// register's months are computed by store::refresh_institution_figures, as every register write
// does. Written in bulk (prepared statements, one transaction per institution) without audit
// entries: neither the indicators nor the dashboard read them, and the rows are those the
// register's routes write, the sealed identity and phone left empty.
class RegisterGenerator {
 public:
  explicit RegisterGenerator(store::Database& db) : db_(db) {}

  void run() {
    const auto institutions = db_.read([](soci::session& session) {
      return store::Query("SELECT id, category FROM institutions WHERE archived_at IS NULL ORDER BY id").rows(session);
    });
    for (const auto& institution : institutions)
      must(db_.write([&](soci::session& session) -> domain::Result<void> {
        fill(session, institution["id"].get<long long>(), institution["category"].get<std::string>());
        return {};
      }),
           "the register of an institution");
  }

  long long beneficiaries = 0, years = 0, results = 0;

 private:
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  bool chance(int percent) { return between(1, 100) <= percent; }
  static std::string date(int year, int month, int day) { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }
  static std::string school_year(int first) { return fmt::format("{}-{}", first, first + 1); }

  void fill(soci::session& session, long long institution_id, const std::string& category) {
    const bool school = domain::is_school_category(category);
    const auto now = store::utc_now();
    std::string sex, name, name_sort, key, birth, admission, exit, reason, year, year_sort, level, result;
    soci::indicator exit_set = soci::i_null, reason_set = soci::i_null, result_set = soci::i_null;
    long long id = 0;
    soci::statement insert_beneficiary =
        (session.prepare
             << "INSERT INTO beneficiaries (institution_id, full_name_ar, sex, birth_date, birth_year,"
                " admission_date, exit_date, exit_reason, name_key, search_key, public_search_key,"
                " full_name_ar_sort, version, created_at, updated_at) VALUES (:i, :name, :sex, :birth,"
                " :born, :admission, :exit, :reason, :key, :key, '', :name_sort, 1, :now, :now) RETURNING id",
         soci::use(institution_id, "i"), soci::use(name, "name"), soci::use(sex, "sex"), soci::use(birth, "birth"),
         soci::use(birth_year_, "born"), soci::use(admission, "admission"), soci::use(exit, exit_set, "exit"),
         soci::use(reason, reason_set, "reason"), soci::use(key, "key"), soci::use(name_sort, "name_sort"),
         soci::use(now, "now"), soci::into(id));
    soci::statement insert_year =
        (session.prepare << "INSERT INTO beneficiary_years (beneficiary_id, school_year, level, result, search_key,"
                            " school_year_sort, version, created_at, updated_at) VALUES (:b, :year, :level, :result,"
                            " '', :year_sort, 1, :now, :now)",
         soci::use(id, "b"), soci::use(year, "year"), soci::use(year_sort, "year_sort"), soci::use(level, "level"),
         soci::use(result, result_set, "result"), soci::use(now, "now"));
    for (int n = 0; n < kBeneficiariesPerInstitution; ++n) {
      sex = category == "dar_taliba" || category == "women" ? "f"
            : category == "dar_talib"                       ? "m"
            : chance(50)                                    ? "f"
                                                            : "m";
      name = fmt::format("{} {}", kFirstNames[between(0, kFirstNames.size() - 1)],
                         kLastNames[between(0, kLastNames.size() - 1)]);
      key = domain::search_key(name);
      name_sort = domain::sort_key(name);
      const int first = between(kFirstAdmissionYear, kLastAdmissionYear);
      admission = date(first, 9, between(1, 30));
      const int age = school ? between(10, 15) : category == "elderly" ? between(60, 85) : between(6, 40);
      birth_year_ = first - age;
      birth = date(birth_year_, between(1, 12), between(1, 28));
      // School years there: one to five, fewer when the register's last year (2026-2027) comes first.
      const int stay = std::min(between(1, 5), kLastAdmissionYear - first + 1);
      const bool still_there = first + stay > kLastAdmissionYear;
      int last = first + stay - 1;  // the first year of the last school year there
      reason_set = exit_set = soci::i_null;
      std::string leaving = school ? "graduated" : "other";
      if (school) {
        for (int y = first; y <= last; ++y)
          if (chance(8) && y < kLastAdmissionYear) {
            leaving = "dropout";
            last = y;
          } else if (chance(4) && y < kLastAdmissionYear) {
            leaving = "moved";
            last = y;
          }
      }
      if (!still_there || leaving == "dropout" || leaving == "moved") {
        exit = date(last + 1, leaving == "graduated" || leaving == "other" ? 6 : between(1, 5), between(1, 28));
        reason = leaving;
        exit_set = reason_set = soci::i_ok;
      }
      insert_beneficiary.execute(true);
      ++beneficiaries;
      if (!school) continue;
      for (int y = first; y <= last; ++y) {
        const int age_then = y - birth_year_;
        year = school_year(y);
        year_sort = domain::sort_key(year);
        level = age_then <= 11 ? "primary" : age_then <= 14 ? "college" : "lycee";
        result_set = soci::i_ok;
        if (y == last && exit_set == soci::i_ok)
          result = leaving == "dropout" ? "dropped_out" : leaving == "moved" ? "moved" : "graduated";
        else if (y >= kLastAdmissionYear)
          result_set = soci::i_null;  // the year under way
        else
          result = chance(90) ? "promoted" : "repeated";
        insert_year.execute(true);
        ++years;
        if (result_set == soci::i_ok) ++results;
      }
    }
    session << "UPDATE institutions SET keeps_register = 1 WHERE id = :id", soci::use(institution_id, "id");
    store::refresh_institution_figures(session, institution_id);
  }

  store::Database& db_;
  std::mt19937 random_{20190426};
  int birth_year_ = 0;
};

long long count(store::Database& db, const std::string& table) {
  return db.read([&](soci::session& session) { return store::Query("SELECT COUNT(*) FROM " + table).scalar(session); });
}

// A bench user with kBenchPassword, scoped to territory `scope`.
void add_user(store::Database& db, const std::string& username, const std::string& display_name,
              const std::string& role, long long scope) {
  const store::Caller admin{
      .username = "bench generator", .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
  must(store::create_user(db, admin,
                          {{"username", username},
                           {"display_name", display_name},
                           {"role", role},
                           {"scope_territory_id", scope},
                           {"language", "ar"}},
                          kBenchPassword),
       "cannot create the bench user " + username);
}

// The caller a request of `username` would carry, from a real log-in.
store::Caller log_in(store::Database& db, const std::string& username) {
  return must(store::login(db, username, kBenchPassword, "127.0.0.1", {}), "cannot log in as " + username)
      .account.caller;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "bench_generate: libsodium could not start\n";
    return 1;
  }
  CLI::App app{"Fills a fresh Riaya database with a national-scale registry for the benchmarks"};
  std::string url;
  std::string scale_name = "national";
  app.add_option("--database", url, "sqlite:PATH or postgresql://…")->required();
  app.add_option("--scale", scale_name, "national or small (a tenth)")->check(CLI::IsMember({"national", "small"}));
  bool diagnostic = false, through_store = false, registers = false;
  app.add_flag("--register", registers,
               "also an individual register in every institution: 200,000 people over ten school years (national)");
  app.add_flag("--diagnostic", diagnostic,
               "also 10 campaigns of the default grid, every institution assessed in each, the shortcomings register");
  app.add_flag("--through-store", through_store,
               "with --diagnostic: every step through the store functions (slow; checks the bulk path)")
      ->needs("--diagnostic");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto started = std::chrono::steady_clock::now();
    auto db = store::Database::open(url, 1);
    store::migrate(*db);
    store::load_reference(*db);
    if (count(*db, "associations") > 0) {
      std::cerr << "bench_generate: the database already has associations: give it a fresh one\n";
      return 1;
    }
    Generator generator(*db, scale_name == "small" ? kSmall : kNational);
    generator.run();

    add_user(*db, "bench-division", "قسم العمل الاجتماعي (bench)", "division", territory(*db, "MA"));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::cout << fmt::format(
        "bench_generate: {} scale in {:.1f} s\n"
        "  territories  {:>6}  (regions +{}, provinces +{}, communes +{})\n"
        "  associations {:>6}\n  institutions {:>6}\n  staff        {:>6}\n  audit_log    {:>6}\n"
        "  user bench-division / bench-password-1 (division, scope MA)\n",
        scale_name, seconds, count(*db, "territories"), generator.regions_made, generator.provinces_made,
        generator.communes_made, count(*db, "associations"), count(*db, "institutions"), count(*db, "staff"),
        count(*db, "audit_log"));
    if (registers) {
      const auto registers_started = std::chrono::steady_clock::now();
      RegisterGenerator generated(*db);
      generated.run();
      std::cout << fmt::format(
          "bench_generate: --register in {:.1f} s\n"
          "  beneficiaries {:>7}  ({} still there)\n  school years  {:>7}  ({} with a result)\n"
          "  months        {:>7}  (computed from the registers)\n",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - registers_started).count(),
          generated.beneficiaries, count(*db, "beneficiaries WHERE exit_date IS NULL"), generated.years,
          generated.results, count(*db, "monthly_statistics WHERE archived_at IS NULL"));
    }
    if (!diagnostic) {
      if (registers && db->backend() == store::Backend::Postgres)
        db->read([](soci::session& session) { session << "VACUUM ANALYZE"; });
      return 0;
    }

    const auto diagnostic_started = std::chrono::steady_clock::now();
    add_user(*db, "bench-province", "مندوبية إقليمية (bench)", "delegation", territory(*db, "MA-P001"));
    CampaignGenerator::Callers callers{.division = log_in(*db, "bench-division")};
    for (int region = 1; region <= 12; ++region) {
      const auto username = fmt::format("bench-assessor-{:02}", region);
      const auto region_id = territory(*db, fmt::format("MA-{:02}", region));
      add_user(*db, username, fmt::format("مقيم الجهة {} (bench)", region), "assessor", region_id);
      callers.assessors[region_id] = log_in(*db, username);
    }
    CampaignGenerator campaigns(*db, through_store ? WritePath::Store : WritePath::Bulk, std::move(callers));
    campaigns.run();
    // What autovacuum does a minute or so after a bulk load on PostgreSQL (statistics, and the
    // visibility map that index-only scans need), done now so that a benchmark started right
    // after generation meets the database a running server would.
    if (db->backend() == store::Backend::Postgres)
      db->read([](soci::session& session) { session << "VACUUM ANALYZE"; });
    const double diagnostic_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - diagnostic_started).count();
    const auto shortcomings = [&](const std::string& status) {
      return count(*db, "shortcomings WHERE status = '" + status + "'");
    };
    const auto& by_score = campaigns.answers_by_score;
    const double answers = static_cast<double>(by_score[0] + by_score[1] + by_score[2] + by_score[3]);
    const auto share = [&](int score) { return 100.0 * static_cast<double>(by_score[score]) / answers; };
    std::cout << fmt::format(
        "bench_generate: --diagnostic{} in {:.1f} s\n"
        "  campaigns    {:>6}  (9 validated and closed, the last ongoing)\n"
        "  assessments  {:>6}  ({} submitted, waiting for validation)\n"
        "  answers      {:>6}  (2: {:.1f} %, 1: {:.1f} %, 0: {:.1f} %, N/A: {:.1f} %)\n"
        "  shortcomings {:>6}  ({} open, {} resolved)\n"
        "  audit_log    {:>6}\n"
        "  users bench-province (delegation, scope MA-P001: {} institutions), bench-assessor-01…12\n",
        through_store ? " --through-store" : "", diagnostic_seconds, count(*db, "campaigns"),
        campaigns.assessments_made, count(*db, "assessments WHERE status = 'submitted'"), count(*db, "answers"),
        share(2), share(1), share(0), share(3), count(*db, "shortcomings"), shortcomings("open"),
        shortcomings("resolved"), count(*db, "audit_log"),
        count(*db,
              "institutions r JOIN territories c ON c.id = r.commune_id WHERE c.path LIKE"
              " (SELECT path FROM territories WHERE code = 'MA-P001') || '%'"));
  } catch (const std::exception& error) {
    std::cerr << "bench_generate: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
