#pragma once

// Fast 64-bit hashes, of a word and of bytes: for fingerprints and for tables of keys.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace iceaxe::detail {

// splitmix64's finalizer: a bijection, so distinct inputs stay distinct.
constexpr std::uint64_t mix(std::uint64_t x) noexcept {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

namespace wyhash {
inline std::uint64_t read64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline std::uint64_t read32(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline std::uint64_t octet(char c) noexcept {
  return static_cast<unsigned char>(c);
}
// The 128-bit product of a and b, as its low and high halves.
inline void multiply(std::uint64_t& a, std::uint64_t& b) noexcept {
  __extension__ typedef unsigned __int128 u128;
  const u128 product = static_cast<u128>(a) * b;
  a = static_cast<std::uint64_t>(product);
  b = static_cast<std::uint64_t>(product >> 64);
}
inline std::uint64_t fold(std::uint64_t a, std::uint64_t b) noexcept {
  multiply(a, b);
  return a ^ b;
}
inline constexpr std::uint64_t k0 = 0xa0761d6478bd642fULL;
inline constexpr std::uint64_t k1 = 0xe7037ed1a0b428dbULL;
inline constexpr std::uint64_t k2 = 0x8ebc6af09c88c6e3ULL;
inline constexpr std::uint64_t k3 = 0x589965cc75374cc3ULL;
}  // namespace wyhash

// A 64-bit hash of bytes (wyhash's construction, final version 4): a few multiplications
// for short strings, inline, where std::hash is an out-of-line loop.
inline std::uint64_t hash_bytes(std::string_view bytes) noexcept {
  using namespace wyhash;
  const char* p = bytes.data();
  const std::size_t length = bytes.size();
  // Not a lane's constant: a lane mixing its two words with the same constant would be
  // symmetric in them (`fold` is), so swapping equal bit flips would collide.
  std::uint64_t seed = fold(k0, k1);
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  if (length <= 16) {
    if (length >= 4) {
      const std::size_t step = (length >> 3) << 2;
      a = (read32(p) << 32) | read32(p + step);
      b = (read32(p + length - 4) << 32) | read32(p + length - 4 - step);
    } else if (length > 0) {
      a = (octet(p[0]) << 16) | (octet(p[length >> 1]) << 8) | octet(p[length - 1]);
    }
  } else {
    std::size_t left = length;
    if (left > 48) {
      std::uint64_t seed1 = seed;
      std::uint64_t seed2 = seed;
      do {
        seed = fold(read64(p) ^ k1, read64(p + 8) ^ seed);
        seed1 = fold(read64(p + 16) ^ k2, read64(p + 24) ^ seed1);
        seed2 = fold(read64(p + 32) ^ k3, read64(p + 40) ^ seed2);
        p += 48;
        left -= 48;
      } while (left > 48);
      seed ^= seed1 ^ seed2;
    }
    while (left > 16) {
      seed = fold(read64(p) ^ k1, read64(p + 8) ^ seed);
      p += 16;
      left -= 16;
    }
    a = read64(p + left - 16);
    b = read64(p + left - 8);
  }
  a ^= k1;
  b ^= seed;
  multiply(a, b);
  return fold(a ^ k0 ^ length, b ^ k1);
}

}  // namespace iceaxe::detail
