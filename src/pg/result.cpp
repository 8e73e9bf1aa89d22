#include "iceaxe/pg/result.hpp"

#include <fmt/format.h>

#include <charconv>
#include <exception>

namespace iceaxe::pg {
namespace detail {
namespace {

std::string column_label(const PGresult* res, int col) {
  const char* name = PQfname(res, col);
  return fmt::format("column {} (\"{}\")", col, name ? name : "?");
}

}  // namespace

void throw_unexpected_null(const PGresult* res, int col) {
  throw ValueError(fmt::format("{} is NULL; read it into a std::optional", column_label(res, col)));
}

void throw_type_mismatch(const PGresult* res, int col, std::string_view cpp_type) {
  throw ValueError(fmt::format("{} has PostgreSQL type oid {}, which cannot be read as {}",
                               column_label(res, col), PQftype(res, col), cpp_type));
}

void throw_text_format(const PGresult* res, int col) {
  throw ValueError(fmt::format(
      "{} came in text format (simple protocol); read it as std::string, or use fetch()",
      column_label(res, col)));
}

void throw_column_out_of_range(const PGresult* res, int col) {
  throw ValueError(
      fmt::format("column {} does not exist: the result has {} columns", col, PQnfields(res)));
}

void rethrow_with_column(const PGresult* res, int col) {
  try {
    throw;
  } catch (const ValueError& e) {
    throw ValueError(fmt::format("{}: {}", column_label(res, col), e.what()));
  }
}

int column_index(const PGresult* res, std::string_view name) {
  // Exact match (PQfnumber would case-fold unquoted names).
  const int n = res ? PQnfields(res) : 0;
  for (int i = 0; i < n; ++i) {
    if (name == PQfname(res, i)) return i;
  }
  throw ValueError(fmt::format("the result has no column named \"{}\"", name));
}

}  // namespace detail

std::string_view Result::column_name(int col) const {
  const char* name = res_ ? PQfname(res_.get(), col) : nullptr;
  if (name == nullptr) detail::throw_column_out_of_range(res_.get(), col);
  return name;
}

std::uint64_t Result::affected_rows() const {
  if (!res_) return 0;
  const std::string_view text = PQcmdTuples(res_.get());
  std::uint64_t n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

std::string_view Result::command_status() const {
  return res_ ? PQcmdStatus(res_.get()) : std::string_view();
}

}  // namespace iceaxe::pg
