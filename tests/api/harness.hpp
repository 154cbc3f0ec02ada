#pragma once

#include "api/api.hpp"
#include "domain/access.hpp"
#include "http/server.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

namespace riaya::test {

using nlohmann::json;

// The database URL the suite runs against: a fresh SQLite file, or the PostgreSQL of
// RIAYA_TEST_POSTGRES emptied first (main.cpp chooses with --backend).
std::string fresh_database_url();
store::Backend test_backend();

// A real riaya server in this process, on a free port of 127.0.0.1, over a fresh database
// with the reference and demo data, and one user per role (password kPassword):
//   admin (country), division, delegation, assessor, viewer (province of Boujdour),
//   association (association 1), division_other (another province, with its own
//   association "Other association" and institution OTHER-001).
class TestServer {
 public:
  TestServer();
  // A second server on the database of `first` (its own connection pool and HTTP server, no
  // setup): two riaya processes on one database, for tests of concurrent writers.
  explicit TestServer(const TestServer& first);
  ~TestServer();
  unsigned short port() const { return port_; }
  store::Database& db() { return *db_; }
  const api::Api& api() const { return *api_; }
  api::Api& api() { return *api_; }

 private:
  void start();

  std::unique_ptr<store::Database> db_;
  std::unique_ptr<api::Api> api_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
};

inline constexpr const char* kPassword = "Passw0rd-long";
inline constexpr const char* kMetricsToken = "metrics-token-of-the-tests";
// The key the test servers seal fields with (store/field_cipher.hpp): 32 bytes.
inline constexpr std::string_view kFieldKey = "riaya-test-key-0123456789abcdef!";

struct Reply {
  int status = 0;
  std::string body;                            // a chunked body decoded
  bool whole = true;                           // false: a chunked body cut short (no last chunk)
  std::map<std::string, std::string> headers;  // lower-case names
  json data() const;                           // the body as JSON (null when it is not JSON)
};

// An HTTP client that keeps the session cookie and sends the CSRF token on writes, as the
// web app does.
class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}

  Reply login(const std::string& username, const std::string& password = kPassword);
  Reply get(const std::string& target);
  Reply post(const std::string& target, const json& body);
  Reply put(const std::string& target, const json& body);
  Reply del(const std::string& target);
  // Sends exactly these bytes as the body, with these extra header lines. `arriving`, when set,
  // is shown the answer's bytes received so far (headers and raw chunks) each time more arrive.
  Reply raw(const std::string& method, const std::string& target, const std::string& body,
            const std::string& extra_headers = "", const std::function<void(std::string_view received)>& arriving = {});

  std::string language = "";                      // Accept-Language
  std::string cookie;                             // riaya_session value
  std::string csrf;                               // sent as X-CSRF-Token on writes
  std::string bearer;                             // sent as Authorization: Bearer when set
  std::string content_type = "application/json";  // of every request but a GET without body; "" sends none
  std::string source_address;                     // a 127.x.y.z to connect from, e.g. to be another client

 private:
  unsigned short port_;
};

// The signed-in client of a role user of TestServer ("admin", "division", …).
Client signed_in(const TestServer& server, const std::string& username);

}  // namespace riaya::test
