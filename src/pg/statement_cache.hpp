#pragma once

// The prepared statements of one connection, keyed by SQL text and parameter types,
// least recently used first out.

#include <cstddef>
#include <list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "iceaxe/pg/oid.hpp"

namespace iceaxe::pg::detail {

class StatementCache {
 public:
  explicit StatementCache(std::size_t capacity) : capacity_(capacity) {}

  std::size_t capacity() const noexcept { return capacity_; }
  std::size_t size() const noexcept { return index_.size(); }

  // The name of the statement prepared for (sql, types), now the most recently used.
  const std::string* find(std::string_view sql, std::span<const Oid> types);
  // Records a newly prepared statement; returns the statement evicted to make room.
  std::optional<std::string> insert(std::string_view sql, std::span<const Oid> types,
                                    std::string name);
  void erase(std::string_view sql, std::span<const Oid> types);
  // Forgets every statement, returning their names.
  std::vector<std::string> clear();

 private:
  struct Entry {
    std::string key;
    std::string name;
  };
  // Fills probe_ with the key of (sql, types) without allocating once warmed up.
  std::string_view make_key(std::string_view sql, std::span<const Oid> types);

  std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // views into entries_
  std::string probe_;
};

}  // namespace iceaxe::pg::detail
