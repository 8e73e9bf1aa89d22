#pragma once

// Reading result rows into models. The columns of one model are its stored fields in
// declaration order, starting at a given column; their types are checked once per result.

#include <array>
#include <cstddef>
#include <vector>

#include "iceaxe/model/change_state.hpp"

namespace iceaxe::detail {

template <Model T>
inline constexpr std::size_t stored_field_count = [] {
  std::size_t count = 0;
  for_each_field<T>([&](const auto& field) { count += field.stored(); });
  return count;
}();

[[noreturn]] void throw_too_few_columns(std::string_view model, int needed, int present);

template <Model T>
class ModelReader {
 public:
  // Checks that columns [first_column, first_column + stored fields) of the cells' result
  // can be read into T.
  ModelReader(const pg::Cells& cells, int first_column) : cells_(cells), first_(first_column) {
    const PGresult* res = cells_.result();
    const int needed = first_column + static_cast<int>(stored_field_count<T>);
    if (PQnfields(res) < needed) {
      throw_too_few_columns(model_decl<T>.type_name, needed, PQnfields(res));
    }
    for_each_stored([&](auto i, int col) {
      try {
        FieldIo<T, i>::check_column(res, col);
      } catch (const ValueError& e) {
        throw_field_error(model_decl<T>.type_name, FieldIo<T, i>::field.name, e.what());
      }
      types_[i] = PQftype(res, col);
    });
  }

  // Reads the row into `out` and the fields' fingerprints into `snapshot`. Errors name the
  // field (`Employee.age: ...`).
  void read(int row, T& out, std::byte* snapshot) const {
    if (const pg::Cell* cells = cells_.row(row)) [[likely]] {
      read(out, snapshot, [cells](int col) { return cells[col]; });
    } else {
      read(out, snapshot, [&](int col) { return cells_(row, col); });
    }
  }

  const pg::Cells& cells() const noexcept { return cells_; }

 private:
  // Reads one row, its fields found by `cell(col)`.
  template <class CellAt>
  void read(T& out, std::byte* snapshot, CellAt cell) const {
    const PGresult* res = cells_.result();
    for_each_stored([&](auto i, int col) {
      FieldIo<T, i>::read(cell(col), res, col, types_[i], out);
      store_fingerprint<T, i>(snapshot, FieldIo<T, i>::fingerprint(out));
    });
  }

  template <class F>
  void for_each_stored(F&& f) const {
    int col = first_;
    for_each_index<field_count<T>>([&](auto i) {
      if constexpr (std::get<i>(fields<T>).stored()) f(i, col++);
    });
  }

  pg::Cells cells_;
  int first_;
  std::array<pg::Oid, field_count<T>> types_{};
};

// Every row as a clean object (one snapshot block for all).
template <Model T>
std::vector<T> read_models(const pg::Result& result, int first_column = 0) {
  const ModelReader<T> reader(pg::Cells(result.native_handle()), first_column);
  const auto rows = static_cast<std::size_t>(result.size());
  SnapshotBlock<T> snapshots(rows);
  std::vector<T> out;
  out.reserve(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    T& object = out.emplace_back();
    reader.read(static_cast<int>(row), object, snapshots.slot(row));
    snapshots.attach(object, row);
  }
  return out;
}

}  // namespace iceaxe::detail
