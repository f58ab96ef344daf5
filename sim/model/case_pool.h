#pragma once

#include "removalsim/model/parameters.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace removalsim::model {

/// How the current detention spell ends when no removal comes first (decided at its start).
enum class SpellRelease : std::uint8_t { end_of_term, judge, prefecture };

/// Where a live case stands (terminal cases leave the pool).
enum class CaseState : std::uint8_t {
  departure_period,
  in_appeal,
  at_large,
  detained,
  in_prison,
  house_arrest
};

/// One order and the person it concerns, while the case is alive.
///
/// Exactly one 64-byte cache line: every event of a case reads its record (at least the
/// generation), at random places in a pool of hundreds of thousands of cases, so the record's
/// size is the simulator's memory traffic. The case's random stream is kept as its name and
/// position (the model reopens it on use), not as a stream object.
struct alignas(64) Case {
  Time issued = 0.0;
  /// End of the departure period (enforceability from the later of this and the judgment).
  Time period_end = 0.0;
  /// Start of the current detention spell, house arrest or prison stay.
  Time spell_start = 0.0;
  /// Scheduled end of the current detention spell or house arrest (its abscond or its term), or
  /// the release from prison.
  Time spell_end = 0.0;
  /// No new detention before this time (the redetention gap).
  Time detainable_from = 0.0;
  /// Run-wide unique id of the current detention spell, house arrest or prison stay, to which an
  /// LPC request belongs (0: none yet). A spell that starts at a prison release keeps the stay's.
  std::uint32_t spell_id = 0;
  /// Bumped whenever pending events of the case must be ignored (lazy invalidation).
  std::uint32_t generation = 0;
  /// Substream of the case's random stream: its arrival index within its country (or its index
  /// in the backlog), which keys its draws (common random numbers).
  std::uint32_t stream_index = 0;
  /// Numbers the case has drawn from its stream so far.
  std::uint32_t stream_position = 0;
  std::uint16_t group = 0;
  /// Month of issuance (cohort bin); -1 for backlog cases, which belong to no cohort.
  std::int16_t issue_month = -1;
  CaseState state = CaseState::departure_period;
  /// The detention centre of the current spell (0 without centres).
  std::uint8_t centre = 0;
  bool has_document : 1 = false;
  /// The release at `spell_end` of the current detention spell.
  SpellRelease release : 2 = SpellRelease::end_of_term;
  /// A backlog case (its stream is one of the backlog's, not one of the orders issued).
  bool backlog : 1 = false;
  /// The current house arrest ends by absconding (at `spell_end`), not at its term.
  bool absconds : 1 = false;
  /// An LPC of the current stay or spell is in hand and valid.
  bool lpc_in_hand : 1 = false;
  /// A prisoner's appeal awaits its judgment.
  bool appeal_pending : 1 = false;
};
static_assert(sizeof(Case) == 64, "a case record is one cache line");

/// Live cases in recycled slots: memory follows the cases alive, not the cases ever issued.
/// Slot handles stay valid while the case lives; generations continue across recycling, so a
/// stale event never matches a later occupant of its slot. Slots live in fixed chunks, never
/// moved: a growing std::vector would hold its old and new arrays at once (three times the
/// records) each time it doubles, which with tens of millions of cases is gigabytes.
class CasePool {
public:
  /// A new case with default fields; returns its slot.
  std::uint32_t create() {
    ++created_;
    ++alive_;
    if (alive_ > peak_) {
      peak_ = alive_;
    }
    if (free_.empty()) {
      if (slots_ == chunks_.size() * kChunkSize) {
        chunks_.push_back(std::make_unique<Case[]>(kChunkSize)); // value-initialised
      }
      return static_cast<std::uint32_t>(slots_++);
    }
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    Case &c = (*this)[slot];
    const std::uint32_t generation = c.generation + 1;
    c = Case{};
    c.generation = generation;
    return slot;
  }
  void destroy(std::uint32_t slot) {
    Case &c = (*this)[slot];
    ++c.generation;
    c.spell_id = 0;
    free_.push_back(slot);
    --alive_;
  }
  Case &operator[](std::uint32_t slot) noexcept {
    return chunks_[slot >> kChunkBits][slot & (kChunkSize - 1)];
  }
  const Case &operator[](std::uint32_t slot) const noexcept {
    return chunks_[slot >> kChunkBits][slot & (kChunkSize - 1)];
  }
  std::uint64_t alive() const noexcept { return alive_; }
  std::uint64_t peak() const noexcept { return peak_; }
  /// Cases created since construction.
  std::uint64_t created() const noexcept { return created_; }

  /// Calls `visit(const Case&)` for every live case (slot order).
  template <class Visit> void for_each_alive(Visit &&visit) const {
    std::vector<bool> is_free(slots_, false);
    for (const std::uint32_t slot : free_) {
      is_free[slot] = true;
    }
    for (std::uint32_t slot = 0; slot < slots_; ++slot) {
      if (!is_free[slot]) {
        visit((*this)[slot]);
      }
    }
  }

private:
  /// 16,384 cases (1 MiB) per chunk: a chunk is zeroed, hence resident, as a whole when it is
  /// allocated, so the last one's unused part counts in the peak memory.
  static constexpr unsigned kChunkBits = 14;
  static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits;

  std::vector<std::unique_ptr<Case[]>> chunks_;
  /// Slots handed out so far (live or free).
  std::size_t slots_ = 0;
  std::vector<std::uint32_t> free_;
  std::uint64_t created_ = 0;
  std::uint64_t alive_ = 0;
  std::uint64_t peak_ = 0;
};

} // namespace removalsim::model
