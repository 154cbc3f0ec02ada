// bench_documents: how long the official documents of issue 11 take, on a database made by
// bench_generate --diagnostic, one thread, no HTTP.
//
//   bench_documents --database URL [--territory CODE] [--iterations N] [--institutions N]
//
// The caller is a division scoped to --territory (default MA, the whole country; a region of
// the national data holds about 200 institutions). Measured, median of N (ms):
//   - the institution card of the first institution in scope (its ten campaigns' scores, staff,
//     shortcomings): store::institution_card alone, then with reports::institution_card_pdf;
//     baseline: the raw SQL of its validated assessments' scores;
//   - the synthesis of the last validated campaign over every institution in scope:
//     store::campaign_synthesis alone, then with reports::campaign_synthesis_pdf (one annex
//     page per institution); baseline: the raw SQL of that campaign's validated scores in scope;
//   - with --institutions N, the same synthesis drawn with only the first N institutions of the
//     read (their annexes, heat map and ranking rows; the other sections as read): the issue's
//     100-institution synthesis on a scope that holds more.
#include "reports/documents.hpp"
#include "domain/access.hpp"
#include "domain/dates.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"
#include "store/documents.hpp"
#include "store/query.hpp"

#include "measure.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

using namespace riaya;

int main(int argc, char** argv) {
  CLI::App app{"Times the official documents (PDF) on a generated diagnostic database"};
  std::string database, territory = "MA";
  int iterations = 10;
  std::size_t first_institutions = 0;
  app.add_option("--database", database, "sqlite:PATH or postgresql://…")->required();
  app.add_option("--territory", territory, "the code of the territory the division's scope is");
  app.add_option("--iterations", iterations, "runs of each measure (the median is printed)");
  app.add_option("--institutions", first_institutions,
                 "also time the synthesis drawn with only the first N institutions of the read");
  CLI11_PARSE(app, argc, argv);
  try {
    auto db = store::Database::open(database, 1);
    const auto path = db->read([&](soci::session& s) {
      return store::Query("SELECT path FROM territories WHERE code = :c").bind("c", territory).first(s);
    });
    if (!path) throw std::runtime_error("no territory " + territory);
    const store::Caller caller{.username = "bench",
                               .address = "local",
                               .role = domain::Role::Division,
                               .territory_path = (*path)["path"].get<std::string>()};
    const auto scope = (*path)["path"].get<std::string>() + "%";
    const auto [institution, campaign, assessed] = db->read([&](soci::session& s) {
      const auto first = store::Query(
                             "SELECT MIN(r.id) FROM institutions r JOIN territories c ON c.id = r.commune_id"
                             " WHERE c.path LIKE :p")
                             .bind("p", scope)
                             .scalar(s);
      const auto last =
          store::Query("SELECT MAX(campaign_id) FROM assessments WHERE status = 'validated' AND kind = 'official'")
              .scalar(s);
      const auto count = store::Query(
                             "SELECT COUNT(*) FROM assessments a JOIN institutions i ON i.id = a.institution_id"
                             " JOIN territories c ON c.id = i.commune_id WHERE a.campaign_id = :m"
                             " AND a.status = 'validated' AND c.path LIKE :p")
                             .bind("m", last)
                             .bind("p", scope)
                             .scalar(s);
      return std::tuple{first, last, count};
    });
    const auto today = domain::today_utc();
    std::size_t card_pages = 0, synthesis_bytes = 0;

    const double card_sql = bench::median_ms(iterations, [&] {
      db->read([&](soci::session& s) {
        return store::Query(
                   "SELECT r.scores FROM assessments r WHERE r.institution_id = :i AND r.status = 'validated'"
                   " AND r.kind = 'official' ORDER BY r.visit_date DESC")
            .bind("i", institution)
            .rows(s);
      });
    });
    const double card_read = bench::median_ms(iterations, [&] {
      if (!store::institution_card(*db, caller, institution)) throw std::runtime_error("card: not found");
    });
    const double card_pdf = bench::median_ms(iterations, [&] {
      const auto card = store::institution_card(*db, caller, institution);
      card_pages = reports::institution_card_pdf(*card, domain::Language::Arabic, today).size();
    });

    const int synthesis_iterations = std::max(1, iterations / 3);
    const double synthesis_sql = bench::median_ms(synthesis_iterations, [&] {
      db->read([&](soci::session& s) {
        return store::Query(
                   "SELECT r.scores, i.name_ar FROM assessments r JOIN institutions i ON i.id = r.institution_id"
                   " JOIN territories c ON c.id = i.commune_id WHERE r.campaign_id = :m AND r.status = 'validated'"
                   " AND r.kind = 'official' AND c.path LIKE :p")
            .bind("m", campaign)
            .bind("p", scope)
            .rows(s);
      });
    });
    const double synthesis_read = bench::median_ms(synthesis_iterations, [&] {
      if (!store::campaign_synthesis(*db, caller, campaign)) throw std::runtime_error("synthesis: not found");
    });
    const double synthesis_pdf = bench::median_ms(synthesis_iterations, [&] {
      const auto synthesis = store::campaign_synthesis(*db, caller, campaign);
      synthesis_bytes = reports::campaign_synthesis_pdf(*synthesis, domain::Language::Arabic, today).size();
    });

    std::size_t cut_bytes = 0, cut_count = 0;
    double cut_pdf = 0;
    if (first_institutions > 0) {
      auto synthesis = store::campaign_synthesis(*db, caller, campaign);
      auto& institutions = (*synthesis)["institutions"];
      if (institutions.size() > first_institutions)
        institutions.erase(institutions.begin() + static_cast<std::ptrdiff_t>(first_institutions), institutions.end());
      cut_count = institutions.size();
      cut_pdf = bench::median_ms(synthesis_iterations, [&] {
        cut_bytes = reports::campaign_synthesis_pdf(*synthesis, domain::Language::Arabic, today).size();
      });
    }

    std::cout << fmt::format("scope {} ({}), median of {} (synthesis: {}), milliseconds\n", territory, scope,
                             iterations, synthesis_iterations);
    std::cout << fmt::format(
        "institution card #{}: raw SQL of its scores {:.2f} | store read {:.2f} | read + PDF {:.2f}"
        " ({} bytes)\n",
        institution, card_sql, card_read, card_pdf, card_pages);
    std::cout << fmt::format(
        "synthesis of campaign #{} over {} institutions: raw SQL of its scores {:.2f} | store read"
        " {:.2f} | read + PDF {:.2f} ({} bytes)\n",
        campaign, assessed, synthesis_sql, synthesis_read, synthesis_pdf, synthesis_bytes);
    if (first_institutions > 0)
      std::cout << fmt::format(
          "synthesis of campaign #{} drawn with its first {} institutions: PDF alone {:.2f} ({} bytes)\n", campaign,
          cut_count, cut_pdf, cut_bytes);
  } catch (const std::exception& error) {
    std::cerr << "bench_documents: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
