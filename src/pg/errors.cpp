#include <fmt/format.h>

#include <string_view>
#include <unordered_map>

#include "pg/io.hpp"
#include "pg/raise.hpp"

namespace iceaxe {
namespace {

std::string describe(const ErrorFields& f) {
  std::string text = f.message.empty() ? "unknown error" : f.message;
  if (!f.sqlstate.empty()) text += fmt::format(" (SQLSTATE {})", f.sqlstate);
  if (!f.detail.empty()) text += "\nDETAIL: " + f.detail;
  if (!f.hint.empty()) text += "\nHINT: " + f.hint;
  return text;
}

}  // namespace

PostgresError::PostgresError(ErrorFields fields)
    : Error(describe(fields)), fields_(std::make_shared<const ErrorFields>(std::move(fields))) {}

QueryError::QueryError(std::string sql, std::vector<std::string> variables,
                       const std::string& cause) {
  std::string what =
      fmt::format("{}\nQuery: {}\nVariables: ({})", cause, sql, fmt::join(variables, ", "));
  context_ = std::make_shared<const Context>(
      Context{std::move(sql), std::move(variables), std::move(what)});
}

namespace pg::detail {
namespace {

using Thrower = void (*)(ErrorFields&&, const QueryContext*);

std::vector<std::string> variables_of(const QueryContext& context) {
  std::vector<std::string> out;
  if (context.params == nullptr) return out;
  out.reserve(context.param_count);
  for (std::size_t i = 0; i < context.param_count; ++i) {
    out.push_back(context.params->render(context.first_param + i));
  }
  return out;
}

template <class E>
[[noreturn]] void throw_as(ErrorFields&& fields, const QueryContext* context) {
  if (context) {
    throw QueryErrorOf<E>(std::string(context->sql), variables_of(*context), std::move(fields));
  }
  throw E(std::move(fields));
}

const std::unordered_map<std::string_view, Thrower>& throwers() {
  static const std::unordered_map<std::string_view, Thrower> table = {
#define ICEAXE_PG_THROWER(name, parent, code) {code, &throw_as<name>},
      ICEAXE_PG_ERROR_TYPES(ICEAXE_PG_THROWER)
#undef ICEAXE_PG_THROWER
      // Failures to connect are connection failures too.
      {"08001", &throw_as<ConnectionFailure>},
      {"08004", &throw_as<ConnectionFailure>},
  };
  return table;
}

std::string field(const PGresult* result, int code) {
  const char* value = PQresultErrorField(result, code);
  return value ? value : "";
}

}  // namespace

ErrorFields fields_of(const PGresult* result) {
  ErrorFields f;
  f.sqlstate = field(result, PG_DIAG_SQLSTATE);
  f.severity = field(result, PG_DIAG_SEVERITY_NONLOCALIZED);
  f.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (f.message.empty()) f.message = trimmed(PQresultErrorMessage(result));
  f.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
  f.hint = field(result, PG_DIAG_MESSAGE_HINT);
  f.schema_name = field(result, PG_DIAG_SCHEMA_NAME);
  f.table_name = field(result, PG_DIAG_TABLE_NAME);
  f.column_name = field(result, PG_DIAG_COLUMN_NAME);
  f.constraint_name = field(result, PG_DIAG_CONSTRAINT_NAME);
  f.datatype_name = field(result, PG_DIAG_DATATYPE_NAME);
  return f;
}

void raise(ErrorFields fields, const QueryContext* context) {
  const auto& table = throwers();
  auto it = table.find(fields.sqlstate);
  if (it == table.end() && fields.sqlstate.size() == 5) {
    it = table.find(fields.sqlstate.substr(0, 2) + "000");  // the SQLSTATE's class
  }
  if (it != table.end()) it->second(std::move(fields), context);
  throw_as<PostgresError>(std::move(fields), context);
}

void raise_connection_lost(std::string message, const QueryContext* context) {
  ErrorFields fields;
  fields.sqlstate = "08006";
  fields.severity = "FATAL";
  fields.message = std::move(message);
  throw_as<ConnectionFailure>(std::move(fields), context);
}

std::string redact_secrets(std::string text) {
  // key=value form: password=secret / password='secret'
  for (std::size_t at = text.find("password="); at != std::string::npos;
       at = text.find("password=", at + 1)) {
    std::size_t begin = at + 9, end = begin;
    if (end < text.size() && text[end] == '\'') {
      end = text.find('\'', end + 1);
      end = end == std::string::npos ? text.size() : end + 1;
    } else {
      while (end < text.size() && text[end] != ' ' && text[end] != '"' && text[end] != '&') ++end;
    }
    text.replace(begin, end - begin, "***");
  }
  // URI form: scheme://user:secret@host
  for (std::size_t at = text.find("://"); at != std::string::npos; at = text.find("://", at + 3)) {
    const std::size_t auth_end = text.find_first_of("@/ \"", at + 3);
    if (auth_end == std::string::npos || text[auth_end] != '@') continue;
    const std::size_t colon = text.find(':', at + 3);
    if (colon != std::string::npos && colon < auth_end) {
      text.replace(colon + 1, auth_end - colon - 1, "***");
    }
  }
  // A URI part libpq cannot percent-decode is quoted whole in its message (`invalid
  // percent-encoded token: "pa%zzss"`, `forbidden value %00 in percent-encoded value:
  // "..."`) and may be the password: quoted text with a '%' in it goes too.
  for (std::size_t open = text.find('"'); open != std::string::npos;) {
    std::size_t close = text.find('"', open + 1);
    if (close == std::string::npos) break;
    if (text.find('%', open + 1) < close) {
      text.replace(open + 1, close - open - 1, "***");
      close = open + 4;
    }
    open = text.find('"', close + 1);
  }
  return text;
}

}  // namespace pg::detail
}  // namespace iceaxe
