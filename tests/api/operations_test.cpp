// Operations (issue 17): every answer carries a request id, the log is JSON lines with that id
// and one access line per request (method, route pattern, status, duration, user id), and it
// never holds a password, a body or a query string; GET /metrics, read by Prometheus's own
// text-format parser (Debian's python3-prometheus-client), free from loopback and behind a
// token otherwise; /readyz while the server starts. On both backends.
#include "http/log.hpp"
#include "suite.hpp"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace riaya::test {
namespace {

class Operations : public ApiTest {};

// While alive, the process's log goes, as `riaya serve` writes it (JSON), into a string.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()), level_(spdlog::get_level()) {
    spdlog::set_default_logger(
        std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)));
    http::use_log_format(http::LogFormat::Json);
    spdlog::set_level(spdlog::level::info);
  }
  ~LogCapture() {
    spdlog::set_default_logger(previous_);
    spdlog::set_level(level_);
  }
  std::string text() {
    spdlog::default_logger()->flush();
    return out_.str();
  }
  // Every line, each of which must be a JSON object.
  std::vector<json> lines() {
    std::vector<json> parsed;
    std::istringstream in(text());
    for (std::string line; std::getline(in, line);) {
      parsed.push_back(json::parse(line, nullptr, false));
      EXPECT_TRUE(parsed.back().is_object()) << "not a JSON object: " << line;
    }
    return parsed;
  }
  // The access line of the request `request_id`, or null.
  json access_line(const std::string& request_id) {
    for (auto& line : lines())
      if (line.value("msg", "") == "access" && line.value("request_id", "") == request_id) return line;
    return nullptr;
  }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
  spdlog::level::level_enum level_;
};

TEST_F(Operations, EveryAnswerCarriesARequestIdAndTheLogLineOfItsRequest) {
  auto division = as("division");
  LogCapture log;
  // The client's own id is kept when it is a plain token, and sent back.
  const auto traced =
      division.raw("GET", "/api/institutions/1?q=Fatima-Zahra-Secret", "", "X-Request-Id: trace-42.a_b\r\n");
  EXPECT_EQ(traced.status, 200);
  EXPECT_EQ(traced.headers.at("x-request-id"), "trace-42.a_b");
  const auto line = log.access_line("trace-42.a_b");
  ASSERT_TRUE(line.is_object()) << log.text();
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["method"], "GET");
  EXPECT_EQ(line["route"], "/api/institutions/{id}");  // the pattern, not the path
  EXPECT_EQ(line["status"], 200);
  EXPECT_TRUE(line["duration_ms"].is_number() && line["duration_ms"].get<double>() >= 0);
  EXPECT_EQ(line["user"], std::to_string(user_id("division")));
  EXPECT_TRUE(
      std::regex_match(line["time"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));

  // Without one, or with one that could forge a line, the server makes its own.
  const auto plain = division.get("/api/institutions/1");
  const auto forged = division.raw("GET", "/api/institutions/1", "", "X-Request-Id: a\"b} x\r\n");
  const std::regex generated("[0-9a-f]{16}");
  for (const auto* reply : {&plain, &forged}) {
    const auto& id = reply->headers.at("x-request-id");
    EXPECT_TRUE(std::regex_match(id, generated)) << id;
    EXPECT_TRUE(log.access_line(id).is_object()) << log.text();
  }
  EXPECT_NE(plain.headers.at("x-request-id"), forged.headers.at("x-request-id"));

  // A refused write: its refusal line carries the same id as its access line and its answer.
  const auto refused = as("viewer").post("/api/associations", {{"name_ar", "Refused-Body-Value"}});
  EXPECT_EQ(refused.status, 403);
  const auto refused_id = refused.headers.at("x-request-id");
  bool refusal_seen = false;
  for (const auto& entry : log.lines())
    if (entry.value("msg", "").starts_with("refused POST /api/associations"))
      refusal_seen = entry.value("request_id", "") == refused_id;
  EXPECT_TRUE(refusal_seen) << log.text();
  EXPECT_EQ(log.access_line(refused_id)["status"], 403);

  // No route: the path is not logged (it may hold a name), nor anything after it.
  const auto nowhere = division.get("/api/nowhere-Fatima-Zahra-Secret");
  EXPECT_EQ(nowhere.status, 404);
  EXPECT_EQ(log.access_line(nowhere.headers.at("x-request-id"))["route"], "unmatched");

  const auto text = log.text();
  EXPECT_EQ(text.find("Fatima-Zahra-Secret"), std::string::npos) << text;
  EXPECT_EQ(text.find("Refused-Body-Value"), std::string::npos) << text;
}

