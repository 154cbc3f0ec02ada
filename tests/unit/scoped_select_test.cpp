// Scope by construction: no store query reads a scoped table but through store::scoped_select
// (src/store/scoped_select.hpp). Reads the store's sources (RIAYA_SOURCE_DIR) and fails, naming
// file and line, on a FROM or JOIN of a scoped table, or of a table named at run time, that is
// not in the list below of reads that need no scope, each with its reason.

#include "store/scoped_select.hpp"
#include "store/registry_tables.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The builder, and the table of FROM clauses and scope rules it reads.
const std::set<std::string> kBuilderFiles = {"scoped_select.cpp", "registry_tables.cpp"};

// Files whose every query runs before a caller, or for no caller: logins, sessions and tokens
// (who the caller is), and the first run's setup.
const std::set<std::string> kCallerless = {"accounts.cpp", "setup.cpp"};

// Reads of a scoped table without the builder, each found by a fragment of its line.
struct Exempt {
  std::string file;
  std::string fragment;
  std::string reason;
};

const std::vector<Exempt>& exempt() {
  static const std::vector<Exempt> list = {
      // Uniqueness is checked over every scope: a code or name taken elsewhere is taken.
      {"records.cpp", "\"SELECT COUNT(*) FROM \" + std::string(spec.resource)",
       "a unique field of a table no territory owns: unique everywhere"},
      {"assessments.cpp", "FROM assessments WHERE campaign_id = :c AND institution_id = :i AND kind = :k",
       "one assessment of a kind per institution and campaign, whoever made it"},
      {"programme.cpp", "SELECT COUNT(*) FROM actions WHERE recommendation_id = :r",
       "one action per recommendation, in any scope"},
      // Code references name reference data (readable by every scope); startup maintenance.
      {"records.cpp", "\"SELECT COUNT(*) FROM \" + std::string(field.references)", "code references: reference data"},
      {"records.cpp", "\" FROM \" + std::string(spec.resource)", "fill_public_search_keys, at startup, for no caller"},
      {"records.cpp", "\"r.id IN (SELECT rowid FROM \" + index",
       "a list's words in its resource's search index: ids ANDed with the scoped rows"},
      {"sort_keys.cpp", "\" FROM \" + std::string(spec.resource)", "fill_sort_keys, at startup, for no caller"},
      {"grids.cpp", "Query(\"SELECT COUNT(*) FROM grids\")", "seeding the default grids at startup"},
      {"field_cipher.cpp", "\" AS v FROM \" + std::string(spec.resource)",
       "whether the server's key opens the sealed fields, at startup, for no caller"},
      // Rows of a record the caller's scope was checked for just before (its children, its
      // grid, the names of users shown beside it).
      {"grids.cpp", "SELECT content FROM grids WHERE id = :id", "stored_grid: a grid a scoped record names"},
      {"grids.cpp", "(SELECT COUNT(*) FROM campaigns c WHERE c.grid_id = r.id)", "whether a grid in scope is used"},
      {"assessments.cpp", "FROM assessment_assessors x JOIN users u ON u.id = x.user_id",
       "the assessors of an assessment read in scope"},
      {"assessments.cpp", "SELECT id, criterion_code, status, resolved_by_assessment_id FROM shortcomings",
       "validation: the register of the assessed institution"},
      {"assessments.cpp", "FROM answers a LEFT JOIN users u ON u.id = a.updated_by",
       "sync_answers: an answer, and who saved it, of an assessment read in scope and locked"},
      {"attachments.cpp", "FROM attachments a LEFT JOIN users u ON u.id = a.created_by",
       "the author's name beside a file of a record read in scope"},
      {"programme.cpp", "FROM followups f LEFT JOIN users u ON u.id = f.created_by",
       "the author's name beside a follow-up of an action read in scope"},
      {"programme.cpp", "SELECT m.grid_id FROM assessments a JOIN campaigns m ON m.id = a.campaign_id",
       "the grid of the assessment that raised a shortcoming read in scope"},
      {"programme.cpp", "SELECT COUNT(*) FROM institutions i JOIN territories c ON c.id = i.commune_id,",
       "whether an institution read in scope lies in a programme's territory"},
      {"programme.cpp", "FROM funding_lines\"", "check_grant: the lines of a grant read in scope"},
      {"programme.cpp", "SELECT g.id FROM grants g WHERE g.id = :g",
       "check_funding_line: the grant check_references found in scope, locked"},
      {"programme.cpp", "\" FROM grants g LEFT JOIN institutions gi", "check_funding_line: that grant"},
      {"programme.cpp", "LEFT JOIN associations a ON a.id = g.association_id", "check_funding_line: that grant"},
      {"programme.cpp", "FROM funding_lines f WHERE f.grant_id = g.id", "check_funding_line: that grant's lines"},
      {"programme.cpp", "\" FROM actions x JOIN programmes p ON p.id = x.programme_id",
       "check_funding_line: the action check_references found in scope"},
      {"programme.cpp", "LEFT JOIN institutions i ON i.id = x.institution_id WHERE x.id = :a",
       "check_funding_line: that action"},
      {"trainings.cpp", "FROM training_participants n JOIN trainings t ON t.id = n.training_id",
       "the trainings of a staff member read in scope"},
      {"trainings.cpp", "s.id IN (SELECT n.staff_id FROM training_participants n JOIN trainings t",
       "trained_staff: whether staff in scope was trained"},
      // Conditions inside a scoped_select: they narrow rows already in scope.
      {"dashboard.cpp", "SELECT x.id, x.name_ar, x.name_fr, x.starts_on, x.grid_id FROM campaigns x",
       "the campaigns of validated assessments read in scope (the EXISTS is the scoped read)"},
      {"comparison.cpp", "EXISTS (SELECT 1 FROM assessments a WHERE a.institution_id = r.institution_id",
       "narrows shortcomings in scope"},
      {"programme.cpp", "FROM action_shortcomings s JOIN actions x ON x.id = s.action_id",
       "sync_shortcoming: the actions of a shortcoming"},
      {"programme.cpp", "SELECT q.institution_id FROM participants q WHERE q.meeting_id = :m",
       "meeting_actions: narrows actions in scope to a meeting read in scope"},
      {"programme.cpp", "UNION SELECT n.id FROM participants q JOIN institutions n", "meeting_actions: likewise"},
      {"programme.cpp", "(SELECT x.id FROM recommendations x WHERE x.meeting_id = :meeting)",
       "meeting_minutes: narrows actions in scope to a meeting read in scope"},
      {"trainings.cpp", "\"LEFT JOIN staff s ON s.institution_id = r.id AND s.archived_at IS NULL\"",
       "trained_staff: the staff of institutions in scope"},
      // The audit chain is verified whole, and an entry is read back by the write that made it.
      {"audit.cpp", "\" FROM audit_log WHERE id = :id\"", "an entry read back by the write that made it"},
      {"audit.cpp", "SELECT id FROM audit_log WHERE seq IS NULL ORDER BY id", "chaining the entries: all of them"},
      {"audit.cpp", "\" FROM audit_log WHERE seq > :after ORDER BY seq LIMIT 500\"", "verifying the chain: all of it"},
      {"audit.cpp", "SELECT MIN(id) FROM audit_log WHERE seq IS NULL", "verifying the chain: all of it"},
      {"indicator_sums.cpp", "DELETE FROM indicator_province_sums",
       "a province's sums recomputed: what a write to one of its institutions entails"},
  };
  return list;
}

