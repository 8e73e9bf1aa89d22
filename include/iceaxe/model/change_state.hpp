#pragma once

// Change state: which fields of an object differ from the values it had when it was last
// loaded from, inserted into, or refreshed from the database.
//
// Loading fingerprints every stored field (its value bits, or a 64-bit hash of its encoded
// form; 4 bytes for values of at most 32 bits, else 8) into one block shared by the objects
// of that load and reference-counted once for all of them; asking compares fingerprints of
// the current values with it. So in-place edits (`e.tags.push_back("x")`, a JSON member's
// contents) count, assigning the same value back does not, and copies share the snapshot.
// An object never loaded or written has every field pending.

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ranges>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "iceaxe/model/field_io.hpp"

namespace iceaxe {

// Field indices (declaration order) of one model.
using FieldSet = std::bitset<max_fields>;

namespace detail {

struct ChangeState {
  static const std::byte* snapshot(const TableBase& object) noexcept { return object.snapshot(); }
  // Gives the object a reference to `snapshot` the caller already counted.
  static void attach(TableBase& object, const std::byte* snapshot) noexcept {
    release(object.snapshot());
    object.state_ =
        reinterpret_cast<std::uintptr_t>(snapshot) | (object.state_ & TableBase::tracked_bit);
  }
  // `to` takes `from`'s snapshot (its tracking stays): TableBase's copy assignment.
  static void share(TableBase& to, const TableBase& from) noexcept {
    to.TableBase::operator=(from);
  }
};

// Where each stored field's fingerprint sits in a snapshot: the 8-byte ones first, then the
// 4-byte ones (values of at most 32 bits are their own fingerprint). `size`: bytes per object.
template <std::size_t N>
struct SnapshotLayout {
  std::array<std::size_t, N> offset{};
  std::size_t size = 0;
};

template <Model T>
inline constexpr SnapshotLayout<field_count<T>> snapshot_layout = [] {
  SnapshotLayout<field_count<T>> layout;
  for (const std::size_t width : {std::size_t{8}, std::size_t{4}}) {
    for_each_index<field_count<T>>([&](auto i) {
      if constexpr (std::get<i>(fields<T>).stored()) {
        if (FieldIo<T, i>::fingerprint_width == width) {
          layout.offset[i] = layout.size;
          layout.size += width;
        }
      }
    });
  }
  return layout;
}();

// Field I's fingerprint in a snapshot.
template <Model T, std::size_t I>
void store_fingerprint(std::byte* snapshot, Fingerprint fingerprint) noexcept {
  std::byte* const at = snapshot + snapshot_layout<T>.offset[I];
  if constexpr (FieldIo<T, I>::fingerprint_width == 4) {
    const auto narrow = static_cast<std::uint32_t>(fingerprint);
    std::memcpy(at, &narrow, sizeof narrow);
  } else {
    std::memcpy(at, &fingerprint, sizeof fingerprint);
  }
}
template <Model T, std::size_t I>
Fingerprint stored_fingerprint(const std::byte* snapshot) noexcept {
  const std::byte* const at = snapshot + snapshot_layout<T>.offset[I];
  if constexpr (FieldIo<T, I>::fingerprint_width == 4) {
    std::uint32_t narrow;
    std::memcpy(&narrow, at, sizeof narrow);
    return narrow;
  } else {
    Fingerprint fingerprint;
    std::memcpy(&fingerprint, at, sizeof fingerprint);
    return fingerprint;
  }
}

// Snapshots of `count` objects of type T in one allocation, counted once for all of them:
// attaching a slot to an object costs no atomic operation. Each slot is the address of the
// block's head, then the snapshot. Slots never attached are let go when the block object is
// destroyed.
template <Model T>
class SnapshotBlock {
 public:
  explicit SnapshotBlock(std::size_t count) : count_(count) {
    if (count == 0) return;
    // The objects' references, and this block's own.
    head_ = allocate_snapshot_block(sizeof(SnapshotHead) + count * stride, count + 1);
  }
  SnapshotBlock(SnapshotBlock&& other) noexcept
      : count_(other.count_),
        attached_(other.attached_),
        head_(std::exchange(other.head_, nullptr)) {}
  SnapshotBlock& operator=(SnapshotBlock&&) = delete;
  ~SnapshotBlock() {
    if (head_) release(head_, count_ - attached_ + 1);
  }

