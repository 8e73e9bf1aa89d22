#pragma once

// Table-level constraints a model declares with
//   static inline const auto table_args = iceaxe::table_args(
//       iceaxe::UniqueConstraint{{"name", "office_id"}}, iceaxe::IndexConstraint{{"age"}});
// Column names are field names; they are checked when the model's descriptor is built.

#include <string>
#include <variant>
#include <vector>

namespace iceaxe {

struct UniqueConstraint {
  std::vector<std::string> columns;
};

struct IndexConstraint {
  std::vector<std::string> columns;
};

using TableArg = std::variant<UniqueConstraint, IndexConstraint>;

template <class... Args>
std::vector<TableArg> table_args(Args&&... args) {
  std::vector<TableArg> out;
  out.reserve(sizeof...(Args));
  (out.emplace_back(std::forward<Args>(args)), ...);
  return out;
}

}  // namespace iceaxe
