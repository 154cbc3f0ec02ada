// The riaya command: serve, migrate, demo, user add, user unlock, user reset-password, audit verify, anonymise, backup,
// restore, openapi, export, import.
#include "api/api.hpp"
#include "api/dhis2_export.hpp"
#include "api/list_export.hpp"
#include "api/official_documents.hpp"
#include "app/config.hpp"
#include "app/import_command.hpp"
#include "domain/access.hpp"
#include "domain/audit_vocabulary.hpp"
#include "domain/messages.hpp"
#include "domain/schema.hpp"
#include "http/log.hpp"
#include "http/server.hpp"
#include "store/accounts.hpp"
#include "store/audit.hpp"
#include "store/backup.hpp"
#include "store/beneficiaries.hpp"
#include "store/database.hpp"
#include "store/field_cipher.hpp"
#include "store/query.hpp"
#include "store/setup.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace {

using namespace riaya;
using nlohmann::json;

constexpr const char* kDefaultDatabase = "sqlite:var/riaya.db";

// The command line acts for the whole country, and the audit trail says it was the command line.
store::Caller command_line() {
  return store::Caller{.username = std::string(domain::kCommandLineActor),
                       .address = "local",
                       .role = domain::Role::Admin,
                       .territory_path = "/"};
}

// Applies the pending migrations and loads the reference data when missing, saying so in the log.
void prepare_database(store::Database& db) {
  const auto applied = store::migrate(db);
  for (const auto& name : applied) spdlog::info("migration applied: {}", name);
  if (store::load_reference(db)) spdlog::info("reference data loaded: Boujdour territories and categories");
}

std::unique_ptr<store::Database> open_database(const std::string& url, std::size_t connections) {
  auto db = store::Database::open(url, connections);
  prepare_database(*db);
  return db;
}

// Loads the key of the fields sealed at rest (store/field_cipher.hpp) from `path`, creating the
// file (mode 0600) when it is missing and the database holds nothing sealed yet. Throws, to stop
// the verb, when the file is missing, unreadable or not a key while sealed data exists, or when
// it does not open that data: a server must not start writing under another key.
// `path` empty: riaya.key beside a SQLite database, var/riaya.key for PostgreSQL.
void load_field_key(store::Database& db, std::string path) {
  if (path.empty())
    path = db.backend() == store::Backend::Sqlite
               ? (std::filesystem::path(db.sqlite_path()).parent_path() / "riaya.key").string()
               : std::string("var/riaya.key");
  const auto sealed = store::first_sealed(db);
  auto problem = store::load_key_file(path, !sealed);
  if (!problem) problem = store::check_key_opens(sealed);
  if (problem)
    throw std::runtime_error(
        problem->message + (sealed ? "; the database holds encrypted fields: give --key-file (RIAYA_KEY_FILE) the key "
                                     "file they were written with"
                                   : ""));
}

long long id_of_territory(store::Database& db, const std::string& code) {
  return db.read([&](soci::session& session) {
    return store::Query("SELECT id FROM territories WHERE code = :code").bind("code", code).scalar(session, 0);
  });
}

struct UserAdd {
  std::string username, display_name, role, territory, language = "ar", password;
  long long association_id = 0;
  bool if_missing = false;
};

// Writes `bytes` to the file `path` (replaced when there) and says so: 0, or 1 with the reason
// when it cannot.
int write_output(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) {
    std::cerr << "riaya: cannot write " << path << "\n";
    return 1;
  }
  std::cout << "Written: " << path << "\n";
  return 0;
}

