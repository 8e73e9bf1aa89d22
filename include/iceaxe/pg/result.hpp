#pragma once

// The result of one statement: rows and fields read by index or name, typed through the
// binary codecs. Reads go straight to libpq's PGresult, with no copy in between.

#include <libpq-fe.h>

#include <cstdint>
#include <iterator>
#include <memory>
#include <string_view>
#include <tuple>
#include <utility>

#include "iceaxe/pg/codecs.hpp"

namespace iceaxe::pg {

namespace detail {
[[noreturn]] void throw_unexpected_null(const PGresult* res, int col);
[[noreturn]] void throw_type_mismatch(const PGresult* res, int col, std::string_view cpp_type);
[[noreturn]] void throw_text_format(const PGresult* res, int col);
[[noreturn]] void throw_column_out_of_range(const PGresult* res, int col);
[[noreturn]] void rethrow_with_column(const PGresult* res, int col);
int column_index(const PGresult* res, std::string_view name);
}  // namespace detail

class Row {
 public:
  Row(const PGresult* res, int row) noexcept : res_(res), row_(row) {}

  int size() const noexcept { return PQnfields(res_); }
  int index() const noexcept { return row_; }
  bool is_null(int col) const noexcept { return PQgetisnull(res_, row_, col) != 0; }
  // The field's bytes as sent (binary or text format); empty for NULL.
  std::string_view raw(int col) const noexcept {
    return {PQgetvalue(res_, row_, col), static_cast<std::size_t>(PQgetlength(res_, row_, col))};
  }

  // The field as T: std::optional<T> reads NULL as nullopt; a plain T refuses NULL. The
  // column's type must convert to T without loss (int4 -> int64_t yes, int8 -> int32_t no).
  template <class T>
  T get(int col) const {
    if (col < 0 || col >= PQnfields(res_)) detail::throw_column_out_of_range(res_, col);
    if constexpr (is_optional_v<T>) {
      if (is_null(col)) return std::nullopt;
      return T(decode<typename T::value_type>(col));
    } else {
      if (is_null(col)) detail::throw_unexpected_null(res_, col);
      return decode<T>(col);
    }
  }
  template <class T>
  T get(std::string_view column) const {
    return get<T>(detail::column_index(res_, column));
  }

  // Columns 0..n-1 as a tuple.
  template <class... Ts>
  std::tuple<Ts...> as() const {
    return as_impl<Ts...>(std::index_sequence_for<Ts...>{});
  }

 private:
  template <class T>
  T decode(int col) const {
    static_assert(Decodable<T>, "no PostgreSQL codec reads this C++ type");
    const Oid type = PQftype(res_, col);
    if (PQfformat(res_, col) != 1) {
      if constexpr (std::is_same_v<T, std::string>) return std::string(raw(col));
      detail::throw_text_format(res_, col);
    }
    if (!Codec<T>::accepts(type)) detail::throw_type_mismatch(res_, col, Codec<T>::name);
    try {
      return Codec<T>::decode(raw(col), type);
    } catch (const ValueError&) {
      detail::rethrow_with_column(res_, col);
    }
  }

  template <class... Ts, std::size_t... I>
  std::tuple<Ts...> as_impl(std::index_sequence<I...>) const {
    return std::tuple<Ts...>(get<Ts>(static_cast<int>(I))...);
  }

  const PGresult* res_;
  int row_;
};

class Result {
 public:
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Row;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Row;

    iterator() = default;
    iterator(const PGresult* res, int row) noexcept : res_(res), row_(row) {}
    Row operator*() const noexcept { return Row(res_, row_); }
    Row operator[](difference_type n) const noexcept {
      return Row(res_, row_ + static_cast<int>(n));
    }
    iterator& operator++() noexcept { return ++row_, *this; }
    iterator operator++(int) noexcept { return iterator(res_, row_++); }
    iterator& operator--() noexcept { return --row_, *this; }
    iterator operator--(int) noexcept { return iterator(res_, row_--); }
    iterator& operator+=(difference_type n) noexcept { return row_ += static_cast<int>(n), *this; }
    iterator& operator-=(difference_type n) noexcept { return row_ -= static_cast<int>(n), *this; }
    friend iterator operator+(iterator it, difference_type n) noexcept { return it += n; }
    friend iterator operator+(difference_type n, iterator it) noexcept { return it += n; }
    friend iterator operator-(iterator it, difference_type n) noexcept { return it -= n; }
    friend difference_type operator-(iterator a, iterator b) noexcept { return a.row_ - b.row_; }
    friend bool operator==(iterator a, iterator b) noexcept { return a.row_ == b.row_; }
    friend auto operator<=>(iterator a, iterator b) noexcept { return a.row_ <=> b.row_; }

   private:
    const PGresult* res_ = nullptr;
    int row_ = 0;
  };

  Result() = default;
  explicit Result(PGresult* res) noexcept : res_(res) {}

  int size() const noexcept { return res_ ? PQntuples(res_.get()) : 0; }
  bool empty() const noexcept { return size() == 0; }
  int columns() const noexcept { return res_ ? PQnfields(res_.get()) : 0; }
  std::string_view column_name(int col) const;
  int column_index(std::string_view name) const { return detail::column_index(res_.get(), name); }
  Oid column_type(int col) const { return PQftype(res_.get(), col); }

  // Rows inserted, updated, deleted, selected or copied, as the command tag reports.
  std::uint64_t affected_rows() const;
  // The command tag ("INSERT 0 3", "UPDATE 2", "COMMIT"...).
  std::string_view command_status() const;

  // Rows point into the result: take them from a Result that outlives them (a temporary's
  // rows would dangle, so these are not offered on one; range-for over a temporary is fine).
  Row operator[](int row) const& noexcept { return Row(res_.get(), row); }
  Row front() const& noexcept { return Row(res_.get(), 0); }
  Row operator[](int row) const&& = delete;
  Row front() const&& = delete;
  iterator begin() const noexcept { return iterator(res_.get(), 0); }
  iterator end() const noexcept { return iterator(res_.get(), size()); }

  const PGresult* native_handle() const noexcept { return res_.get(); }

 private:
  struct Clear {
    void operator()(PGresult* res) const noexcept { PQclear(res); }
  };
  std::unique_ptr<PGresult, Clear> res_;
};

}  // namespace iceaxe::pg
