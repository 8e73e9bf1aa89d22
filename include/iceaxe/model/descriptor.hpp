#pragma once

// A model's metadata at run time, for code that handles models whose types it does not
// know (migrations, the registry): model<Employee> is a ModelRef to Employee's descriptor.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/model/table.hpp"
#include "iceaxe/model/table_args.hpp"

namespace iceaxe {

struct EnumType {
  std::string_view name;  // the PostgreSQL type
  std::vector<std::string_view> labels;
};

struct ColumnInfo {
  std::string_view name;
  std::string sql_type;                   // "bigint", "character varying[]", "status"...
  std::optional<ColumnType> column_type;  // the built-in (element) type; empty for an enum
  const EnumType* enum_type = nullptr;    // the enum (element) type
  bool is_array = false;
  bool nullable = false;
  bool autoincrement = false;
  FieldOptions options;  // as declared
};

struct ModelDescriptor {
  std::string_view type_name;  // the C++ name
  std::string_view table_name;
  std::vector<ColumnInfo> columns;       // stored fields, in declaration order
  std::vector<std::size_t> primary_key;  // indices into columns
  std::vector<TableArg> table_args;

  const ColumnInfo* column(std::string_view name) const noexcept;
};

class ModelRef {
 public:
  using Describe = const ModelDescriptor& (*)();
  constexpr explicit ModelRef(Describe describe) noexcept : describe_(describe) {}

  const ModelDescriptor& operator*() const { return describe_(); }
  const ModelDescriptor* operator->() const { return &describe_(); }
  friend bool operator==(const ModelRef&, const ModelRef&) noexcept = default;

 private:
  Describe describe_;
};

namespace detail {

template <DeclaredEnum E>
const EnumType& describe_enum() {
  static const EnumType type = [] {
    EnumType out{enum_type_name<E>, {}};
    for (const auto& entry : enum_decl<E>.labels) out.labels.push_back(entry.label);
    return out;
  }();
  return type;
}

// Checks what the compiler could not (table_args' column names); throws UsageError.
void validate(const ModelDescriptor& model);

template <Model T>
ModelDescriptor make_descriptor() {
  ModelDescriptor out{model_decl<T>.type_name, table_name<T>, {}, {}, {}};
  for_each_field<T>([&](const auto& field) {
    if (!field.stored()) return;
    using Scalar = scalar_t<typename std::remove_cvref_t<decltype(field)>::value_type>;
    const SqlType type = field.sql_type();
    ColumnInfo column{field.name,
                      {},
                      type.builtin,
                      nullptr,
                      type.array,
                      field.nullable(),
                      field.autoincrement(),
                      field.options};
    if constexpr (DeclaredEnum<Scalar>) {
      if (!type.builtin) column.enum_type = &describe_enum<Scalar>();
    }
    column.sql_type =
        type.builtin ? std::string(sql_name(*type.builtin)) : std::string(type.enum_name);
    if (type.array) column.sql_type += "[]";
    if (field.options.primary_key) out.primary_key.push_back(out.columns.size());
    out.columns.push_back(std::move(column));
  });
  if constexpr (requires { T::table_args; }) out.table_args = T::table_args;
  validate(out);
  return out;
}

template <Model T>
const ModelDescriptor& describe() {
  static const ModelDescriptor descriptor = make_descriptor<T>();
  return descriptor;
}

}  // namespace detail

template <Model T>
inline constexpr ModelRef model{&detail::describe<T>};

}  // namespace iceaxe
