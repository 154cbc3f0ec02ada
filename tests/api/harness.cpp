#include "harness.hpp"

#include "store/accounts.hpp"
#include "store/field_cipher.hpp"
#include "store/query.hpp"
#include "store/records.hpp"
#include "store/setup.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace riaya::test {
namespace {

store::Caller root() {
  return store::Caller{
      .username = "test setup", .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
}

long long territory(store::Database& db, const std::string& code) {
  return db.read([&](soci::session& s) {
    return store::Query("SELECT id FROM territories WHERE code = :c").bind("c", code).scalar(s);
  });
}

json must(domain::Result<json> result, const std::string& what) {
  if (!result)
    throw std::runtime_error("test setup failed: " + what + ": " +
                             std::string(domain::error_code_name(result.error().code)) + " " + result.error().field);
  return *result;
}

}  // namespace

json Reply::data() const { return json::parse(body, nullptr, false); }

TestServer::TestServer() {
  store::set_field_key(kFieldKey);
  db_ = store::Database::open(fresh_database_url(), 4);
  store::migrate(*db_);
  store::load_reference(*db_);
  store::load_demo(*db_, store::DemoParts::Registry);
  const auto caller = root();
  const auto province = territory(*db_, "MA-BOD");
  const auto other = must(store::create_record(*db_, *domain::find_spec("territories"), caller,
                                               {{"level", "province"},
                                                {"code", "MA-OTH"},
                                                {"name_ar", "إقليم آخر"},
                                                {"name_fr", "Autre province"},
                                                {"parent_id", territory(*db_, "MA-11")}}),
                          "other province");
  const auto other_commune =
      must(store::create_record(
               *db_, *domain::find_spec("territories"), caller,
               {{"level", "commune"}, {"code", "OTH-01"}, {"name_ar", "جماعة أخرى"}, {"parent_id", other["id"]}}),
           "other commune");
  const auto other_association =
      must(store::create_record(
               *db_, *domain::find_spec("associations"), caller,
               {{"name_ar", "جمعية أخرى"}, {"name_fr", "Other association"}, {"territory_id", other_commune["id"]}}),
           "other association");
  must(store::create_record(*db_, *domain::find_spec("institutions"), caller,
                            {{"code", "OTHER-001"},
                             {"name_ar", "مؤسسة أخرى"},
                             {"category", "dar_talib"},
                             {"association_id", other_association["id"]},
                             {"commune_id", other_commune["id"]},
                             {"status", "active"}}),
       "other institution");
  const auto add = [&](const std::string& username, const std::string& role, json scope) {
    json body = {{"username", username}, {"display_name", username}, {"role", role}, {"language", "en"}};
    body.update(scope);
    must(store::create_user(*db_, caller, body, std::string(kPassword)), username);
  };
  add("admin", "admin", {{"scope_territory_id", territory(*db_, "MA")}});
  for (const char* role : {"division", "delegation", "assessor", "viewer"})
    add(role, role, {{"scope_territory_id", province}});
  add("association", "association", {{"scope_association_id", 1}});
  add("division_other", "division", {{"scope_territory_id", other["id"]}});
  start();
}

TestServer::TestServer(const TestServer& first) {
  db_ = store::Database::open(first.db_->url(), 4);
  start();
}

void TestServer::start() {
  api_ = std::make_unique<api::Api>(*db_, api::Settings{.metrics_token = kMetricsToken});
  server_ = std::make_unique<http::Server>(
      http::ServerOptions{
          .address = "127.0.0.1", .port = 0, .workers = 4, .handle_signals = false, .metrics = &api_->metrics()},
      [this](http::Request& request) { return api_->handle(request); },
      [this](const http::Request& request, http::Failure failure) { return api_->failure(request, failure); });
  port_ = server_->port();
  thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
  server_->stop();
  thread_.join();
}

Reply Client::raw(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& extra_headers, const std::function<void(std::string_view received)>& arriving) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (!source_address.empty()) {
    sockaddr_in source{};
    source.sin_family = AF_INET;
    if (::inet_pton(AF_INET, source_address.c_str(), &source.sin_addr) != 1 ||
        ::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0) {
      ::close(fd);
      throw std::runtime_error("cannot connect from " + source_address);
    }
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to the test server");
  }
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!language.empty()) request += "Accept-Language: " + language + "\r\n";
  if (!cookie.empty()) request += "Cookie: riaya_session=" + cookie + "\r\n";
  if (!bearer.empty()) request += "Authorization: Bearer " + bearer + "\r\n";
  if (method != "GET" && !csrf.empty()) request += "X-CSRF-Token: " + csrf + "\r\n";
  if (!body.empty() || method != "GET") {
    if (!content_type.empty()) request += "Content-Type: " + content_type + "\r\n";
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += extra_headers + "\r\n" + body;
  for (std::size_t sent = 0; sent < request.size();) {
    const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer (413) and close before reading everything
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buffer[65536];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
    answer.append(buffer, static_cast<std::size_t>(n));
    if (arriving) arriving(answer);
  }
  ::close(fd);

  Reply reply;
  const auto header_end = answer.find("\r\n\r\n");
  if (answer.size() < 12 || header_end == std::string::npos) return reply;
  reply.status = std::stoi(answer.substr(9, 3));
  reply.body = answer.substr(header_end + 4);
  std::size_t at = answer.find("\r\n") + 2;
  while (at < header_end) {
    const auto end = answer.find("\r\n", at);
    const auto line = answer.substr(at, end - at);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto value = line.substr(line.find_first_not_of(' ', colon + 1));
    if (name == "set-cookie" && value.starts_with("riaya_session=")) cookie = value.substr(14, value.find(';') - 14);
    reply.headers[name] = value;
    at = end + 2;
  }
  if (reply.headers["transfer-encoding"] == "chunked") {
    // Each chunk: its size in hexadecimal, CRLF, its bytes, CRLF; a chunk of size 0 ends the body.
    std::string decoded;
    reply.whole = false;
    for (std::size_t chunk = 0;;) {
      const auto line_end = reply.body.find("\r\n", chunk);
      if (line_end == std::string::npos) break;
      const auto size = std::stoul(reply.body.substr(chunk, line_end - chunk), nullptr, 16);
      if (size == 0) {
        reply.whole = true;
        break;
      }
      if (line_end + 2 + size > reply.body.size()) break;
      decoded += reply.body.substr(line_end + 2, size);
      chunk = line_end + 2 + size + 2;
    }
    reply.body = std::move(decoded);
  }
  return reply;
}

Reply Client::login(const std::string& username, const std::string& password) {
  auto reply = post("/api/session", {{"username", username}, {"password", password}});
  if (reply.status == 200) csrf = reply.data()["csrf_token"].get<std::string>();
  return reply;
}

Reply Client::get(const std::string& target) { return raw("GET", target, ""); }
Reply Client::post(const std::string& target, const json& body) { return raw("POST", target, body.dump()); }
Reply Client::put(const std::string& target, const json& body) { return raw("PUT", target, body.dump()); }
Reply Client::del(const std::string& target) { return raw("DELETE", target, ""); }

Client signed_in(const TestServer& server, const std::string& username) {
  Client client(server.port());
  const auto reply = client.login(username);
  if (reply.status != 200) throw std::runtime_error("cannot log in as " + username + ": " + reply.body);
  return client;
}

}  // namespace riaya::test
