#pragma once

#include <Random123/philox.h>

#include <cstdint>
#include <limits>

namespace removalsim::engine {

/// A counter-based random stream: Philox4x64-10 (Random123) keyed by (seed, replication) and
/// counting within (purpose, substream).
///
/// Any (seed, replication, purpose, substream) names an independent stream, so streams can be
/// handed out per replication, per purpose and per entity without coordination, and the same name
/// gives the same numbers on every platform and thread count. Satisfies UniformRandomBitGenerator,
/// so Boost.Random's distributions draw from it directly.
class RandomStream {
public:
  using result_type = std::uint64_t;

  /// Opens the stream named by the four integers, positioned at its first number.
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t purpose,
               std::uint64_t substream = 0) noexcept
      : key_{{seed, replication}}, counter_{{0, substream, purpose, 0}} {}

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  /// The next 64 random bits.
  result_type operator()() noexcept {
    if (used_ == kBlockSize) {
      block_ = philox_(counter_, key_);
      counter_.v[0] += 1;
      used_ = 0;
    }
    return block_.v[used_++];
  }

  /// Repositions this object at the start of another substream of the same (seed, replication,
  /// purpose): cheap (no allocation), used to key draws by entity.
  void select_substream(std::uint64_t substream) noexcept {
    counter_.v[0] = 0;
    counter_.v[1] = substream;
    used_ = kBlockSize;
  }

  /// A uniform double in [0, 1) with 53 random bits.
  double uniform01() noexcept { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

private:
  using Philox = r123::Philox4x64;
  static constexpr unsigned kBlockSize = 4;

  Philox philox_;
  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  unsigned used_ = kBlockSize;
};

} // namespace removalsim::engine
