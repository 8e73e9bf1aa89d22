#include "iceaxe/pg/cells.hpp"

#include <cstring>

namespace iceaxe::pg {
namespace {

// The head of libpq's struct pg_result.
struct ResultHead {
  int ntups;
  int num_attributes;
  const char* const* att_descs;  // each PGresAttDesc starts with its name
  const Cell* const* tuples;
};

bool same_cell(const PGresult* res, const Cell* const* tuples, int row, int col) {
  const Cell expected = cell_of(res, row, col);
  const Cell& found = tuples[row][col];
  return found.length == expected.length && found.data == expected.data;
}

// libpq's row arrays, if the result's head matches the public calls: its counts, its first
// column's name, and the fields at the corners (a different layout of the head or of a field
// shows at the first; a different row width at the last).
const Cell* const* checked_row_arrays(const PGresult* res) {
  const int rows = PQntuples(res);
  const int columns = PQnfields(res);
  if (rows == 0 || columns == 0) return nullptr;
  ResultHead head;
  std::memcpy(&head, res, sizeof head);
  if (head.ntups != rows || head.num_attributes != columns || head.att_descs == nullptr ||
      head.att_descs[0] != PQfname(res, 0) || head.tuples == nullptr) {
    return nullptr;
  }
  for (const int row : {0, rows - 1}) {
    for (const int col : {0, columns - 1}) {
      if (!same_cell(res, head.tuples, row, col)) return nullptr;
    }
  }
  return head.tuples;
}

}  // namespace

Cell cell_of(const PGresult* res, int row, int col) noexcept {
  return {PQgetisnull(res, row, col) ? -1 : PQgetlength(res, row, col), PQgetvalue(res, row, col)};
}

Cells::Cells(const PGresult* res, Access access) noexcept
    : res_(res),
      rows_(access == Access::direct_when_checked && res != nullptr ? checked_row_arrays(res)
                                                                    : nullptr) {}

}  // namespace iceaxe::pg
