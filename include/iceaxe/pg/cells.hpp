#pragma once

// Cells: the field values of a result, read by (row, column) to decode whole results.
//
// PQgetvalue and PQgetlength check their arguments on every call, and telling a NULL from an
// empty value takes both: reading every field of a large result spent more in those calls
// than in decoding. Cells reads libpq's row arrays directly. They sit at the head of libpq's
// `struct pg_result` (libpq-int.h: ntups, numAttributes, attDescs, tuples), unchanged since
// PostgreSQL 7.4; each result is checked against the public calls before that is trusted,
// and read through the public calls if it does not match.

#include <libpq-fe.h>

#include <cstddef>
#include <string_view>

namespace iceaxe::pg {

// One field: its bytes as sent, or NULL. The layout of libpq's PGresAttValue.
struct Cell {
  int length;  // -1 for NULL
  const char* data;

  bool is_null() const noexcept { return length < 0; }
  std::string_view bytes() const noexcept { return {data, static_cast<std::size_t>(length)}; }
};

// A field through libpq's public calls.
Cell cell_of(const PGresult* res, int row, int col) noexcept;

class Cells {
 public:
  enum class Access { direct_when_checked, public_calls };

  explicit Cells(const PGresult* res, Access access = Access::direct_when_checked) noexcept;

  // The field at (row, col), both in range. Called for every field loaded: always inlined.
  [[gnu::always_inline]] Cell operator()(int row, int col) const noexcept {
    if (rows_ != nullptr) [[likely]] {
      return rows_[row][col];
    }
    return cell_of(res_, row, col);
  }
  // Row `row`'s fields when they are read directly, else null: for reading a whole row
  // without checking for every field.
  const Cell* row(int row) const noexcept { return rows_ != nullptr ? rows_[row] : nullptr; }
  // Whether fields are read from libpq's row arrays (else through the public calls).
  bool direct() const noexcept { return rows_ != nullptr; }
  const PGresult* result() const noexcept { return res_; }

 private:
  const PGresult* res_;
  const Cell* const* rows_;  // libpq's row arrays, once checked
};

}  // namespace iceaxe::pg
