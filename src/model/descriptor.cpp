#include "iceaxe/model/descriptor.hpp"

#include <fmt/format.h>

namespace iceaxe {

const ColumnInfo* ModelDescriptor::column(std::string_view name) const noexcept {
  for (const ColumnInfo& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

namespace detail {

namespace {

void check_columns(const ModelDescriptor& model, std::string_view constraint,
                   const std::vector<std::string>& columns) {
  if (columns.empty()) {
    throw UsageError(
        fmt::format("model {}: a {} in table_args names no column", model.type_name, constraint));
  }
  for (const std::string& name : columns) {
    if (!model.column(name)) {
      throw UsageError(
          fmt::format("model {}: a {} in table_args names '{}', which is not one of "
                      "its stored fields",
                      model.type_name, constraint, name));
    }
  }
}

}  // namespace

void validate(const ModelDescriptor& model) {
  if (model.table_name.empty() || model.table_name.size() > max_name_length) {
    throw UsageError(fmt::format("model {}: table name '{}' must have 1 to {} bytes",
                                 model.type_name, model.table_name, max_name_length));
  }
  for (const TableArg& arg : model.table_args) {
    if (const auto* unique = std::get_if<UniqueConstraint>(&arg)) {
      check_columns(model, "UniqueConstraint", unique->columns);
    } else {
      check_columns(model, "IndexConstraint", std::get<IndexConstraint>(arg).columns);
    }
  }
}

}  // namespace detail
}  // namespace iceaxe
