#include "iceaxe/orm/modification_tracker.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace iceaxe {

ModificationTracker::~ModificationTracker() {
  clear();
}

void ModificationTracker::track(TableBase& object, const Ops* ops, const SourceLocation& where) {
  const ObjectTracker* current = tracker_of(object);
  if (current != nullptr && current != this) return;  // another connection's object
  auto [it, inserted] = objects_.try_emplace(&object, Entry{ops, where, next_order_});
  if (inserted) {
    adopt(object, it);
  } else {
    it->second.where = where;  // the latest load or write
  }
}

void ModificationTracker::adopt(TableBase& object, Objects::iterator entry) {
  try {
    set_tracker(object);
  } catch (...) {
    objects_.erase(entry);
    throw;
  }
  ++next_order_;
}

void ModificationTracker::untrack(TableBase& object) noexcept {
  if (tracker_of(object) != this) return;
  objects_.erase(&object);
  clear_tracker(object);
}

void ModificationTracker::copied(const TableBase& from, TableBase& to) {
  const auto it = objects_.find(&from);
  if (it == objects_.end()) return;
  adopt(to,
        objects_.insert_or_assign(&to, Entry{it->second.ops, it->second.where, next_order_}).first);
}

void ModificationTracker::moved(const TableBase& from, TableBase& to) noexcept {
  const auto it = objects_.find(&from);
  if (it == objects_.end()) return;
  auto node = objects_.extract(it);  // re-keyed without allocating
  node.key() = &to;
  objects_.insert(std::move(node));
  move_tracker(from, to);
}

void ModificationTracker::destroyed(const TableBase& object) noexcept {
  objects_.erase(&object);
}

std::vector<Modification> ModificationTracker::modified() const {
  std::vector<std::pair<std::uint64_t, Modification>> found;
  for (const auto& [object, entry] : objects_) {
    std::vector<std::string_view> fields = entry.ops->modified(*object);
    if (fields.empty()) continue;
    found.emplace_back(entry.order, Modification{entry.ops->type, entry.ops->key(*object),
                                                 std::move(fields), entry.where});
  }
  std::ranges::sort(found, {}, &std::pair<std::uint64_t, Modification>::first);
  std::vector<Modification> out;
  out.reserve(found.size());
  for (auto& [order, modification] : found) out.push_back(std::move(modification));
  return out;
}

void ModificationTracker::log(LogLevel level) const {
  if (!logging::enabled(level)) return;
  for (const Modification& m : modified()) {
    const std::string where = fmt::format("{}:{} ({})", m.location.file_name(), m.location.line(),
                                          m.location.function_name());
    logging::write(level, "iceaxe.orm",
                   fmt::format("Object modified locally but not committed: {}{}{} (changed: {}); "
                               "loaded at {}",
                               m.object_type, m.primary_key.empty() ? "" : " ", m.primary_key,
                               fmt::join(m.fields, ", "), where),
                   {{"object_type", m.object_type},
                    {"primary_key", m.primary_key},
                    {"fields", m.fields},
                    {"location", where}});
  }
}

void ModificationTracker::clear() noexcept {
  for (auto& [object, entry] : objects_) clear_tracker(const_cast<TableBase&>(*object));
  objects_.clear();
}

}  // namespace iceaxe
