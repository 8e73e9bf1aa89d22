#include "iceaxe/types/numeric.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "iceaxe/pg/codec_numeric.hpp"

namespace iceaxe {
namespace {

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string encode(const Numeric& n) {
  std::string out;
  pg::Codec<Numeric>::encode(n, out);
  return out;
}

Numeric decode(std::string_view bytes) {
  return pg::Codec<Numeric>::decode(bytes, pg::oid::numeric);
}

TEST(NumericTest, ParsesAndPrintsKeepingTheScale) {
  for (const char* text : {"0", "0.0000", "-0.001", "10000", "9999.9999", "123.4500", "1", "-1",
                           "0.1", "12345678.9", "0.00010000", "NaN", "Infinity", "-Infinity",
                           "-123456789012345678901234567890.123456789"}) {
    EXPECT_EQ(Numeric(text).to_string(), text);
  }
}

TEST(NumericTest, NormalisesSignsLeadingZerosAndExponents) {
  EXPECT_EQ(Numeric("+12.5").to_string(), "12.5");
  EXPECT_EQ(Numeric("007.50").to_string(), "7.50");
  EXPECT_EQ(Numeric(".5").to_string(), "0.5");
  EXPECT_EQ(Numeric("5.").to_string(), "5");
  EXPECT_EQ(Numeric("-0.000").to_string(), "0.000");  // no negative zero, as in PostgreSQL
  EXPECT_FALSE(Numeric("-0").is_negative());
  EXPECT_EQ(Numeric("1.5e3").to_string(), "1500");
  EXPECT_EQ(Numeric("1.5E+3").to_string(), "1500");
  EXPECT_EQ(Numeric("1.5e-3").to_string(), "0.0015");
  EXPECT_EQ(Numeric("-12.34e1").to_string(), "-123.4");
  EXPECT_EQ(Numeric("0e99999").to_string(), "0");
  EXPECT_EQ(Numeric("nan").to_string(), "NaN");
  EXPECT_EQ(Numeric("inf").to_string(), "Infinity");
  EXPECT_EQ(Numeric("+infinity").to_string(), "Infinity");
  EXPECT_EQ(Numeric("-INF").to_string(), "-Infinity");
}

TEST(NumericTest, RejectsInvalidText) {
  for (const char* text : {"", "-", "+", ".", "abc", "1.2.3", "1e", "1e+", "1 ", " 1", "--1", "1,5",
                           "0x10", "-NaN", "+NaN", "Infinityy", "1e5x", "١"}) {
    EXPECT_THROW(Numeric{text}, ValueError) << text;
  }
}

TEST(NumericTest, EnforcesPostgresLimits) {
  const std::string max_integer(Numeric::max_integer_digits, '9');
  EXPECT_EQ(Numeric(max_integer).to_string(), max_integer);
  EXPECT_THROW(Numeric("1" + max_integer), ValueError);
  EXPECT_THROW(Numeric("1e131072"), ValueError);
  EXPECT_NO_THROW(Numeric("1e131071"));
  const std::string max_fraction = "0." + std::string(Numeric::max_scale, '1');
  EXPECT_EQ(Numeric(max_fraction).to_string(), max_fraction);
  EXPECT_THROW(Numeric(max_fraction + "0"), ValueError);
  EXPECT_THROW(Numeric("1e-16384"), ValueError);
  EXPECT_THROW(Numeric("1e99999999999999999999"), ValueError);
  EXPECT_THROW(Numeric::from_parts(false, "12a", 0), ValueError);
  EXPECT_THROW(Numeric::from_parts(false, "", 0), ValueError);
}

TEST(NumericTest, FromIntegers) {
  EXPECT_EQ(Numeric(0).to_string(), "0");
  EXPECT_EQ(Numeric(-42).to_string(), "-42");
  EXPECT_EQ(Numeric(std::numeric_limits<std::int64_t>::min()).to_string(), "-9223372036854775808");
  EXPECT_EQ(Numeric(std::numeric_limits<std::uint64_t>::max()).to_string(), "18446744073709551615");
  EXPECT_EQ(Numeric(std::int16_t{-7}).to_string(), "-7");
  const Numeric implicit = 5;
  EXPECT_EQ(implicit, Numeric("5.000"));
}

TEST(NumericTest, Accessors) {
  const Numeric n("-123.4500");
  EXPECT_TRUE(n.is_finite());
  EXPECT_TRUE(n.is_negative());
  EXPECT_EQ(n.digits(), "1234500");
  EXPECT_EQ(n.scale(), 4);
  EXPECT_TRUE(Numeric("0.00").is_zero());
  EXPECT_EQ(Numeric("0.00").digits(), "0");
  EXPECT_TRUE(Numeric::nan().is_nan());
  EXPECT_TRUE(Numeric::infinity().is_infinite());
  EXPECT_FALSE(Numeric::infinity().is_negative());
  EXPECT_TRUE(Numeric::infinity(true).is_negative());
  EXPECT_EQ(Numeric::from_parts(true, "000120", 3).to_string(), "-0.120");
  EXPECT_EQ(Numeric::from_parts(false, "12", -2).to_string(), "1200");
}

TEST(NumericTest, EqualityIsNumeric) {
  EXPECT_EQ(Numeric("1.0"), Numeric("1.00"));
  EXPECT_EQ(Numeric("1"), Numeric("1.000"));
  EXPECT_EQ(Numeric("0"), Numeric("-0.000"));
  EXPECT_EQ(Numeric("NaN"), Numeric::nan());
  EXPECT_EQ(Numeric("Infinity"), Numeric::infinity());
  EXPECT_NE(Numeric("1.01"), Numeric("1.1"));
  EXPECT_NE(Numeric("10"), Numeric("1"));
  EXPECT_NE(Numeric("-1"), Numeric("1"));
  EXPECT_NE(Numeric::infinity(), Numeric::infinity(true));
  EXPECT_NE(Numeric::nan(), Numeric::infinity());
}

TEST(NumericTest, OrdersAsPostgres) {
  const Numeric ordered[] = {Numeric::infinity(true), Numeric("-100"), Numeric("-99.99"),
                             Numeric("-0.001"),       Numeric("0"),    Numeric("0.0001"),
                             Numeric("0.1"),          Numeric("1"),    Numeric("1.0001"),
                             Numeric("9.9"),          Numeric("10"),   Numeric::infinity(),
                             Numeric::nan()};
  for (std::size_t i = 0; i < std::size(ordered); ++i) {
    for (std::size_t j = 0; j < std::size(ordered); ++j) {
      EXPECT_EQ(ordered[i] < ordered[j], i < j) << ordered[i] << " vs " << ordered[j];
      EXPECT_EQ(ordered[i] == ordered[j], i == j) << ordered[i] << " vs " << ordered[j];
    }
  }
  EXPECT_TRUE(Numeric("2.50") >= Numeric("2.5"));
  EXPECT_TRUE(Numeric("2.50") <= Numeric("2.5"));
}

TEST(NumericTest, ToDouble) {
  EXPECT_EQ(Numeric("123.4500").to_double(), 123.45);
  EXPECT_EQ(Numeric("-0.001").to_double(), -0.001);
  EXPECT_EQ(Numeric("0.1").to_double(), 0.1);
  EXPECT_EQ(Numeric("0").to_double(), 0.0);
  EXPECT_EQ(Numeric("9007199254740993").to_double(), 9007199254740992.0);  // nearest, ties even
  EXPECT_EQ(Numeric("1e400").to_double(), HUGE_VAL);
  EXPECT_EQ(Numeric("-1e400").to_double(), -HUGE_VAL);
  EXPECT_EQ(Numeric("1e-400").to_double(), 0.0);
  EXPECT_EQ(Numeric("4.9406564584124654e-324").to_double(),
            std::numeric_limits<double>::denorm_min());
  EXPECT_TRUE(std::isnan(Numeric::nan().to_double()));
  EXPECT_EQ(Numeric::infinity().to_double(), HUGE_VAL);
  EXPECT_EQ(Numeric::infinity(true).to_double(), -HUGE_VAL);
}

// Expected bytes are what PostgreSQL 15's numeric_send() produces.
TEST(NumericTest, BinaryFormatMatchesTheServer) {
  const std::pair<const char*, const char*> cases[] = {
      {"0", "0000000000000000"},
      {"0.0000", "0000000000000004"},
      {"-0.001", "0001ffff40000003000a"},
      {"10000", "00010001000000000001"},
      {"9999.9999", "0002000000000004270f270f"},
      {"123.4500", "0002000000000004007b1194"},
      {"1", "00010000000000000001"},
      {"-1", "00010000400000000001"},
      {"0.1", "0001ffff0000000103e8"},
      {"12345678.9", "000300010000000104d2162e2328"},
      {"NaN", "00000000c0000000"},
      {"1e100", "00010019000000000001"},
      {"1e-100", "0001ffe7000000640001"},
      {"100000000", "00010002000000000001"},
      {"0.00010000", "0001ffff000000080001"},
      {"-123456789012345678901234567890.123456789",
       "000b000740000009000c0d801ed204d2162e23340d801ed204d2162e2328"},
  };
  for (const auto& [text, hex] : cases) {
    EXPECT_EQ(to_hex(encode(Numeric(text))), hex) << text;
    EXPECT_EQ(decode(from_hex(hex)).to_string(), Numeric(text).to_string()) << hex;
  }
  // The server sends infinities with a meaningless dscale; ours is 0, which it accepts.
  EXPECT_EQ(decode(from_hex("00000000d0000020")).to_string(), "Infinity");
  EXPECT_EQ(decode(from_hex("00000000f0000020")).to_string(), "-Infinity");
  EXPECT_EQ(to_hex(encode(Numeric::infinity())), "00000000d0000000");
  EXPECT_EQ(to_hex(encode(Numeric::infinity(true))), "00000000f0000000");
}

TEST(NumericTest, BinaryRoundTripOfExtremes) {
  const std::string values[] = {
      std::string(Numeric::max_integer_digits, '9'),
      "-" + std::string(Numeric::max_integer_digits, '9') + "." +
          std::string(Numeric::max_scale, '9'),
      "0." + std::string(Numeric::max_scale - 1, '0') + "1",
      "1" + std::string(Numeric::max_integer_digits - 1, '0'),
      "0." + std::string(Numeric::max_scale, '0'),
      "1.000000000000000000000000000001",
      "99999999.99999999",
      "-5e-7",
  };
  for (const auto& text : values) {
    const Numeric n(text);
    EXPECT_EQ(decode(encode(n)).to_string(), n.to_string()) << text.substr(0, 50);
  }
}

TEST(NumericTest, BinaryDecodingToleratesNonCanonicalForms) {
  // Leading and trailing zero groups: 0000 0001 0000 with weight 1 = 1.0000 at dscale 4.
  EXPECT_EQ(decode(from_hex("0003000100000004"
                            "000000010000"))
                .to_string(),
            "1.0000");
  // Digits past dscale that are zero are just padding.
  EXPECT_EQ(decode(from_hex("0002000000000001"
                            "00010000"))
                .to_string(),
            "1.0");
  // A zero group far below the point is zero.
  EXPECT_EQ(decode(from_hex("0001800000000000"
                            "0000"))
                .to_string(),
            "0");
}

TEST(NumericTest, BinaryDecodingRejectsGarbage) {
  const char* cases[] = {
      "",                    // no header
      "00000000000000",      // short header
      "0001000000000000",    // one digit announced, none sent
      "000000000000000000",  // trailing byte
      "0001000000000000"
      "2710",  // digit 10000
      "0001000000000000"
      "ffff",              // negative digit
      "0000000012340000",  // bad sign word
      "0000000000004000",  // dscale above 0x3FFF
      "0001ffff00000000"
      "0001",                  // 0.0001 with dscale 0: digits beyond the scale
      "00018000000000000001",  // 1 at weight -32768: far beyond any scale
  };
  for (const char* hex : cases) EXPECT_THROW(decode(from_hex(hex)), ValueError) << hex;
}

TEST(NumericTest, ReadsIntegerColumnsExactly) {
  std::string bytes;
  pg::wire::put<std::int64_t>(bytes, std::numeric_limits<std::int64_t>::min());
  EXPECT_TRUE(pg::Codec<Numeric>::accepts(pg::oid::int8));
  EXPECT_EQ(pg::Codec<Numeric>::decode(bytes, pg::oid::int8).to_string(), "-9223372036854775808");
  EXPECT_FALSE(pg::Codec<Numeric>::accepts(pg::oid::float8));
}

}  // namespace
}  // namespace iceaxe
