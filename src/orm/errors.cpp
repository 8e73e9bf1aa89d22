// The ORM's error messages.

#include <fmt/format.h>

#include "iceaxe/orm/db_connection.hpp"

namespace iceaxe::detail {

void throw_no_primary_key(std::string_view model, std::string_view action) {
  throw UsageError(
      fmt::format("Model {} has no primary key, required to {} with ORM objects", model, action));
}

void throw_empty_primary_key(std::string_view model, std::size_t object, std::string_view action) {
  throw UsageError(
      fmt::format("cannot {} {} object {} of the call: its primary key is empty (was it inserted?)",
                  action, model, object));
}

void throw_primary_key_changed(std::string_view model, std::string_view key) {
  throw UsageError(fmt::format(
      "cannot update {} {}: its primary key changed since it was loaded; insert a new object "
      "and delete the old one instead",
      model, key));
}

void throw_rows_skipped(const RowCheck& check, std::uint64_t written) {
  throw UsageError(fmt::format(
      "{} {} objects of {} wrote {} rows (does a trigger skip rows?); nothing was written",
      check.action, check.rows, check.model, written));
}

void throw_foreign_column(std::string_view model, std::string_view option,
                          const ColumnRef& column) {
  throw UsageError(fmt::format("{}: column {}.{} is not a column of {}", option, column.table,
                               column.name, model));
}

void throw_not_copyable(std::string_view model, std::string_view field) {
  throw UsageError(fmt::format(
      "copy_in: {}.{} cannot travel in COPY's binary format (a json or enum array column); "
      "use insert()",
      model, field));
}

void throw_nested_transaction() {
  throw UsageError(
      "Cannot start a new transaction while already in a transaction. Use {.ensure = true} if "
      "this is intentional.");
}

void throw_savepoint_outside_transaction() {
  throw UsageError("savepoint() needs an open transaction");
}

void throw_missing_rows(std::string_view model, const std::string& sql, const pg::Params& params,
                        const std::vector<std::string>& missing) {
  throw NoObjectFound(
      std::string(model), sql, params.render_all(),
      fmt::format("{} (update: the rows are gone; nothing was written)", fmt::join(missing, "; ")));
}

void log_refresh_missing(std::string_view model, const std::string& key) {
  logging::write(LogLevel::error, "iceaxe.orm",
                 fmt::format("Object {} with primary key {} not found in database", model, key),
                 {{"object_type", model}, {"primary_key", key}});
}

}  // namespace iceaxe::detail
