// The reply cache (src/api/reply_cache.hpp): answers kept by data version, and one computation
// however many ask for the same key at once.
#include "api/reply_cache.hpp"

#include <gtest/gtest.h>

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
    return std::make_shared<const std::string>("the synthesis");
  };
  std::vector<std::shared_ptr<const std::string>> answers(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < answers.size(); ++i)
    threads.emplace_back([&, i] { answers[i] = cache.find_or_compute("synthesis|ar", 7, slow); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(computed, 1);
  for (const auto& answer : answers) {
    ASSERT_TRUE(answer);
    EXPECT_EQ(*answer, "the synthesis");
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
    return std::shared_ptr<const std::string>();
  };
  EXPECT_FALSE(cache.find_or_compute("card|9", 1, refused));
  EXPECT_FALSE(cache.find_or_compute("card|9", 1, refused));
  EXPECT_EQ(computed, 2);

  EXPECT_THROW(cache.find_or_compute("card|9", 1,
                                     []() -> std::shared_ptr<const std::string> { throw std::runtime_error("disk"); }),
               std::runtime_error);
  const auto answer = cache.find_or_compute("card|9", 1, [] { return std::make_shared<const std::string>("card"); });
  ASSERT_TRUE(answer);
  EXPECT_EQ(*answer, "card");
}

TEST(ReplyCache, AnAnswerOverAQuarterOfTheBudgetIsServedButNotKept) {
  ReplyCache cache(100);
  int computed = 0;
  const auto big = [&] {
    ++computed;
    return std::make_shared<const std::string>(std::string(30, 'x'));
  };
  EXPECT_EQ(cache.find_or_compute("big", 1, big)->size(), 30u);
  cache.find_or_compute("big", 1, big);
  EXPECT_EQ(computed, 2);
}

}  // namespace
