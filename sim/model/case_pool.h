#pragma once

#include "removalsim/engine/random_stream.h"
#include "removalsim/model/parameters.h"

#include <cstdint>
#include <vector>

namespace removalsim::model {

/// Where a live case stands (terminal cases leave the pool).
enum class CaseState : std::uint8_t { departure_period, in_appeal, at_large, detained };

/// One order and the person it concerns, while the case is alive.
struct Case {
  explicit Case(engine::RandomStream stream) : random(stream) {}

  /// The case's own random stream, keyed by its arrival index (common random numbers).
  engine::RandomStream random;
  Time issued = 0.0;
  /// End of the departure period (enforceability from the later of this and the judgment).
  Time period_end = 0.0;
  Time spell_start = 0.0;
  /// Scheduled end of the current detention spell (+infinity: no scheduled end).
  Time spell_end = 0.0;
  /// No new detention before this time (the redetention gap).
  Time detainable_from = 0.0;
  /// Globally unique id of the current detention spell (0: not detained yet).
  std::uint64_t spell_id = 0;
  /// Bumped whenever pending events of the case must be ignored (lazy invalidation).
  std::uint32_t generation = 0;
  std::uint32_t group = 0;
  /// Month of issuance (cohort bin); -1 for backlog cases, which belong to no cohort.
  std::int32_t issue_month = -1;
  CaseState state = CaseState::departure_period;
  bool has_document = false;
  bool released_by_judge = false;
};

/// Live cases in recycled slots: memory follows the cases alive, not the cases ever issued.
/// Slot handles stay valid while the case lives; generations continue across recycling, so a
/// stale event never matches a later occupant of its slot.
class CasePool {
public:
  std::uint32_t create(const engine::RandomStream &stream) {
    ++created_;
    ++alive_;
    if (alive_ > peak_) {
      peak_ = alive_;
    }
    if (free_.empty()) {
      cases_.emplace_back(stream);
      return static_cast<std::uint32_t>(cases_.size() - 1);
    }
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    const std::uint32_t generation = cases_[slot].generation + 1;
    cases_[slot] = Case(stream);
    cases_[slot].generation = generation;
    return slot;
  }
  void destroy(std::uint32_t slot) {
    ++cases_[slot].generation;
    cases_[slot].spell_id = 0;
    free_.push_back(slot);
    --alive_;
  }
  Case &operator[](std::uint32_t slot) noexcept { return cases_[slot]; }
  const Case &operator[](std::uint32_t slot) const noexcept { return cases_[slot]; }
  std::uint64_t alive() const noexcept { return alive_; }
  std::uint64_t peak() const noexcept { return peak_; }
  /// Cases created since construction.
  std::uint64_t created() const noexcept { return created_; }

  /// Calls `visit(const Case&)` for every live case (slot order).
  template <class Visit> void for_each_alive(Visit &&visit) const {
    std::vector<bool> is_free(cases_.size(), false);
    for (const std::uint32_t slot : free_) {
      is_free[slot] = true;
    }
    for (std::size_t slot = 0; slot < cases_.size(); ++slot) {
      if (!is_free[slot]) {
        visit(cases_[slot]);
      }
    }
  }

private:
  std::vector<Case> cases_;
  std::vector<std::uint32_t> free_;
  std::uint64_t created_ = 0;
  std::uint64_t alive_ = 0;
  std::uint64_t peak_ = 0;
};

} // namespace removalsim::model
