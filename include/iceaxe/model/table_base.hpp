#pragma once

// TableBase: the base of every model. It holds the model's change state (fingerprints of its
// stored fields as they were last loaded from, or written to, the database) and, while a
// connection tracks unwritten changes, the tracker that knows where the object lives.

#include <atomic>
#include <compare>
#include <cstddef>
#include <utility>

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

namespace detail {
// The head of a block of snapshots: how many objects (and the reader filling the block)
// still refer to it. When the last one lets go, the block is freed or kept for the thread's
// next load (src/model/snapshot_block.cpp).
struct SnapshotHead {
  std::atomic<std::size_t> refs;
  std::size_t bytes;  // the block's size, head included (src/model/snapshot_block.cpp)
};

// A block of `bytes` (head included) whose count starts at `refs`.
SnapshotHead* allocate_snapshot_block(std::size_t bytes, std::size_t refs);
void free_snapshot_block(SnapshotHead* head) noexcept;

inline void retain(SnapshotHead* head) noexcept {
  if (head) head->refs.fetch_add(1, std::memory_order_relaxed);
}
// Lets go of `count` references at once.
inline void release(SnapshotHead* head, std::size_t count = 1) noexcept {
  if (head && head->refs.fetch_sub(count, std::memory_order_acq_rel) == count) {
    free_snapshot_block(head);
  }
}
}  // namespace detail

class TableBase {
 public:
  TableBase() noexcept = default;
  TableBase(const TableBase& other) : head_(other.head_), slot_(other.slot_) {
    detail::retain(head_);
    if (other.tracker_) {
      try {
        other.tracker_->copied(other, *this);
      } catch (...) {
        detail::release(head_);
        throw;
      }
    }
  }
  TableBase(TableBase&& other) noexcept
      : head_(std::exchange(other.head_, nullptr)), slot_(std::exchange(other.slot_, nullptr)) {
    if (other.tracker_) other.tracker_->moved(other, *this);
  }
  // Assignment takes the other object's change state; tracking stays with each object.
  TableBase& operator=(const TableBase& other) noexcept {
    detail::retain(other.head_);
    detail::release(head_);
    head_ = other.head_;
    slot_ = other.slot_;
    return *this;
  }
  TableBase& operator=(TableBase&& other) noexcept {
    if (this != &other) {
      detail::release(head_);
      head_ = std::exchange(other.head_, nullptr);
      slot_ = std::exchange(other.slot_, nullptr);
    }
    return *this;
  }
  ~TableBase() {
    if (tracker_) tracker_->destroyed(*this);
    detail::release(head_);
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

  // The object's snapshot: the fingerprints of its stored fields, at `slot_` inside a block
  // shared by the objects of one load or write and counted by `head_`. Snapshots are never
  // changed in place, so copies share them; none: every field pending.
  detail::SnapshotHead* head_ = nullptr;
  const std::byte* slot_ = nullptr;
  detail::ObjectTracker* tracker_ = nullptr;  // set only while a connection tracks the object
};

inline void detail::ObjectTracker::set_tracker(TableBase& object, ObjectTracker* tracker) noexcept {
  object.tracker_ = tracker;
}
inline detail::ObjectTracker* detail::ObjectTracker::tracker_of(const TableBase& object) noexcept {
  return object.tracker_;
}

}  // namespace iceaxe
