#pragma once

// TableBase: the base of every model. It holds the model's change state (fingerprints of its
// stored fields as they were last loaded from, or written to, the database) and whether a
// connection tracks the object's unwritten changes.

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace iceaxe {

class TableBase;

namespace detail {
struct ChangeState;

// Told when a tracked object is copied, moved or destroyed, so it never holds a dead address.
// Which tracker tracks an object is kept beside the objects (src/model/object_tracker.cpp),
// not in them: tracking is a diagnostic, and every model pays for each byte of TableBase.
class ObjectTracker {
 public:
  virtual void copied(const TableBase& from, TableBase& to) = 0;
  virtual void moved(const TableBase& from, TableBase& to) noexcept = 0;
  virtual void destroyed(const TableBase& object) noexcept = 0;

 protected:
  ~ObjectTracker() = default;
  // The object's tracker; null when none tracks it.
  static ObjectTracker* tracker_of(const TableBase& object) noexcept;
  // Makes this tracker the object's (it may have none or this one).
  void set_tracker(TableBase& object);
  static void clear_tracker(TableBase& object) noexcept;
  // `to` takes `from`'s tracker.
  static void move_tracker(const TableBase& from, TableBase& to) noexcept;

 private:
  friend class iceaxe::TableBase;
  static void notify_copied(const TableBase& from, TableBase& to);
  static void notify_moved(const TableBase& from, TableBase& to) noexcept;
  static void notify_destroyed(const TableBase& object) noexcept;
};

// The head of a block of snapshots: how many objects (and the reader filling the block)
// still refer to it. When the last one lets go, the block is freed or kept for the thread's
// next load (src/model/snapshot_block.cpp). Each snapshot in the block is preceded by a
// pointer to the head, so that an object needs only its snapshot's address.
struct SnapshotHead {
  std::atomic<std::size_t> refs;
  std::size_t bytes;  // the block's size, head included (src/model/snapshot_block.cpp)
};

// A block of `bytes` (head included) whose count starts at `refs`.
SnapshotHead* allocate_snapshot_block(std::size_t bytes, std::size_t refs);
void free_snapshot_block(SnapshotHead* head) noexcept;

inline SnapshotHead* head_of(const std::byte* snapshot) noexcept {
  SnapshotHead* head;
  std::memcpy(&head, snapshot - sizeof head, sizeof head);
  return head;
}
inline void retain(const std::byte* snapshot) noexcept {
  if (snapshot) head_of(snapshot)->refs.fetch_add(1, std::memory_order_relaxed);
}
// Lets go of `count` references at once.
inline void release(SnapshotHead* head, std::size_t count = 1) noexcept {
  if (head->refs.fetch_sub(count, std::memory_order_acq_rel) == count) free_snapshot_block(head);
}
inline void release(const std::byte* snapshot) noexcept {
  if (snapshot) release(head_of(snapshot));
}
}  // namespace detail

// One word per object: the address of its snapshot (the fingerprints of its stored fields
// inside a block shared by the objects of one load or write; none: every field pending),
// and in its low bit whether a connection tracks the object. Snapshots are never changed
// in place, so copies share them.
class TableBase {
 public:
  TableBase() noexcept = default;
  TableBase(const TableBase& other) : state_(other.state_ & ~tracked_bit) {
    detail::retain(snapshot());
    if (other.tracked()) {
      try {
        detail::ObjectTracker::notify_copied(other, *this);
      } catch (...) {
        detail::release(snapshot());
        throw;
      }
    }
  }
  TableBase(TableBase&& other) noexcept : state_(other.state_ & ~tracked_bit) {
    other.state_ &= tracked_bit;
    if (other.tracked()) detail::ObjectTracker::notify_moved(other, *this);
  }
  // Assignment takes the other object's change state; tracking stays with each object.
  TableBase& operator=(const TableBase& other) noexcept {
    detail::retain(other.snapshot());
    detail::release(snapshot());
    state_ = (other.state_ & ~tracked_bit) | (state_ & tracked_bit);
    return *this;
  }
  TableBase& operator=(TableBase&& other) noexcept {
    if (this != &other) {
      detail::release(snapshot());
      state_ = (other.state_ & ~tracked_bit) | (state_ & tracked_bit);
      other.state_ &= tracked_bit;
    }
    return *this;
  }
  ~TableBase() {
    if (tracked()) detail::ObjectTracker::notify_destroyed(*this);
    detail::release(snapshot());
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

  // Snapshots start 4-byte aligned, which leaves the low bit free.
  static constexpr std::uintptr_t tracked_bit = 1;

  const std::byte* snapshot() const noexcept {
    return reinterpret_cast<const std::byte*>(state_ & ~tracked_bit);
  }
  bool tracked() const noexcept { return (state_ & tracked_bit) != 0; }

  std::uintptr_t state_ = 0;
};

}  // namespace iceaxe
