#include "iceaxe/orm/key_rounds.hpp"

#include <bit>
#include <limits>
#include <stdexcept>

#include "iceaxe/model/hash.hpp"

namespace iceaxe::detail {

namespace {

// Open addressing, linear probing; a slot holds 1 + the index of a key's first object,
// whose entry in `seen` counts that key's objects so far.
template <class KeyAt, class Hash>
std::vector<std::uint32_t> rounds_of(std::size_t n, KeyAt key_at, Hash hash) {
  std::vector<std::uint32_t> rounds(n, 0);
  const std::size_t mask = std::bit_ceil(2 * n + 1) - 1;
  std::vector<std::uint32_t> slots(mask + 1, 0);
  std::vector<std::uint32_t> seen(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto key = key_at(i);
    for (std::size_t slot = hash(key) & mask;; slot = (slot + 1) & mask) {
      if (slots[slot] == 0) {
        slots[slot] = static_cast<std::uint32_t>(i + 1);
        seen[i] = 1;
        break;
      }
      const std::uint32_t first = slots[slot] - 1;
      if (key_at(first) == key) {
        rounds[i] = seen[first]++;
        break;
      }
    }
  }
  return rounds;
}

}  // namespace

std::vector<std::uint32_t> key_rounds(const EncodedKeys& keys) {
  if (keys.bytes.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("a batch's keys take more than 4 GB");
  }
  return rounds_of(
      keys.size(), [&](std::size_t i) { return keys[i]; }, hash_bytes);
}

std::vector<std::uint32_t> key_rounds(std::span<const std::uint64_t> keys) {
  return rounds_of(
      keys.size(), [&](std::size_t i) { return keys[i]; }, mix);
}

}  // namespace iceaxe::detail
