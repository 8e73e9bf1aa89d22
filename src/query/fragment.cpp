#include "iceaxe/query/fragment.hpp"

#include <charconv>
#include <iterator>

#include <fmt/format.h>

#include "iceaxe/pg/connection.hpp"
#include "iceaxe/query/condition.hpp"

namespace iceaxe::detail {

std::string quote(std::string_view identifier) {
  return pg::quote_identifier(identifier);
}

std::string string_literal(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    throw ValueError("an SQL string literal cannot contain a NUL byte");
  }
  const bool backslash = text.find('\\') != std::string_view::npos;
  std::string out = backslash ? "E'" : "'";
  for (const char c : text) {
    if (c == '\'' || (backslash && c == '\\')) out.push_back(c);
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

void append_list(Fragment& out, std::string_view keyword, const std::vector<Fragment>& items,
                 std::string_view separator) {
  if (items.empty()) return;
  out += keyword;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
}

std::string number_params(std::string_view sql, std::size_t count) {
  std::string out;
  out.reserve(sql.size() + count * 3);
  std::size_t n = 0;
  std::size_t from = 0;
  for (std::size_t at; (at = sql.find(param_marker, from)) != std::string_view::npos;
       from = at + 1) {
    if (++n > count) break;
    out.append(sql, from, at - from);
    char digits[24] = {'$'};
    out.append(digits, std::to_chars(digits + 1, std::end(digits), n).ptr);
  }
  if (n != count) {
    throw UsageError("SQL text holds a \\x01 byte, which iceaxe reserves for parameter markers");
  }
  out.append(sql.substr(from));
  return out;
}

Condition group(std::string_view separator, std::span<const Condition> parts) {
  Fragment where;
  Fragment join;
  bool join_form = false;
  where += "(";
  join += "(";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) {
      where += separator;
      join += separator;
    }
    where += parts[i].fragment();
    join += parts[i].join_fragment();
    join_form = join_form || parts[i].has_join_form();
  }
  where += ")";
  join += ")";
  return join_form ? Condition(std::move(where), std::move(join)) : Condition(std::move(where));
}

void Conjunction::add_fragment(Fragment condition) {
  if (joined_.sql.empty()) {
    joined_ = std::move(condition);
  } else {
    joined_ += " AND ";
    joined_ += condition;
  }
}

void Conjunction::append_to(Fragment& out, std::string_view keyword) const {
  if (joined_.sql.empty()) return;
  out += keyword;
  out += joined_;
}

}  // namespace iceaxe::detail

namespace iceaxe {

Condition negate(const Condition& c) {
  detail::Fragment where;
  where += "NOT (";
  where += c.fragment();
  where += ")";
  if (!c.has_join_form()) return Condition(std::move(where));
  detail::Fragment join;
  join += "NOT (";
  join += c.join_fragment();
  join += ")";
  return Condition(std::move(where), std::move(join));
}

}  // namespace iceaxe
