// The reply cache (src/api/reply_cache.hpp): answers kept by data version, and one computation
// however many ask for the same key at once.
#include "api/reply_cache.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using riaya::api::ReplyCache;

TEST(ReplyCache, ManyAskingAtOnceShareOneComputation) {
  ReplyCache cache(1 << 20);
  std::atomic<int> computed = 0;
  const auto slow = [&] {
    ++computed;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return riaya::http::share_body("the synthesis", "text/plain");
  };
  std::vector<std::shared_ptr<const riaya::http::SharedBody>> answers(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < answers.size(); ++i)
    threads.emplace_back([&, i] { answers[i] = cache.find_or_compute("synthesis|ar", 7, slow); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(computed, 1);
  for (const auto& answer : answers) {
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->bytes, "the synthesis");
  }
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_EQ(cache.hits(), 7u);

  // Another data version is computed again; the same one is not.
  cache.find_or_compute("synthesis|ar", 8, slow);
  cache.find_or_compute("synthesis|ar", 8, slow);
  EXPECT_EQ(computed, 2);
}

TEST(ReplyCache, ARefusalIsNotKeptAndAFailureLeavesNothingBehind) {
  ReplyCache cache(1 << 20);
  int computed = 0;
  const auto refused = [&] {
    ++computed;
    return std::shared_ptr<const riaya::http::SharedBody>();
  };
  EXPECT_FALSE(cache.find_or_compute("card|9", 1, refused));
  EXPECT_FALSE(cache.find_or_compute("card|9", 1, refused));
  EXPECT_EQ(computed, 2);

  EXPECT_THROW(
      cache.find_or_compute(
          "card|9", 1, []() -> std::shared_ptr<const riaya::http::SharedBody> { throw std::runtime_error("disk"); }),
      std::runtime_error);
  const auto answer = cache.find_or_compute("card|9", 1, [] { return riaya::http::share_body("card", "text/plain"); });
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->bytes, "card");
}

TEST(ReplyCache, AnAnswerOverAQuarterOfTheBudgetIsServedButNotKept) {
  ReplyCache cache(100);
  int computed = 0;
  const auto big = [&] {
    ++computed;
    return riaya::http::share_body(std::string(30, 'x'), "text/plain");
  };
  EXPECT_EQ(cache.find_or_compute("big", 1, big)->bytes.size(), 30u);
  cache.find_or_compute("big", 1, big);
  EXPECT_EQ(computed, 2);
}

// What `gzipped` holds, inflated (zlib reads the gzip wrapper with windowBits 16 + 15).
std::string gunzip(const std::string& gzipped) {
  z_stream stream{};
  inflateInit2(&stream, 16 + MAX_WBITS);
  std::string out(1 << 16, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzipped.data()));
  stream.avail_in = static_cast<uInt>(gzipped.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const auto status = inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return status == Z_STREAM_END ? out : std::string("not whole");
}

TEST(ReplyCache, AKeptAnswerCarriesItsGzipMadeOnceWhenWorthIt) {
  std::string list = "{\"items\":[";
  for (int i = 0; i < 200; ++i) list += "{\"id\":" + std::to_string(i) + ",\"name_ar\":\"دار الطالب\"},";
  list += "{}]}";
  const auto json = riaya::http::share_body(list, "application/json; charset=utf-8");
  EXPECT_EQ(json->bytes, list);
  ASSERT_FALSE(json->gzipped.empty());
  EXPECT_LT(json->gzipped.size(), list.size() / 4);
  EXPECT_EQ(gunzip(json->gzipped), list);

  EXPECT_TRUE(riaya::http::share_body("{}", "application/json")->gzipped.empty());  // too small to gain
  EXPECT_TRUE(riaya::http::share_body(list, "application/pdf")->gzipped.empty());   // already compressed
}

}  // namespace