  // Where object i's snapshot is filled.
  std::byte* slot(std::size_t i) const noexcept {
    return reinterpret_cast<std::byte*>(head_ + 1) + i * stride + sizeof(SnapshotHead*);
  }
  // Makes slot i (filled, and attached at most once) the object's snapshot.
  void attach(TableBase& object, std::size_t i) noexcept {
    std::byte* const snapshot = slot(i);
    std::memcpy(snapshot - sizeof head_, &head_, sizeof head_);
    ChangeState::attach(object, snapshot);
    ++attached_;
  }

 private:
  static constexpr std::size_t stride = sizeof(SnapshotHead*) + snapshot_layout<T>.size;
  static_assert(stride % 4 == 0, "TableBase keeps a flag in the low bit of a slot's address");
  std::size_t count_;
  std::size_t attached_ = 0;
  SnapshotHead* head_ = nullptr;
};

template <Model T>
void fingerprint_fields(const T& object, std::byte* out) noexcept {
  for_each_index<field_count<T>>([&](auto i) {
    if constexpr (std::get<i>(fields<T>).stored()) {
      store_fingerprint<T, i>(out, FieldIo<T, i>::fingerprint(object));
    }
  });
}

// The objects' current values become their snapshots (after they were written).
template <Model T>
void mark_clean_all(std::span<T* const> objects) {
  SnapshotBlock<T> block(objects.size());
  for (std::size_t i = 0; i < objects.size(); ++i) {
    fingerprint_fields(*objects[i], block.slot(i));
    block.attach(*objects[i], i);
  }
}

// After an update wrote the `written` fields of the objects: each snapshot is the old one
// with those fields' fingerprints renewed (the other fields were unchanged, so their
// fingerprints are current), or, for an object that had none, one of every field.
template <Model T>
void mark_written(std::span<T* const> objects, const FieldSet& written) {
  SnapshotBlock<T> block(objects.size());
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const T& object = *objects[i];
    std::byte* const slot = block.slot(i);
    if (const std::byte* old = ChangeState::snapshot(object)) {
      std::memcpy(slot, old, snapshot_layout<T>.size);
      for_each_index<field_count<T>>([&](auto f) {
        if constexpr (std::get<f>(fields<T>).stored()) {
          if (written.test(f)) store_fingerprint<T, f>(slot, FieldIo<T, f>::fingerprint(object));
        }
      });
    } else {
      fingerprint_fields(object, slot);
    }
    block.attach(*objects[i], i);
  }
}

template <std::ranges::contiguous_range R>
void mark_clean_all(const R& objects) {
  mark_clean_all(std::span<std::ranges::range_value_t<R> const>(objects));
}

template <Model T>
FieldSet modified_field_set(const T& object) noexcept {
  FieldSet modified;
  const std::byte* snapshot = ChangeState::snapshot(object);
  for_each_index<field_count<T>>([&](auto i) {
    if constexpr (std::get<i>(fields<T>).stored()) {
      if (!snapshot || FieldIo<T, i>::fingerprint(object) != stored_fingerprint<T, i>(snapshot)) {
        modified.set(i);
      }
    }
  });
  return modified;
}

}  // namespace detail

// Names of the stored fields whose values differ from the snapshot, in declaration order;
// all of them for an object never loaded or written.
template <Model T>
std::vector<std::string_view> modified_fields(const T& object) {
  const FieldSet modified = detail::modified_field_set(object);
  std::vector<std::string_view> names;
  for_each_field<T>([&, i = std::size_t{0}](const auto& field) mutable {
    if (modified.test(i++)) names.push_back(field.name);
  });
  return names;
}

template <Model T>
bool is_modified(const T& object) noexcept {
  return detail::modified_field_set(object).any();
}

// Takes the object's current values as its snapshot, as if just loaded.
template <Model T>
void mark_clean(T& object) {
  T* const one[] = {&object};
  detail::mark_clean_all<T>(one);
}

}  // namespace iceaxe