int add_user(store::Database& db, const UserAdd& options) {
  const bool exists = db.read([&](soci::session& session) {
    return store::Query("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", options.username).scalar(session) >
           0;
  });
  if (exists && options.if_missing) {
    std::cout << "User " << options.username << " already exists, unchanged (forgot its password? run: riaya user "
              << "reset-password " << options.username << ").\n";
    return 0;
  }
  json body = {{"username", options.username},
               {"display_name", options.display_name.empty() ? options.username : options.display_name},
               {"role", options.role},
               {"language", options.language}};
  if (options.association_id > 0) {
    body["scope_association_id"] = options.association_id;
  } else {
    const auto territory = id_of_territory(db, options.territory.empty() ? "MA" : options.territory);
    if (territory == 0) {
      std::cerr << "riaya: unknown territory code " << options.territory << "\n";
      return 2;
    }
    body["scope_territory_id"] = territory;
  }
  auto user = store::create_user(db, command_line(), body,
                                 options.password.empty() ? std::nullopt : std::optional(options.password));
  if (!user) {
    std::cerr << "riaya: cannot create the user: " << domain::error_code_name(user.error().code) << " "
              << user.error().field << "\n";
    return 2;
  }
  std::cout << "User " << options.username << " (" << options.role << ") created.\n";
  if (user->contains("one_time_password"))
    std::cout << "One-time password: " << (*user)["one_time_password"].get<std::string>()
              << "   (to be changed at the first log-in)\n";
  return 0;
}

int unlock(store::Database& db, const std::string& username) {
  auto unlocked = store::unlock_user(db, command_line(), username);
  if (!unlocked) {
    std::cerr << "riaya: no user " << username << " and no failed log-in under that name\n";
    return 2;
  }
  const auto addresses = (*unlocked)["addresses"].get<long long>();
  if (addresses == 0)
    std::cout << "User " << username << " had no failed log-in to forget.\n";
  else
    std::cout << "User " << username << " unlocked: failed log-ins forgotten from " << addresses
              << (addresses == 1 ? " address.\n" : " addresses.\n");
  return 0;
}

int reset_password(store::Database& db, const std::string& username) {
  auto reset = store::reset_password_by_name(db, command_line(), username);
  if (!reset) {
    std::cerr << "riaya: no user " << username << "\n";
    return 2;
  }
  std::cout << "Password of " << username
            << " reset: its sessions and API tokens ended, its failed log-ins forgotten.\n"
            << "One-time password: " << (*reset)["one_time_password"].get<std::string>()
            << "   (to be changed at the next log-in)\n";
  return 0;
}

std::pair<std::string, unsigned short> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw CLI::ValidationError("--listen", "expected ADDRESS:PORT");
  return {listen.substr(0, colon), static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)))};
}

const char* env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// The checks of the settings' values, shared by the options and the configuration file.
const CLI::Validator kDatabaseUrl(
    [](const std::string& url) {
      return url.starts_with("sqlite:") || url.starts_with("postgresql://") || url.starts_with("postgres://")
                 ? std::string()
                 : "expected sqlite:PATH or postgresql://user:password@host:port/name";
    },
    "URL");
const CLI::Validator kListen(
    [](const std::string& listen) {
      const auto colon = listen.rfind(':');
      const auto port = colon == std::string::npos ? std::string() : listen.substr(colon + 1);
      if (colon == 0 || port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(port) > 65535)
        return std::string("expected ADDRESS:PORT");
      return std::string();
    },
    "ADDRESS:PORT");
const CLI::Validator kToken(
    [](const std::string& token) {
      return token.find_first_of(" \t\"'") == std::string::npos ? std::string() : "no spaces or quotes in a token";
    },
    "TOKEN");
const CLI::Range kWorkers(1, 256), kSqliteCacheMib(1, 65536), kSessionMaxAge(1, 720);
const CLI::IsMember kLogLevels({"info", "warn", "error"}), kLogFormats({"json", "text"}),
    kBooleans({"true", "false", "1", "0", "yes", "no", "on", "off"});

// Every setting the configuration file may hold: each one's environment variable.
std::vector<app::ConfigKey> config_keys() {
  return {{"RIAYA_DATABASE", kDatabaseUrl},
          {"RIAYA_LISTEN", kListen},
          {"RIAYA_WEB_ROOT", CLI::Validator()},
          {"RIAYA_WORKERS", kWorkers},
          {"RIAYA_SQLITE_CACHE_MB", kSqliteCacheMib},
          {"RIAYA_SESSION_MAX_AGE", kSessionMaxAge},
          {"RIAYA_LOG_LEVEL", kLogLevels},
          {"RIAYA_LOG_FORMAT", kLogFormats},
          {"RIAYA_SECURE_COOKIES", kBooleans},
          {"RIAYA_METRICS_TOKEN", kToken},
          {"RIAYA_KEY_FILE", CLI::Validator()}};
}

