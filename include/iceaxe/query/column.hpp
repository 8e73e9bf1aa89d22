#pragma once

// Column objects: `columns<Employee>.age` is the typed column of field `age`, usable in
// queries; it carries its model, C++ type, table and name.

#include <cstddef>
#include <string_view>

#include "iceaxe/query/condition.hpp"

namespace iceaxe {

template <class Table, auto Member>
struct Column
    : detail::Comparisons<Column<Table, Member>, typename Field<Table, Member>::value_type> {
  using model_type = Table;
  using value_type = typename Field<Table, Member>::value_type;
  static constexpr std::size_t index = detail::field_index<Table, Field<Table, Member>>();

  static constexpr const Field<Table, Member>& field() noexcept {
    return std::get<index>(fields<Table>);
  }
  static constexpr std::string_view name() noexcept { return field().name; }
  static constexpr std::string_view table() noexcept { return table_name<Table>; }
};

// One column object per field, named like the field.
template <Model T>
inline constexpr auto columns = iceaxe_model_columns<Column>(detail::Tag<T>{});

}  // namespace iceaxe
