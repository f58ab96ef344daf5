#include "removalsim/engine/resource.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace removalsim::engine {

Resource::Resource(std::int64_t capacity, WhenFull when_full, Time start)
    : capacity_(capacity), when_full_(when_full), usage_(start, 0.0) {
  if (capacity < 0) {
    throw std::invalid_argument("Resource: capacity must be >= 0");
  }
}

bool Resource::request(std::uint32_t token, Time now) {
  return request_above_reserve(token, 0, now);
}

bool Resource::request_above_reserve(std::uint32_t token, std::int64_t reserve, Time now) {
  // A newcomer never jumps the line: with tokens waiting it queues behind them.
  if (queue_.empty() && available() > reserve) {
    grant(now);
    return true;
  }
  if (when_full_ == WhenFull::reject) {
    ++rejections_;
  } else {
    queue_.push_back(token);
  }
  return false;
}

std::optional<std::uint32_t> Resource::release(Time now) {
  assert(in_use_ > 0);
  --in_use_;
  usage_.update(now, static_cast<double>(in_use_));
  return grant_waiting(now);
}

void Resource::set_capacity(std::int64_t capacity) {
  if (capacity < 0) {
    throw std::invalid_argument("Resource: capacity must be >= 0");
  }
  capacity_ = capacity;
}

std::optional<std::uint32_t> Resource::grant_waiting(Time now) {
  if (queue_.empty() || available() == 0) {
    return std::nullopt;
  }
  const std::uint32_t token = queue_.front();
  queue_.pop_front();
  grant(now);
  return token;
}

bool Resource::withdraw(std::uint32_t token) {
  const auto it = std::find(queue_.begin(), queue_.end(), token);
  if (it == queue_.end()) {
    return false;
  }
  queue_.erase(it);
  return true;
}

void Resource::grant(Time now) {
  ++in_use_;
  ++grants_;
  usage_.update(now, static_cast<double>(in_use_));
}

} // namespace removalsim::engine
