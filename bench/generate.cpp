// bench_generate: fills a fresh database with a national-scale registry for the benchmarks.
//
//   bench_generate --database URL [--scale national|small]
//
// national: 12 regions, 75 provinces, 1,503 communes (the Boujdour ones of the reference data
// among them), 2,000 associations, 2,500 institutions, 25,000 staff. small: about a tenth.
// Every record goes through store::create_record, so search keys, territory paths and the
// audit trail are exactly what the API would have written. The data is the same on every run
// (fixed seed). Also creates the user `bench-division` (role division, scope the whole
// country, password `bench-password-1`). Refuses a database that already has associations.
// Prints a short summary on stdout; errors on stderr with exit status 1.
#include "domain/access.hpp"
#include "domain/schema.hpp"
#include "store/accounts.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"
#include "store/query.hpp"
#include "store/records.hpp"
#include "store/setup.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <array>
#include <chrono>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace riaya;
using nlohmann::json;

struct Scale {
  int provinces;    // in total, MA-BOD included
  int communes;     // in total, the 4 of Boujdour included
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
constexpr std::array<Words, 10> kPlaceFirst{{
    {"سيدي", "Sidi"}, {"عين", "Aïn"}, {"أولاد", "Ouled"}, {"بني", "Beni"}, {"القصر", "El Ksar"},
    {"دار", "Dar"}, {"واد", "Oued"}, {"تيط", "Tit"}, {"رأس", "Ras"}, {"مولاي", "Moulay"}}};
constexpr std::array<Words, 12> kPlaceSecond{{
    {"بوعلي", "Bouali"}, {"الزهراء", "Ezzahra"}, {"مليل", "Mellil"}, {"حمو", "Hammou"},
    {"عمر", "Omar"}, {"يحيى", "Yahya"}, {"سليمان", "Slimane"}, {"قاسم", "Kacem"},
    {"بنور", "Bennour"}, {"الطيب", "Taïb"}, {"عيسى", "Aïssa"}, {"إدريس", "Driss"}}};

// Words of association and institution names; some are written with tashkeel, as people do,
// so that the search has folding to do ("الأمل" finds "الأَمَل").
constexpr std::array<Words, 20> kNameWords{{
    {"الأمل", "Al Amal"}, {"النور", "Annour"}, {"الفتح", "Al Fath"}, {"الرحمة", "Arrahma"},
    {"السعادة", "Essaada"}, {"الإحسان", "Al Ihssane"}, {"البركة", "Al Baraka"}, {"الخير", "Al Khair"},
    {"الوفاء", "Al Wafae"}, {"التضامن", "Attadamoune"}, {"المستقبل", "Al Moustakbal"}, {"الفلاح", "Al Falah"},
    {"الهدى", "Al Houda"}, {"الزيتونة", "Zitouna"}, {"الياسمين", "Yasmine"}, {"الأندلس", "Al Andalous"},
    {"الأطلس", "Atlas"}, {"الواحة", "Al Waha"}, {"النخيل", "Annakhil"}, {"الريحان", "Rayhane"}}};
constexpr std::array<const char*, 4> kTashkeelVariants{"الأَمَل", "النُّور", "الرَّحْمَة", "السَّعَادَة"};

constexpr std::array<const char*, 16> kFirstNames{"محمد", "فاطمة", "أحمد", "خديجة", "يوسف", "مريم", "عبد الله", "زينب",
                                                   "إبراهيم", "نادية", "الحسن", "سعاد", "عمر", "حفيظة", "رشيد", "لطيفة"};
constexpr std::array<const char*, 14> kLastNames{"العلوي", "بنعلي", "الإدريسي", "التازي", "الفاسي", "الصحراوي", "أمزيان",
                                                  "بوزيد", "الشرقاوي", "المرابط", "ولد سالم", "الركيبي", "أيت علي", "الحسني"};
constexpr std::array<const char*, 9> kFunctions{"مدير المؤسسة", "مربية", "مربي", "طباخ", "حارس", "مساعدة اجتماعية",
                                                 "ممرضة", "منشط", "مسير إداري"};
constexpr std::array<const char*, 5> kContracts{"permanent", "fixed_term", "volunteer", "secondment", "other"};
constexpr std::array<const char*, 4> kAuthorisation{"granted", "granted", "pending", "expired"};

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
    const auto id = db_.read([&](soci::session& session) {
      return store::Query("SELECT id FROM territories WHERE code = :code").bind("code", code).scalar(session, 0);
    });
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
      regions.push_back(create("territories", {{"level", "region"}, {"code", code}, {"name_ar", kRegions[i].ar},
                                               {"name_fr", kRegions[i].fr}, {"parent_id", country}})["id"]);
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
      communes_.push_back(create("territories", {{"level", "commune"},
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
      const auto& [association, commune] =
          i < static_cast<int>(associations_.size()) ? associations_[i]
                                                     : associations_[between(0, static_cast<int>(associations_.size()) - 1)];
      const auto& category = categories_[between(0, static_cast<int>(categories_.size()) - 1)];
      const auto& word = pick(kNameWords);
      const std::string word_ar = between(0, 9) == 0 ? pick(kTashkeelVariants) : word.ar;
      const auto& place_word = pick(kPlaceSecond);
      const int capacity = between(20, 200);
      json body = {{"code", fmt::format("INS-{:05}", i + 1)},
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
      json body = {{"institution_id", institution},
                   {"full_name", person()},
                   {"function", pick(kFunctions)},
                   {"qualification", between(0, 1) ? "إجازة" : "دبلوم التكوين المهني"},
                   {"contract_type", pick(kContracts)},
                   {"sex", between(0, 1) ? "f" : "m"},
                   {"start_date", date_between(2000, 2024)}};
      create("staff", body);
    }
  }

  store::Database& db_;
  Scale scale_;
  store::Caller caller_{.username = "bench generator", .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
  std::mt19937 random_{20240601};
  std::vector<json> categories_;
  std::vector<long long> communes_;
  std::vector<std::pair<long long, long long>> associations_;  // id, commune
  std::vector<long long> institutions_;
};

long long count(store::Database& db, const std::string& table) {
  return db.read([&](soci::session& session) { return store::Query("SELECT COUNT(*) FROM " + table).scalar(session); });
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

    const store::Caller admin{.username = "bench generator", .address = "local", .role = domain::Role::Admin,
                              .territory_path = "/"};
    const auto country = db->read([](soci::session& session) {
      return store::Query("SELECT id FROM territories WHERE code = 'MA'").scalar(session);
    });
    auto user = store::create_user(*db, admin,
                                   {{"username", "bench-division"}, {"display_name", "قسم العمل الاجتماعي (bench)"},
                                    {"role", "division"}, {"scope_territory_id", country}, {"language", "ar"}},
                                   "bench-password-1");
    if (!user)
      throw std::runtime_error(fmt::format("cannot create the bench user: {} {}", domain::error_code_name(user.error().code),
                                           user.error().field));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::cout << fmt::format(
        "bench_generate: {} scale in {:.1f} s\n"
        "  territories  {:>6}  (regions +{}, provinces +{}, communes +{})\n"
        "  associations {:>6}\n  institutions {:>6}\n  staff        {:>6}\n  audit_log    {:>6}\n"
        "  user bench-division / bench-password-1 (division, scope MA)\n",
        scale_name, seconds, count(*db, "territories"), generator.regions_made, generator.provinces_made,
        generator.communes_made, count(*db, "associations"), count(*db, "institutions"), count(*db, "staff"),
        count(*db, "audit_log"));
  } catch (const std::exception& error) {
    std::cerr << "bench_generate: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
