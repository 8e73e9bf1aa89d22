// Values a column cannot hold: integers wider than their column (raw parameters, and a model
// whose field is wider than its column), NaN and infinities into numeric columns, dates and
// timestamps outside PostgreSQL's range, arrays with NULL elements, text that is not JSON.
// Each round-trips exactly or fails with a clear error, naming the field where the ORM can
// tell, and before anything is sent where it can be found on this side.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "reliability/support.hpp"
#include "support/same.hpp"

namespace reliability_test {

using Timestamptz = std::chrono::sys_time<std::chrono::microseconds>;

// A bigint field on an integer column (the table below says so, not the model).
struct Narrow : iceaxe::TableBase {
  static constexpr std::string_view table_name = "rel_narrow";
  std::optional<std::int64_t> id;
  std::int64_t amount = 0;
};
ICEAXE_TABLE(Narrow, (id, {.primary_key = true}), amount)

// An integer field on a bigint column.
struct Wide : iceaxe::TableBase {
  static constexpr std::string_view table_name = "rel_wide";
  std::optional<std::int64_t> id;
  std::int32_t amount = 0;
};
ICEAXE_TABLE(Wide, (id, {.primary_key = true}), amount)

struct Amounts : iceaxe::TableBase {
  static constexpr std::string_view table_name = "rel_amounts";
  std::optional<std::int64_t> id;
  iceaxe::Numeric exact;
  std::optional<iceaxe::Numeric> bounded;  // numeric(10, 2)
  double ratio = 0;
};
ICEAXE_TABLE(Amounts, (id, {.primary_key = true}), exact, bounded, ratio)

struct Dated : iceaxe::TableBase {
  static constexpr std::string_view table_name = "rel_dated";
  std::optional<std::int64_t> id;
  std::chrono::year_month_day day{std::chrono::year(2000), std::chrono::January,
                                  std::chrono::day(1)};
  std::optional<Timestamptz> at;
};
ICEAXE_TABLE(Dated, (id, {.primary_key = true}), day,
             (at, {.postgres_config = iceaxe::PostgresDateTime{.timezone = true}}))

struct Scores : iceaxe::TableBase {
  static constexpr std::string_view table_name = "rel_scores";
  std::optional<std::int64_t> id;
  std::vector<std::optional<std::int32_t>> values;   // a reserved word as a column name
  std::vector<std::optional<std::int32_t>> checked;  // CHECK: no NULL element
  std::vector<std::int32_t> strict;
};
ICEAXE_TABLE(Scores, (id, {.primary_key = true}), values, checked, strict)

namespace {

using namespace std::chrono_literals;
using iceaxe::select;
using iceaxe::pg::TransactionStatus;
using std::chrono::year_month_day;

constexpr auto& N = iceaxe::columns<Narrow>;
constexpr auto& A = iceaxe::columns<Amounts>;
constexpr auto& D = iceaxe::columns<Dated>;

constexpr std::string_view create_tables = R"(
  CREATE TABLE rel_narrow (id bigserial PRIMARY KEY, amount integer NOT NULL);
  CREATE TABLE rel_wide (id bigserial PRIMARY KEY, amount bigint NOT NULL);
  CREATE TABLE rel_amounts (id bigserial PRIMARY KEY, exact numeric NOT NULL,
    bounded numeric(10, 2), ratio double precision NOT NULL CHECK (ratio >= 0));
  CREATE TABLE rel_dated (id bigserial PRIMARY KEY, day date NOT NULL, at timestamptz);
  CREATE TABLE rel_scores (id bigserial PRIMARY KEY, "values" int[] NOT NULL,
    checked int[] NOT NULL CHECK (array_position(checked, NULL) IS NULL), strict int[] NOT NULL);
  CREATE TABLE rel_raw (i integer, s smallint, doc jsonb, text_doc json);
)";

class ReliabilityValues : public ReliabilityTest {
 protected:
  void SetUp() override {
    ReliabilityTest::SetUp();
    db().conn().execute(std::string(create_tables));
  }
  // The message of the ValueError `f` throws.
  template <class F>
  static std::string value_error(F&& f) {
    try {
      f();
    } catch (const iceaxe::ValueError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no ValueError";
    return {};
  }
};

TEST_F(ReliabilityValues, WideIntegersIntoNarrowColumnsThroughDriverParameters) {
  iceaxe::pg::Connection& conn = db().conn();
  const std::int64_t too_big = std::int64_t{1} << 40;
  try {
    conn.execute("INSERT INTO rel_raw (i) VALUES ($1)", too_big);
    FAIL() << "no exception";
  } catch (const iceaxe::NumericValueOutOfRange& e) {
    EXPECT_EQ(e.sqlstate(), "22003");
    EXPECT_EQ(e.message(), "integer out of range");
    EXPECT_EQ(dynamic_cast<const iceaxe::QueryError&>(e).variables(),
              std::vector<std::string>{"1099511627776"});
  }
  EXPECT_THROW(conn.execute("INSERT INTO rel_raw (s) VALUES ($1)", std::int32_t{40'000}),
               iceaxe::NumericValueOutOfRange);
  EXPECT_THROW(
      conn.execute("INSERT INTO rel_raw (i) VALUES ($1)", std::numeric_limits<std::int64_t>::min()),
      iceaxe::NumericValueOutOfRange);
  // Values that fit are converted by the server, the limits included.
  conn.execute("INSERT INTO rel_raw (i, s) VALUES ($1, $2)",
               std::int64_t{std::numeric_limits<std::int32_t>::max()}, std::int64_t{-32768});
  EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT i FROM rel_raw"), 2147483647);
  // Compared, a wide value never wraps onto a narrow one: 2^32 is not 0.
  conn.execute("UPDATE rel_raw SET i = 0");
  EXPECT_EQ(conn.fetch_value<std::int64_t>("SELECT count(*) FROM rel_raw WHERE i = $1",
                                           std::int64_t{1} << 32),
            0);
  // Read back, a column wider than the C++ type is refused, whatever the value.
  EXPECT_THROW(conn.fetch_value<std::int16_t>("SELECT i FROM rel_raw"), iceaxe::ValueError);
}

TEST_F(ReliabilityValues, ABigintFieldOnAnIntegerColumn) {
  // Values that fit travel: the server converts them on assignment.
  std::vector<Narrow> rows(2);
  rows[0].amount = std::numeric_limits<std::int32_t>::max();
  rows[1].amount = std::numeric_limits<std::int32_t>::min();
  db().insert(rows);
  std::vector<Narrow> back = db().exec(select<Narrow>().order_by(N.id));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].amount, std::numeric_limits<std::int32_t>::max());

  // A value that does not: the server refuses the statement; its message names no column,
  // the statement (in what()) does. Nothing is written, the objects are as they were.
  std::vector<Narrow> more(3);
  more[2].amount = std::int64_t{1} << 40;
  const auto states = object_states(more);
  try {
    db().insert(more);
    FAIL() << "no exception";
  } catch (const iceaxe::NumericValueOutOfRange& e) {
    EXPECT_EQ(e.message(), "integer out of range");
    EXPECT_NE(std::string(e.what()).find("\"amount\""), std::string::npos) << e.what();
  }
  EXPECT_EQ(object_states(more), states);
  back[1].amount = std::int64_t{1} << 40;
  EXPECT_THROW(db().update(back), iceaxe::NumericValueOutOfRange);
  EXPECT_TRUE(iceaxe::is_modified(back[1]));
  EXPECT_THROW(db().exec(iceaxe::update<Narrow>().set(N.amount, std::int64_t{1} << 40)),
               iceaxe::NumericValueOutOfRange);
  EXPECT_EQ(db().exec(select(N.amount).order_by(N.id)),
            (std::vector<std::int64_t>{2147483647, -2147483648}));
}

TEST_F(ReliabilityValues, AnIntegerFieldOnABigintColumnIsRefusedOnReadNamingTheField) {
  std::vector<Wide> rows(1);
  rows[0].amount = 5;
  db().insert(rows);  // integer into bigint: widening, fine
  const std::string message = value_error([&] { db().exec(select<Wide>()); });
  EXPECT_NE(message.find("Wide.amount"), std::string::npos) << message;
  EXPECT_NE(message.find("\"rel_wide_amount\""), std::string::npos) << message;
  EXPECT_NE(message.find("oid 20"), std::string::npos) << message;  // bigint
  EXPECT_THROW(db().get<Wide>(*rows[0].id), iceaxe::ValueError);
  EXPECT_FALSE(db().conn().is_broken());
}

TEST_F(ReliabilityValues, NanAndInfinityIntoNumericAndDoubleColumns) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<Amounts> rows(4);
  rows[0].exact = iceaxe::Numeric::nan();
  rows[1].exact = iceaxe::Numeric::infinity();
  rows[2].exact = iceaxe::Numeric::infinity(true);
  rows[3].exact = iceaxe::Numeric("-0.000000000000000000001");
  rows[0].bounded = iceaxe::Numeric::nan();  // numeric(10, 2) holds NaN...
  rows[0].ratio = std::nan("");              // NaN >= 0 holds in PostgreSQL: NaN sorts last
  rows[1].ratio = inf;
  rows[3].ratio = std::numeric_limits<double>::denorm_min();
  db().insert(rows);
  const std::vector<Amounts> back = db().exec(select<Amounts>().order_by(A.id));
  ASSERT_EQ(back.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_TRUE(iceaxe::test::same(back[i].exact, rows[i].exact)) << back[i].exact.to_string();
    EXPECT_TRUE(iceaxe::test::same(back[i].bounded, rows[i].bounded));
    EXPECT_TRUE(iceaxe::test::same(back[i].ratio, rows[i].ratio)) << back[i].ratio;
  }

