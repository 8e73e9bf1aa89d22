// Binary codecs without a server: exact bytes, range checks, malformed input.

#include <gtest/gtest.h>

#include <random>

#include "iceaxe/pg/codecs.hpp"
#include "pg/value_text.hpp"

namespace iceaxe::pg {
namespace {

using namespace std::chrono_literals;
using std::chrono::local_time;
using std::chrono::microseconds;
using std::chrono::sys_days;
using std::chrono::sys_time;
using std::chrono::year_month_day;
using Timestamptz = sys_time<microseconds>;
using Timestamp = local_time<microseconds>;

template <class T>
std::string encode(const T& value) {
  std::string out;
  Codec<T>::encode(value, out);
  return out;
}

template <class T>
T decode(std::string_view bytes, Oid type = Codec<T>::oid) {
  EXPECT_TRUE(Codec<T>::accepts(type)) << type;
  return Codec<T>::decode(bytes, type);
}

template <class T>
T round_trip(const T& value) {
  return decode<T>(encode(value));
}

template <class... Ints>
std::string be(Ints... values) {
  std::string out;
  (wire::put(out, values), ...);
  return out;
}

// The what() of the ValueError `f` throws ("" if none).
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ValueError& e) {
    return e.what();
  }
  return "";
}

TEST(CodecUnitTest, Uuid) {
  const Uuid u = Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(encode(u), std::string(reinterpret_cast<const char*>(u.bytes().data()), 16));
  EXPECT_EQ(round_trip(u), u);
  EXPECT_THROW(decode<Uuid>(std::string(15, 'x')), ValueError);
  EXPECT_FALSE(Codec<Uuid>::accepts(oid::text));
}

TEST(CodecUnitTest, DateCountsDaysFrom2000) {
  EXPECT_EQ(encode(year_month_day(2000y / 1 / 1)), be(std::int32_t{0}));
  EXPECT_EQ(encode(year_month_day(1999y / 12 / 31)), be(std::int32_t{-1}));
  EXPECT_EQ(encode(year_month_day(1970y / 1 / 1)), be(std::int32_t{-10957}));
  for (const year_month_day d : {1y / 1 / 1, 1969y / 7 / 20, 2038y / 1 / 20, 32767y / 12 / 31,
                                 -4713y / 11 / 24, 2024y / 2 / 29}) {
    EXPECT_EQ(round_trip(d), d);
  }
}

TEST(CodecUnitTest, DateRangeAndInfinity) {
  EXPECT_NE(
      error_of([] { encode(year_month_day(2023y / 2 / 29)); }).find("invalid date 2023-02-29"),
      std::string::npos);
  EXPECT_THROW(encode(year_month_day(-4713y / 11 / 23)), ValueError);  // before Julian day 0
  EXPECT_NE(error_of([] {
              decode<year_month_day>(be(INT32_MAX));
            }).find("date value is infinity, which std::chrono::year_month_day cannot hold"),
            std::string::npos);
  EXPECT_NE(error_of([] { decode<year_month_day>(be(INT32_MIN)); }).find("-infinity"),
            std::string::npos);
  // PostgreSQL's last date, 5874897-12-31, is beyond year_month_day's years.
  EXPECT_NE(
      error_of([] { decode<year_month_day>(be(std::int32_t{2145031948})); }).find("5874897-12-31"),
      std::string::npos);
  EXPECT_THROW(decode<year_month_day>(be(std::int16_t{0})), ValueError);
}

