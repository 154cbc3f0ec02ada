#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace riaya::api {

// The official documents being made now, each under a name its requests share (its cache key
// and table versions), with the pages it has laid out so far: what lets a second request for a
// document being made tell its client the same progress while it waits for that making
// (cached_document), instead of making it again or waiting in silence. And the places of the
// requests making or waiting for a document, at most `at_once`: each holds a worker for the
// whole making, so that documents never take every worker from the rest of the API. Thread-safe.
class DocumentMakings {
 public:
  explicit DocumentMakings(std::size_t at_once) : at_once_(at_once) {}
  struct Making;

  // A request's place among those making or waiting for a document, for as long as it is held.
  class Place {
   public:
    explicit Place(DocumentMakings& makings) : makings_(&makings) {}
    ~Place();
    Place(Place&& other) noexcept : makings_(std::exchange(other.makings_, nullptr)) {}
    Place(const Place&) = delete;
    Place& operator=(const Place&) = delete;
    Place& operator=(Place&&) = delete;

   private:
    DocumentMakings* makings_;
  };

  // A place for a request that is to make or wait for a document; nothing when `at_once`
  // requests hold one (the request answers Busy).
  std::optional<Place> enter();

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
  std::size_t at_once_;
  std::size_t places_taken_ = 0;  // under mutex_
};

struct DocumentMakings::Making {
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t pages = 0;
  bool ended = false;
};

}  // namespace riaya::api
