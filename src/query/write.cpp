#include "iceaxe/query/write.hpp"

namespace iceaxe::detail {

BuiltQuery WriteState::build_update() const {
  if (assignments.empty()) throw UsageError("an update needs at least one set(column, value)");
  Fragment out;
  out += "UPDATE ";
  out += quote(table);
  append_list(out, " SET ", assignments, ", ");
  where.append_to(out, " WHERE ");
  return numbered(std::move(out));
}

BuiltQuery WriteState::build_delete() const {
  Fragment out;
  out += "DELETE FROM ";
  out += quote(table);
  where.append_to(out, " WHERE ");
  return numbered(std::move(out));
}

}  // namespace iceaxe::detail
