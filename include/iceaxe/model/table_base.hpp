#pragma once

// TableBase: the base of every model. It holds the model's change state (fingerprints of its
// stored fields as they were last loaded from, or written to, the database) and, while a
// connection tracks unwritten changes, the tracker that knows where the object lives.

#include <compare>
#include <cstdint>
#include <memory>

namespace iceaxe {

class TableBase;

namespace detail {
struct ChangeState;

// Told when a tracked object is copied, moved or destroyed, so it never holds a dead address.
class ObjectTracker {
 public:
  virtual void copied(const TableBase& from, TableBase& to) = 0;
  virtual void moved(const TableBase& from, TableBase& to) noexcept = 0;
  virtual void destroyed(const TableBase& object) noexcept = 0;

 protected:
  ~ObjectTracker() = default;
  static void set_tracker(TableBase& object, ObjectTracker* tracker) noexcept;
  static ObjectTracker* tracker_of(const TableBase& object) noexcept;
};
}  // namespace detail

class TableBase {
 public:
  TableBase() noexcept = default;
  TableBase(const TableBase& other) : snapshot_(other.snapshot_) {
    if (other.tracker_) other.tracker_->copied(other, *this);
  }
  TableBase(TableBase&& other) noexcept : snapshot_(std::move(other.snapshot_)) {
    if (other.tracker_) other.tracker_->moved(other, *this);
  }
  // Assignment takes the other object's change state; tracking stays with each object.
  TableBase& operator=(const TableBase& other) {
    snapshot_ = other.snapshot_;
    return *this;
  }
  TableBase& operator=(TableBase&& other) noexcept {
    snapshot_ = std::move(other.snapshot_);
    return *this;
  }
  ~TableBase() {
    if (tracker_) tracker_->destroyed(*this);
  }

  // The change state never takes part in comparing models: a defaulted operator== or
  // operator<=> of a model compares its fields only.
  friend constexpr bool operator==(const TableBase&, const TableBase&) noexcept { return true; }
  friend constexpr std::strong_ordering operator<=>(const TableBase&, const TableBase&) noexcept {
    return std::strong_ordering::equal;
  }

 private:
  friend struct detail::ChangeState;
  friend class detail::ObjectTracker;

  // One fingerprint per field, inside a block shared by the objects of one load or write.
  // Snapshots are never changed in place, so copies share them; empty: every field pending.
  std::shared_ptr<const std::uint64_t[]> snapshot_;
  detail::ObjectTracker* tracker_ = nullptr;  // set only while a connection tracks the object
};

inline void detail::ObjectTracker::set_tracker(TableBase& object, ObjectTracker* tracker) noexcept {
  object.tracker_ = tracker;
}
inline detail::ObjectTracker* detail::ObjectTracker::tracker_of(const TableBase& object) noexcept {
  return object.tracker_;
}

}  // namespace iceaxe