  // ...but not infinities, and -inf fails the CHECK: the server's errors, nothing written.
  const TableState before = state("rel_amounts");
  std::vector<Amounts> bad(2);
  bad[1].bounded = iceaxe::Numeric::infinity();
  try {
    db().insert(bad);
    FAIL() << "no exception";
  } catch (const iceaxe::NumericValueOutOfRange& e) {
    EXPECT_NE(e.detail().find("cannot hold an infinite value"), std::string::npos) << e.what();
  }
  bad[1].bounded = iceaxe::Numeric("123456789.5");
  EXPECT_THROW(db().insert(bad), iceaxe::NumericValueOutOfRange);
  bad[1].bounded.reset();
  bad[1].ratio = -inf;
  EXPECT_THROW(db().insert(bad), iceaxe::CheckViolation);
  EXPECT_EQ(state("rel_amounts"), before);
  EXPECT_FALSE(bad[0].id);
}

TEST_F(ReliabilityValues, DatesOutsidePostgresRangeAreRefusedBeforeSending) {
  using std::chrono::sys_days;
  std::vector<Dated> rows(3);
  rows[0].day =
      year_month_day(std::chrono::year(-4713) / 11 / 24);  // the first date PostgreSQL has
  rows[1].day = year_month_day(std::chrono::year::max() / 12 / 31);  // the last year_month_day has
  rows[2].day = 2000y / 1 / 1;
  rows[2].at = Timestamptz(sys_days(std::chrono::year(-4713) / 11 / 24));
  db().insert(rows);
  const std::vector<Dated> back = db().exec(select<Dated>().order_by(D.id));
  ASSERT_EQ(back.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back[i].day, rows[i].day);
    EXPECT_EQ(back[i].at, rows[i].at);
  }

