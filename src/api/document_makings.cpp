#include "api/document_makings.hpp"

#include <utility>

namespace riaya::api {

DocumentMakings::Ticket::Ticket(DocumentMakings& makings, std::string name, std::shared_ptr<Making> making, bool maker)
    : makings_(makings), name_(std::move(name)), making_(std::move(making)), maker_(maker) {}

DocumentMakings::Ticket::~Ticket() {
  if (!maker_) return;
  {
    std::lock_guard lock(makings_.mutex_);
    makings_.makings_.erase(name_);
  }
  {
    std::lock_guard lock(making_->mutex);
    making_->ended = true;
  }
  making_->changed.notify_all();
}

void DocumentMakings::Ticket::tell(std::size_t pages) {
  {
    std::lock_guard lock(making_->mutex);
    if (pages <= making_->pages) return;
    making_->pages = pages;
  }
  making_->changed.notify_all();
}

std::optional<std::size_t> DocumentMakings::Ticket::wait_past(std::size_t seen) {
  std::unique_lock lock(making_->mutex);
  making_->changed.wait(lock, [&] { return making_->ended || making_->pages > seen; });
  if (making_->pages > seen) return making_->pages;
  return std::nullopt;
}

DocumentMakings::Place::~Place() {
  if (!makings_) return;
  std::lock_guard lock(makings_->mutex_);
  --makings_->places_taken_;
}

std::optional<DocumentMakings::Place> DocumentMakings::enter() {
  std::lock_guard lock(mutex_);
  if (places_taken_ >= at_once_) return std::nullopt;
  ++places_taken_;
  return Place(*this);
}

DocumentMakings::Ticket DocumentMakings::join(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto& making = makings_[name];
  if (making) return Ticket(*this, name, making, false);
  making = std::make_shared<Making>();
  return Ticket(*this, name, making, true);
}

}  // namespace riaya::api
