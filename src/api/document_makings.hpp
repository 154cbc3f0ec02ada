#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace riaya::api {

// The official documents being made now, each under a name its requests share (its cache key
// and table versions), with the pages it has laid out so far: what lets a second request for a
// document being made tell its client the same progress while it waits for that making
// (cached_document), instead of making it again or waiting in silence. Thread-safe.
class DocumentMakings {
 public:
  struct Making;

  // A request's part in the making of one document, for as long as it is held.
  class Ticket {
   public:
    Ticket(DocumentMakings& makings, std::string name, std::shared_ptr<Making> making, bool maker);
    // The maker's ticket ends the making: whoever follows it is told, and the name is free again.
    ~Ticket();
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;

    // Whether this request makes the document (no one was making it when it asked); else it
    // follows the making of another request.
    bool maker() const { return maker_; }
    // The maker: `pages` pages are laid out.
    void tell(std::size_t pages);
    // A follower: waits until more than `seen` pages are laid out, or the making has ended;
    // answers the pages laid out, or nothing once the making has ended with no page more
    // than `seen` (the document is then in the cache, or its making failed or was cancelled).
    std::optional<std::size_t> wait_past(std::size_t seen);

   private:
    DocumentMakings& makings_;
    std::string name_;
    std::shared_ptr<Making> making_;
    bool maker_;
  };

  // The making of the document `name`: a maker's ticket when no request is making it, else a
  // follower's of the request that is.
  Ticket join(const std::string& name);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Making>> makings_;
};

struct DocumentMakings::Making {
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t pages = 0;
  bool ended = false;
};

}  // namespace riaya::api
