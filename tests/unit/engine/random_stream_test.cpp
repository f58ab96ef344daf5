#include "removalsim/engine/random_stream.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

using removalsim::engine::RandomStream;

namespace {
std::vector<std::uint64_t> draw(RandomStream &stream, std::size_t count) {
  std::vector<std::uint64_t> numbers(count);
  for (auto &number : numbers) {
    number = stream();
  }
  return numbers;
}

std::vector<std::uint64_t> first_numbers(std::uint64_t seed, std::uint64_t replication,
                                         std::uint64_t purpose, std::uint64_t substream,
                                         std::size_t count = 9) {
  RandomStream stream(seed, replication, purpose, substream);
  return draw(stream, count);
}
} // namespace

TEST_CASE("a random stream is a 64-bit uniform random bit generator", "[engine][random]") {
  STATIC_REQUIRE(std::is_same_v<RandomStream::result_type, std::uint64_t>);
  STATIC_REQUIRE(RandomStream::min() == 0);
  STATIC_REQUIRE(RandomStream::max() == UINT64_MAX);
}

TEST_CASE("the generator is Philox4x64-7: Random123's known-answer vector", "[engine][random]") {
  // Random123 kat_vectors: philox4x64 7 rounds, counter {0,0,0,0}, key {0,0}. Stream (0,0,0,0)
  // has key (seed, replication) = (0,0) and its first block is counter 0.
  REQUIRE(first_numbers(0, 0, 0, 0, 4) ==
          std::vector<std::uint64_t>{0x5dc8ee6268ec62cd, 0x139bc570b6c125a0, 0x84d6deb4fb65f49e,
                                     0xaff7583376d378c2});
}

TEST_CASE("golden values: the first numbers of stream (1, 0, 0)", "[engine][random]") {
  // Computed with Random123's r123::Philox4x64_R<7> called directly (key {1,0}, counters
  // {0,0,0,0} then {1,0,0,0}): any change of generator, key or counter layout shows here.
  REQUIRE(first_numbers(1, 0, 0, 0, 6) ==
          std::vector<std::uint64_t>{0xb7bafd01de7d2200, 0x728af831ac33a1b7, 0x4c274cf459ca1353,
                                     0xdd7598f2501f0098, 0xa84f99f224f4cfbc, 0x274efe46f0cc52a1});
  // Substream 3 of the same stream: counter {0, 3, 0, 0}.
  REQUIRE(first_numbers(1, 0, 0, 3, 2) ==
          std::vector<std::uint64_t>{0x7c9d1c5a15b20187, 0xb3b4dcaec6191641});
}

TEST_CASE("the same name gives the same numbers", "[engine][random]") {
  REQUIRE(first_numbers(42, 7, 3, 11) == first_numbers(42, 7, 3, 11));
  RandomStream a(5, 1, 2);
  RandomStream b(5, 1, 2);
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(a() == b());
  }
}

TEST_CASE("each of the four name parts changes the numbers", "[engine][random]") {
  const auto base = first_numbers(1, 2, 3, 4);
  REQUIRE(first_numbers(9, 2, 3, 4) != base); // seed
  REQUIRE(first_numbers(1, 9, 3, 4) != base); // replication
  REQUIRE(first_numbers(1, 2, 9, 4) != base); // purpose
  REQUIRE(first_numbers(1, 2, 3, 9) != base); // substream
  // Swapping parts between the key and the counter names another stream too.
  REQUIRE(first_numbers(2, 1, 3, 4) != base);
  REQUIRE(first_numbers(1, 2, 4, 3) != base);
  // No two of the streams share even a single number among their first 9 draws.
  std::vector<std::uint64_t> all;
  for (const auto &numbers : {base, first_numbers(9, 2, 3, 4), first_numbers(1, 9, 3, 4),
                              first_numbers(1, 2, 9, 4), first_numbers(1, 2, 3, 9)}) {
    all.insert(all.end(), numbers.begin(), numbers.end());
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      REQUIRE(all[i] != all[j]);
    }
  }
}

TEST_CASE("select_substream restarts at the first number of that substream", "[engine][random]") {
  RandomStream stream(1, 0, 0);
  draw(stream, 5); // part-way through the second block
  stream.select_substream(3);
  REQUIRE(draw(stream, 9) == first_numbers(1, 0, 0, 3));
  stream.select_substream(0);
  REQUIRE(draw(stream, 9) == first_numbers(1, 0, 0, 0));
  // Selecting the substream one is already in also restarts it.
  stream.select_substream(0);
  REQUIRE(draw(stream, 9) == first_numbers(1, 0, 0, 0));
}

TEST_CASE("position counts the numbers drawn; reposition resumes there in any substream",
          "[engine][random]") {
  for (std::uint64_t drawn = 0; drawn <= 9; ++drawn) {
    INFO("numbers drawn before repositioning: " << drawn);
    RandomStream original(5, 2, 7, 11);
    draw(original, drawn);
    REQUIRE(original.position() == drawn);
    // Another stream of the same (seed, replication), elsewhere, moved to the original's place.
    RandomStream resumed(5, 2, 0, 3);
    draw(resumed, 6);
    resumed.reposition(7, 11, original.position());
    REQUIRE(resumed.position() == drawn);
    REQUIRE(draw(resumed, 9) == draw(original, 9));
  }
}

TEST_CASE("a copied stream continues exactly where the original is", "[engine][random]") {
  RandomStream original(3, 1, 4);
  draw(original, 3);
  RandomStream copy = original;
  REQUIRE(draw(copy, 10) == draw(original, 10));
}

TEST_CASE("uniform01 uses the top 53 bits and stays below 1", "[engine][random]") {
  RandomStream stream(1, 0, 0);
  // (0xb7bafd01de7d2200 >> 11) * 2^-53 and (0x728af831ac33a1b7 >> 11) * 2^-53.
  REQUIRE(stream.uniform01() == 0x1.6f75fa03bcfa4p-1);
  REQUIRE(stream.uniform01() == 0x1.ca2be0c6b0ce8p-2);
  RandomStream many(8, 0, 1);
  double low = 1.0;
  double high = 0.0;
  double sum = 0.0;
  constexpr int kDraws = 100'000;
  for (int i = 0; i < kDraws; ++i) {
    const double u = many.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    low = std::min(low, u);
    high = std::max(high, u);
    sum += u;
  }
  // Mean 1/2, sd 1/sqrt(12): five standard errors of the mean of kDraws draws.
  REQUIRE(sum / kDraws == Approx(0.5).margin(5.0 / std::sqrt(12.0 * kDraws)));
  REQUIRE(low < 1e-3);
  REQUIRE(high > 1.0 - 1e-3);
}