TEST(CodecUnitTest, TimeOfDay) {
  EXPECT_EQ(encode(TimeOfDay{1h + 1us}), be(std::int64_t{3'600'000'001}));
  for (const TimeOfDay t : {TimeOfDay{}, TimeOfDay{24h}, TimeOfDay{23h + 59min + 59s + 999999us}}) {
    EXPECT_EQ(round_trip(t), t);
  }
  EXPECT_THROW(encode(TimeOfDay{-1us}), ValueError);
  EXPECT_THROW(encode(TimeOfDay{24h + 1us}), ValueError);
  EXPECT_THROW(decode<TimeOfDay>(be(std::int64_t{86'400'000'001})), ValueError);
  EXPECT_THROW(decode<TimeOfDay>(be(std::int64_t{-1})), ValueError);
  EXPECT_THROW(decode<TimeOfDay>(be(std::int32_t{0})), ValueError);
}

TEST(CodecUnitTest, TimestampsCountMicrosecondsFrom2000) {
  EXPECT_EQ(encode(Timestamptz(sys_days(2000y / 1 / 1))), be(std::int64_t{0}));
  EXPECT_EQ(encode(Timestamptz{}), be(std::int64_t{-946'684'800'000'000}));
  EXPECT_EQ(encode(Timestamp(std::chrono::local_days(2000y / 1 / 1) + 1us)), be(std::int64_t{1}));
  const Timestamptz moon = sys_days(1969y / 7 / 20) + 20h + 17min + 40s + 123456us;
  EXPECT_EQ(round_trip(moon), moon);
  const Timestamptz earliest = sys_days(-4713y / 11 / 24);
  EXPECT_EQ(round_trip(earliest), earliest);
  const Timestamptz latest{microseconds::max()};
  EXPECT_EQ(round_trip(latest), latest);
  EXPECT_EQ(round_trip(Timestamp(latest.time_since_epoch())), Timestamp(latest.time_since_epoch()));
  EXPECT_TRUE(Codec<Timestamptz>::accepts(oid::timestamptz));
  EXPECT_FALSE(Codec<Timestamptz>::accepts(oid::timestamp));
  EXPECT_TRUE(Codec<Timestamp>::accepts(oid::timestamp));
  EXPECT_FALSE(Codec<Timestamp>::accepts(oid::timestamptz));
  EXPECT_FALSE(Codec<Timestamp>::accepts(oid::date));
}

TEST(CodecUnitTest, TimestampRangeAndInfinity) {
  const Timestamptz earliest = sys_days(-4713y / 11 / 24);
  EXPECT_NE(error_of([&] { encode(earliest - 1us); }).find("4714-11-23 23:59:59.999999+00 BC"),
            std::string::npos);
  EXPECT_THROW(encode(Timestamptz{microseconds::min()}), ValueError);
  EXPECT_THROW(encode(Timestamp{microseconds::min()}), ValueError);
  EXPECT_NE(error_of([] { decode<Timestamptz>(be(INT64_MAX)); })
                .find("timestamp with time zone value is infinity, which "
                      "std::chrono::sys_time<std::chrono::microseconds> cannot hold"),
            std::string::npos);
  EXPECT_NE(error_of([] { decode<Timestamp>(be(INT64_MIN)); }).find("-infinity"),
            std::string::npos);
  // 294276-12-31 is a valid timestamp but past what int64 µs since 1970 reach.
  const std::int64_t last = 9'223'371'331'200'000'000 - 1;
  EXPECT_NE(error_of([&] { decode<Timestamp>(be(last)); }).find("294276-12-31 23:59:59.999999"),
            std::string::npos);
  EXPECT_THROW(decode<Timestamptz>(be(std::int64_t{-211'813'488'000'000'001})), ValueError);
  EXPECT_THROW(decode<Timestamptz>(be(std::int32_t{0})), ValueError);
}

TEST(CodecUnitTest, IntervalWireOrderIsMicrosDaysMonths) {
  // interval_send('1 year 2 mons -3 days 04:05:06.789') on PostgreSQL 15.
  const std::string bytes = be(std::int64_t{14'706'789'000}, std::int32_t{-3}, std::int32_t{14});
  const Interval interval{.months = 14, .days = -3, .microseconds = 14'706'789'000};
  EXPECT_EQ(encode(interval), bytes);
  EXPECT_EQ(decode<Interval>(bytes), interval);
  EXPECT_THROW(decode<Interval>(bytes.substr(1)), ValueError);
}

TEST(CodecUnitTest, MicrosecondsAreIntervalsWithoutCalendarParts) {
  EXPECT_EQ(encode(microseconds(-90s)),
            be(std::int64_t{-90'000'000}, std::int32_t{0}, std::int32_t{0}));
  EXPECT_EQ(round_trip(microseconds::min()), microseconds::min());
  EXPECT_NE(error_of([] {
              decode<microseconds>(be(std::int64_t{0}, std::int32_t{1}, std::int32_t{0}));
            }).find("iceaxe::Interval"),
            std::string::npos);
  EXPECT_THROW(decode<microseconds>(be(std::int64_t{0}, std::int32_t{0}, std::int32_t{-1})),
               ValueError);
}

TEST(CodecUnitTest, JsonIsSentAsJsonb) {
  const nlohmann::json value = {{"a", {1, 2.5, nullptr}}, {"żółw", "🐢"}};
  const std::string bytes = encode(value);
  EXPECT_EQ(bytes, "\x01" + value.dump());
  EXPECT_EQ(decode<nlohmann::json>(bytes, oid::jsonb), value);
  EXPECT_EQ(decode<nlohmann::json>(value.dump(), oid::json), value);
  EXPECT_EQ(decode<nlohmann::json>("\x01{}", oid::jsonb), nlohmann::json::object());
  EXPECT_FALSE(Codec<nlohmann::json>::accepts(oid::text));
}

TEST(CodecUnitTest, JsonErrors) {
  EXPECT_NE(error_of([] { decode<nlohmann::json>("\x02{}", oid::jsonb); }).find("version 2"),
            std::string::npos);
  EXPECT_THROW(decode<nlohmann::json>("", oid::jsonb), ValueError);
  EXPECT_THROW(decode<nlohmann::json>("\x01{", oid::jsonb), ValueError);
  EXPECT_THROW(decode<nlohmann::json>("", oid::json), ValueError);
  EXPECT_THROW(decode<nlohmann::json>("1e999", oid::json), ValueError);
  EXPECT_NE(error_of([] {
              encode(nlohmann::json{{"k", "bad \xff utf-8"}});
            }).find("UTF-8"),
            std::string::npos);
  EXPECT_THROW(encode(nlohmann::json{1.0, std::nan("")}), ValueError);
  EXPECT_THROW(encode(nlohmann::json{{"x", {HUGE_VAL}}}), ValueError);
  EXPECT_THROW(encode(nlohmann::json::binary({1, 2})), ValueError);
}

TEST(CodecUnitTest, ArrayLayout) {
  EXPECT_EQ(encode(std::vector<std::int32_t>{}), be(0, 0, oid::int4));
  EXPECT_EQ(encode(std::vector<std::int32_t>{7, -1}), be(1, 0, oid::int4, 2, 1, 4, 7, 4, -1));
  EXPECT_EQ(encode(std::vector<std::optional<std::string>>{"ab", std::nullopt, ""}),
            be(1, 1, oid::text, 3, 1, 2) + "ab" + be(-1, 0));
  EXPECT_EQ(Codec<std::vector<std::int32_t>>::oid, oid::int4_array);
  EXPECT_EQ(Codec<std::vector<std::optional<Uuid>>>::oid, oid::uuid_array);
  EXPECT_EQ(Codec<std::vector<std::int64_t>>::name, "bigint[]");
  EXPECT_EQ(Codec<std::vector<std::optional<TimeOfDay>>>::name, "time without time zone[]");
  static_assert(Codec<std::vector<std::byte>>::oid == oid::bytea);  // bytea, not an array
  static_assert(Codec<std::vector<std::vector<std::byte>>>::oid == oid::bytea_array);
  static_assert(!Encodable<std::vector<std::vector<std::int32_t>>>);  // no nested arrays
  static_assert(!Encodable<std::vector<char>>);
}

template <class T>
void expect_array_round_trip(const std::vector<T>& values) {
  EXPECT_EQ(round_trip(values), values);
  EXPECT_EQ(round_trip(std::vector<T>{}), std::vector<T>{});
  // NULLs first, between and last (emplace_back(): GCC 12 misreads inserted nullopt
  // temporaries as uninitialized under ASan).
  std::vector<std::optional<T>> with_nulls;
  with_nulls.emplace_back();
  for (const T& value : values) {
    with_nulls.emplace_back(value);
    with_nulls.emplace_back();
  }
  EXPECT_EQ(round_trip(with_nulls), with_nulls);
}

TEST(CodecUnitTest, ArraysOfEveryType) {
  expect_array_round_trip<bool>({true, false, true});
  expect_array_round_trip<std::int16_t>({INT16_MIN, 0, INT16_MAX});
  expect_array_round_trip<std::int32_t>({INT32_MIN, 0, INT32_MAX});
  expect_array_round_trip<std::int64_t>({INT64_MIN, 0, INT64_MAX});
  expect_array_round_trip<float>({-0.5f, 1e30f, HUGE_VALF});
  expect_array_round_trip<double>({-0.5, 1e300, -HUGE_VAL});
  expect_array_round_trip<std::string>({"", "a,b", "żółw 🐢", "NULL"});
  expect_array_round_trip<std::vector<std::byte>>({{}, {std::byte{0}, std::byte{255}}});
  expect_array_round_trip<Uuid>({Uuid(), Uuid::random()});
  expect_array_round_trip<Numeric>({Numeric("1.50"), Numeric::nan(), Numeric(-3)});
  expect_array_round_trip<year_month_day>({2000y / 1 / 1, 1y / 1 / 1});
  expect_array_round_trip<TimeOfDay>({TimeOfDay{}, TimeOfDay{24h}});
  expect_array_round_trip<Timestamptz>({Timestamptz{}, Timestamptz{1us}});
  expect_array_round_trip<Timestamp>({Timestamp{}, Timestamp{-1us}});
  expect_array_round_trip<Interval>({Interval{1, 2, 3}, Interval{}});
  expect_array_round_trip<microseconds>({1s, -1us});
  expect_array_round_trip<nlohmann::json>({nlohmann::json::object(), {1, "x"}});
}

TEST(CodecUnitTest, ArrayAcceptsEveryArrayOfAnAcceptedElementType) {
  using Strings = Codec<std::vector<std::string>>;
  for (Oid type : {oid::text_array, oid::varchar_array, oid::bpchar_array, oid::name_array}) {
    EXPECT_TRUE(Strings::accepts(type)) << type;
  }
  EXPECT_FALSE(Strings::accepts(oid::int4_array));
  EXPECT_FALSE(Strings::accepts(oid::text));
  using Longs = Codec<std::vector<std::optional<std::int64_t>>>;
  for (Oid type : {oid::int2_array, oid::int4_array, oid::int8_array}) {
    EXPECT_TRUE(Longs::accepts(type)) << type;
  }
  EXPECT_FALSE(Codec<std::vector<std::int32_t>>::accepts(oid::int8_array));
  EXPECT_FALSE(Codec<std::vector<std::int32_t>>::accepts(oid::int4));
  // int4[] read into std::vector<std::int64_t>, widening each element.
  EXPECT_EQ(
      decode<std::vector<std::int64_t>>(be(1, 0, oid::int4, 2, 1, 4, -5, 4, 3), oid::int4_array),
      (std::vector<std::int64_t>{-5, 3}));
}

TEST(CodecUnitTest, ArrayErrors) {
  using Ints = std::vector<std::int32_t>;
  EXPECT_EQ(error_of([] { decode<Ints>(be(2, 0, oid::int4, 1, 1, 1, 1, 4, 1)); }),
            "multi-dimensional arrays are not supported (got 2 dimensions)");
  const std::string with_null = be(1, 1, oid::int4, 3, 1, 4, 1, -1, 4, 3);
  EXPECT_NE(error_of([&] { decode<Ints>(with_null); }).find("array element 1 (0-based) is NULL"),
            std::string::npos);
  EXPECT_EQ(decode<std::vector<std::optional<std::int32_t>>>(with_null),
            (std::vector<std::optional<std::int32_t>>{1, std::nullopt, 3}));
  EXPECT_NE(error_of([] {
              decode<Ints>(be(1, 0, oid::int8, 1, 1, 8, std::int64_t{1}));
            }).find("element type oid 20"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              decode<Ints>(be(1, 0, oid::int4, 2, 1, 4, 1, 3, 'a', 'b', 'c'));
            }).find("array element 1 (0-based): "),
            std::string::npos);
  const std::string malformed[] = {
      "",
      be(0, 0),                                 // short header
      be(-1, 0, oid::int4),                     // negative dimensions
      be(1, 2, oid::int4, 1, 1, 4, 1),          // bad flags
      be(0, 0, oid::int4, 0),                   // empty with trailing bytes
      be(1, 0, oid::int4, 1),                   // no lower bound
      be(1, 0, oid::int4, -1, 1),               // negative count
      be(1, 0, oid::int4, 2, 1, 4, 1),          // fewer elements than announced
      be(1, 0, oid::int4, 1, 1, 4, 1, 0),       // trailing bytes
      be(1, 0, oid::int4, 1, 1, 5, 1),          // element longer than the value
      be(1, 0, oid::int4, 1, 1, -2, 1),         // negative element length
      be(1, 0, oid::int4, INT32_MAX, 1, 4, 1),  // huge count
  };
  for (const auto& bytes : malformed) EXPECT_THROW(decode<Ints>(bytes), ValueError);
}

// Every prefix and random corruption of valid values: a ValueError or a value, never a crash
// (the sanitizer build checks for out-of-bounds reads).
template <class T>
void expect_only_value_errors(const std::string& valid, std::mt19937& rng) {
  auto attempt = [](std::string_view bytes) {
    try {
      Codec<T>::decode(bytes, Codec<T>::oid);
    } catch (const ValueError&) {
    }
  };
  for (std::size_t n = 0; n < valid.size(); ++n) attempt(valid.substr(0, n));
  for (int i = 0; i < 300; ++i) {
    std::string bytes = valid;
    for (int flips = 1 + static_cast<int>(rng() % 4); flips > 0 && !bytes.empty(); --flips) {
      bytes[rng() % bytes.size()] = static_cast<char>(rng());
    }
    attempt(bytes);
  }
}

TEST(CodecUnitTest, MalformedInputOnlyThrowsValueError) {
  std::mt19937 rng(12345);
  expect_only_value_errors<Numeric>(encode(Numeric("-123456789.000123456789")), rng);
  expect_only_value_errors<std::vector<std::optional<std::string>>>(
      encode(std::vector<std::optional<std::string>>{"abc", std::nullopt, "", "defgh"}), rng);
  expect_only_value_errors<std::vector<Numeric>>(
      encode(std::vector<Numeric>{Numeric("1.5"), Numeric("-0.0001"), Numeric::nan()}), rng);
  expect_only_value_errors<std::vector<Timestamptz>>(
      encode(std::vector<Timestamptz>{Timestamptz{}, Timestamptz{5s}}), rng);
  expect_only_value_errors<std::vector<nlohmann::json>>(
      encode(std::vector<nlohmann::json>{{{"a", 1}}, {1, 2}}), rng);
  expect_only_value_errors<year_month_day>(encode(year_month_day(2000y / 1 / 1)), rng);
  expect_only_value_errors<Interval>(encode(Interval{1, 2, 3}), rng);
  expect_only_value_errors<std::vector<bool>>(encode(std::vector<bool>{true, false}), rng);
}

TEST(ValueTextTest, Scalars) {
  using detail::render_value;
  EXPECT_EQ(render_value(oid::bool_, encode(true)), "true");
  EXPECT_EQ(render_value(oid::bool_, encode(false)), "false");
  EXPECT_EQ(render_value(oid::int2, encode(std::int16_t{-32768})), "-32768");
  EXPECT_EQ(render_value(oid::int4, encode(std::int32_t{42})), "42");
  EXPECT_EQ(render_value(oid::int8, encode(INT64_MIN)), "-9223372036854775808");
  EXPECT_EQ(render_value(oid::float8, encode(0.1)), "0.1");
  EXPECT_EQ(render_value(oid::float8, encode(-0.0)), "-0");
  EXPECT_EQ(render_value(oid::float8, encode(1e300)), "1e+300");
  EXPECT_EQ(render_value(oid::float4, encode(1.1f)), "1.1");
  EXPECT_EQ(render_value(oid::float8, encode(std::nan(""))), "NaN");
  EXPECT_EQ(render_value(oid::float4, encode(-HUGE_VALF)), "-Infinity");
  EXPECT_EQ(render_value(oid::float8, encode(HUGE_VAL)), "Infinity");
  EXPECT_EQ(render_value(oid::text, "żółw 🐢"), "żółw 🐢");
  EXPECT_EQ(render_value(oid::varchar, ""), "");
  EXPECT_EQ(render_value(oid::bytea, std::string("\x00\xff\x10", 3)), "\\x00ff10");
  EXPECT_EQ(render_value(oid::bytea, ""), "\\x");
  EXPECT_EQ(render_value(oid::uuid, encode(Uuid::parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(render_value(oid::numeric, encode(Numeric("-0.00100"))), "-0.00100");
  EXPECT_EQ(render_value(oid::numeric, encode(Numeric::nan())), "NaN");
  EXPECT_EQ(render_value(oid::jsonb, encode(nlohmann::json{{"a", 1}})), R"({"a":1})");
  EXPECT_EQ(render_value(oid::json, "[1, 2]"), "[1, 2]");
}

TEST(ValueTextTest, DatesAndTimes) {
  using detail::render_value;
  EXPECT_EQ(render_value(oid::date, encode(year_month_day(1969y / 7 / 20))), "1969-07-20");
  EXPECT_EQ(render_value(oid::date, encode(year_month_day(-43y / 3 / 15))), "0044-03-15 BC");
  EXPECT_EQ(render_value(oid::date, be(INT32_MAX)), "infinity");
  EXPECT_EQ(render_value(oid::date, be(INT32_MIN)), "-infinity");
  EXPECT_EQ(render_value(oid::date, be(std::int32_t{2145031948})), "5874897-12-31");
  EXPECT_EQ(render_value(oid::time, encode(TimeOfDay{24h})), "24:00:00");
  EXPECT_EQ(render_value(oid::time, encode(TimeOfDay{13h + 5min + 7s + 120us})), "13:05:07.00012");
  const Timestamptz moon = sys_days(1969y / 7 / 20) + 20h + 17min + 40s + 123456us;
  EXPECT_EQ(render_value(oid::timestamptz, encode(moon)), "1969-07-20 20:17:40.123456+00");
  EXPECT_EQ(render_value(oid::timestamp, encode(Timestamp(moon.time_since_epoch()))),
            "1969-07-20 20:17:40.123456");
  EXPECT_EQ(render_value(oid::timestamptz, encode(Timestamptz(sys_days(-4713y / 11 / 24)))),
            "4714-11-24 00:00:00+00 BC");
  EXPECT_EQ(render_value(oid::timestamp, be(INT64_MAX)), "infinity");
  EXPECT_EQ(render_value(oid::timestamptz, be(INT64_MIN)), "-infinity");
  EXPECT_EQ(render_value(oid::timestamp, be(std::int64_t{9'223'371'331'199'999'999})),
            "294276-12-31 23:59:59.999999");
}

TEST(ValueTextTest, IntervalsAsPostgresPrintsThem) {
  using detail::render_value;
  auto interval = [](std::int32_t months, std::int32_t days, std::int64_t micros) {
    return render_value(oid::interval, encode(Interval{months, days, micros}));
  };
  EXPECT_EQ(interval(0, 0, 0), "00:00:00");
  EXPECT_EQ(interval(14, -3, 14'706'789'000), "1 year 2 mons -3 days +04:05:06.789");
  EXPECT_EQ(interval(-14, 3, -1), "-1 years -2 mons +3 days -00:00:00.000001");
  EXPECT_EQ(interval(1, 1, 0), "1 mon 1 day");
  EXPECT_EQ(interval(0, 0, 100LL * 3'600'000'000), "100:00:00");
  EXPECT_EQ(interval(INT32_MIN, INT32_MIN, INT64_MIN),
            "-178956970 years -8 mons -2147483648 days -2562047788:00:54.775808");
}

TEST(ValueTextTest, Arrays) {
  using detail::render_value;
  EXPECT_EQ(render_value(oid::int4_array, encode(std::vector<std::int32_t>{})), "{}");
  EXPECT_EQ(render_value(oid::int8_array,
                         encode(std::vector<std::optional<std::int64_t>>{1, std::nullopt, -3})),
            "{1,NULL,-3}");
  EXPECT_EQ(render_value(oid::text_array,
                         encode(std::vector<std::string>{"a", "", "b c", "q\"\\", "null", "{x}"})),
            R"({a,"","b c","q\"\\","null","{x}"})");
  EXPECT_EQ(render_value(oid::timestamptz_array, encode(std::vector<Timestamptz>{Timestamptz{}})),
            R"({"1970-01-01 00:00:00+00"})");
  EXPECT_EQ(render_value(oid::int4_array, be(2, 0, oid::int4, 2, 1, 2, 1, 4, 1, 4, 2, 4, 3, 4, 4)),
            "{{1,2},{3,4}}");
  EXPECT_EQ(render_value(oid::int4_array, be(1, 0, oid::int4, 2, 0, 4, 1, 4, 2)), "[0:1]={1,2}");
}

TEST(ValueTextTest, UnknownAndUserDefinedTypes) {
  using detail::render_value;
  EXPECT_EQ(render_value(600, "abcd"), "<4 bytes, type oid 600>");
  EXPECT_EQ(render_value(16500, "in-progress"), "in-progress");                    // an enum label
  EXPECT_EQ(render_value(16501, be(1, 0, 16500u, 1, 1, 5) + "draft"), "{draft}");  // enum[]
  EXPECT_EQ(render_value(16502, std::string("\0\1", 2)), "<2 bytes, type oid 16502>");
}

TEST(ValueTextTest, MalformedValuesNeverThrow) {
  using detail::render_value;
  EXPECT_EQ(render_value(oid::int4, "abc"), "<malformed int4 value>");
  EXPECT_EQ(render_value(oid::bool_, ""), "<malformed boolean value>");
  EXPECT_EQ(render_value(oid::numeric, "x"), "<malformed numeric value>");
  EXPECT_EQ(render_value(oid::jsonb, "{}"), "<malformed jsonb value>");
  EXPECT_EQ(render_value(oid::time, be(std::int64_t{-5})), "<malformed time value>");
  EXPECT_EQ(render_value(oid::int4_array, be(1, 0, oid::int4, 3, 1, 4, 1)),
            "<malformed array value>");
  // Arrays of arrays nest only so deep.
  std::string nested = be(1, 0, oid::int4, 1, 1, 4, 7);
  for (int i = 0; i < 10; ++i) {
    nested = be(1, 0, oid::int4_array, 1, 1, static_cast<std::int32_t>(nested.size())) + nested;
  }
  EXPECT_NO_THROW(render_value(oid::int4_array, nested));
  std::mt19937 rng(7);
  const Oid types[] = {
      oid::bool_,      oid::int2,          oid::int4,           oid::int8,  oid::float4,
      oid::float8,     oid::numeric,       oid::uuid,           oid::date,  oid::time,
      oid::timestamp,  oid::timestamptz,   oid::interval,       oid::jsonb, oid::int4_array,
      oid::text_array, oid::numeric_array, oid::interval_array, 16400};
  for (int i = 0; i < 2000; ++i) {
    std::string bytes(rng() % 40, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() % 4 == 0 ? rng() : 0);
    EXPECT_NO_THROW(render_value(types[rng() % std::size(types)], bytes));
  }
}

}  // namespace
}  // namespace iceaxe::pg
