#pragma once

// iceaxe::Uuid: the 16 bytes of a PostgreSQL uuid, in network (big-endian) order.

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace iceaxe {

class Uuid {
 public:
  using Bytes = std::array<std::uint8_t, 16>;

  constexpr Uuid() noexcept = default;  // the nil uuid 00000000-0000-0000-0000-000000000000
  constexpr explicit Uuid(const Bytes& bytes) noexcept : bytes_(bytes) {}

  // Canonical 8-4-4-4-12 hex form, in any case; throws ValueError otherwise.
  static Uuid parse(std::string_view text);
  // A random (version 4) uuid.
  static Uuid random();

  constexpr const Bytes& bytes() const noexcept { return bytes_; }
  constexpr bool is_nil() const noexcept { return *this == Uuid(); }
  // Lowercase canonical form.
  std::string to_string() const;

  friend constexpr auto operator<=>(const Uuid&, const Uuid&) noexcept = default;
  friend constexpr bool operator==(const Uuid&, const Uuid&) noexcept = default;

 private:
  Bytes bytes_{};
};

std::ostream& operator<<(std::ostream& os, const Uuid& uuid);

}  // namespace iceaxe

template <>
struct std::hash<iceaxe::Uuid> {
  std::size_t operator()(const iceaxe::Uuid& uuid) const noexcept {
    std::size_t h = 0;
    for (std::uint8_t b : uuid.bytes()) h = h * 131 + b;
    return h;
  }
};
