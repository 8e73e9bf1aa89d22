#pragma once

#include "iceaxe/pg/codec.hpp"
#include "iceaxe/types/numeric.hpp"

namespace iceaxe::pg {

namespace detail {
void encode_numeric(const Numeric& value, std::string& out);
Numeric decode_numeric(std::string_view bytes);
}  // namespace detail

// numeric's binary form: base-10000 digit groups (src/pg/codec_numeric.cpp). Integer
// columns read too, exactly.
template <>
struct Codec<Numeric> {
  static constexpr Oid oid = oid::numeric;
  static constexpr Oid array_oid = oid::numeric_array;
  static constexpr std::string_view name = "numeric";
  static bool accepts(Oid type) noexcept {
    return type == oid::numeric || Codec<std::int64_t>::accepts(type);
  }
  static void encode(const Numeric& v, std::string& out) { detail::encode_numeric(v, out); }
  static Numeric decode(std::string_view bytes, Oid type) {
    if (type != oid::numeric) return Numeric(Codec<std::int64_t>::decode(bytes, type));
    return detail::decode_numeric(bytes);
  }
};

}  // namespace iceaxe::pg
