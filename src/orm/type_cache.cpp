#include "iceaxe/orm/type_cache.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <tuple>

namespace iceaxe {

namespace {

// Enums, domains and stand-alone composite types (a table's row type is a composite too,
// but pg_class.relkind = 'c' only for CREATE TYPE ... AS (...)); array types are not rows of
// their own, they come as typarray. Schemas named pg_* are the system's (users cannot
// create them): pg_catalog, pg_toast*, and the temporary schemas, whose types belong to one
// session and so have no place in a process-wide cache. Names and OIDs are cast to text and
// int8, which the binary codecs read. The search path repeats on every row: it rides along
// in the same round trip, and without any row it is not needed.
constexpr std::string_view catalog_query = R"(
SELECT t.oid::int8, t.typarray::int8, n.nspname::text, t.typname::text, t.typtype::text,
       t.typbasetype::int8, labels.list, attributes.names, attributes.types,
       current_schemas(false)::text[]
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class c ON c.oid = t.typrelid
LEFT JOIN LATERAL (
  SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS list
  FROM pg_enum e WHERE e.enumtypid = t.oid) labels ON true
LEFT JOIN LATERAL (
  SELECT array_agg(a.attname::text ORDER BY a.attnum) AS names,
         array_agg(a.atttypid::int8 ORDER BY a.attnum) AS types
  FROM pg_attribute a
  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) attributes ON true
WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
  AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND c.relkind = 'c'))
ORDER BY n.nspname, t.typname)";

std::atomic<std::size_t> introspections{0};

struct Cache {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const TypeCatalog>, std::less<>> catalogs;
};

Cache& cache() {
  static Cache instance;
  return instance;
}

UserType::Kind kind_of(std::string_view typtype) {
  if (typtype == "e") return UserType::Kind::enum_;
  if (typtype == "d") return UserType::Kind::domain;
  return UserType::Kind::composite;
}

bool is_unreserved(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// `text` with every byte but RFC 3986's unreserved ones (and `keep`) as %XX.
void append_encoded(std::string& out, std::string_view text, char keep = '\0') {
  constexpr std::string_view hex = "0123456789ABCDEF";
  for (const char c : text) {
    if (is_unreserved(c) || (keep != '\0' && c == keep)) {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(hex[byte >> 4]);
      out.push_back(hex[byte & 0xF]);
    }
  }
}

}  // namespace

TypeCatalog::TypeCatalog(std::vector<UserType> types, std::vector<std::string> search_path)
    : types_(std::move(types)), search_path_(std::move(search_path)) {
  std::ranges::sort(types_, {}, [](const UserType& t) { return std::tie(t.schema, t.name); });
  for (std::size_t i = 0; i < types_.size(); ++i) {
    by_oid_.emplace(types_[i].oid, i);
    if (types_[i].array_oid != 0) by_array_oid_.emplace(types_[i].array_oid, i);
    by_name_[types_[i].name].push_back(i);
  }
}

const UserType* TypeCatalog::find(pg::Oid oid) const noexcept {
  const auto it = by_oid_.find(oid);
  return it == by_oid_.end() ? nullptr : &types_[it->second];
}

const UserType* TypeCatalog::find_array(pg::Oid array_oid) const noexcept {
  const auto it = by_array_oid_.find(array_oid);
  return it == by_array_oid_.end() ? nullptr : &types_[it->second];
}

const UserType* TypeCatalog::find(std::string_view name, std::string_view schema) const noexcept {
  return schema.empty() ? find_in_path(name, search_path_) : in_schema(name, schema);
}

const UserType* TypeCatalog::find_in_path(std::string_view name,
                                          std::span<const std::string> search_path) const noexcept {
  const auto it = by_name_.find(name);
  if (it == by_name_.end()) return nullptr;
  for (const std::string& schema : search_path) {
    if (const UserType* type = in_schema(name, schema)) return type;
  }
  if (const UserType* type = in_schema(name, "public")) return type;
  return &types_[it->second.front()];
}

