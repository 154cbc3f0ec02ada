#pragma once

#include "store/database.hpp"

#include <string>

namespace riaya::store {

// Writes a consistent copy of the database to `file` while it is in use: SQLite's online
// backup API, or pg_dump's custom format for PostgreSQL. Throws std::runtime_error with the
// reason when it cannot.
void backup(Database& db, const std::string& file);

// Replaces the database's content with the copy in `file` made by backup(). SQLite: checks
// the copy (integrity and Riaya's schema) and copies it in with the backup API. PostgreSQL:
// pg_restore --clean in one transaction. Refuses (std::runtime_error saying to stop them first) while a server uses the
// database (Database::claim_serving), and holds it meanwhile so no server starts during the copy.
// Throws std::runtime_error when the file is not a usable copy; then nothing has changed.
void restore(Database& db, const std::string& file);

}  // namespace riaya::store
