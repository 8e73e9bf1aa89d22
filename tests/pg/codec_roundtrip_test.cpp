// Every codec type against a real server, in both directions: a C++ value sent as a
// parameter and read back, and a server-made literal read into C++; plus the server's own
// text of what we sent, so both sides agree on the value and not only on the bytes.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "iceaxe/pg/connection.hpp"
#include "support/database.hpp"
#include "support/same.hpp"

namespace iceaxe::pg {
namespace {

using namespace std::chrono_literals;
using std::chrono::local_days;
using std::chrono::local_time;
using std::chrono::microseconds;
using std::chrono::sys_days;
using std::chrono::sys_time;
using std::chrono::year_month_day;
using Timestamptz = sys_time<microseconds>;
using Timestamp = local_time<microseconds>;
using Json = nlohmann::json;
using Bytes = std::vector<std::byte>;

using test::same;

template <class T>
std::string show(const T& value) {
  if constexpr (requires { render_for_test(value); }) return render_for_test(value);
  return ::testing::PrintToString(value);
}

class CodecRoundTripTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_.emplace(test::connect());  // no server: the test fails here
    conn_->execute(
        "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'");
  }

  Connection& conn() { return *conn_; }

  // (a) `value` sent as $1::type and read back unchanged.
  template <class T>
  void expect_echo(const T& value, const std::string& type) {
    const T back = conn().template fetch_value<T>("SELECT $1::" + type, value);
    EXPECT_TRUE(same(back, value)) << type << ": sent " << ::testing::PrintToString(value)
                                   << ", got " << ::testing::PrintToString(back);
  }

  // (b) the server's literal `sql` read as `expected`.
  template <class T>
  void expect_literal(const std::string& sql, const T& expected) {
    const T value = conn().template fetch_value<T>("SELECT " + sql);
    EXPECT_TRUE(same(value, expected)) << sql << ": got " << ::testing::PrintToString(value);
  }

  // (c) the server's text for `value` sent as $1::type.
  template <class T>
  void expect_server_text(const T& value, const std::string& type, const std::string& text) {
    EXPECT_EQ(conn().template fetch_value<std::string>("SELECT $1::" + type + "::text", value),
              text)
        << type;
  }

  // All three, with `text` as the server prints the value (and reads it back).
  template <class T>
  void expect_all(const T& value, const std::string& type, const std::string& text) {
    expect_echo(value, type);
    std::string literal = "'";
    for (char c : text) literal += c == '\'' ? std::string("''") : std::string(1, c);
    expect_literal(literal + "'::" + type, value);
    expect_server_text(value, type, text);
  }

  template <class T>
  void expect_null(const std::string& type) {
    expect_echo(std::optional<T>(), type);
    expect_literal("NULL::" + type, std::optional<T>());
    EXPECT_TRUE(
        conn().template fetch_value<bool>("SELECT $1::" + type + " IS NULL", std::optional<T>()));
    EXPECT_THROW(conn().template fetch_value<T>("SELECT NULL::" + type), ValueError);
  }

  std::optional<Connection> conn_;
};

TEST_F(CodecRoundTripTest, ServerSpeaksUtf8) {
  EXPECT_EQ(conn().fetch_value<std::string>("SELECT current_setting('server_encoding')"), "UTF8");
  EXPECT_EQ(conn().fetch_value<std::string>("SELECT current_setting('client_encoding')"), "UTF8");
}

TEST_F(CodecRoundTripTest, Bool) {
  expect_all(true, "bool", "true");
  expect_all(false, "bool", "false");
  expect_null<bool>("bool");
}

TEST_F(CodecRoundTripTest, Integers) {
  expect_all(std::int16_t{-32768}, "int2", "-32768");
  expect_all(std::int16_t{32767}, "int2", "32767");
  expect_all(std::int32_t{-2147483647 - 1}, "int4", "-2147483648");
  expect_all(std::int32_t{2147483647}, "int4", "2147483647");
  expect_all(std::int64_t{INT64_MIN}, "int8", "-9223372036854775808");
  expect_all(std::int64_t{INT64_MAX}, "int8", "9223372036854775807");
  expect_all(std::int64_t{0}, "int8", "0");
  expect_null<std::int16_t>("int2");
  expect_null<std::int32_t>("int4");
  expect_null<std::int64_t>("int8");
  // Narrower columns widen; wider ones are refused by Row::get.
  expect_literal("'-32768'::int2", std::int64_t{-32768});
  expect_literal("'2147483647'::int4", std::int64_t{2147483647});
  EXPECT_THROW(conn().fetch_value<std::int32_t>("SELECT 1::int8"), ValueError);
  EXPECT_THROW(conn().fetch_value<std::int16_t>("SELECT 1::int4"), ValueError);
}

