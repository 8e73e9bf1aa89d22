#include "iceaxe/migrations/sql_splitter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

namespace iceaxe::migrations {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// PostgreSQL's identifier characters: ASCII letters, '_' and every byte of a multi-byte
// character; then also digits and '$'.
bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_identifier_char(char c) {
  return is_identifier_start(c) || (c >= '0' && c <= '9') || c == '$';
}

bool is_keyword(std::string_view word, std::string_view keyword) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::ranges::equal(word, keyword, {}, lower);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

[[noreturn]] void fail_unterminated(std::string_view sql, std::size_t start,
                                    std::string_view what) {
  const auto line = 1 + std::count(sql.begin(), sql.begin() + start, '\n');
  throw MigrationError(fmt::format("line {}: unterminated {}", line, what));
}

std::size_t skip_line_comment(std::string_view sql, std::size_t start) {
  const auto end = sql.find('\n', start);
  return end == std::string_view::npos ? sql.size() : end + 1;
}

std::size_t skip_block_comment(std::string_view sql, std::size_t start) {
  int depth = 0;  // they nest
  for (std::size_t i = start; i + 1 < sql.size();) {
    if (sql[i] == '/' && sql[i + 1] == '*') {
      ++depth;
      i += 2;
    } else if (sql[i] == '*' && sql[i + 1] == '/') {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  fail_unterminated(sql, start, "/* comment");
}

// A '...' string, E'...' string or "..." identifier starting at `quote`; a doubled quote
// stands for itself, and in E'...' so does a backslash-escaped character.
std::size_t skip_quoted(std::string_view sql, std::size_t quote, bool backslash_escapes) {
  const char delimiter = sql[quote];
  for (std::size_t i = quote + 1; i < sql.size(); ++i) {
    if (backslash_escapes && sql[i] == '\\') {
      ++i;
    } else if (sql[i] == delimiter) {
      if (i + 1 < sql.size() && sql[i + 1] == delimiter) {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  fail_unterminated(sql, quote, delimiter == '"' ? "quoted identifier" : "quoted string");
}

// The delimiter ("$$", "$body$") of a dollar quote starting at `start`, or empty. A tag is
// an identifier without '$', so a parameter ("$1") starts none.
std::string_view dollar_quote_delimiter(std::string_view sql, std::size_t start) {
  auto end = start + 1;
  if (end < sql.size() && is_identifier_start(sql[end])) {
    while (end < sql.size() && is_identifier_char(sql[end]) && sql[end] != '$') ++end;
  }
  return end < sql.size() && sql[end] == '$' ? sql.substr(start, end - start + 1)
                                             : std::string_view{};
}

std::size_t skip_dollar_quoted(std::string_view sql, std::size_t start) {
  const auto delimiter = dollar_quote_delimiter(sql, start);
  const auto close = sql.find(delimiter, start + delimiter.size());
  if (close == std::string_view::npos) {
    fail_unterminated(sql, start, fmt::format("dollar-quoted string {}", delimiter));
  }
  return close + delimiter.size();
}

// psql's way of finding a SQL-standard routine body: in a statement that starts CREATE [OR
// REPLACE] FUNCTION|PROCEDURE, a semicolon between BEGIN (ATOMIC) and its END is part of the
// body. CASE ... END inside the body nests.
class RoutineBody {
 public:
  void add_word(std::string_view word, int paren_depth) {
    if (leading_words_.size() < 4) leading_words_.emplace_back(word);
    if (paren_depth > 0 || !in_routine()) return;
    if (is_keyword(word, "begin") || (is_keyword(word, "case") && depth_ > 0)) {
      ++depth_;
    } else if (is_keyword(word, "end") && depth_ > 0) {
      --depth_;
    }
  }

  bool open() const { return depth_ > 0; }

 private:
  bool in_routine() const {
    const auto starts_with = [&](std::initializer_list<std::string_view> words) {
      return leading_words_.size() >= words.size() &&
             std::equal(words.begin(), words.end(), leading_words_.begin(),
                        [](std::string_view keyword, const std::string& word) {
                          return is_keyword(word, keyword);
                        });
    };
    return starts_with({"create", "function"}) || starts_with({"create", "procedure"}) ||
           starts_with({"create", "or", "replace", "function"}) ||
           starts_with({"create", "or", "replace", "procedure"});
  }

  std::vector<std::string> leading_words_;  // the statement's first four
  int depth_ = 0;
};

}  // namespace

std::vector<std::string> split_sql(std::string_view sql) {
  std::vector<std::string> statements;
  std::size_t start = 0;
  bool has_code = false;  // more than whitespace and comments since `start`
  int paren_depth = 0;    // a CREATE RULE's (...; ...) action list is one statement
  RoutineBody routine_body;
  const auto end_statement = [&](std::size_t end) {
    if (has_code) statements.emplace_back(trim(sql.substr(start, end - start)));
    start = end + 1;
    has_code = false;
    paren_depth = 0;
    routine_body = {};
  };

  for (std::size_t i = 0; i < sql.size();) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (is_space(c)) {
      ++i;
    } else if (c == '-' && next == '-') {
      i = skip_line_comment(sql, i);
    } else if (c == '/' && next == '*') {
      i = skip_block_comment(sql, i);
    } else if (c == ';' && paren_depth == 0 && !routine_body.open()) {
      end_statement(i);
      ++i;
    } else {
      has_code = true;
      if (c == '\'' || c == '"') {
        i = skip_quoted(sql, i, false);
      } else if (c == '$' && !dollar_quote_delimiter(sql, i).empty()) {
        i = skip_dollar_quoted(sql, i);
      } else if (is_identifier_start(c)) {
        // A word runs on through '$' ("a$$b" is one identifier) and can prefix an E'' string.
        auto end = i;
        while (end < sql.size() && is_identifier_char(sql[end])) ++end;
        const auto word = sql.substr(i, end - i);
        if (is_keyword(word, "e") && end < sql.size() && sql[end] == '\'') {
          i = skip_quoted(sql, end, true);
        } else {
          routine_body.add_word(word, paren_depth);
          i = end;
        }
      } else {
        if (c == '(') ++paren_depth;
        if (c == ')' && paren_depth > 0) --paren_depth;
        ++i;
      }
    }
  }
  end_statement(sql.size());
  return statements;
}

}  // namespace iceaxe::migrations