const UserType* TypeCatalog::in_schema(std::string_view name,
                                       std::string_view schema) const noexcept {
  const auto it = by_name_.find(name);
  if (it == by_name_.end()) return nullptr;
  for (const std::size_t i : it->second) {
    if (types_[i].schema == schema) return &types_[i];
  }
  return nullptr;
}

namespace detail {

TypeCatalog introspect_types(pg::Connection& conn) {
  ++introspections;
  const pg::Result result = conn.fetch(catalog_query);
  std::vector<UserType> types;
  types.reserve(static_cast<std::size_t>(result.size()));
  std::vector<std::string> search_path;
  for (const pg::Row row : result) {
    UserType& type = types.emplace_back();
    type.oid = static_cast<pg::Oid>(row.get<std::int64_t>(0));
    type.array_oid = static_cast<pg::Oid>(row.get<std::int64_t>(1));
    type.schema = row.get<std::string>(2);
    type.name = row.get<std::string>(3);
    type.kind = kind_of(row.get<std::string>(4));
    type.base_type = static_cast<pg::Oid>(row.get<std::int64_t>(5));
    // array_agg over no rows is NULL: labels are there for enums, attributes for composites.
    type.enum_labels =
        row.get<std::optional<std::vector<std::string>>>(6).value_or(std::vector<std::string>{});
    if (const auto names = row.get<std::optional<std::vector<std::string>>>(7)) {
      // Aggregated over the same rows: as long as the names.
      const auto attribute_types = row.get<std::vector<std::int64_t>>(8);
      for (std::size_t i = 0; i < names->size(); ++i) {
        type.attributes.emplace_back((*names)[i], static_cast<pg::Oid>(attribute_types[i]));
      }
    }
    if (row.index() == 0) search_path = row.get<std::vector<std::string>>(9);
  }
  return TypeCatalog(std::move(types), std::move(search_path));
}

std::size_t introspection_count() noexcept {
  return introspections.load();
}

std::string format_dsn(std::string_view user, std::string_view password, std::string_view host,
                       std::uint16_t port, std::string_view database) {
  std::string out = "postgresql://";
  if (!user.empty() || !password.empty()) {
    append_encoded(out, user);
    if (!password.empty()) {
      out.push_back(':');
      append_encoded(out, password);
    }
    out.push_back('@');
  }
  if (host.find(':') != std::string_view::npos && !host.starts_with('/')) {
    // An IPv6 address: its colons stay, inside brackets.
    out.push_back('[');
    append_encoded(out, host, ':');
    out.push_back(']');
  } else {
    // A unix-socket directory becomes %2F...: libpq decodes the host part.
    append_encoded(out, host);
  }
  if (port != 0) {
    out.push_back(':');
    out += std::to_string(port);
  }
  if (!database.empty()) {
    out.push_back('/');
    append_encoded(out, database);
  }
  return out;
}

}  // namespace detail

std::string dsn_of(const pg::Connection& conn) {
  // params() holds what libpq reported right after connecting (PQuser, PQpass, PQhost,
  // PQport, PQdb), so it stays available after close().
  const pg::ConnectParams& used = conn.params();
  return detail::format_dsn(used.user, used.password, used.host, used.port, used.database);
}

std::shared_ptr<const TypeCatalog> cached_types(const std::string& dsn, pg::Connection& conn,
                                                bool refresh) {
  Cache& c = cache();
  if (!refresh) {
    const std::lock_guard lock(c.mutex);
    if (const auto it = c.catalogs.find(dsn); it != c.catalogs.end()) return it->second;
  }
  // Introspected outside the lock, so one slow server does not hold up the others.
  auto catalog = std::make_shared<const TypeCatalog>(detail::introspect_types(conn));
  const std::lock_guard lock(c.mutex);
  if (refresh) {
    c.catalogs.insert_or_assign(dsn, catalog);
    return catalog;
  }
  return c.catalogs.try_emplace(dsn, std::move(catalog)).first->second;
}

}  // namespace iceaxe
