#include "api/reply_cache.hpp"

namespace riaya::api {

std::shared_ptr<const http::SharedBody> ReplyCache::find_or_compute(const std::string& key, long long version,
                                                                    const Compute& compute) {
  const auto flight = key + "\n" + std::to_string(version);
  std::promise<std::shared_ptr<const http::SharedBody>> promise;
  {
    std::unique_lock lock(mutex_);
    if (auto body = find_locked(key, version)) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return body;
    }
    if (const auto other = computing_.find(flight); other != computing_.end()) {
      const auto shared = other->second;
      lock.unlock();
      if (auto body = shared.get()) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        return body;
      }
      misses_.fetch_add(1, std::memory_order_relaxed);
      return compute();  // it was refused there: the same refusal, or another caller's, here
    }
    computing_.emplace(flight, promise.get_future().share());
    misses_.fetch_add(1, std::memory_order_relaxed);
  }
  const auto finish = [&](std::shared_ptr<const http::SharedBody> body) {
    std::lock_guard lock(mutex_);
    if (body) store_locked(key, version, body);
    computing_.erase(flight);
    promise.set_value(std::move(body));
  };
  std::shared_ptr<const http::SharedBody> body;
  try {
    body = compute();
  } catch (...) {
    finish(nullptr);
    throw;
  }
  finish(body);
  return body;
}

std::shared_ptr<const http::SharedBody> ReplyCache::find(const std::string& key, long long version) {
  std::lock_guard lock(mutex_);
  auto body = find_locked(key, version);
  if (body) hits_.fetch_add(1, std::memory_order_relaxed);
  return body;
}

std::shared_ptr<const http::SharedBody> ReplyCache::find_locked(const std::string& key, long long version) {
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) return nullptr;
  recency_.splice(recency_.begin(), recency_, it->second.position);
  return it->second.body;
}

namespace {

std::size_t size_of(const http::SharedBody& body) { return body.bytes.size() + body.gzipped.size(); }

}  // namespace

void ReplyCache::store_locked(const std::string& key, long long version, std::shared_ptr<const http::SharedBody> body) {
  if (size_of(*body) > max_bytes_ / 4) return;  // one answer may not push out everything else
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= size_of(*it->second.body);
    recency_.erase(it->second.position);
    entries_.erase(it);
  }
  recency_.push_front(key);
  bytes_ += size_of(*body);
  entries_.emplace(key, Entry{version, std::move(body), recency_.begin()});
  while (bytes_ > max_bytes_ && !recency_.empty()) {
    const auto last = entries_.find(recency_.back());
    bytes_ -= size_of(*last->second.body);
    entries_.erase(last);
    recency_.pop_back();
  }
}

}  // namespace riaya::api