TEST_F(Operations, APasswordSentAtLogInNeverReachesTheLog) {
  LogCapture log;
  Client client(server().port());
  const auto good = client.login("assessor");
  EXPECT_EQ(good.status, 200);
  const auto wrong = Client(server().port()).login("assessor", "Wrong-Secret-Passw0rd");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(log.access_line(good.headers.at("x-request-id"))["route"], "/api/session");
  EXPECT_EQ(log.access_line(wrong.headers.at("x-request-id"))["status"], 401);
  const auto text = log.text();
  EXPECT_EQ(text.find(kPassword), std::string::npos) << text;
  EXPECT_EQ(text.find("Wrong-Secret-Passw0rd"), std::string::npos) << text;
}

// The samples of a /metrics answer as Prometheus's Python client parses them:
// [{"name", "labels", "value", "type"}]; a parse error fails the test.
json parsed_metrics(const std::string& text) {
  const auto file = std::filesystem::temp_directory_path() / ("riaya-metrics-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(file) << text;
  const std::string script =
      "import json, sys\n"
      "from prometheus_client.parser import text_string_to_metric_families\n"
      "out = []\n"
      "for family in text_string_to_metric_families(open(sys.argv[1]).read()):\n"
      "    for s in family.samples:\n"
      "        out.append({'name': s.name, 'labels': s.labels, 'value': s.value, 'type': family.type})\n"
      "print(json.dumps(out))\n";
  // Debian's python3, where python3-prometheus-client is (scripts/bootstrap test).
  const auto command = "/usr/bin/python3 -c \"" + script + "\" " + file.string() + " 2>&1";
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0) << output;
  }
  std::filesystem::remove(file);
  auto samples = json::parse(output, nullptr, false);
  EXPECT_TRUE(samples.is_array()) << output;
  return samples.is_array() ? samples : json::array();
}

// The value of the sample `name` whose labels include `labels`, or -1 when there is none.
double sample(const json& samples, const std::string& name, const json& labels = json::object()) {
  for (const auto& entry : samples) {
    if (entry["name"] != name) continue;
    bool all = true;
    for (const auto& [key, value] : labels.items()) all = all && entry["labels"].value(key, "") == value;
    if (all) return entry["value"].get<double>();
  }
  return -1;
}

