#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace riaya::api {

// Answers already computed, kept until the data changes: each entry carries the database's
// data version it was computed at (store::Database::data_version) and is served only while
// the version is still the same. Least recently used entries go first when the cache holds
// more than `max_bytes`. Thread-safe.
class ReplyCache {
 public:
  explicit ReplyCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The body stored under `key` at `version`, if any.
  std::shared_ptr<const std::string> find(const std::string& key, long long version);
  void store(const std::string& key, long long version, std::shared_ptr<const std::string> body);

  // Lookups answered from the cache and not, since the start (for /metrics).
  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  struct Entry {
    long long version;
    std::shared_ptr<const std::string> body;
    std::list<std::string>::iterator position;  // in recency_, most recent first
  };
  std::atomic<std::uint64_t> hits_ = 0, misses_ = 0;
  std::mutex mutex_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recency_;
};

}  // namespace riaya::api