fs::path store_dir() { return fs::path(RIAYA_SOURCE_DIR) / "src" / "store"; }

std::vector<std::string> lines_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A FROM or JOIN of a scoped table (as a word), or of a table named at run time (FROM " + …).
std::regex scoped_read() {
  std::string names;
  for (const auto& table : riaya::store::scoped_tables()) names += (names.empty() ? "" : "|") + table;
  return std::regex("\\b(FROM|JOIN)\\s+((" + names + ")\\b|\" \\+)");
}

struct Hit {
  std::string file;
  std::size_t line;
  std::string text;
};

// Every such read in the store files other than the builder's, with the exemptions used.
std::vector<Hit> unscoped_reads(std::set<const Exempt*>& used) {
  const auto pattern = scoped_read();
  std::vector<Hit> hits;
  for (const auto& entry : fs::directory_iterator(store_dir())) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() != ".cpp" || kBuilderFiles.contains(name) || kCallerless.contains(name)) continue;
    const auto lines = lines_of(entry.path());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!std::regex_search(lines[i], pattern)) continue;
      const auto it = std::find_if(exempt().begin(), exempt().end(), [&](const Exempt& e) {
        return e.file == name && lines[i].find(e.fragment) != std::string::npos;
      });
      if (it != exempt().end()) {
        used.insert(&*it);
        continue;
      }
      hits.push_back({name, i + 1, lines[i]});
    }
  }
  return hits;
}

