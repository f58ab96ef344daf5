#include "removalsim/engine/fnv1a.h"

#include <catch2/catch.hpp>

#include <string_view>

using removalsim::engine::Fnv1a;

namespace {

std::uint64_t hash_of(std::string_view bytes) {
  Fnv1a hash;
  hash.add(bytes);
  return hash.value();
}

} // namespace

TEST_CASE("Fnv1a gives the published 64-bit FNV-1a test vectors") {
  CHECK(hash_of("") == 0xcbf29ce484222325ULL);
  CHECK(hash_of("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(hash_of("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("Fnv1a hashes bytes added piecewise as the same bytes added at once") {
  Fnv1a pieces;
  pieces.add("foo");
  pieces.add(static_cast<unsigned char>('b'));
  pieces.add("ar");
  CHECK(pieces.value() == hash_of("foobar"));
  CHECK(hash_of("foobaz") != hash_of("foobar"));
}
