#pragma once

// Strong identifiers travel as their integer.

#include "iceaxe/pg/codec.hpp"
#include "iceaxe/types/id.hpp"

namespace iceaxe::pg {

template <class Tag, class Int>
struct Codec<Id<Tag, Int>> {
  using Integer = Codec<Int>;
  static constexpr Oid oid = Integer::oid;
  static constexpr Oid array_oid = Integer::array_oid;
  static constexpr std::string_view name = Integer::name;
  static bool accepts(Oid type) noexcept { return Integer::accepts(type); }
  static void encode(const Id<Tag, Int>& v, std::string& out) { Integer::encode(v.value(), out); }
  static Id<Tag, Int> decode(std::string_view bytes, Oid type) {
    return Id<Tag, Int>(Integer::decode(bytes, type));
  }
};

}  // namespace iceaxe::pg
