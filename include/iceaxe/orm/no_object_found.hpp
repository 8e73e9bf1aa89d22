#pragma once

// NoObjectFound: a query that must return an object (`select<T>().one()`) found none, or
// objects passed to update() no longer have their rows.

#include <string>
#include <vector>

#include "iceaxe/pg/errors.hpp"

namespace iceaxe {

class NoObjectFound : public Error {
 public:
  // `missing`: which objects were looked for, when known (`id=5, id=7`).
  NoObjectFound(std::string object_type, std::string sql, std::vector<std::string> variables,
                std::string missing = {});

  const std::string& object_type() const noexcept { return object_type_; }
  const std::string& sql_text() const noexcept { return sql_; }
  const std::vector<std::string>& variables() const noexcept { return variables_; }

 private:
  std::string object_type_;
  std::string sql_;
  std::vector<std::string> variables_;
};

}  // namespace iceaxe
