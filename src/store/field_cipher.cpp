#include "store/field_cipher.hpp"

#include "domain/schema.hpp"
#include "store/attachments.hpp"
#include "store/query.hpp"

#include <sodium.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>

namespace riaya::store {
namespace {

constexpr std::string_view kPrefix = "s1:";

struct FieldKey {
  std::array<unsigned char, crypto_secretbox_KEYBYTES> bytes{};
  bool loaded = false;
};

FieldKey& field_key() {
  static FieldKey key;
  return key;
}

}  // namespace

void set_field_key(std::string_view key) {
  if (key.size() != crypto_secretbox_KEYBYTES) throw std::logic_error("a field key is 32 bytes");
  std::copy(key.begin(), key.end(), field_key().bytes.begin());
  field_key().loaded = true;
}

std::optional<KeyFileProblem> load_key_file(const std::string& path, bool create) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    if (!create) return KeyFileProblem{"the key file " + path + " does not exist"};
    if (sodium_init() < 0) return KeyFileProblem{"libsodium could not start"};
    std::error_code ignored;  // a missing folder is said by open() below
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
    std::array<unsigned char, crypto_secretbox_KEYBYTES> key{};
    randombytes_buf(key.data(), key.size());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return KeyFileProblem{"cannot create the key file " + path};
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    ::close(fd);
    if (!written) return KeyFileProblem{"cannot write the key file " + path};
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return KeyFileProblem{"cannot read the key file " + path};
  const std::string key((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (key.size() != crypto_secretbox_KEYBYTES)
    return KeyFileProblem{"the key file " + path + " holds " + std::to_string(key.size()) + " bytes, not " +
                          std::to_string(crypto_secretbox_KEYBYTES)};
  set_field_key(key);
  return std::nullopt;
}

// The first sealed value stored, if any: "SELECT x FROM t WHERE x IS NOT NULL" over each sealed
// field of the registry. Reads no scope: a check of the server's key, answered to no one.
std::optional<std::string> first_sealed(Database& db) {
  return db.read([&](soci::session& session) -> std::optional<std::string> {
    for (const auto& spec : domain::registry_specs())
      for (const auto& field : spec.fields) {
        if (!field.sealed) continue;
        const std::string column(field.name);
        const auto row = Query("SELECT " + column + " AS v FROM " + std::string(spec.resource) + " WHERE " + column +
                               " IS NOT NULL LIMIT 1")
                             .first(session);
        if (row) return (*row)["v"].get<std::string>();
      }
    return std::nullopt;
  });
}

std::optional<KeyFileProblem> check_key_opens(const std::optional<std::string>& sealed) {
  if (!sealed) return std::nullopt;
  if (!field_key().loaded) return KeyFileProblem{"the database holds encrypted data and no key file was loaded"};
  if (!open_field(*sealed)) return KeyFileProblem{"the key file does not open the encrypted data of this database"};
  return std::nullopt;
}

std::string seal_field(std::string_view plain) {
  if (!field_key().loaded) throw std::logic_error("no field key loaded (riaya serve --key-file)");
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(bytes, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(bytes + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), bytes, field_key().bytes.data());
  return std::string(kPrefix) + to_base64(box);
}

std::optional<std::string> open_field(std::string_view sealed) {
  if (!field_key().loaded || !sealed.starts_with(kPrefix)) return std::nullopt;
  sealed.remove_prefix(kPrefix.size());
  const auto box = from_base64(std::string(sealed));  // bad base64 gives bytes that do not open
  const auto length = box.size();
  if (length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(box.data());
  std::string plain(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), bytes + crypto_secretbox_NONCEBYTES,
                                 length - crypto_secretbox_NONCEBYTES, bytes, field_key().bytes.data()) != 0)
    return std::nullopt;
  return plain;
}

}  // namespace riaya::store
