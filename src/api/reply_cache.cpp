#include "api/reply_cache.hpp"

namespace riaya::api {

std::shared_ptr<const std::string> ReplyCache::find(const std::string& key, long long version) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  recency_.splice(recency_.begin(), recency_, it->second.position);
  return it->second.body;
}

void ReplyCache::store(const std::string& key, long long version, std::shared_ptr<const std::string> body) {
  std::lock_guard lock(mutex_);
  if (body->size() > max_bytes_ / 4) return;  // one answer may not push out everything else
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.body->size();
    recency_.erase(it->second.position);
    entries_.erase(it);
  }
  recency_.push_front(key);
  bytes_ += body->size();
  entries_.emplace(key, Entry{version, std::move(body), recency_.begin()});
  while (bytes_ > max_bytes_ && !recency_.empty()) {
    const auto last = entries_.find(recency_.back());
    bytes_ -= last->second.body->size();
    entries_.erase(last);
    recency_.pop_back();
  }
}

}  // namespace riaya::api
