#pragma once

// TableBase: the base of every model. It holds the model's change state: fingerprints of
// its stored fields as they were last loaded from, or written to, the database.

#include <compare>
#include <cstdint>
#include <memory>

namespace iceaxe {

namespace detail {
struct ChangeState;
}

class TableBase {
 public:
  // The change state never takes part in comparing models: a defaulted operator== or
  // operator<=> of a model compares its fields only.
  friend constexpr bool operator==(const TableBase&, const TableBase&) noexcept { return true; }
  friend constexpr std::strong_ordering operator<=>(const TableBase&, const TableBase&) noexcept {
    return std::strong_ordering::equal;
  }

 private:
  friend struct detail::ChangeState;

  // One fingerprint per field, inside a block shared by the objects of one load or write.
  // Snapshots are never changed in place, so copies share them; empty: every field pending.
  std::shared_ptr<const std::uint64_t[]> snapshot_;
};

}  // namespace iceaxe
