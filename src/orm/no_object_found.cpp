#include "iceaxe/orm/no_object_found.hpp"

#include <fmt/format.h>

namespace iceaxe {
namespace {

std::string describe(const std::string& type, const std::string& sql,
                     const std::vector<std::string>& variables, const std::string& missing) {
  std::string text = fmt::format("No {} object found", type);
  if (!missing.empty()) text += " with " + missing;
  return fmt::format("{}.\nQuery: {}\nVariables: ({})", text, sql, fmt::join(variables, ", "));
}

}  // namespace

NoObjectFound::NoObjectFound(std::string object_type, std::string sql,
                             std::vector<std::string> variables, std::string missing)
    : Error(describe(object_type, sql, variables, missing)),
      object_type_(std::move(object_type)),
      sql_(std::move(sql)),
      variables_(std::move(variables)) {}

}  // namespace iceaxe
