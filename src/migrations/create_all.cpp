#include "iceaxe/migrations/create_all.hpp"

#include "iceaxe/migrations/diff.hpp"
#include "iceaxe/migrations/model_schema.hpp"
#include "iceaxe/model/registry.hpp"

namespace iceaxe::migrations {

void create_all(DBConnection& conn) {
  create_all(conn, registered_models());
}

void create_all(DBConnection& conn, std::span<const ModelRef> models) {
  const std::vector<std::string> statements = diff(Schema{}, schema_of(models));
  conn.transaction({.ensure = true}, [&] {
    for (const std::string& statement : statements) conn.conn().execute(statement);
  });
}

}  // namespace iceaxe::migrations
