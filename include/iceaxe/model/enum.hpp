#pragma once

// ICEAXE_ENUM(Status, draft, live, (in_progress, "in-progress")) makes an existing
// `enum class Status` a PostgreSQL enum type named "status" whose labels are the
// enumerator names unless given. Write it at namespace scope beside the enum.
//
// Values travel by label. A single value is sent for the server to read as the enum type
// its context implies; an array is sent in the text format (its binary form would need the
// enum's OID, which only the server knows).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "iceaxe/model/names.hpp"
#include "iceaxe/model/preprocessor.hpp"
#include "iceaxe/pg/codec_array.hpp"

#define ICEAXE_ENUM(Type, ...)                                                               \
  [[maybe_unused]] constexpr auto iceaxe_enum_decl(::iceaxe::detail::Tag<Type>) {            \
    return ::iceaxe::detail::make_enum_decl<Type>(                                           \
        #Type, std::array{ICEAXE_PP_FOR_EACH(ICEAXE_DETAIL_ENUM_LABEL, Type, __VA_ARGS__)}); \
  }

#define ICEAXE_DETAIL_ENUM_LABEL(Type, entry) \
  ::iceaxe::detail::EnumLabel<Type>{          \
      Type::ICEAXE_PP_ENTRY_NAME(entry),      \
      ICEAXE_PP_CAT(ICEAXE_DETAIL_ENUM_LABEL_TEXT_, ICEAXE_PP_IS_PAREN(entry))(entry)},
#define ICEAXE_DETAIL_ENUM_LABEL_TEXT_0(entry) ICEAXE_PP_STR(entry)
#define ICEAXE_DETAIL_ENUM_LABEL_TEXT_1(entry) ICEAXE_PP_TAIL entry

namespace iceaxe::detail {

template <class E>
struct EnumLabel {
  E value;
  std::string_view label;
};

template <class E, std::size_t N>
struct EnumDecl {
  std::string_view type_name;  // the C++ name
  std::array<EnumLabel<E>, N> labels;
};

// Compile errors: a call to one of these in ICEAXE_ENUM names the mistake.
namespace enum_error {
void label_is_empty();
void label_longer_than_63_bytes();
void label_listed_twice();
void enumerator_listed_twice();
}  // namespace enum_error

template <class E, std::size_t N>
consteval EnumDecl<E, N> make_enum_decl(std::string_view type_name,
                                        std::array<EnumLabel<E>, N> labels) {
  static_assert(std::is_enum_v<E>, "ICEAXE_ENUM takes an enum type");
  for (std::size_t i = 0; i < N; ++i) {
    if (labels[i].label.empty()) enum_error::label_is_empty();
    if (labels[i].label.size() > max_name_length) enum_error::label_longer_than_63_bytes();
    for (std::size_t j = 0; j < i; ++j) {
      if (labels[i].label == labels[j].label) enum_error::label_listed_twice();
      if (labels[i].value == labels[j].value) enum_error::enumerator_listed_twice();
    }
  }
  return {type_name, labels};
}

template <class E>
concept DeclaredEnum = std::is_enum_v<E> && requires {
  iceaxe_enum_decl(Tag<E>{});
};

template <DeclaredEnum E>
inline constexpr auto enum_decl = iceaxe_enum_decl(Tag<E>{});

template <DeclaredEnum E>
inline constexpr auto enum_type_name_storage =
    lowercase<enum_decl<E>.type_name.size()>(enum_decl<E>.type_name);

// The PostgreSQL type's name: the C++ name lower-cased.
template <DeclaredEnum E>
inline constexpr std::string_view enum_type_name = enum_type_name_storage<E>.view();

[[noreturn]] void throw_unlabelled_enum_value(std::string_view type, long long value);
[[noreturn]] void throw_unknown_enum_label(std::string_view type, std::string_view label);

template <DeclaredEnum E>
std::string_view enum_label(E value) {
  for (const auto& entry : enum_decl<E>.labels) {
    if (entry.value == value) return entry.label;
  }
  throw_unlabelled_enum_value(
      enum_type_name<E>, static_cast<long long>(static_cast<std::underlying_type_t<E>>(value)));
}

template <DeclaredEnum E>
E enum_from_label(std::string_view label) {
  for (const auto& entry : enum_decl<E>.labels) {
    if (entry.label == label) return entry.value;
  }
  throw_unknown_enum_label(enum_type_name<E>, label);
}

// `{"a","b",NULL}`: an array literal of labels, each quoted.
void append_array_literal_element(std::string& out, std::optional<std::string_view> label);

// std::vector<E> and std::vector<std::optional<E>>: sent as text, read in binary.
template <class Vector, class E, bool Nullable>
struct EnumArrayCodec : pg::detail::ArrayCodec<Vector, E, Nullable> {
  static constexpr pg::Oid oid = pg::oid::unspecified;
  static constexpr bool text_format = true;

  // The enum's array type (a user type), or arrays of text.
  static bool accepts(pg::Oid type) noexcept {
    return type >= pg::oid::first_normal_object_id || type == pg::oid::text_array ||
           type == pg::oid::varchar_array;
  }
  static void encode(const Vector& v, std::string& out) {
    out.push_back('{');
    for (const auto& e : v) {
      if (out.back() != '{') out.push_back(',');
      if constexpr (Nullable) {
        append_array_literal_element(out, e ? std::optional(enum_label(*e)) : std::nullopt);
      } else {
        append_array_literal_element(out, enum_label(e));
      }
    }
    out.push_back('}');
  }
};

}  // namespace iceaxe::detail

namespace iceaxe::pg {

template <class E>
requires ::iceaxe::detail::DeclaredEnum<E>
struct Codec<E> {
  static constexpr Oid oid = oid::unspecified;  // the server infers the enum type
  static constexpr Oid array_oid = 0;           // see EnumArrayCodec
  static constexpr std::string_view name = ::iceaxe::detail::enum_type_name<E>;
  // The enum's type (any user type: its OID is the server's) or text.
  static bool accepts(Oid type) noexcept { return detail::is_text_like(type); }
  static void encode(E v, std::string& out) { out.append(::iceaxe::detail::enum_label(v)); }
  static E decode(std::string_view bytes, Oid) {
    return ::iceaxe::detail::enum_from_label<E>(bytes);
  }
};

template <class E>
requires ::iceaxe::detail::DeclaredEnum<E>
struct Codec<std::vector<E>> : ::iceaxe::detail::EnumArrayCodec<std::vector<E>, E, false> {
};

template <class E>
requires ::iceaxe::detail::DeclaredEnum<E>
struct Codec<std::vector<std::optional<E>>>
    : ::iceaxe::detail::EnumArrayCodec<std::vector<std::optional<E>>, E, true> {
};

}  // namespace iceaxe::pg
