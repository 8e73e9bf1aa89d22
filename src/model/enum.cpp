#include "iceaxe/model/enum.hpp"

#include <fmt/format.h>

namespace iceaxe::detail {

void throw_unlabelled_enum_value(std::string_view type, long long value) {
  throw ValueError(fmt::format(
      "value {} of enum {} has no label: it is not listed in its ICEAXE_ENUM", value, type));
}

void throw_unknown_enum_label(std::string_view type, std::string_view label) {
  throw ValueError(
      fmt::format("'{}' is not a label of enum {} (its ICEAXE_ENUM lacks it)", label, type));
}

void append_array_literal_element(std::string& out, std::optional<std::string_view> label) {
  if (!label) {
    out += "NULL";
    return;
  }
  out.push_back('"');
  for (const char c : *label) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace iceaxe::detail
