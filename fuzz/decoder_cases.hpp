#pragma once

// What decoders_fuzzer reads: each case is a C++ type and a result column type its codec
// accepts, with a few valid binary values of that column as seeds. An input's first byte
// picks the case by its index here, so the files in corpus/decoders/ start with it: add
// cases at the end, and rewrite the seeds with write_decoder_seeds after a change.

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "iceaxe/model/enum.hpp"
#include "iceaxe/pg/codecs.hpp"

namespace iceaxe_fuzz {

enum class Mood { sad, fine, happy };
ICEAXE_ENUM(Mood, sad, fine, (happy, "very happy"))

using Id64 = iceaxe::Id<struct FuzzTag>;

template <class T>
struct DecoderCase {
  using Type = T;
  std::string_view name;
  iceaxe::pg::Oid column;
  std::vector<std::string> seeds;  // binary values of a `column` column
};

// The binary values of `values` as sent by Codec<U>: what a U column holds.
template <class U>
std::vector<std::string> encoded(std::initializer_list<U> values) {
  std::vector<std::string> out;
  for (const U& value : values) iceaxe::pg::Codec<U>::encode(value, out.emplace_back());
  return out;
}

// Big-endian integers: values no codec writes (the server's ±infinity).
template <class... Ints>
std::string be(Ints... values) {
  std::string out;
  (iceaxe::pg::wire::put(out, values), ...);
  return out;
}

namespace seed {
using namespace std::chrono;
using namespace std::chrono_literals;
using iceaxe::Interval;
using iceaxe::Numeric;
using iceaxe::TimeOfDay;
using iceaxe::Uuid;
using Timestamptz = sys_time<microseconds>;
using Timestamp = local_time<microseconds>;
using Json = nlohmann::json;
using Bytes = std::vector<std::byte>;

inline const Uuid uuid = Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
inline constexpr year_month_day date = 2026y / November / 25;
inline const Timestamptz timestamptz = sys_days(date) + 19h + 30min + 12s + 123456us;
inline const Timestamp timestamp = local_days(date) + 8h + 1us;
inline constexpr Interval interval{.months = 14, .days = -3, .microseconds = 3'723'000'001};
inline constexpr float nan_f = std::numeric_limits<float>::quiet_NaN();
inline constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace seed

inline const auto decoder_cases = [] {
  using namespace seed;
  namespace oid = iceaxe::pg::oid;
  using std::int16_t, std::int32_t, std::int64_t, std::optional, std::string, std::vector;
  constexpr iceaxe::pg::Oid mood_type = oid::first_normal_object_id + 1;  // as CREATE TYPE gives
  constexpr iceaxe::pg::Oid mood_array_type = oid::first_normal_object_id + 2;
  return std::tuple{
      DecoderCase<bool>{"bool", oid::bool_, encoded<bool>({true, false})},
      DecoderCase<int16_t>{"int2", oid::int2, encoded<int16_t>({0, -32768})},
      DecoderCase<int32_t>{"int4 from int2", oid::int2, encoded<int16_t>({32767})},
      DecoderCase<int32_t>{"int4", oid::int4, encoded<int32_t>({42, -2147483647 - 1})},
      DecoderCase<int64_t>{"int8 from int4", oid::int4, encoded<int32_t>({-7})},
      DecoderCase<int64_t>{"int8", oid::int8, encoded<int64_t>({INT64_MAX, -2})},
      DecoderCase<Id64>{"id", oid::int8, encoded<int64_t>({1})},
      DecoderCase<float>{"float4", oid::float4, encoded<float>({1.5f, -0.0f, nan_f})},
      DecoderCase<double>{"float8 from float4", oid::float4, encoded<float>({3.25f})},
      DecoderCase<double>{"float8", oid::float8, encoded<double>({0.1, -1e300, -inf})},
      DecoderCase<string>{"text", oid::text, encoded<string>({"", "h\xC3\xA9llo, world"})},
      DecoderCase<string>{"text from json", oid::json, encoded<string>({R"({"a": 1})"})},
      DecoderCase<Bytes>{"bytea", oid::bytea, {string("\0\x01\xFF", 3)}},
      DecoderCase<Uuid>{"uuid", oid::uuid, encoded<Uuid>({uuid})},
      DecoderCase<year_month_day>{"date", oid::date,
                                  [] {
                                    auto s = encoded<year_month_day>({date, 1970y / 1 / 1});
                                    s.push_back(be(INT32_MAX));  // infinity
                                    return s;
                                  }()},
      DecoderCase<TimeOfDay>{"time", oid::time,
                             encoded<TimeOfDay>({{0us}, {24h}, {12h + 34min + 56789us}})},
      DecoderCase<Timestamptz>{"timestamptz", oid::timestamptz,
                               [] {
                                 auto s = encoded<Timestamptz>({timestamptz});
                                 s.push_back(be(INT64_MIN));  // -infinity
                                 return s;
                               }()},
      DecoderCase<Timestamp>{"timestamp", oid::timestamp, encoded<Timestamp>({timestamp})},
      DecoderCase<Interval>{"interval", oid::interval, encoded<Interval>({interval, {}})},
      DecoderCase<microseconds>{"interval as microseconds", oid::interval,
                                encoded<microseconds>({-90s})},
      DecoderCase<Numeric>{"numeric", oid::numeric,
                           encoded<Numeric>({Numeric("0"), Numeric("-123.4500"), Numeric("1e-20"),
                                             Numeric("98765432109876543210"), Numeric::nan(),
                                             Numeric::infinity(true)})},
      DecoderCase<Numeric>{"numeric from int8", oid::int8, encoded<int64_t>({INT64_MIN})},
      DecoderCase<Json>{"jsonb", oid::jsonb,
                        encoded<Json>({Json::parse(R"({"a": [1, 2.5, null, true, "\u00e9"]})")})},
      DecoderCase<Json>{"json", oid::json, {R"([1, {"b": -0.0e3}, "x\ny"])"}},
      DecoderCase<Mood>{"enum", mood_type, encoded<Mood>({Mood::fine, Mood::happy})},
      DecoderCase<Mood>{"enum from text", oid::text, encoded<Mood>({Mood::sad})},

      DecoderCase<vector<bool>>{"bool[]", oid::bool_array, encoded<vector<bool>>({{true, false}})},
      DecoderCase<vector<int16_t>>{"int2[]", oid::int2_array, encoded<vector<int16_t>>({{-1, 2}})},
      DecoderCase<vector<int32_t>>{"int4[]", oid::int4_array,
                                   encoded<vector<int32_t>>({{1, 2, 3}, {}})},
      DecoderCase<vector<int64_t>>{"int8[] from int4[]", oid::int4_array,
                                   encoded<vector<int32_t>>({{5}})},
      DecoderCase<vector<int64_t>>{"int8[]", oid::int8_array, encoded<vector<int64_t>>({{7, 8}})},
      DecoderCase<vector<optional<int64_t>>>{"int8[] with NULLs", oid::int8_array,
                                             encoded<vector<optional<int64_t>>>({{1, {}, 3}})},
      DecoderCase<vector<Id64>>{"id[]", oid::int8_array, encoded<vector<int64_t>>({{9}})},
      DecoderCase<vector<float>>{"float4[]", oid::float4_array,
                                 encoded<vector<float>>({{0.5f, nan_f}})},
      DecoderCase<vector<double>>{"float8[] from float4[]", oid::float4_array,
                                  encoded<vector<float>>({{2.0f}})},
      DecoderCase<vector<double>>{"float8[]", oid::float8_array,
                                  encoded<vector<double>>({{1e-310, inf}})},
      DecoderCase<vector<string>>{"text[]", oid::text_array,
                                  encoded<vector<string>>({{"a", "", "b c"}})},
      DecoderCase<vector<optional<string>>>{"text[] with NULLs", oid::text_array,
                                            encoded<vector<optional<string>>>({{"x", {}}})},
      DecoderCase<vector<Bytes>>{"bytea[]", oid::bytea_array,
                                 encoded<vector<Bytes>>({{Bytes{std::byte{0}}, Bytes{}}})},
      DecoderCase<vector<Uuid>>{"uuid[]", oid::uuid_array, encoded<vector<Uuid>>({{uuid, {}}})},
      DecoderCase<vector<year_month_day>>{"date[]", oid::date_array,
                                          encoded<vector<year_month_day>>({{date}})},
      DecoderCase<vector<TimeOfDay>>{"time[]", oid::time_array,
                                     encoded<vector<TimeOfDay>>({{{1s}, {24h}}})},
      DecoderCase<vector<Timestamptz>>{"timestamptz[]", oid::timestamptz_array,
                                       encoded<vector<Timestamptz>>({{timestamptz}})},
      DecoderCase<vector<Timestamp>>{"timestamp[]", oid::timestamp_array,
                                     encoded<vector<Timestamp>>({{timestamp}})},
      DecoderCase<vector<Interval>>{"interval[]", oid::interval_array,
                                    encoded<vector<Interval>>({{interval}})},
      DecoderCase<vector<optional<Numeric>>>{
          "numeric[] with NULLs", oid::numeric_array,
          encoded<vector<optional<Numeric>>>({{Numeric("1.5"), {}, Numeric::nan()}})},
      DecoderCase<vector<Json>>{"jsonb[]", oid::jsonb_array,
                                encoded<vector<Json>>({{Json(1), Json::object()}})},
      DecoderCase<vector<Mood>>{"enum[]", mood_array_type,
                                encoded<vector<string>>({{"sad", "very happy"}})},
      DecoderCase<vector<optional<Mood>>>{"enum[] with NULLs from text[]", oid::text_array,
                                          encoded<vector<optional<string>>>({{{}, "fine"}})},
  };
}();

inline constexpr std::size_t decoder_case_count =
    std::tuple_size_v<std::remove_const_t<decltype(decoder_cases)>>;

// f(index, decoder_cases's element `index`), for every case.
template <class F>
void for_each_decoder_case(F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(I, std::get<I>(decoder_cases)), ...);
  }
  (std::make_index_sequence<decoder_case_count>{});
}

}  // namespace iceaxe_fuzz
