#pragma once

#include "http/message.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace riaya::api {

// Answers already computed, kept until the data changes: each entry carries the version it was
// computed at (one number for the versions of the tables it reads, store::TableVersions::of) and
// is served only while the version is still the same. An entry is a body with its gzipped twin (http::share_body),
// counted with both against the budget. Least recently used entries go first when the cache holds
// more than `max_bytes`. Thread-safe.
class ReplyCache {
 public:
  explicit ReplyCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // What a computation gives: the body to store and serve, or nothing (it was refused; the
  // caller keeps its own error).
  using Compute = std::function<std::shared_ptr<const http::SharedBody>()>;

  // The body stored under `key` at `version`; else the body `compute` gives, stored. Single
  // flight: while one request computes a key at a version, the others asking for it wait and
  // are answered with its body (each computes for itself only when it gave nothing). A miss
  // is counted for the computation, a hit for each answer it did not need.
  std::shared_ptr<const http::SharedBody> find_or_compute(const std::string& key, long long version,
                                                          const Compute& compute);

  // The body stored under `key` at `version`, counted as a hit; else nothing (not counted: the
  // computation that follows is).
  std::shared_ptr<const http::SharedBody> find(const std::string& key, long long version);

  // Lookups answered from the cache and not, since the start (for /metrics).
  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  struct Entry {
    long long version;
    std::shared_ptr<const http::SharedBody> body;
    std::list<std::string>::iterator position;  // in recency_, most recent first
  };
  // The body stored under `key` at `version`, if any; the mutex held.
  std::shared_ptr<const http::SharedBody> find_locked(const std::string& key, long long version);
  void store_locked(const std::string& key, long long version, std::shared_ptr<const http::SharedBody> body);

  std::atomic<std::uint64_t> hits_ = 0, misses_ = 0;
  std::mutex mutex_;
  // The computations under way, by key and version ("key\nversion").
  std::unordered_map<std::string, std::shared_future<std::shared_ptr<const http::SharedBody>>> computing_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recency_;
};

}  // namespace riaya::api