TEST_F(CodecRoundTripTest, Floats) {
  const double doubles[] = {0.0,
                            -0.0,
                            0.1,
                            -1.5,
                            1e300,
                            std::numeric_limits<double>::denorm_min(),
                            std::numeric_limits<double>::min() / 3,
                            std::numeric_limits<double>::max(),
                            std::numeric_limits<double>::lowest(),
                            std::numeric_limits<double>::quiet_NaN(),
                            HUGE_VAL,
                            -HUGE_VAL};
  for (double d : doubles) expect_echo(d, "float8");
  const float floats[] = {0.0f,
                          -0.0f,
                          0.1f,
                          std::numeric_limits<float>::denorm_min(),
                          std::numeric_limits<float>::max(),
                          std::nanf(""),
                          HUGE_VALF,
                          -HUGE_VALF};
  for (float f : floats) expect_echo(f, "float4");
  expect_all(0.1, "float8", "0.1");
  expect_all(-0.0, "float8", "-0");
  expect_all(1e300, "float8", "1e+300");
  expect_all(std::numeric_limits<double>::quiet_NaN(), "float8", "NaN");
  expect_all(HUGE_VAL, "float8", "Infinity");
  expect_all(-HUGE_VAL, "float8", "-Infinity");
  expect_all(std::numeric_limits<double>::denorm_min(), "float8", "5e-324");
  expect_all(0.1f, "float4", "0.1");
  expect_all(std::numeric_limits<float>::denorm_min(), "float4", "1e-45");
  expect_all(-HUGE_VALF, "float4", "-Infinity");
  expect_literal("'1.5'::float4", 1.5);  // float4 reads into double exactly
  expect_null<double>("float8");
  expect_null<float>("float4");
}

