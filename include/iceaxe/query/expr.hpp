#pragma once

// Expr<V>: a typed expression built at run time (what func:: builders return).

#include <string_view>
#include <utility>

#include "iceaxe/query/condition.hpp"

namespace iceaxe {

template <class V>
class Expr : public detail::Comparisons<Expr<V>, V> {
 public:
  using value_type = V;

  Expr(detail::Fragment fragment, std::string_view root_table)
      : fragment_(std::move(fragment)), root_table_(root_table) {}

  const detail::Fragment& fragment() const noexcept { return fragment_; }
  std::string_view root_table() const noexcept { return root_table_; }

 private:
  detail::Fragment fragment_;
  std::string_view root_table_;
};

}  // namespace iceaxe
