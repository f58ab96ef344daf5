#pragma once
// Catch2 printers, so that failed comparisons show values instead of `{?}`.

#include "removalsim/scenario/loader.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace Catch {

template <> struct StringMaker<removalsim::scenario::ResolvedValue> {
  static std::string convert(const removalsim::scenario::ResolvedValue &v) {
    return v.key_path + ": " + v.value + " @ " + v.file + ':' + std::to_string(v.line) + ':' +
           std::to_string(v.column);
  }
};

template <> struct StringMaker<removalsim::engine::Timeline<double>::Segment> {
  static std::string convert(const removalsim::engine::Timeline<double>::Segment &s) {
    std::ostringstream out;
    out << '(' << s.from << ", " << s.value << ')';
    return out.str();
  }
};

template <> struct StringMaker<removalsim::engine::Timeline<double>> {
  static std::string convert(const removalsim::engine::Timeline<double> &t) {
    std::string text;
    for (const auto &s : t.segments()) {
      text += StringMaker<removalsim::engine::Timeline<double>::Segment>::convert(s);
    }
    return text;
  }
};

} // namespace Catch
