#pragma once

// The user-defined PostgreSQL types of a database (enums, domains, stand-alone composite
// types, and their array types), introspected once per process and database and shared by
// every connection to it; and dsn_of, the connection string that names the database.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "iceaxe/pg/connection.hpp"
#include "iceaxe/pg/oid.hpp"

namespace iceaxe {

// A user-defined type found in a schema other than the system ones.
struct UserType {
  enum class Kind { enum_, domain, composite };

  pg::Oid oid = 0;
  pg::Oid array_oid = 0;  // its array type, 0 if none
  std::string schema;
  std::string name;
  Kind kind = Kind::enum_;
  std::vector<std::string> enum_labels;                     // enums, in sort order
  pg::Oid base_type = 0;                                    // domains
  std::vector<std::pair<std::string, pg::Oid>> attributes;  // composites: name, type

  friend bool operator==(const UserType&, const UserType&) = default;
};

// The user types of one database; immutable once built.
class TypeCatalog {
 public:
  TypeCatalog() = default;
  // `search_path`: the schemas a name without one is looked up in, in order (the
  // introspecting connection's search_path).
  explicit TypeCatalog(std::vector<UserType> types, std::vector<std::string> search_path = {});

  // By the type's own OID, or by the OID of its array type; nullptr if unknown.
  const UserType* find(pg::Oid oid) const noexcept;
  const UserType* find_array(pg::Oid array_oid) const noexcept;
  // By name in `schema`; when `schema` is empty, the first match in search_path() order,
  // else the one in "public", else the first by schema name. nullptr if none.
  const UserType* find(std::string_view name, std::string_view schema = {}) const noexcept;
  // As find(name) with another connection's search path (the catalog is shared by every
  // connection to the database, and their search paths may differ).
  const UserType* find_in_path(std::string_view name,
                               std::span<const std::string> search_path) const noexcept;

  // Ordered by schema, then name.
  const std::vector<UserType>& types() const noexcept { return types_; }
  const std::vector<std::string>& search_path() const noexcept { return search_path_; }

 private:
  const UserType* in_schema(std::string_view name, std::string_view schema) const noexcept;

  std::vector<UserType> types_;
  std::vector<std::string> search_path_;
  // Indexes into types_.
  std::unordered_map<pg::Oid, std::size_t> by_oid_;
  std::unordered_map<pg::Oid, std::size_t> by_array_oid_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_name_;
};

namespace detail {

// Reads the user types of the database `conn` is connected to, in one round trip. Types
// created in the connection's open transaction are seen too.
TypeCatalog introspect_types(pg::Connection& conn);

// How many times introspect_types ran in this process.
std::size_t introspection_count() noexcept;

// "postgresql://user:password@host:port/dbname", each part left out when empty (port: 0),
// percent-encoded where the URI syntax needs it; an IPv6 address is bracketed.
std::string format_dsn(std::string_view user, std::string_view password, std::string_view host,
                       std::uint16_t port, std::string_view database);

}  // namespace detail

// The connection string of the database `conn` is connected to, from what libpq actually
// used (values from the PG* environment variables included). Holds the password: a cache
// key and a way to reconnect, never something to log.
std::string dsn_of(const pg::Connection& conn);

// The catalog of the database `dsn` names: introspected on `conn` the first time in the
// process, then shared. `refresh` introspects again and replaces the cached catalog (after
// a migration, or when an OID is not found). Thread-safe; threads racing on a new `dsn` may
// each introspect, and the first to finish is kept.
std::shared_ptr<const TypeCatalog> cached_types(const std::string& dsn, pg::Connection& conn,
                                                bool refresh = false);

}  // namespace iceaxe
