#include "iceaxe/query/write.hpp"

namespace iceaxe::detail {

namespace {

BuiltQuery finish(Fragment& out, const std::vector<Fragment>& where) {
  for (std::size_t i = 0; i < where.size(); ++i) {
    out += i ? " AND " : " WHERE ";
    out += where[i];
  }
  return {number_params(out.sql, out.params.size()), std::move(out.params)};
}

}  // namespace

BuiltQuery WriteState::build_update() const {
  if (assignments.empty()) throw UsageError("an update needs at least one set(column, value)");
  Fragment out;
  out += "UPDATE ";
  out += quote(table);
  out += " SET ";
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    if (i) out += ", ";
    out += assignments[i];
  }
  return finish(out, where);
}

BuiltQuery WriteState::build_delete() const {
  Fragment out;
  out += "DELETE FROM ";
  out += quote(table);
  return finish(out, where);
}

}  // namespace iceaxe::detail
