#include "iceaxe/migrations/introspect.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace iceaxe::migrations {

namespace {

// Every query orders by `name` columns, which compare bytewise, as std::string does. Names
// are cast to text and OIDs to int8, which the binary codecs read.

constexpr std::string_view enums_query = R"(
SELECT t.typname::text,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
             ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = current_schema() AND t.typtype = 'e'
ORDER BY t.typname)";

// A partition is left to its parent: models describe the partitioned table, and its
// partitions' columns, keys and indexes are copies of the parent's. $1: names left out.
constexpr std::string_view tables_query = R"(
SELECT c.oid::int8, c.relname::text
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND c.relname <> ALL($1::text[])
ORDER BY c.relname)";

// $1 in the queries below: the OIDs of the tables. A serial column is the owner (dependency
// type 'a') of a sequence that its default calls nextval() on, rendered as pg_get_expr
// renders it; an identity column owns its sequence too, but has no default.
constexpr std::string_view columns_query = R"(
SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
       d.expr, a.attgenerated <> '',
       a.attidentity <> '' OR EXISTS (
         SELECT FROM pg_depend dep
         JOIN pg_class seq ON seq.oid = dep.objid
         WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
           AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a'
           AND seq.relkind = 'S' AND d.expr = format('nextval(%L::regclass)', seq.oid::regclass))
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN LATERAL (
  SELECT pg_get_expr(ad.adbin, ad.adrelid) AS expr
  FROM pg_attrdef ad WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum) d ON true
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum)";

// Other kinds (exclusion, constraint triggers, the not-null rows of PostgreSQL 18) are not
// part of a Schema.
constexpr std::string_view constraints_query = R"(
SELECT c.relname::text, con.conname::text, con.contype::text,
       ARRAY(SELECT a.attname::text
             FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.position),
       pg_get_constraintdef(con.oid)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'u', 'f', 'c')
ORDER BY c.relname, con.conname)";

// An index backs a primary key, unique or exclusion constraint of its own table; a foreign
// key's conindid is the referenced key's index, which it uses but does not own. Key columns
// only (not INCLUDE ones): a column by its name, an expression (indkey 0) as
// pg_get_indexdef prints it, without sort order or operator class.
constexpr std::string_view indexes_query = R"(
SELECT c.relname::text, ic.relname::text,
       ARRAY(SELECT coalesce(a.attname::text, pg_get_indexdef(i.indexrelid, k.n, true))
             FROM generate_series(1, i.indnkeyatts) AS k(n)
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1]
             ORDER BY k.n)
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = ANY($1::oid[]) AND NOT EXISTS (
  SELECT FROM pg_constraint con
  WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY c.relname, ic.relname)";

ConstraintKind kind_of(std::string_view contype) {
  if (contype == "p") return ConstraintKind::primary_key;
  if (contype == "u") return ConstraintKind::unique;
  if (contype == "f") return ConstraintKind::foreign_key;
  return ConstraintKind::check;
}

}  // namespace

Schema introspect(pg::Connection& conn, const IntrospectOptions& options) {
  Schema schema;

  for (const pg::Row row : conn.fetch(enums_query)) {
    schema.enums.push_back({row.get<std::string>(0), row.get<std::vector<std::string>>(1)});
  }

  std::vector<std::string> ignored = options.ignore_tables;
  ignored.emplace_back("migration_info");
  std::vector<std::int64_t> table_oids;
  for (const pg::Row row : conn.fetch(tables_query, ignored)) {
    table_oids.push_back(row.get<std::int64_t>(0));
    schema.tables.push_back(row.get<std::string>(1));
  }

  for (const pg::Row row : conn.fetch(columns_query, table_oids)) {
    ColumnDef& column = schema.columns.emplace_back();
    column.table = row.get<std::string>(0);
    column.name = row.get<std::string>(1);
    column.type = row.get<std::string>(2);
    column.nullable = row.get<bool>(3);
    const auto default_sql = row.get<std::optional<std::string>>(4);
    const bool generated = row.get<bool>(5);
    column.autoincrement = row.get<bool>(6);
    // A sequence's nextval() is how the server autoincrements, not a default a model states;
    // a generated column's expression sits where defaults do, but is no default.
    if (default_sql && !generated && !column.autoincrement) column.default_sql = *default_sql;
  }

  for (const pg::Row row : conn.fetch(constraints_query, table_oids)) {
    schema.constraints.push_back({row.get<std::string>(0), row.get<std::string>(1),
                                  kind_of(row.get<std::string>(2)),
                                  row.get<std::vector<std::string>>(3), row.get<std::string>(4)});
  }

  for (const pg::Row row : conn.fetch(indexes_query, table_oids)) {
    schema.indexes.push_back(
        {row.get<std::string>(0), row.get<std::string>(1), row.get<std::vector<std::string>>(2)});
  }
  return schema;
}

}  // namespace iceaxe::migrations
