#pragma once

// A piece of SQL text with its bound values. Values are marked in the text by
// `param_marker` in the order they appear and numbered ($1, $2...) only when the whole
// statement is built, so fragments combine in any order.

#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/pg/params.hpp"

namespace iceaxe::detail {

inline constexpr char param_marker = '\x01';

struct Fragment {
  std::string sql;
  pg::Params params;

  Fragment& operator+=(std::string_view text) {
    sql += text;
    return *this;
  }
  Fragment& operator+=(const Fragment& other) {
    sql += other.sql;
    params.append(other.params);
    return *this;
  }
  // Appends a bound value.
  template <class V>
  Fragment& bind(const V& value) {
    sql += param_marker;
    params.add(value);
    return *this;
  }
};

// `"name"`, with embedded quotes doubled.
std::string quote(std::string_view identifier);
// `'text'` as a string literal that reads the same whatever standard_conforming_strings
// says: quotes doubled, and backslashes doubled in an E'' literal. NUL is refused.
std::string string_literal(std::string_view text);
// `keyword item separator item...`; nothing for no items.
void append_list(Fragment& out, std::string_view keyword, const std::vector<Fragment>& items,
                 std::string_view separator);
// Replaces the markers of `sql` with $first, $first + 1...; refuses a marker byte that
// came from user text (any marker beyond `count`).
std::string number_params(std::string_view sql, std::size_t count);

}  // namespace iceaxe::detail
