#include "pg/statement_cache.hpp"

#include <cstring>

namespace iceaxe::pg::detail {

std::string_view StatementCache::make_key(std::string_view sql, std::span<const Oid> types) {
  probe_.assign(sql);
  probe_.push_back('\0');  // SQL text cannot contain NUL, so keys cannot collide
  probe_.append(reinterpret_cast<const char*>(types.data()), types.size_bytes());
  return probe_;
}

const std::string* StatementCache::find(std::string_view sql, std::span<const Oid> types) {
  const auto it = index_.find(make_key(sql, types));
  if (it == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return &it->second->name;
}

std::optional<std::string> StatementCache::insert(std::string_view sql, std::span<const Oid> types,
                                                  std::string name) {
  std::optional<std::string> evicted;
  if (index_.size() >= capacity_ && !entries_.empty()) {
    index_.erase(entries_.back().key);
    evicted = std::move(entries_.back().name);
    entries_.pop_back();
  }
  entries_.push_front(Entry{std::string(make_key(sql, types)), std::move(name)});
  index_.emplace(entries_.front().key, entries_.begin());
  return evicted;
}

void StatementCache::erase(std::string_view sql, std::span<const Oid> types) {
  const auto it = index_.find(make_key(sql, types));
  if (it == index_.end()) return;
  const auto entry = it->second;
  index_.erase(it);
  entries_.erase(entry);
}

std::vector<std::string> StatementCache::clear() {
  std::vector<std::string> names;
  for (auto& entry : entries_) names.push_back(std::move(entry.name));
  index_.clear();
  entries_.clear();
  return names;
}

}  // namespace iceaxe::pg::detail
