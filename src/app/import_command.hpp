#pragma once

// `riaya import KIND FILE [--institution N | --province N] [--dry-run] [--lang ar|fr|en]`: an
// import from the command line, as its route runs it (store::run_import), acting as the command
// line. The kind says which of --institution and --province it needs (io::ImportKind::parent).

#include "domain/language.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <iosfwd>
#include <string>

namespace riaya::app {

struct ImportOptions {
  std::string kind;
  std::string file;
  long long institution_id = 0;
  long long province_id = 0;
  bool dry_run = false;
  domain::Language language = domain::Language::French;
};

// Reads the file (refused above io::max_import_bytes before it is read whole), maps its headers
// as the templates name them, runs the import and prints a progress line on `progress` and the
// outcome and every problem (sheet, row, column, value, reason) on `out`. Answers the exit
// status: 0 when imported (or a clean dry run), 1 when a row has a problem, 2 when the file or
// the request is refused (an unknown kind, or the --institution or --province it needs missing).
int run_import_command(store::Database& db, const store::Caller& caller, const ImportOptions& options,
                       std::ostream& out, std::ostream& progress);

}  // namespace riaya::app