TEST_F(Operations, MetricsCountRequestsByRoutePatternAndParseAsPrometheusText) {
  auto division = as("division");
  Client loopback(server().port());
  const auto before = parsed_metrics(loopback.get("/metrics").body);
  const json route = {{"method", "GET"}, {"route", "/api/institutions/{id}"}, {"status", "200"}};
  const auto counted = std::max(0.0, sample(before, "riaya_http_requests_total", route));
  const auto hits = sample(before, "riaya_reply_cache_hits_total");
  EXPECT_EQ(division.get("/api/institutions/1").status, 200);
  EXPECT_EQ(division.get("/api/institutions/1").status, 200);  // the same answer: from the cache
  EXPECT_EQ(division.get("/api/nowhere-Fatima-Zahra-Secret").status, 404);

  const auto reply = loopback.get("/metrics");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(reply.body.find("Fatima"), std::string::npos);  // a label is a pattern, never a path
  const auto after = parsed_metrics(reply.body);
  EXPECT_EQ(sample(after, "riaya_http_requests_total", route), counted + 2);
  EXPECT_GE(sample(after, "riaya_http_requests_total", {{"route", "unmatched"}, {"status", "404"}}), 1);
  EXPECT_GE(sample(after, "riaya_reply_cache_hits_total"), hits + 1);
  EXPECT_GE(sample(after, "riaya_reply_cache_misses_total"), 1);

  // The latency histogram of the route: cumulative buckets up to +Inf, which is its count.
  const json series = {{"method", "GET"}, {"route", "/api/institutions/{id}"}};
  const auto count = sample(after, "riaya_http_request_duration_seconds_count", series);
  EXPECT_EQ(count, counted + 2);
  EXPECT_EQ(sample(after, "riaya_http_request_duration_seconds_bucket", with(series, {{"le", "+Inf"}})), count);
  double previous = 0;
  for (const auto bound : {"0.005", "0.05", "0.5", "5", "10"}) {
    const auto bucket = sample(after, "riaya_http_request_duration_seconds_bucket", with(series, {{"le", bound}}));
    EXPECT_GE(bucket, previous) << bound;
    previous = bucket;
  }
  EXPECT_GT(sample(after, "riaya_http_request_duration_seconds_sum", series), 0);

  EXPECT_EQ(sample(after, "riaya_db_connections"), 4);
  const auto in_use = sample(after, "riaya_db_connections_in_use");
  EXPECT_TRUE(in_use >= 0 && in_use <= 4) << in_use;
  EXPECT_EQ(sample(after, "riaya_documents_in_progress"), 0);
  EXPECT_EQ(sample(after, "riaya_exports_in_progress"), 0);
  EXPECT_EQ(sample(after, "riaya_starting"), 0);
  EXPECT_GT(sample(after, "riaya_uptime_seconds"), 0);
  EXPECT_EQ(sample(after, "riaya_build_info", {{"version", RIAYA_VERSION}}), 1);
}

TEST_F(Operations, MetricsNeedTheTokenFromOtherThanLoopback) {
  // Through a proxy on the machine the peer is loopback, but the proxy says whom it forwards.
  const std::string proxied = "X-Forwarded-For: 203.0.113.7\r\n";
  Client client(server().port());
  const auto anonymous = client.raw("GET", "/metrics", "", proxied);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.data()["error"]["code"], "unauthenticated");
  EXPECT_EQ(anonymous.body.find("riaya_http_requests_total"), std::string::npos);
  client.bearer = "not-the-token";
  EXPECT_EQ(client.raw("GET", "/metrics", "", proxied).status, 403);
  client.bearer = kMetricsToken;
  const auto allowed = client.raw("GET", "/metrics", "", proxied);
  EXPECT_EQ(allowed.status, 200);
  EXPECT_NE(allowed.body.find("riaya_http_requests_total"), std::string::npos);
}

TEST_F(Operations, ReadyzFailsWhileTheServerStartsAndTheApiWaits) {
  auto division = as("division");
  Client anonymous(server().port());
  EXPECT_EQ(anonymous.get("/readyz").status, 200);
  server().db().set_migrating(true);
  const auto starting = anonymous.get("/readyz");
  const auto api = division.get("/api/institutions/1");
  const auto metrics = anonymous.get("/metrics");
  const auto health = anonymous.get("/healthz");
  server().db().set_migrating(false);
  EXPECT_EQ(starting.status, 503);
  EXPECT_EQ(starting.data()["status"], "starting: migrations running");
  EXPECT_EQ(api.status, 503);
  EXPECT_EQ(api.data()["error"]["code"], "busy");
  EXPECT_EQ(api.headers.at("retry-after"), "5");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(sample(parsed_metrics(metrics.body), "riaya_starting"), 1);
  EXPECT_EQ(anonymous.get("/readyz").status, 200);
  EXPECT_EQ(division.get("/api/institutions/1").status, 200);
}

}  // namespace
}  // namespace riaya::test
