#pragma once

// nlohmann::json travels as jsonb (a version byte, then the text); json columns read too.

#include <nlohmann/json.hpp>

#include "iceaxe/pg/codec.hpp"

namespace iceaxe::pg {

namespace detail {
// nlohmann would write NaN and infinities as null, and binary values as an object: refuse
// them instead of sending something else. A NUL character would travel as \u0000, which
// jsonb refuses (as text refuses NUL bytes): refused here, before anything is sent.
inline void check_json_string(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    throw ValueError("a JSON string holds a NUL character (\\u0000), which jsonb cannot store");
  }
}

inline void check_json_sendable(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::number_float:
      if (!std::isfinite(v.get<double>())) {
        throw ValueError("a JSON value holds a NaN or infinite number, which JSON cannot express");
      }
      break;
    case nlohmann::json::value_t::binary:
      throw ValueError("a JSON value holds binary data, which JSON cannot express");
    case nlohmann::json::value_t::string:
      check_json_string(v.get_ref<const std::string&>());
      break;
    case nlohmann::json::value_t::array:
      for (const auto& element : v) check_json_sendable(element);
      break;
    case nlohmann::json::value_t::object:
      for (const auto& [key, element] : v.items()) {
        check_json_string(key);
        check_json_sendable(element);
      }
      break;
    default:
      break;
  }
}
}  // namespace detail

template <>
struct Codec<nlohmann::json> {
  static constexpr Oid oid = oid::jsonb;
  static constexpr Oid array_oid = oid::jsonb_array;
  static constexpr std::string_view name = "jsonb";
  static constexpr char jsonb_version = 1;
  static bool accepts(Oid type) noexcept { return type == oid::jsonb || type == oid::json; }
  static void encode(const nlohmann::json& v, std::string& out) {
    detail::check_json_sendable(v);
    std::string text;
    try {
      text = v.dump();
    } catch (const nlohmann::json::type_error& e) {  // 316: a string is not valid UTF-8
      throw ValueError(std::string("a JSON value cannot be sent: ") + e.what());
    }
    out.push_back(jsonb_version);
    out += text;
  }
  static nlohmann::json decode(std::string_view bytes, Oid type) {
    if (type == oid::jsonb) {
      if (bytes.empty() || bytes[0] != jsonb_version) {
        throw ValueError(bytes.empty() ? std::string("empty jsonb value")
                                       : "unsupported jsonb format version " +
                                             std::to_string(static_cast<unsigned char>(bytes[0])));
      }
      bytes.remove_prefix(1);
    }
    try {
      return nlohmann::json::parse(bytes);
    } catch (const nlohmann::json::exception& e) {
      throw ValueError(std::string("malformed JSON value: ") + e.what());
    }
  }
};

}  // namespace iceaxe::pg
