// Which tracker tracks which object. Objects carry only a flag (TableBase's low bit); the
// trackers are found here, so that models do not pay a pointer each for a diagnostic that is
// off by default. Objects of different connections may live on different threads: the map is
// shared and locked.

#include <mutex>
#include <unordered_map>

#include "iceaxe/model/table_base.hpp"

namespace iceaxe::detail {
namespace {

struct Trackers {
  std::mutex mutex;
  std::unordered_map<const TableBase*, ObjectTracker*> of;
};

// Never destroyed: objects in static storage may be destroyed after it would be.
Trackers& trackers() {
  static Trackers* const instance = new Trackers;
  return *instance;
}

}  // namespace

ObjectTracker* ObjectTracker::tracker_of(const TableBase& object) noexcept {
  if (!object.tracked()) return nullptr;
  Trackers& all = trackers();
  const std::lock_guard lock(all.mutex);
  const auto it = all.of.find(&object);
  return it == all.of.end() ? nullptr : it->second;
}

void ObjectTracker::set_tracker(TableBase& object) {
  Trackers& all = trackers();
  const std::lock_guard lock(all.mutex);
  all.of.insert_or_assign(&object, this);
  object.state_ |= TableBase::tracked_bit;
}

void ObjectTracker::clear_tracker(TableBase& object) noexcept {
  if (!object.tracked()) return;
  Trackers& all = trackers();
  const std::lock_guard lock(all.mutex);
  all.of.erase(&object);
  object.state_ &= ~TableBase::tracked_bit;
}

void ObjectTracker::move_tracker(const TableBase& from, TableBase& to) noexcept {
  Trackers& all = trackers();
  const std::lock_guard lock(all.mutex);
  auto node = all.of.extract(&from);  // re-keyed without allocating
  if (node.empty()) return;
  node.key() = &to;
  all.of.insert(std::move(node));
  const_cast<TableBase&>(from).state_ &= ~TableBase::tracked_bit;
  to.state_ |= TableBase::tracked_bit;
}

void ObjectTracker::notify_copied(const TableBase& from, TableBase& to) {
  if (ObjectTracker* tracker = tracker_of(from)) tracker->copied(from, to);
}

void ObjectTracker::notify_moved(const TableBase& from, TableBase& to) noexcept {
  if (ObjectTracker* tracker = tracker_of(from)) tracker->moved(from, to);
}

void ObjectTracker::notify_destroyed(const TableBase& object) noexcept {
  ObjectTracker* tracker = nullptr;
  {
    Trackers& all = trackers();
    const std::lock_guard lock(all.mutex);
    const auto it = all.of.find(&object);
    if (it == all.of.end()) return;
    tracker = it->second;
    all.of.erase(it);
  }
  tracker->destroyed(object);
}

}  // namespace iceaxe::detail
