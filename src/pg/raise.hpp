#pragma once

// Turning server and connection errors into the exception hierarchy of errors.hpp.

#include <libpq-fe.h>

#include <string>
#include <string_view>

#include "iceaxe/pg/errors.hpp"
#include "iceaxe/pg/params.hpp"

namespace iceaxe::pg::detail {

// The statement an error belongs to; with it, the error is thrown as QueryErrorOf<E>.
struct QueryContext {
  std::string_view sql;
  const Params* params = nullptr;
  std::size_t first_param = 0;  // a row of a batch: its parameters within `params`
  std::size_t param_count = 0;
};

ErrorFields fields_of(const PGresult* result);

// Throws the class mapped from fields.sqlstate.
[[noreturn]] void raise(ErrorFields fields, const QueryContext* context);

// A ConnectionFailure (SQLSTATE 08006) for a connection lost during `context`.
[[noreturn]] void raise_connection_lost(std::string message, const QueryContext* context);

// Replaces passwords in libpq messages and connection strings with "***".
std::string redact_secrets(std::string text);

}  // namespace iceaxe::pg::detail
