#pragma once

#include "iceaxe/pg/codec.hpp"
#include "iceaxe/types/uuid.hpp"

namespace iceaxe::pg {

template <>
struct Codec<Uuid> {
  static constexpr Oid oid = oid::uuid;
  static constexpr Oid array_oid = oid::uuid_array;
  static constexpr std::string_view name = "uuid";
  static bool accepts(Oid type) noexcept { return type == oid::uuid; }
  static void encode(const Uuid& v, std::string& out) {
    out.append(reinterpret_cast<const char*>(v.bytes().data()), v.bytes().size());
  }
  static Uuid decode(std::string_view bytes, Oid) {
    detail::check_length(bytes, 16, name);
    Uuid::Bytes b;
    std::memcpy(b.data(), bytes.data(), b.size());
    return Uuid(b);
  }
};

}  // namespace iceaxe::pg
