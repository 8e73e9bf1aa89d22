#pragma once

// ColumnRef: a column of any model, type-erased, for option lists that mix columns
// (`.conflict_fields = {E.name, E.office_id}`).

#include <cstddef>
#include <string_view>

#include "iceaxe/query/column.hpp"

namespace iceaxe {

struct ColumnRef {
  template <class T, auto M>
  constexpr ColumnRef(const Column<T, M>&) noexcept  // NOLINT: implicit by design
      : table(table_name<T>), name(Column<T, M>::name()), index(Column<T, M>::index) {}

  std::string_view table;
  std::string_view name;
  std::size_t index;  // the field's position in its model
};

}  // namespace iceaxe