// Request threads when not set: two a core (a request waits on the disk or on SQLite's single
// writer part of its time), between 2 and 16 (more only adds connections and their caches).
std::size_t default_workers() { return std::clamp<std::size_t>(2 * std::thread::hardware_concurrency(), 2, 16); }

// The command line; main adds the last catch.
int run(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "riaya: libsodium could not start\n";
    return 1;
  }
  http::use_log_format(http::LogFormat::Text);  // serve chooses its own (--log-format)
  // Before the options: they take their defaults from the environment the file fills.
  try {
    if (const auto path = app::config_path(argc, argv); !path.empty()) app::load_config(path, config_keys());
  } catch (const std::exception& error) {
    std::cerr << "riaya: " << error.what() << "\n";
    return 1;
  }
  CLI::App app{"Riaya — the information system of a province's social welfare institutions"};
  app.require_subcommand(1);
  app.fallthrough();  // --database may follow the verb
  std::string database = env_or("RIAYA_DATABASE", kDefaultDatabase);
  app.add_option("--database", database, "sqlite:PATH or postgresql://user:password@host:port/name [RIAYA_DATABASE]")
      ->check(kDatabaseUrl)
      ->capture_default_str();
  std::string config;
  app.add_option("--config", config,
                 "file of RIAYA_*=value lines (the package's: /etc/riaya/riaya.conf); the environment and the "
                 "flags win over it [RIAYA_CONFIG]");
  std::string key_file = env_or("RIAYA_KEY_FILE", "");
  app.add_option("--key-file", key_file,
                 "the key of the fields encrypted at rest, outside the database (default: riaya.key beside a SQLite "
                 "database, else var/riaya.key); created (mode 0600) when missing and nothing is encrypted yet "
                 "[RIAYA_KEY_FILE]");

  auto* serve = app.add_subcommand("serve", "Run the web server (applies pending migrations first)");
  std::string listen = env_or("RIAYA_LISTEN", "127.0.0.1:8080");
  std::string web_root = env_or("RIAYA_WEB_ROOT", "web/dist");
  // The environment's values are read and checked by CLI11 (envname), as the options are: a bad
  // one is a clear error, not an exception thrown before the parse.
  std::size_t workers = default_workers();
  std::size_t sqlite_cache_mib = store::Database::kDefaultSqliteCacheMib;
  bool secure_cookies = false;
  long long session_max_age_hours = 12;
  serve->add_option("--listen", listen, "ADDRESS:PORT to listen on [RIAYA_LISTEN]")
      ->check(kListen)
      ->capture_default_str();
  serve->add_option("--web-root", web_root, "folder of the built web app [RIAYA_WEB_ROOT]")->capture_default_str();
  serve->add_option("--workers", workers, "threads running requests = database connections")
      ->envname("RIAYA_WORKERS")
      ->check(kWorkers)
      ->capture_default_str();
  serve->add_option("--sqlite-cache-mb", sqlite_cache_mib, "SQLite page cache in MiB for all connections together")
      ->envname("RIAYA_SQLITE_CACHE_MB")
      ->check(kSqliteCacheMib)
      ->capture_default_str();
  std::string log_level = env_or("RIAYA_LOG_LEVEL", "info");
  serve
      ->add_option("--log-level", log_level,
                   "info: a line per request and per refused write; warn: only refusals and problems; error "
                   "[RIAYA_LOG_LEVEL]")
      ->check(kLogLevels)
      ->capture_default_str();
  std::string log_format = env_or("RIAYA_LOG_FORMAT", "json");
  serve
      ->add_option("--log-format", log_format,
                   "json: one JSON object a line (for the journal and log collectors); text: for a terminal "
                   "[RIAYA_LOG_FORMAT]")
      ->check(kLogFormats)
      ->capture_default_str();
  serve
      ->add_flag("--secure-cookies", secure_cookies,
                 "mark the session cookie Secure (when served over HTTPS) [RIAYA_SECURE_COOKIES]")
      ->envname("RIAYA_SECURE_COOKIES");
  std::string metrics_token = env_or("RIAYA_METRICS_TOKEN", "");
  serve
      ->add_option("--metrics-token", metrics_token,
                   "bearer token GET /metrics needs from other than loopback (none: refused) [RIAYA_METRICS_TOKEN]")
      ->check(kToken);
  serve
      ->add_option("--session-max-age", session_max_age_hours,
                   "hours after log-in when a session ends, however busy (it also ends after 8 idle hours)")
      ->envname("RIAYA_SESSION_MAX_AGE")
      ->check(kSessionMaxAge)
      ->capture_default_str();

  auto* migrate = app.add_subcommand("migrate", "Create or update the database schema and load the reference data");
  auto* demo =
      app.add_subcommand("demo",
                         "Load the Boujdour demo data set and its story (into a database without associations, "
                         "or beside a demo registry loaded before the story existed)");
  bool registry_only = false;
  demo->add_flag("--registry-only", registry_only,
                 "load only the registry (associations, institutions, staff, equipment, trainings): no campaign, "
                 "shortcoming, meeting, programme or grant, for those who build the diagnostic themselves");

  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  user->fallthrough();
  auto* user_add = user->add_subcommand("add", "Create a user; prints a one-time password unless --password is given");
  UserAdd add;
  user_add->add_option("--username", add.username, "log-in name")->required();
  user_add->add_option("--role", add.role, "admin, division, delegation, assessor, association or viewer")
      ->required()
      ->check(CLI::IsMember({"admin", "division", "delegation", "assessor", "association", "viewer"}));
  user_add->add_option("--display-name", add.display_name, "name shown in the interface");
  user_add->add_option("--territory", add.territory, "scope: territory code (default MA, the whole country)");
  user_add->add_option("--association-id", add.association_id, "scope: an association's id (role association)");
  user_add->add_option("--language", add.language, "ar, fr or en")->check(CLI::IsMember({"ar", "fr", "en"}));
  user_add->add_option("--password", add.password, "set this password instead of a one-time one (tests)");
  user_add->add_flag("--if-missing", add.if_missing, "do nothing when the user exists");
  auto* user_unlock = user->add_subcommand(
      "unlock", "Forget the failed log-ins of a name, from every address, so it may log in at once");
  std::string unlock_name;
  user_unlock->add_option("NAME", unlock_name, "log-in name")->required();
  auto* user_reset = user->add_subcommand(
      "reset-password",
      "Give a user a new one-time password (printed; to be changed at the next log-in), end their sessions and API "
      "tokens and forget their failed log-ins");
  std::string reset_name;
  user_reset->add_option("NAME", reset_name, "log-in name")->required();

  auto* anonymise = app.add_subcommand(
      "anonymise",
      "Anonymise the beneficiaries who left more than N years ago (law 09-08): names, ID number, guardian "
      "and birth day removed; year of birth, sex and results kept");
  bool anonymise_dry_run = false;
  int retention_years = store::kDefaultRetentionYears;
  anonymise->add_flag("--dry-run", anonymise_dry_run, "count them, change nothing");
  anonymise->add_option("--years", retention_years, "years after the exit")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  auto* backup = app.add_subcommand("backup", "Write a consistent copy of the database, even while it serves");
  std::string backup_file;
  backup->add_option("--output", backup_file, "file to write")->required();
  auto* restore = app.add_subcommand("restore", "Replace the database's content with a copy made by backup");
  std::string restore_file;
  restore->add_option("--input", restore_file, "file to read")->required();

  auto* audit = app.add_subcommand("audit", "Check the audit trail");
  audit->require_subcommand(1);
  audit->fallthrough();
  auto* audit_verify = audit->add_subcommand(
      "verify",
      "Walk the audit trail's hash chain: exit 0 when it is whole, 3 naming the first entry edited, "
      "deleted or inserted out of order");

  auto* export_list = app.add_subcommand(
      "export",
      "Write a list as a spreadsheet, as GET /api/RESOURCE/export answers it to the admin (the whole country); "
      "dhis2: the DHIS2 data value set of a territory and year, as GET /api/dhis2/data-value-set answers it");
  std::string export_resource, export_output, export_format, export_language = "ar", export_period;
  long long export_territory = 0;
  std::vector<std::string> export_parameters;
  export_list->add_option("RESOURCE", export_resource, "institutions, associations, staff, actions, …, or dhis2")
      ->required();
  export_list->add_option("--format", export_format, "xlsx (default) or csv; for dhis2, json (default) or csv")
      ->check(CLI::IsMember({"xlsx", "csv", "json"}));
  export_list->add_option("--period", export_period, "dhis2: the yearly period, e.g. 2019");
  export_list->add_option("--territory", export_territory, "dhis2: the territory's id (default: the country's)");
  export_list->add_option("--lang", export_language, "labels in ar, fr or en")
      ->check(CLI::IsMember({"ar", "fr", "en"}));
  export_list->add_option("--output", export_output, "file to write (default: the name the server would give)");
  export_list->add_option("PARAMETER", export_parameters,
                          "the list's parameters as NAME=VALUE: its filters, q, sort, order, archived");

  auto* report = app.add_subcommand(
      "report", "Write an official document as a PDF, as its route answers it to the admin (the whole country)");
  std::string report_kind, report_language = "ar", report_output;
  long long report_id = 0, report_other = 0;
  report->add_option("KIND", report_kind, "card (institution), synthesis (campaign), programme, comparison")
      ->required()
      ->check(CLI::IsMember({"card", "synthesis", "programme", "comparison"}));
  report->add_option("--id", report_id, "the institution, campaign or programme; the earlier campaign compared")
      ->required();
  report->add_option("--id2", report_other, "the later campaign of a comparison");
  report->add_option("--lang", report_language, "ar or fr")->check(CLI::IsMember({"ar", "fr"}));
  report->add_option("--output", report_output, "file to write (default: the name the server would give)");

  auto* import = app.add_subcommand(
      "import",
      "Import a CSV or XLSX file as POST /api/imports/KIND does (all rows or none), acting as the command line");
  app::ImportOptions import_options;
  std::string import_language = "fr";
  import
      ->add_option("KIND", import_options.kind,
                   "beneficiaries, school_results, staff, monthly_statistics, communes, associations or institutions")
      ->required();
  import->add_option("FILE", import_options.file, "the .xlsx or .csv file")->required();
  import->add_option("--institution", import_options.institution_id,
                     "the institution the rows belong to (beneficiaries, school results, staff, monthly statistics)");
  import->add_option("--province", import_options.province_id, "the province the rows belong to (communes)");
  import->add_flag("--dry-run", import_options.dry_run, "check every row and list the problems, write nothing");
  import->add_option("--lang", import_language, "language of the problems: ar, fr or en")
      ->check(CLI::IsMember({"ar", "fr", "en"}));

  auto* openapi = app.add_subcommand(
      "openapi", "Print the API's OpenAPI document (what GET /api/openapi.json answers); opens no database");

  CLI11_PARSE(app, argc, argv);

  try {
    if (*serve) {
      // Every list answer is tens of kilobytes built and freed per request: without a fixed trim
      // threshold glibc hands that memory back to the kernel and faults it in again (16 % of the
      // throughput). Bounded: at most two arenas, each keeping at most 16 MiB of freed memory
      // (with glibc's default of eight arenas a core, 64 MiB each kept hundreds of megabytes).
      mallopt(M_ARENA_MAX, 2);
      mallopt(M_TRIM_THRESHOLD, 16 << 20);
      mallopt(M_MMAP_THRESHOLD, 4 << 20);
      http::use_log_format(log_format == "json" ? http::LogFormat::Json : http::LogFormat::Text);
      // Listens at once: while the migrations run /healthz answers, /readyz says "starting" and
      // the API answers 503, so a load balancer or systemd sees the server come up.
      auto db = store::Database::open(database, workers, sqlite_cache_mib);
      db->set_migrating(true);
      const auto [address, port] = split_listen(listen);
      api::Api api(*db, {.session_limits = {.max_age_seconds = session_max_age_hours * 3600},
                         .secure_cookies = secure_cookies,
                         .metrics_token = metrics_token,
                         .documents_at_once = std::max<std::size_t>(1, workers / 2)});
      http::Server server(
          {.address = address, .port = port, .workers = workers, .web_root = web_root, .metrics = &api.metrics()},
          [&api](http::Request& request) { return api.handle(request); },
          [&api](const http::Request& request, http::Failure failure) { return api.failure(request, failure); });
      std::thread serving([&server] { server.run(); });
      try {
        prepare_database(*db);
        load_field_key(*db, key_file);
        db->claim_serving();
        db->keep_disk_reserve(store::Database::kDefaultDiskReserve);
      } catch (...) {
        server.stop();
        serving.join();
        throw;
      }
      spdlog::set_level(spdlog::level::from_str(log_level == "warn" ? "warning" : log_level));
      if (db->disk_full()) spdlog::warn("the disk is full: writes are refused until space is freed on the server");
      db->set_migrating(false);
      spdlog::info("Riaya listening on http://{}:{} ({}; web app from {})", address, server.port(),
                   db->backend() == store::Backend::Sqlite ? "SQLite " + db->sqlite_path() : std::string("PostgreSQL"),
                   web_root);
      serving.join();
      spdlog::info("Riaya stopped");
    } else if (*openapi) {
      store::Database unopened(1);  // the routing table only: no request runs
      const api::Api api(unopened, {});
      std::cout << api::openapi_document(api.routes()).dump(2) << "\n";
    } else if (*export_list && export_resource == "dhis2") {
      std::map<std::string, std::string> parameters{{"format", export_format.empty() ? "json" : export_format}};
      if (!export_period.empty()) parameters["period"] = export_period;
      if (export_territory != 0) parameters["territory_id"] = std::to_string(export_territory);
      auto db = open_database(database, 1);
      const auto file = api::dhis2_file(*db, command_line(), parameters);
      if (!file) {
        std::cerr << "riaya: " << domain::error_message(file.error(), domain::Language::English) << "\n";
        for (const auto& missing : file.error().detail.value("missing", json::array()))
          std::cerr << "  missing: " << missing.dump() << "\n";
        return 2;
      }
      if (const int failed = write_output(export_output.empty() ? file->name : export_output, file->bytes))
        return failed;
    } else if (*export_list) {
      if (!export_period.empty() || export_territory != 0 || export_format == "json") {
        std::cerr << "riaya: --period, --territory and --format json are for export dhis2\n";
        return 2;
      }
      if (export_format.empty()) export_format = "xlsx";
      const auto* spec = domain::find_spec(export_resource);
      if (!spec) {
        std::cerr << "riaya: no list named " << export_resource << "\n";
        return 2;
      }
      std::map<std::string, std::string> parameters{{"format", export_format}, {"lang", export_language}};
      for (const auto& parameter : export_parameters) {
        const auto equals = parameter.find('=');
        if (equals == std::string::npos) {
          std::cerr << "riaya: " << parameter << ": a list parameter is written NAME=VALUE\n";
          return 2;
        }
        parameters[parameter.substr(0, equals)] = parameter.substr(equals + 1);
      }
      auto db = open_database(database, 1);
      load_field_key(*db, key_file);
      const auto file = api::list_file(*db, *spec, command_line(), parameters, domain::Language::Arabic);
      if (!file) {
        std::cerr << "riaya: " << domain::error_message(file.error(), domain::Language::English) << "\n";
        return 2;
      }
      const auto output = export_output.empty() ? file->name : export_output;
      std::ofstream out(output, std::ios::binary | std::ios::trunc);
      file->write([&](std::string_view bytes) {
        if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())))
          throw std::runtime_error("cannot write " + output);
      });
      out.close();
      if (!out) throw std::runtime_error("cannot write " + output);
      std::cout << "Written: " << output << "\n";
    } else if (*report) {
      if (report_kind == "comparison" && report_other == 0) {
        std::cerr << "riaya: a comparison needs --id2, the later campaign\n";
        return 2;
      }
      auto db = open_database(database, 1);
      // The documents show what a division reads (the admin reads no assessment), country-wide.
      auto caller = command_line();
      caller.role = domain::Role::Division;
      const auto file =
          api::official_document(*db, caller, report_kind, report_id, report_other,
                                 report_language == "fr" ? domain::Language::French : domain::Language::Arabic);
      if (!file) {
        std::cerr << "riaya: " << domain::error_message(file.error(), domain::Language::English)
                  << (file.error().code == domain::ErrorCode::NotFound
                          ? " (" + report_kind + " --id " + std::to_string(report_id) + ")"
                          : std::string())
                  << "\n";
        return 2;
      }
      if (const int failed = write_output(report_output.empty() ? file->name : report_output, file->bytes))
        return failed;
    } else if (*migrate) {
      auto db = open_database(database, 1);
      load_field_key(*db, key_file);
      std::cout << "Database up to date.\n";
    } else if (*demo) {
      auto db = open_database(database, 1);
      load_field_key(*db, key_file);
      switch (store::load_demo(*db, registry_only ? store::DemoParts::Registry : store::DemoParts::Whole)) {
        case store::DemoLoad::Loaded:
          std::cout << (registry_only ? "Demo data of Boujdour loaded: the registry only.\n"
                                      : "Demo data of Boujdour loaded: the registry, the diagnostic campaigns of "
                                        "September 2018 and 2019, the meeting of 26 April 2019, the programme "
                                        "2019–2020 and its grants.\n");
          break;
        case store::DemoLoad::StoryAdded:
          std::cout << "Demo story of Boujdour added beside the demo registry already loaded: the diagnostic "
                       "campaigns of September 2018 and 2019, the meeting of 26 April 2019, the programme "
                       "2019–2020 and its grants.\n";
          break;
        case store::DemoLoad::AlreadyLoaded:
          std::cout << "The demo data of Boujdour is already loaded: nothing loaded.\n";
          break;
        case store::DemoLoad::Refused:
          std::cout << "The database holds data that is not the demo's (associations or DEMO- institutions it did "
                       "not load, or campaigns, programmes, meetings, grants or demo.* users of its own): demo data "
                       "not loaded.\n";
          break;
      }
    } else if (*user_add) {
      auto db = open_database(database, 1);
      return add_user(*db, add);
    } else if (*audit_verify) {
      auto db = open_database(database, 1);
      const auto check = db->read([](soci::session& session) { return store::verify_audit(session); });
      if (check.whole) {
        std::cout << "Audit trail whole: " << check.entries << " entries, last hash " << check.head_hash << "\n";
        return 0;
      }
      std::cerr << "riaya: audit trail broken: "
                << (check.id ? "entry " + std::to_string(*check.id) : std::string("the chain's head")) << " "
                << (check.problem == "head" ? "does not match the chain's head" : check.problem) << " (after "
                << check.entries << " whole entries)\n";
      return 3;
    } else if (*user_unlock) {
      auto db = open_database(database, 1);
      return unlock(*db, unlock_name);
    } else if (*user_reset) {
      auto db = open_database(database, 1);
      return reset_password(*db, reset_name);
    } else if (*anonymise) {
      auto db = open_database(database, 1);
      const auto done = store::anonymise(*db, command_line(), retention_years, anonymise_dry_run);
      std::cout << (anonymise_dry_run ? "Dry run: " : "") << done["count"].get<std::size_t>()
                << " beneficiaries who left before " << done["cutoff"].get<std::string>()
                << (anonymise_dry_run ? " would be anonymised" : " anonymised") << ".\n";
    } else if (*import) {
      auto db = open_database(database, 1);
      load_field_key(*db, key_file);
      import_options.language = *domain::parse_language(import_language);
      return app::run_import_command(*db, command_line(), import_options, std::cout, std::cerr);
    } else if (*backup) {
      auto db = store::Database::open(database, 1);
      store::backup(*db, backup_file);
      std::cout << "Backup written to " << backup_file << "\n";
    } else if (*restore) {
      auto db = store::Database::open(database, 1);
      store::restore(*db, restore_file);
      std::cout << "Database restored from " << restore_file << "\n";
    }
  } catch (const std::exception& error) {
    std::cerr << "riaya: " << error.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

// An exception that no command handles (one thrown while the options are set up, as a failed
// allocation) ends the program with its message and status 1, not with std::terminate.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "riaya: " << error.what() << "\n";
  } catch (...) {
    std::cerr << "riaya: an unknown error\n";
  }
  return 1;
}
