// What the server answers for the web app's files (http/static_files.cpp), as the installable
// app needs it (issue 17): the service worker and the manifest revalidated on every visit (a
// new build is found at once), the hashed assets kept for a year, the manifest with its type.
#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace riaya::http {
namespace {

class StaticFiles : public testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("riaya-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "assets");
    for (const auto& [name, text] : {std::pair{"index.html", "<!doctype html>"},
                                     {"sw.js", "self;"},
                                     {"manifest.webmanifest", "{}"},
                                     {"assets/index-abc123.js", "1;"}})
      std::ofstream(root_ / name) << text;
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  Response get(const std::string& path) const {
    Request request;
    request.method = "GET";
    request.path = path;
    auto response = serve_static(root_.string(), request);
    EXPECT_TRUE(response.has_value()) << path;
    return response.value_or(Response{});
  }
  static std::string header(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers)
      if (key == name) return value;
    return {};
  }

  std::filesystem::path root_;
};

TEST_F(StaticFiles, TheServiceWorkerAndManifestAreRevalidatedAndAssetsKept) {
  const auto worker = get("/sw.js");
  EXPECT_EQ(worker.body, "self;");
  EXPECT_EQ(worker.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(worker, "Cache-Control"), "no-cache");

  const auto manifest = get("/manifest.webmanifest");
  EXPECT_EQ(manifest.content_type, "application/manifest+json");
  EXPECT_EQ(header(manifest, "Cache-Control"), "no-cache");

  EXPECT_EQ(header(get("/assets/index-abc123.js"), "Cache-Control"), "public, max-age=31536000, immutable");
  // Any page of the app is index.html (the service worker's fallback is the same file).
  const auto page = get("/assessments/12");
  EXPECT_EQ(page.body, "<!doctype html>");
  EXPECT_EQ(header(page, "Cache-Control"), "no-cache");
}

}  // namespace
}  // namespace riaya::http
