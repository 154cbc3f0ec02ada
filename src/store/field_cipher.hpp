#pragma once

// The key that seals the fields stored encrypted at rest (domain::FieldSpec::sealed: a
// beneficiary's identity number and guardian's phone), kept in a key file outside the database
// so that the database and its backups hold ciphertext only (docs/OPERATIONS.md, "Key file").

#include "store/database.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace riaya::store {

// What load_key_file found wrong, as said to the person starting the server.
struct KeyFileProblem {
  std::string message;
};

// Reads the key file at `path` (exactly crypto_secretbox_KEYBYTES = 32 bytes) and makes it the
// process's field key. When the file does not exist and `create` is set, writes a new random key
// there with mode 0600 first (and the folders it needs). Errors: the file is missing (and not
// created), unreadable, or not 32 bytes long. Not thread-safe: call before serving.
std::optional<KeyFileProblem> load_key_file(const std::string& path, bool create);

// The first sealed value the database holds, if any (a check of the server's key at start: it
// reads no scope and is answered to no one).
std::optional<std::string> first_sealed(Database& db);

// Whether the loaded key opens `sealed` (first_sealed's answer): nothing when all is well (or
// nothing is sealed), else what is wrong.
std::optional<KeyFileProblem> check_key_opens(const std::optional<std::string>& sealed);

// Sets the field key from 32 raw bytes (tests, and load_key_file).
void set_field_key(std::string_view key);

// `plain` sealed with the field key (crypto_secretbox_easy, a fresh random nonce): "s1:" and
// base64 of nonce and ciphertext. Throws std::logic_error when no key is loaded.
std::string seal_field(std::string_view plain);

// The plain text of a sealed value; nothing when it does not open with the loaded key (or
// is not a sealed value).
std::optional<std::string> open_field(std::string_view sealed);

}  // namespace riaya::store
