#include "iceaxe/types/uuid.hpp"

#include <ostream>
#include <random>

#include "iceaxe/pg/errors.hpp"

namespace iceaxe {

namespace {
constexpr std::string_view hex_digits = "0123456789abcdef";

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_dash_position(std::size_t i) noexcept {
  return i == 8 || i == 13 || i == 18 || i == 23;
}
}  // namespace

Uuid Uuid::parse(std::string_view text) {
  Bytes bytes{};
  bool valid = text.size() == 36;
  for (std::size_t i = 0, n = 0; valid && i < text.size(); ++i) {
    if (is_dash_position(i)) {
      valid = text[i] == '-';
      continue;
    }
    const int v = hex_value(text[i]);
    valid = v >= 0;
    bytes[n / 2] = static_cast<std::uint8_t>(bytes[n / 2] << 4 | v);
    ++n;
  }
  if (!valid) {
    throw ValueError("invalid uuid \"" + std::string(text.substr(0, 64)) +
                     "\": expected the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hex digits)");
  }
  return Uuid(bytes);
}

Uuid Uuid::random() {
  // random_device reads the OS's entropy: no state to duplicate across fork().
  thread_local std::random_device device;
  Bytes bytes;
  for (std::size_t i = 0; i < bytes.size(); i += 4) {
    const std::uint32_t r = device();
    for (std::size_t j = 0; j < 4; ++j) bytes[i + j] = static_cast<std::uint8_t>(r >> (8 * j));
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  return Uuid(bytes);
}

std::string Uuid::to_string() const {
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(hex_digits[bytes_[i] >> 4]);
    out.push_back(hex_digits[bytes_[i] & 0x0F]);
  }
  return out;
}

std::ostream& operator<<(std::ostream& os, const Uuid& uuid) {
  return os << uuid.to_string();
}

}  // namespace iceaxe
