// The documents being made (src/api/document_makings.hpp): the first request for a document
// makes it, the others follow its pages until it ends, and then the name is free again; and
// the places of the requests making or waiting for one are at most the number set.
#include "api/document_makings.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace {

using riaya::api::DocumentMakings;

TEST(DocumentMakings, TheFirstMakesTheOthersFollowItsPagesUntilItEnds) {
  DocumentMakings makings(2);
  const std::string name = "synthesis 3\n7";
  std::vector<std::size_t> followed;
  std::atomic<bool> joined = false, ended = false;
  std::thread follower;
  {
    auto maker = makings.join(name);
    ASSERT_TRUE(maker.maker());
    // Another document is made beside it, by its own first request.
    EXPECT_TRUE(makings.join("card 1\n7").maker());
    maker.tell(1);
    follower = std::thread([&] {
      auto ticket = makings.join(name);
      joined = true;
      if (ticket.maker()) return;  // a failure below: it would wait for itself
      std::size_t seen = 0;
      while (const auto pages = ticket.wait_past(seen)) followed.push_back(seen = *pages);
      ended = true;
    });
    {
      auto other = makings.join(name);
      EXPECT_FALSE(other.maker());
      EXPECT_EQ(other.wait_past(0), 1u);  // what was laid out before it joined
    }
    while (!joined) std::this_thread::yield();
    maker.tell(2);
    maker.tell(3);
    maker.tell(2);  // never fewer
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(ended) << "followed while the making goes on";
  }  // the maker's ticket let go: the making ends, and its followers are told
  follower.join();
  EXPECT_TRUE(ended);
  ASSERT_FALSE(followed.empty());
  EXPECT_EQ(followed.back(), 3u);
  for (std::size_t i = 1; i < followed.size(); ++i) EXPECT_GT(followed[i], followed[i - 1]);
  // Ended: the next request for it makes it (the cache holds it, or it is made anew).
  EXPECT_TRUE(makings.join(name).maker());
}

TEST(DocumentMakings, AtMostTheSetNumberOfPlacesAreHeldAtOnce) {
  DocumentMakings makings(2);
  auto first = makings.enter();
  ASSERT_TRUE(first);
  {
    auto second = makings.enter();
    ASSERT_TRUE(second);
    EXPECT_FALSE(makings.enter()) << "both places taken";
    // A place moved on (into a streamed answer) is still held, once.
    auto moved = std::move(*second);
    second.reset();
    EXPECT_FALSE(makings.enter());
  }  // given back
  auto again = makings.enter();
  EXPECT_TRUE(again);
  EXPECT_FALSE(makings.enter());
  first.reset();
  EXPECT_TRUE(makings.enter());
}

}  // namespace