  orm_test::LogCapture log;
  std::vector<Dated> bad(2);
  bad[1].day = year_month_day(std::chrono::year(-5000) / 1 / 1);  // 5001 BC
  std::string message = value_error([&] { db().insert(bad); });
  EXPECT_NE(message.find("Dated.day (object 1 of the call)"), std::string::npos) << message;
  EXPECT_NE(message.find("before 4714-11-24 BC"), std::string::npos) << message;
  bad[1].day = 2023y / 2 / 29;
  message = value_error([&] { db().insert(bad); });
  EXPECT_NE(message.find("invalid date 2023-02-29"), std::string::npos) << message;
  bad[1].day = 2023y / 2 / 28;
  bad[1].at = Timestamptz(sys_days(std::chrono::year(-4713) / 11 / 24)) - 1us;
  message = value_error([&] { db().insert(bad); });
  EXPECT_NE(message.find("Dated.at (object 1 of the call)"), std::string::npos) << message;
  std::vector<Dated> loaded = back;
  loaded[2].day = year_month_day(std::chrono::year(-30000) / 1 / 1);
  message = value_error([&] { db().update(loaded); });
  EXPECT_NE(message.find("Dated.day"), std::string::npos) << message;
  EXPECT_THROW(
      db().exec(select(D.id).where(D.day < year_month_day(std::chrono::year(-5000) / 1 / 1))),
      iceaxe::ValueError);
  EXPECT_TRUE(log.statements().empty()) << log.statements().front();
  EXPECT_EQ(count_rows("rel_dated"), 3);

