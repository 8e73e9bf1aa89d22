#pragma once

// Reading a select's result into its row type: whole models (clean, with snapshots),
// columns (through their field's codec, JSON documents included) and expressions. Column
// types are checked once per result.

#include <tuple>
#include <utility>
#include <vector>

#include "iceaxe/query/select.hpp"

namespace iceaxe::detail {

template <class E, class Nullable>
class ElementReader;

// A whole model; outer-joined, a row whose model columns are all NULL is nullopt.
template <class T, class Nullable>
class ElementReader<TableRef<T>, Nullable> {
 public:
  using Out = typename element_result<TableRef<T>, Nullable>::type;
  ElementReader(const pg::Result& result, const pg::Cells& cells, int first)
      : first_(first), reader_(cells, first), snapshots_(static_cast<std::size_t>(result.size())) {}

  Out read(int row) const {
    if constexpr (pg::is_optional_v<Out>) {
      bool all_null = true;
      for (int c = first_; all_null && c < first_ + static_cast<int>(stored_field_count<T>); ++c) {
        all_null = reader_.cells()(row, c).is_null();
      }
      if (all_null) return std::nullopt;
    }
    T object;
    read_into(row, object);
    return object;
  }
  // Reads the row into an object (of a fresh vector element: no move of a temporary).
  void read_into(int row, T& object) const {
    reader_.read(row, object, snapshots_.slot(static_cast<std::size_t>(row)));
    snapshots_.attach(object, static_cast<std::size_t>(row));
  }

 private:
  int first_;
  ModelReader<T> reader_;
  mutable SnapshotBlock<T> snapshots_;  // read(row) attaches row's slot
};

// One column of a value.
template <class Io, class Out>
class ValueReader {
 public:
  ValueReader(const pg::Result&, const pg::Cells& cells, int col)
      : cells_(cells), col_(col), type_(PQftype(cells_.result(), col)) {
    Io::check_column(cells_.result(), col);
  }
  Out read(int row) const {
    Out out{};
    Io::read(cells_(row, col_), cells_.result(), col_, type_, out);
    return out;
  }

 private:
  pg::Cells cells_;
  int col_;
  pg::Oid type_;
};

template <class T, auto M, class Nullable>
class ElementReader<Column<T, M>, Nullable>
    : public ValueReader<ValueIo<typename element_result<Column<T, M>, Nullable>::type,
                                 Column<T, M>::field().json_document()>,
                         typename element_result<Column<T, M>, Nullable>::type> {
  using ValueReader<ValueIo<typename element_result<Column<T, M>, Nullable>::type,
                            Column<T, M>::field().json_document()>,
                    typename element_result<Column<T, M>, Nullable>::type>::ValueReader;
};

template <class V, class Nullable>
class ElementReader<Expr<V>, Nullable> : public ValueReader<ValueIo<V, false>, V> {
  using ValueReader<ValueIo<V, false>, V>::ValueReader;
};
template <class V, class Nullable>
class ElementReader<Alias<V>, Nullable> : public ValueReader<ValueIo<V, false>, V> {
  using ValueReader<ValueIo<V, false>, V>::ValueReader;
};

[[noreturn]] void throw_column_count(int expected, int got);

template <class Select>
struct RowsReader;

template <class... Es, class Nullable, bool One>
struct RowsReader<Select<TypeList<Es...>, Nullable, One>> {
  using Row = typename Select<TypeList<Es...>, Nullable, One>::row_type;

  // `exact`: the result has no columns beyond the select's (else they are ignored).
  static std::vector<Row> read(const pg::Result& result, bool exact) {
    constexpr int widths[] = {Element<Es>::width...};
    int total = 0;
    for (int w : widths) total += w;
    if (exact ? result.columns() != total : result.columns() < total) {
      throw_column_count(total, result.columns());
    }
    return read(result, std::index_sequence_for<Es...>{}, widths);
  }

 private:
  template <std::size_t... I>
  static std::vector<Row> read(const pg::Result& result, std::index_sequence<I...>,
                               const int (&widths)[sizeof...(Es)]) {
    int offsets[sizeof...(Es)] = {};
    for (std::size_t i = 1; i < sizeof...(Es); ++i) offsets[i] = offsets[i - 1] + widths[i - 1];
    const pg::Cells cells(result.native_handle());  // checked once for every element
    const std::tuple<ElementReader<Es, Nullable>...> readers(
        ElementReader<Es, Nullable>(result, cells, offsets[I])...);
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(result.size()));
    for (int row = 0, n = result.size(); row < n; ++row) {
      if constexpr (sizeof...(Es) == 1) {
        if constexpr (requires(const ElementReader<Es..., Nullable>& reader, Row& out) {
                        reader.read_into(0, out);
                      }) {
          std::get<0>(readers).read_into(row, rows.emplace_back());
        } else {
          rows.push_back(std::get<0>(readers).read(row));
        }
      } else {
        rows.emplace_back(std::get<I>(readers).read(row)...);
      }
    }
    return rows;
  }
};

// The rows of a select's result (whose first columns are the select's, unless `exact`).
template <class Select>
std::vector<typename std::remove_cvref_t<Select>::row_type> read_rows(const pg::Result& result,
                                                                      bool exact = true) {
  return RowsReader<std::remove_cvref_t<Select>>::read(result, exact);
}

}  // namespace iceaxe::detail
