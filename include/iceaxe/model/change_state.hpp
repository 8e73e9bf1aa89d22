#pragma once

// Change state: which fields of an object differ from the values it had when it was last
// loaded from, inserted into, or refreshed from the database.
//
// Loading fingerprints every stored field (its value bits, or a 64-bit hash of its encoded
// form) into one block shared by the objects of that load; asking compares fingerprints of
// the current values with it. So in-place edits (`e.tags.push_back("x")`, a JSON member's
// contents) count, assigning the same value back does not, and copies share the snapshot.
// An object never loaded or written has every field pending.

#include <bitset>
#include <cstddef>
#include <memory>
#include <ranges>
#include <span>
#include <string_view>
#include <vector>

#include "iceaxe/model/field_io.hpp"

namespace iceaxe {

// Field indices (declaration order) of one model.
using FieldSet = std::bitset<max_fields>;

namespace detail {

struct ChangeState {
  static const Fingerprint* snapshot(const TableBase& object) noexcept {
    return object.snapshot_.get();
  }
  static void attach(TableBase& object, std::shared_ptr<const Fingerprint[]> snapshot) noexcept {
    object.snapshot_ = std::move(snapshot);
  }
  static void share(TableBase& to, const TableBase& from) noexcept {
    to.snapshot_ = from.snapshot_;
  }
};

// Snapshots of `count` objects with `fields` fields each, in one allocation.
class SnapshotBlock {
 public:
  SnapshotBlock(std::size_t count, std::size_t fields)
      : fields_(fields), block_(std::make_shared_for_overwrite<Fingerprint[]>(count * fields)) {}

  Fingerprint* slot(std::size_t i) const noexcept { return block_.get() + i * fields_; }
  // Makes slot i the object's snapshot.
  void attach(TableBase& object, std::size_t i) const {
    ChangeState::attach(object, std::shared_ptr<const Fingerprint[]>(block_, slot(i)));
  }

 private:
  std::size_t fields_;
  std::shared_ptr<Fingerprint[]> block_;
};

template <Model T>
void fingerprint_fields(const T& object, Fingerprint* out) noexcept {
  for_each_index<field_count<T>>([&](auto i) {
    if constexpr (std::get<i>(fields<T>).stored()) {
      out[i] = FieldIo<T, i>::fingerprint(object);
    } else {
      out[i] = 0;
    }
  });
}

// The objects' current values become their snapshots (after they were written).
template <Model T>
void mark_clean_all(std::span<T* const> objects) {
  const SnapshotBlock block(objects.size(), field_count<T>);
  for (std::size_t i = 0; i < objects.size(); ++i) {
    fingerprint_fields(*objects[i], block.slot(i));
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
  const Fingerprint* snapshot = ChangeState::snapshot(object);
  for_each_index<field_count<T>>([&](auto i) {
    if constexpr (std::get<i>(fields<T>).stored()) {
      if (!snapshot || FieldIo<T, i>::fingerprint(object) != snapshot[i]) modified.set(i);
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
