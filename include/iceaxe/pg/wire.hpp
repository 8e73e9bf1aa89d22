#pragma once

// Big-endian reads and writes of fixed-width integers, as PostgreSQL's binary format
// and COPY BINARY lay them out.

#include <bit>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <string>

namespace iceaxe::pg::wire {

template <std::integral T>
constexpr T byteswap(T v) noexcept {
  if constexpr (sizeof(T) == 1) {
    return v;
  } else if constexpr (sizeof(T) == 2) {
    return static_cast<T>(__builtin_bswap16(static_cast<std::uint16_t>(v)));
  } else if constexpr (sizeof(T) == 4) {
    return static_cast<T>(__builtin_bswap32(static_cast<std::uint32_t>(v)));
  } else {
    static_assert(sizeof(T) == 8);
    return static_cast<T>(__builtin_bswap64(static_cast<std::uint64_t>(v)));
  }
}

template <std::integral T>
inline void put(std::string& out, T v) {
  if constexpr (std::endian::native == std::endian::little) v = byteswap(v);
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));
  out.append(bytes, sizeof(T));
}

// Reads a T at `p`; the caller has checked that sizeof(T) bytes are there.
template <std::integral T>
inline T get(const char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof(T));
  if constexpr (std::endian::native == std::endian::little) v = byteswap(v);
  return v;
}

// Writes a T at `at`; the caller has made room for sizeof(T) bytes.
template <std::integral T>
inline void store(char* at, T v) noexcept {
  if constexpr (std::endian::native == std::endian::little) v = byteswap(v);
  std::memcpy(at, &v, sizeof(T));
}

// Overwrites the T at `out[offset]` (for length prefixes written after the payload).
template <std::integral T>
inline void patch(std::string& out, std::size_t offset, T v) {
  store(out.data() + offset, v);
}

}  // namespace iceaxe::pg::wire
