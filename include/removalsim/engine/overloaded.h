#pragma once

namespace removalsim::engine {

/// A visitor made of several lambdas, one per alternative of a std::variant:
/// `std::visit(Overloaded{[](int) {...}, [](auto) {...}}, value)`.
template <class... F> struct Overloaded : F... { using F::operator()...; };
// Clang 14 does not deduce an aggregate's template arguments by itself.
template <class... F> Overloaded(F...) -> Overloaded<F...>;

} // namespace removalsim::engine
