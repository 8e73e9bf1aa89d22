#pragma once

// The model the query_* cases misuse.

#include <iceaxe/iceaxe.hpp>

struct Employee : iceaxe::TableBase {
  std::optional<int64_t> id;
  std::string name;
  int32_t age = 0;
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), name, age)

constexpr auto& E = iceaxe::columns<Employee>;
