#pragma once

// Splitting a batch so that no statement sees one key twice: the n-th object with a given
// key goes to round n. One flat hash table over the keys' encoded bytes (or their bits, for
// a single fixed-width key), no allocation per object (batches of 100k objects pass through
// here on every update and upsert).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iceaxe::detail {

// Encoded keys, back to back: key i is bytes[offsets[i], offsets[i + 1]).
struct EncodedKeys {
  std::string bytes;
  std::vector<std::uint32_t> offsets{0};

  std::size_t size() const noexcept { return offsets.size() - 1; }
  std::string_view operator[](std::size_t i) const noexcept {
    return {bytes.data() + offsets[i], offsets[i + 1] - offsets[i]};
  }
  void end_key() { offsets.push_back(static_cast<std::uint32_t>(bytes.size())); }
};

// The round of each key: how many equal keys came before it.
std::vector<std::uint32_t> key_rounds(const EncodedKeys& keys);
// The same for keys that are one fixed-width value each, as its bits.
std::vector<std::uint32_t> key_rounds(std::span<const std::uint64_t> keys);

}  // namespace iceaxe::detail
