#include "removalsim/engine/overloaded.h"

#include <catch2/catch.hpp>

#include <string>
#include <variant>

using removalsim::engine::Overloaded;

TEST_CASE("Overloaded visits each alternative with its own lambda", "[engine][overloaded]") {
  const auto kind = [](const std::variant<int, double, std::string> &value) {
    return std::visit(Overloaded{[](int) { return std::string("int"); },
                                 [](const std::string &text) { return "text " + text; },
                                 [](auto) { return std::string("other"); }},
                      value);
  };
  REQUIRE(kind(3) == "int");
  REQUIRE(kind(std::string("a")) == "text a");
  REQUIRE(kind(2.5) == "other");
}