TEST(ScopedSelect, KnowsTheScopedTables) {
  const auto tables = riaya::store::scoped_tables();
  for (const auto* name : {"institutions", "assessments", "grids", "audit_log", "users"})
    EXPECT_NE(std::find(tables.begin(), tables.end(), name), tables.end()) << name;
  // Reference data is read by every scope.
  EXPECT_EQ(std::find(tables.begin(), tables.end(), "categories"), tables.end());
}

TEST(ScopedSelect, EveryStoreReadOfAScopedTableGoesThroughTheBuilder) {
  ASSERT_TRUE(fs::is_directory(store_dir())) << store_dir();
  std::set<const Exempt*> used;
  for (const auto& hit : unscoped_reads(used))
    ADD_FAILURE() << "src/store/" << hit.file << ":" << hit.line
                  << ": reads a scoped table without store::scoped_select (src/store/scoped_select.hpp);"
                     " use scoped_select, or unscoped_select for what a write entails beyond the caller's"
                     " scope, or add the read with its reason to tests/unit/scoped_select_test.cpp:\n  "
                  << hit.text;
  for (const auto& e : exempt())
    EXPECT_TRUE(used.contains(&e)) << "no longer in src/store/" << e.file
                                   << ", remove it from the list: " << e.fragment;
}

// The FROM clauses and scope rules of TableSpec are the builder's: only records.cpp, for the
// registry's hooks (checks, display columns), looks a TableSpec up besides it.
TEST(ScopedSelect, OnlyTheBuilderReadsTheTablesScopeFields) {
  const std::regex lookup("\\bfind_table\\(");
  const std::regex field(
      "(table|table_of\\(spec\\)|target)\\s*(\\.|->)\\s*(from|count_from|territory_path|association_id|reference_data|"
      "assessor_condition|association_condition|territory_condition|association_sees|filters)\\b");
  for (const auto& entry : fs::directory_iterator(store_dir())) {
    const auto name = entry.path().filename().string();
    if (kBuilderFiles.contains(name) || (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp") ||
        name == "registry_tables.hpp")
      continue;
    const auto lines = lines_of(entry.path());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (std::regex_search(lines[i], field))
        ADD_FAILURE() << "src/store/" << name << ":" << i + 1
                      << ": reads a TableSpec scope field outside the builder:\n  " << lines[i];
      if (name != "records.cpp" && std::regex_search(lines[i], lookup))
        ADD_FAILURE() << "src/store/" << name << ":" << i + 1 << ": looks a TableSpec up outside the builder:\n  "
                      << lines[i];
    }
  }
}

// A table whose scope is its institution's (TableSpec::scope_reference) has the one shape that
// makes it so: its rows join the institution they reference and the institution's commune, and
// take their territory path and association from them alone, as the institutions' own scope
// does (c.path, the institution's association), with nothing narrowing it.
TEST(ScopedSelect, ARecordScopedByItsInstitutionTakesTheInstitutionsScopeAlone) {
  const auto* institutions = riaya::store::find_table("institutions");
  ASSERT_NE(institutions, nullptr);
  EXPECT_EQ(institutions->territory_path, "c.path");
  EXPECT_EQ(institutions->association_id, "r.association_id");
  EXPECT_TRUE(std::string(institutions->from).starts_with("institutions r JOIN territories c ON c.id = r.commune_id"));
  std::size_t declared = 0;
  for (const auto& table : riaya::store::all_tables()) {
    if (table.scope_reference.empty()) continue;
    ++declared;
    const std::string resource(table.resource), field(table.scope_reference);
    EXPECT_TRUE(std::string(table.from)
                    .starts_with(resource + " r JOIN institutions i ON i.id = r." + field +
                                 " JOIN territories c ON c.id = i.commune_id"))
        << resource << ": " << table.from;
    EXPECT_EQ(table.territory_path, "c.path") << resource;
    EXPECT_EQ(table.association_id, "i.association_id") << resource;
    EXPECT_EQ(riaya::store::scope_by_reference(resource), field) << resource << ": a rule narrows its scope";
  }
  EXPECT_GE(declared, 3u);  // beneficiaries, staff, monthly statistics
  EXPECT_EQ(riaya::store::scope_by_reference("beneficiary_years"), "");
}

}  // namespace