TEST_F(CodecRoundTripTest, Text) {
  const std::string long_text(100'000, 'x');
  for (const std::string type : {"text", "varchar"}) {
    expect_all(std::string(), type, "");
    expect_all(std::string("żółw 🐢"), type, "żółw 🐢");
    expect_all(std::string("it's \"quoted\" \\ {}"), type, "it's \"quoted\" \\ {}");
    expect_echo(long_text, type);
    expect_null<std::string>(type);
  }
  EXPECT_EQ(conn().fetch_value<std::int32_t>("SELECT length($1::text)", std::string("żółw 🐢")), 6);
  expect_literal("'ab'::char(4)", std::string("ab  "));
  expect_literal("'ab'::name", std::string("ab"));
  EXPECT_THROW(conn().fetch("SELECT $1::text", std::string("a\0b", 3)), ValueError);
}

TEST_F(CodecRoundTripTest, Bytea) {
  Bytes all;
  std::string hex = "\\x";
  for (int i = 0; i < 256; ++i) {
    all.push_back(static_cast<std::byte>(i));
    constexpr char digits[] = "0123456789abcdef";
    hex += {digits[i >> 4], digits[i & 15]};
  }
  expect_all(Bytes{}, "bytea", "\\x");
  expect_all(all, "bytea", hex);
  EXPECT_EQ(conn().fetch_value<std::int32_t>("SELECT length($1::bytea)", all), 256);
  expect_null<Bytes>("bytea");
}

TEST_F(CodecRoundTripTest, Uuid) {
  expect_all(Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "uuid",
             "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  expect_all(Uuid(), "uuid", "00000000-0000-0000-0000-000000000000");
  expect_echo(Uuid::random(), "uuid");
  expect_literal("'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid",
                 Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
  expect_literal("gen_random_uuid() IS NOT NULL", true);
  expect_null<Uuid>("uuid");
}

TEST_F(CodecRoundTripTest, Date) {
  const std::pair<year_month_day, const char*> dates[] = {
      {1969y / 7 / 20, "1969-07-20"},      {1900y / 1 / 1, "1900-01-01"},
      {2038y / 1 / 20, "2038-01-20"},      {2000y / 2 / 29, "2000-02-29"},
      {1y / 1 / 1, "0001-01-01"},          {0y / 12 / 31, "0001-12-31 BC"},
      {-4713y / 11 / 24, "4714-11-24 BC"}, {9999y / 12 / 31, "9999-12-31"},
      {32767y / 12 / 31, "32767-12-31"},
  };
  for (const auto& [date, text] : dates) expect_all(date, "date", text);
  expect_null<year_month_day>("date");
}

TEST_F(CodecRoundTripTest, DateLimits) {
  EXPECT_THROW(conn().fetch_value<year_month_day>("SELECT 'infinity'::date"), ValueError);
  EXPECT_THROW(conn().fetch_value<year_month_day>("SELECT '-infinity'::date"), ValueError);
  EXPECT_THROW(conn().fetch_value<year_month_day>("SELECT '40000-01-01'::date"), ValueError);
  // Refused before anything is sent; the connection stays usable.
  EXPECT_THROW(conn().fetch("SELECT $1::date", year_month_day(-4713y / 11 / 23)), ValueError);
  EXPECT_THROW(conn().fetch("SELECT $1::date", year_month_day(2023y / 2 / 29)), ValueError);
  expect_echo(year_month_day(2023y / 2 / 28), "date");
}

TEST_F(CodecRoundTripTest, Time) {
  expect_all(TimeOfDay{}, "time", "00:00:00");
  expect_all(TimeOfDay{24h}, "time", "24:00:00");
  expect_all(TimeOfDay{23h + 59min + 59s + 999999us}, "time", "23:59:59.999999");
  expect_all(TimeOfDay{12h + 34min + 56s + 789000us}, "time", "12:34:56.789");
  expect_null<TimeOfDay>("time");
  EXPECT_THROW(conn().fetch("SELECT $1::time", TimeOfDay{24h + 1us}), ValueError);
}

TEST_F(CodecRoundTripTest, Timestamps) {
  const std::pair<Timestamptz, const char*> instants[] = {
      {sys_days(1969y / 7 / 20) + 20h + 17min + 40s + 123456us, "1969-07-20 20:17:40.123456"},
      {sys_days(1900y / 1 / 1), "1900-01-01 00:00:00"},
      {sys_days(2038y / 1 / 19) + 3h + 14min + 8s, "2038-01-19 03:14:08"},
      {sys_days(2000y / 1 / 1) - 1us, "1999-12-31 23:59:59.999999"},
      {sys_days(1y / 1 / 1), "0001-01-01 00:00:00"},
      {sys_days(-4713y / 11 / 24), "4714-11-24 00:00:00 BC"},
      // year_month_day stops at 32767: 495 Gregorian cycles of 146097 days after 2000.
      {sys_days(2000y / 6 / 1) + std::chrono::days(495 * 146097) + 1us,
       "200000-06-01 00:00:00.000001"},
      {Timestamptz{microseconds::max()}, "294247-01-10 04:00:54.775807"},
  };
  for (const auto& [instant, text] : instants) {
    std::string tz_text = text;
    const auto bc = tz_text.find(" BC");
    tz_text.insert(bc == std::string::npos ? tz_text.size() : bc, "+00");
    expect_all(instant, "timestamptz", tz_text);
    expect_all(Timestamp(instant.time_since_epoch()), "timestamp", text);
  }
  expect_literal("'1969-07-20 22:17:40.123456+02'::timestamptz",
                 Timestamptz(sys_days(1969y / 7 / 20) + 20h + 17min + 40s + 123456us));
  expect_null<Timestamptz>("timestamptz");
  expect_null<Timestamp>("timestamp");
}

TEST_F(CodecRoundTripTest, TimestampLimits) {
  for (const char* sql : {"'infinity'::timestamptz", "'-infinity'::timestamptz"}) {
    try {
      conn().fetch_value<Timestamptz>(std::string("SELECT ") + sql);
      ADD_FAILURE() << sql;
    } catch (const ValueError& e) {
      EXPECT_NE(std::string(e.what()).find("infinity, which"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(conn().fetch_value<Timestamp>("SELECT 'infinity'::timestamp"), ValueError);
  EXPECT_THROW(conn().fetch_value<Timestamp>("SELECT '-infinity'::timestamp"), ValueError);
  // Valid for PostgreSQL, past what int64 µs since 1970 hold.
  EXPECT_THROW(conn().fetch_value<Timestamp>("SELECT '294276-12-31 23:59:59.999999'::timestamp"),
               ValueError);
  const Timestamptz too_early = sys_days(-4713y / 11 / 24) - 1us;
  EXPECT_THROW(conn().fetch("SELECT $1::timestamptz", too_early), ValueError);
  EXPECT_THROW(conn().fetch("SELECT $1::timestamp", Timestamp(too_early.time_since_epoch())),
               ValueError);
  EXPECT_THROW(conn().fetch("SELECT $1::timestamptz", Timestamptz{microseconds::min()}),
               ValueError);
  // Exact column types only.
  EXPECT_THROW(conn().fetch_value<Timestamptz>("SELECT now()::timestamp"), ValueError);
  EXPECT_THROW(conn().fetch_value<Timestamp>("SELECT now()"), ValueError);
}

TEST_F(CodecRoundTripTest, Interval) {
  expect_all(Interval{.months = 14, .days = -3, .microseconds = 14'706'789'000}, "interval",
             "1 year 2 mons -3 days +04:05:06.789");
  expect_all(Interval{.months = -14, .days = -3, .microseconds = -1}, "interval",
             "-1 years -2 mons -3 days -00:00:00.000001");
  expect_all(Interval{}, "interval", "00:00:00");
  expect_all(Interval{.days = 1}, "interval", "1 day");
  expect_echo(Interval{INT32_MIN + 1, INT32_MIN + 1, INT64_MIN + 1}, "interval");
  expect_literal("'1 year 2 months -3 days 04:05:06.789'::interval",
                 Interval{.months = 14, .days = -3, .microseconds = 14'706'789'000});
  expect_null<Interval>("interval");
}

TEST_F(CodecRoundTripTest, MicrosecondsAsInterval) {
  expect_all(microseconds(-90s), "interval", "-00:01:30");
  expect_all(microseconds(36h + 1us), "interval", "36:00:00.000001");
  expect_literal("'2 hours'::interval", microseconds(2h));
  EXPECT_THROW(conn().fetch_value<microseconds>("SELECT '1 day'::interval"), ValueError);
  EXPECT_THROW(conn().fetch_value<microseconds>("SELECT '1 mon'::interval"), ValueError);
  expect_null<microseconds>("interval");
}

TEST_F(CodecRoundTripTest, Numeric) {
  for (const char* text : {"0", "0.0000", "-0.001", "10000", "9999.9999", "123.4500", "NaN",
                           "Infinity", "-Infinity", "1.000000000000000000000000000001",
                           "-123456789012345678901234567890.123456789", "99999999.99999999"}) {
    expect_all(Numeric(text), "numeric", text);
  }
  // Extremes of the type: the largest value and the smallest step.
  const std::string huge =
      std::string(Numeric::max_integer_digits, '9') + "." + std::string(Numeric::max_scale, '9');
  expect_echo(Numeric(huge), "numeric");
  expect_server_text(Numeric(huge), "numeric", huge);
  const std::string tiny = "0." + std::string(Numeric::max_scale - 1, '0') + "1";
  expect_all(Numeric(tiny), "numeric", tiny);
  expect_all(Numeric("1e1000"), "numeric", "1" + std::string(1000, '0'));
  expect_literal("'1.5e3'::numeric", Numeric("1500"));
  expect_literal("1.50::numeric(10, 4)", Numeric("1.5000"));
  expect_literal("sum(x) FROM (VALUES (9223372036854775807::int8), (1)) AS t(x)",
                 Numeric("9223372036854775808"));
  expect_literal("9223372036854775807::int8", Numeric("9223372036854775807"));
  EXPECT_EQ(conn().fetch_value<bool>("SELECT $1::numeric = 1.5", Numeric("1.50000")), true);
  expect_null<Numeric>("numeric");
}

TEST_F(CodecRoundTripTest, Json) {
  const Json nested = {{"a", {1, 2.5, nullptr, true}}, {"żółw", "🐢"}, {"o", {{"k", "v"}}}};
  for (const std::string type : {"jsonb", "json"}) {
    expect_echo(nested, type);
    expect_echo(Json::object(), type);
    expect_echo(Json::array(), type);
    expect_echo(Json(nullptr), type);  // the JSON null, not SQL NULL
    expect_echo(Json("\u00e9\\\"\n"), type);
    expect_literal(
        "'{\"a\": [1, 2.5, null, true], \"żółw\": \"🐢\", \"o\": {\"k\": \"v\"}}'::" + type, nested);
    expect_null<Json>(type);
  }
  expect_server_text(nested, "jsonb",
                     R"({"a": [1, 2.5, null, true], "o": {"k": "v"}, "żółw": "🐢"})");
  expect_all(Json::object(), "jsonb", "{}");
  expect_all(Json::array(), "jsonb", "[]");
  EXPECT_TRUE(conn().fetch_value<bool>("SELECT $1::jsonb IS NOT NULL AND $1::jsonb = 'null'::jsonb",
                                       Json(nullptr)));
  EXPECT_THROW(conn().fetch("SELECT $1::jsonb", Json{{"k", "\xff"}}), ValueError);
}

TEST_F(CodecRoundTripTest, ArraysOfEachType) {
  expect_all(std::vector<bool>{true, false}, "bool[]", "{t,f}");
  expect_all(std::vector<std::int16_t>{-32768, 32767}, "int2[]", "{-32768,32767}");
  expect_all(std::vector<std::int32_t>{1, -2}, "int4[]", "{1,-2}");
  expect_all(std::vector<std::int64_t>{INT64_MIN, 0}, "int8[]", "{-9223372036854775808,0}");
  expect_all(std::vector<float>{0.5f, -HUGE_VALF}, "float4[]", "{0.5,-Infinity}");
  expect_all(std::vector<double>{0.1, std::nan("")}, "float8[]", "{0.1,NaN}");
  expect_all(std::vector<std::string>{"a", "b c", "", "NULL", "żółw 🐢", "q\"\\"}, "text[]",
             R"({a,"b c","","NULL","żółw 🐢","q\"\\"})");
  expect_all(std::vector<std::string>{"x"}, "varchar[]", "{x}");
  expect_all(std::vector<Bytes>{{}, {std::byte{1}, std::byte{255}}}, "bytea[]",
             R"({"\\x","\\x01ff"})");
  expect_all(std::vector<Uuid>{Uuid()}, "uuid[]", "{00000000-0000-0000-0000-000000000000}");
  expect_all(std::vector<Numeric>{Numeric("1.50"), Numeric("NaN"), Numeric("-Infinity")},
             "numeric[]", "{1.50,NaN,-Infinity}");
  expect_all(std::vector<year_month_day>{1969y / 7 / 20, 0y / 1 / 1}, "date[]",
             R"({1969-07-20,"0001-01-01 BC"})");
  expect_all(std::vector<TimeOfDay>{TimeOfDay{24h}, TimeOfDay{1us}}, "time[]",
             "{24:00:00,00:00:00.000001}");
  expect_all(std::vector<Timestamptz>{Timestamptz{}}, "timestamptz[]",
             R"({"1970-01-01 00:00:00+00"})");
  expect_all(std::vector<Timestamp>{Timestamp{1us}}, "timestamp[]",
             R"({"1970-01-01 00:00:00.000001"})");
  expect_all(std::vector<Interval>{Interval{.months = 1, .days = -1}}, "interval[]",
             R"({"1 mon -1 days"})");
  expect_all(std::vector<microseconds>{1s}, "interval[]", "{00:00:01}");
  expect_all(std::vector<Json>{Json::object(), Json{1, "x"}}, "jsonb[]", R"({"{}","[1, \"x\"]"})");
  expect_echo(std::vector<Json>{Json::object(), Json{1, "x"}}, "json[]");
}

TEST_F(CodecRoundTripTest, EmptyArraysNullElementsAndNullArrays) {
  expect_all(std::vector<std::int64_t>{}, "int8[]", "{}");
  expect_all(std::vector<std::string>{}, "text[]", "{}");
  expect_all(std::vector<std::optional<std::int32_t>>{1, std::nullopt, 3}, "int4[]", "{1,NULL,3}");
  expect_all(std::vector<std::optional<std::string>>{std::nullopt, "x"}, "text[]", "{NULL,x}");
  expect_all(std::vector<std::optional<Numeric>>{std::nullopt}, "numeric[]", "{NULL}");
  expect_all(std::vector<std::optional<Timestamptz>>{Timestamptz{}, std::nullopt}, "timestamptz[]",
             R"({"1970-01-01 00:00:00+00",NULL})");
  expect_all(std::vector<std::optional<Json>>{Json(nullptr), std::nullopt}, "jsonb[]",
             R"({"null",NULL})");
  expect_all(std::vector<std::optional<bool>>{}, "bool[]", "{}");
  expect_null<std::vector<std::int32_t>>("int4[]");
  expect_null<std::vector<std::optional<std::string>>>("text[]");
  expect_literal("ARRAY[1, NULL, 3]::int4[]",
                 std::vector<std::optional<std::int32_t>>{1, std::nullopt, 3});
  expect_literal("'{}'::text[]", std::vector<std::string>{});
}

TEST_F(CodecRoundTripTest, ArrayReadsWidenAndConvert) {
  expect_literal("ARRAY[1, 2]::int2[]", std::vector<std::int64_t>{1, 2});
  expect_literal("ARRAY[1, 2]::int4[]", std::vector<std::int64_t>{1, 2});
  expect_literal("ARRAY['a', 'b']::varchar[]", std::vector<std::string>{"a", "b"});
  expect_literal("ARRAY['a']::char(2)[]", std::vector<std::string>{"a "});
  expect_literal("ARRAY['a']::name[]", std::vector<std::string>{"a"});
  expect_literal("'[0:1]={5,6}'::int4[]", std::vector<std::int32_t>{5, 6});
  EXPECT_THROW(conn().fetch_value<std::vector<std::int32_t>>("SELECT ARRAY[1]::int8[]"),
               ValueError);
}

TEST_F(CodecRoundTripTest, ArrayReadErrors) {
  try {
    conn().fetch_value<std::vector<std::int32_t>>("SELECT '{{1,2},{3,4}}'::int4[]");
    ADD_FAILURE() << "no error for a 2-dimensional array";
  } catch (const ValueError& e) {
    EXPECT_NE(
        std::string(e.what()).find("multi-dimensional arrays are not supported (got 2 dimensions)"),
        std::string::npos)
        << e.what();
  }
  try {
    conn().fetch_value<std::vector<std::int32_t>>("SELECT ARRAY[1, NULL]::int4[]");
    ADD_FAILURE() << "no error for a NULL element";
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("array element 1 (0-based) is NULL"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(conn().fetch_value<std::vector<year_month_day>>("SELECT ARRAY['infinity']::date[]"),
               ValueError);
}

TEST_F(CodecRoundTripTest, ManyParametersOfMixedTypesInOneStatement) {
  const Result result = conn().fetch(
      "SELECT $1::int8, $2::text, $3::numeric, $4::timestamptz, $5::uuid[], $6::jsonb",
      std::int64_t{7}, std::string("x"), Numeric("2.50"), Timestamptz(sys_days(2024y / 2 / 29)),
      std::vector<std::optional<Uuid>>{std::nullopt}, Json{{"k", 1}});
  const auto [i, s, n, t, u, j] = result.front()
                                      .as<std::int64_t, std::string, Numeric, Timestamptz,
                                          std::vector<std::optional<Uuid>>, Json>();
  EXPECT_EQ(i, 7);
  EXPECT_EQ(s, "x");
  EXPECT_EQ(n.to_string(), "2.50");
  EXPECT_EQ(t, Timestamptz(sys_days(2024y / 2 / 29)));
  EXPECT_EQ(u, (std::vector<std::optional<Uuid>>{std::nullopt}));
  EXPECT_EQ(j, (Json{{"k", 1}}));
}

}  // namespace
}  // namespace iceaxe::pg
