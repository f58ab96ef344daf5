#pragma once

#include <cstdint>
#include <string_view>

namespace removalsim::engine {

/// 64-bit FNV-1a over bytes: identifies what an output depends on (`scenario_hash` in run.json,
/// the fingerprint a sweep checkpoint must match). Not a cryptographic hash.
class Fnv1a {
public:
  /// Adds `bytes`, in order.
  void add(std::string_view bytes) noexcept {
    for (const unsigned char byte : bytes) {
      add(byte);
    }
  }
  /// Adds one byte.
  void add(unsigned char byte) noexcept { hash_ = (hash_ ^ byte) * kPrime; }
  /// The hash of every byte added so far.
  std::uint64_t value() const noexcept { return hash_; }

private:
  static constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t hash_ = 0xcbf29ce484222325ULL; // the offset basis
};

} // namespace removalsim::engine