  // Dates PostgreSQL holds that year_month_day does not (years past 32767, infinity): refused
  // on read, naming the field.
  db().conn().execute("UPDATE rel_dated SET day = '300000-01-01' WHERE id = " +
                      std::to_string(*back[0].id));
  message = value_error([&] { db().exec(select<Dated>()); });
  EXPECT_NE(message.find("Dated.day"), std::string::npos) << message;
  EXPECT_NE(message.find("300000-01-01"), std::string::npos) << message;
  EXPECT_THROW(db().get<Dated>(*back[0].id), iceaxe::ValueError);
  db().conn().execute("UPDATE rel_dated SET day = '2000-01-01', at = 'infinity' WHERE id = " +
                      std::to_string(*back[0].id));
  message = value_error([&] { db().get<Dated>(*back[0].id); });
  EXPECT_NE(message.find("Dated.at"), std::string::npos) << message;
  EXPECT_NE(message.find("infinity"), std::string::npos) << message;
  EXPECT_EQ(db().conn().transaction_status(), TransactionStatus::idle);
}

TEST_F(ReliabilityValues, ArraysWithNullElements) {
  std::vector<Scores> rows(3);
  rows[0].values = {std::nullopt, 1, std::nullopt};
  rows[1].values = {std::nullopt};
  rows[2].values = {};
  for (Scores& row : rows) row.checked = {1, 2};
  rows[0].strict = {std::numeric_limits<std::int32_t>::min(), 0};
  db().insert(rows);
  std::vector<Scores> back = db().exec(select<Scores>().order_by(iceaxe::columns<Scores>.id));
  ASSERT_EQ(back.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back[i].values, rows[i].values);
    EXPECT_EQ(back[i].strict, rows[i].strict);
  }

  // PostgreSQL arrays have no NOT NULL elements; a CHECK can forbid them.
  std::vector<Scores> bad(2);
  bad[1].checked = {1, std::nullopt};
  try {
    db().insert(bad);
    FAIL() << "no exception";
  } catch (const iceaxe::CheckViolation& e) {
    EXPECT_EQ(e.constraint_name(), "rel_scores_checked_check");
  }
  back[2].checked.push_back(std::nullopt);
  EXPECT_THROW(db().update(back), iceaxe::CheckViolation);
  EXPECT_FALSE(bad[0].id);
  EXPECT_EQ(count_rows("rel_scores"), 3);

  // A NULL element read into a std::vector<T> of non-optionals: refused, naming the field.
  db().conn().execute("UPDATE rel_scores SET strict = '{1,NULL}' WHERE id = " +
                      std::to_string(*back[0].id));
  const std::string message = value_error([&] { db().exec(select<Scores>()); });
  EXPECT_NE(message.find("Scores.strict"), std::string::npos) << message;
  EXPECT_NE(message.find("NULL"), std::string::npos) << message;
}

TEST_F(ReliabilityValues, TextThatIsNotJsonIntoJsonColumns) {
  iceaxe::pg::Connection& conn = db().conn();
  // text has no implicit cast to jsonb: the statement is refused as a whole...
  EXPECT_THROW(conn.execute("INSERT INTO rel_raw (doc) VALUES ($1)", std::string("{\"a\": 1}")),
               iceaxe::DatatypeMismatch);
  // ...and with an explicit cast, the server parses it.
  for (const std::string column : {"doc", "text_doc"}) {
    SCOPED_TRACE(column);
    const std::string sql = "INSERT INTO rel_raw (" + column +
                            ") VALUES ($1::text::" + (column == "doc" ? "jsonb" : "json") + ")";
    for (const std::string text : {"{not json", "{\"a\": 1", "'a'", "NaN", "{\"a\": 1} x", ""}) {
      SCOPED_TRACE(text);
      try {
        conn.execute(sql, text);
        ADD_FAILURE() << "no exception";
      } catch (const iceaxe::InvalidTextRepresentation& e) {
        EXPECT_NE(e.message().find("invalid input syntax for type json"), std::string::npos)
            << e.what();
      }
    }
    conn.execute(sql, std::string("{\"a\": [1, null, \"\\u00e9\"]}"));
  }
  // jsonb cannot hold \u0000; json (text) can.
  EXPECT_THROW(conn.execute("INSERT INTO rel_raw (doc) VALUES ($1::text::jsonb)",
                            std::string("\"\\u0000\"")),
               iceaxe::UntranslatableCharacter);
  EXPECT_EQ(conn.fetch_value<std::int64_t>("SELECT count(*) FROM rel_raw"), 2);
  // A nlohmann::json value is always valid JSON; what JSON cannot say is refused before
  // sending (NaN, invalid UTF-8 and NUL: tests/reliability/injection_test.cpp).
  EXPECT_THROW(conn.execute("INSERT INTO rel_raw (doc) VALUES ($1)",
                            nlohmann::json{{"x", std::numeric_limits<double>::infinity()}}),
               iceaxe::ValueError);
  EXPECT_EQ(conn.transaction_status(), TransactionStatus::idle);
}

}  // namespace
}  // namespace reliability_test
