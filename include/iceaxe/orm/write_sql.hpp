#pragma once

// The SQL text of the ORM's batched writes and reads. Rows travel as one array parameter per
// column, unnested into a relation `u` (or, when a column is itself an array, as multi-row
// VALUES with one parameter per value); returned rows keep the order of the objects.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace iceaxe::detail {

struct SqlColumn {
  std::string_view name;
  std::string_view cast;  // see BatchColumn::cast
};

// How the rows travel: 0 means one array parameter per column; n > 0, n rows of VALUES.
using ValuesRows = std::size_t;

// INSERT INTO t (columns) ... in the objects' order, followed by `tail` (ON CONFLICT,
// RETURNING). No columns at all inserts `rows` rows of defaults (one int8 parameter).
std::string insert_sql(std::string_view table, std::span<const SqlColumn> columns,
                       ValuesRows values_rows, std::string_view tail);

// UPDATE t SET <set> = u.<set> FROM <keys + set> WHERE t.<keys> = u.<keys>.
std::string update_sql(std::string_view table, std::span<const SqlColumn> keys,
                       std::span<const SqlColumn> set, ValuesRows values_rows);

// DELETE FROM t WHERE the key is one of the arrays' rows.
std::string delete_sql(std::string_view table, std::span<const SqlColumn> keys);

// SELECT <select_list> FROM t WHERE the key is one of the arrays' rows.
std::string refresh_sql(std::string_view table, std::string_view select_list,
                        std::span<const SqlColumn> keys);

// `"a", "b"` and `t."a", t."b"` (prefix `t.`).
void append_names(std::string& out, std::span<const SqlColumn> columns,
                  std::string_view prefix = {});

}  // namespace iceaxe::detail
