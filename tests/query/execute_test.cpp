// Queries run against a real server: each test gets a schema of its own holding the
// tables of query/models.hpp with a few known rows; built statements are run with
// fetch / execute and their results read with detail::read_rows into the query's row type.
// Then every func:: builder once, compared with the value PostgreSQL computes, and the ways
// reading a result fails.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "query/models.hpp"
#include "support/database.hpp"

namespace query_test {
namespace {

using namespace std::chrono_literals;
using iceaxe::alias;
using iceaxe::delete_;
using iceaxe::Interval;
using iceaxe::Numeric;
using iceaxe::or_;
using iceaxe::Order;
using iceaxe::select;
using iceaxe::table;
using iceaxe::update;
using std::chrono::local_days;
using std::chrono::sys_days;
using std::chrono::year_month_day;
namespace func = iceaxe::func;
namespace sql = iceaxe::sql;
namespace pg = iceaxe::pg;
using Strings = std::vector<std::string>;
using Ints = std::vector<std::int32_t>;

constexpr std::string_view create_tables = R"(
  CREATE TYPE mood AS ENUM ('calm', 'busy', 'on-leave');
  CREATE TABLE query_test_office (id bigint PRIMARY KEY, name text NOT NULL, city text);
  CREATE TABLE query_test_employee (
    id bigint PRIMARY KEY, name text NOT NULL, age integer NOT NULL, nickname text,
    office_id bigint REFERENCES query_test_office (id), tags text[] NOT NULL,
    mood mood NOT NULL, settings jsonb NOT NULL, payload jsonb NOT NULL,
    hired_at timestamptz NOT NULL, active boolean NOT NULL);
  CREATE TABLE query_test_metric (
    id bigint PRIMARY KEY, small smallint NOT NULL, medium integer NOT NULL,
    large bigint NOT NULL, single real NOT NULL, ratio double precision NOT NULL,
    amount numeric NOT NULL, maybe integer, maybe_ratio double precision,
    label text NOT NULL, maybe_label text, day date NOT NULL, wall timestamp NOT NULL,
    maybe_at timestamptz, numbers integer[] NOT NULL);
  INSERT INTO query_test_office VALUES (1, 'HQ', 'Berlin'), (2, 'Branch', NULL),
    (3, 'Empty', 'Paris');
  INSERT INTO query_test_employee VALUES
    (1, 'Alice', 30, 'Al', 1, '{python,sql}', 'calm', '{"dark_mode": true, "volume": 3}',
     '{"k": 1}', '2020-01-15 10:00:00+00', true),
    (2, 'Bob', 40, NULL, 1, '{cpp}', 'busy', '{"dark_mode": false, "volume": 0}',
     '[1, 2]', '2021-06-30 00:00:00+00', true),
    (3, 'Carol', 25, 'Caz', 2, '{}', 'on-leave', '{"dark_mode": false, "volume": 9}',
     'null', '2019-03-01 08:30:00+00', false),
    (4, 'Dave', 40, NULL, NULL, '{python}', 'calm', '{"dark_mode": true, "volume": 1}',
     '"text"', '2022-12-31 23:59:59+00', true);
  INSERT INTO query_test_metric VALUES
    (1, 2, 10, 9000000000, 1.5, 2.75, 12.50, 7, NULL, ' Hello World ', NULL, '2024-02-29',
     '2024-02-29 13:45:30.5', '2024-03-01 00:00:00+00', '{1,2,3,2}'),
    (2, 3, -4, 1, 2.5, 4.0, 0.25, NULL, 1.5, '1234.5', '2023-05-06 07:08:09', '2023-12-31',
     '2023-12-31 23:59:59', NULL, '{}');
)";

// A connection whose search_path is a fresh schema named after the running test, holding
// the tables above.
class QueryExecute : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_.emplace(iceaxe::test::connect());  // no server: the test fails here
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("query_test_") + test->test_suite_name() + "_" + test->name();
    std::ranges::transform(name, name.begin(), [](unsigned char c) { return std::tolower(c); });
    name.resize(std::min<std::size_t>(name.size(), 63));
    schema_ = pg::quote_identifier(name);
    conn().execute(
        "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_ +
        "; SET search_path = " + schema_ +
        "; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';" +
        std::string(create_tables));
  }

  void TearDown() override {
    if (conn_ && !conn_->is_broken()) {
      conn().rollback();
      conn().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    }
  }

  pg::Connection& conn() { return *conn_; }

  // A second connection into this test's schema.
  pg::Connection other_connection() {
    pg::Connection other = iceaxe::test::connect();
    other.execute("SET search_path = " + schema_ + "; SET TimeZone = 'UTC'");
    return other;
  }

  // The rows of a select, typed.
  template <class Q>
  std::vector<typename Q::row_type> rows(const Q& query) {
    const iceaxe::BuiltQuery built = query.build();
    const pg::Result result = conn().fetch(built.sql, built.params);
    return iceaxe::detail::read_rows<Q>(result);
  }

  // The only row of a select.
  template <class Q>
  typename Q::row_type row(const Q& query) {
    auto all = rows(query);
    if (all.size() != 1) throw std::logic_error(std::to_string(all.size()) + " rows, not 1");
    return std::move(all.front());
  }

  // The rows an update or delete touched.
  template <class Q>
  std::uint64_t run(const Q& query) {
    const iceaxe::BuiltQuery built = query.build();
    return conn().execute(built.sql, built.params).affected_rows();
  }

  std::int64_t count_where(std::string_view condition) {
    return conn().fetch_value<std::int64_t>("SELECT count(*) FROM query_test_employee WHERE " +
                                            std::string(condition));
  }

 private:
  std::optional<pg::Connection> conn_;
  std::string schema_;
};

Timestamp at(year_month_day day, std::chrono::microseconds time = {}) {
  return Timestamp(sys_days(day)) + time;
}

template <class T>
std::vector<T> sorted(std::vector<T> values) {
  std::ranges::sort(values);
  return values;
}

// ---- selects ------------------------------------------------------------------------------

TEST_F(QueryExecute, WholeModelsComeBackClean) {
  std::vector<Employee> employees = rows(iceaxe::select<Employee>().order_by(E.id));
  ASSERT_EQ(employees.size(), 4u);
  const Employee& alice = employees[0];
  EXPECT_EQ(alice.id, 1);
  EXPECT_EQ(alice.name, "Alice");
  EXPECT_EQ(alice.age, 30);
  EXPECT_EQ(alice.nickname, "Al");
  EXPECT_EQ(alice.office_id, OfficeId(1));
  EXPECT_EQ(alice.tags, (Strings{"python", "sql"}));
  EXPECT_EQ(alice.mood, Mood::calm);
  EXPECT_EQ(alice.settings, (Settings{.dark_mode = true, .volume = 3}));
  EXPECT_EQ(alice.payload, nlohmann::json({{"k", 1}}));
  EXPECT_EQ(alice.hired_at, at(2020y / 1 / 15, 10h));
  EXPECT_TRUE(alice.active);
  EXPECT_EQ(employees[1].nickname, std::nullopt);
  EXPECT_EQ(employees[2].mood, Mood::on_leave);
  EXPECT_EQ(employees[3].office_id, std::nullopt);
  EXPECT_EQ(employees[3].payload, "text");
  for (const Employee& e : employees) EXPECT_FALSE(iceaxe::is_modified(e)) << e.name;
  employees[1].tags.push_back("go");
  EXPECT_EQ(iceaxe::modified_fields(employees[1]), (std::vector<std::string_view>{"tags"}));
}

TEST_F(QueryExecute, ModelsAndColumnsAsTuples) {
  const auto result = rows(select(table<Employee>, O.name, E.age, func::upper(O.name))
                               .join(table<Office>, E.office_id == O.id)
                               .where(O.name == "HQ")
                               .order_by(E.name));
  ASSERT_EQ(result.size(), 2u);
  const auto& [alice, office, age, shout] = result[0];
  EXPECT_EQ(alice.name, "Alice");
  EXPECT_FALSE(iceaxe::is_modified(alice));
  EXPECT_EQ(office, "HQ");
  EXPECT_EQ(age, 30);
  EXPECT_EQ(shout, "HQ");
  EXPECT_EQ(std::get<0>(result[1]).name, "Bob");
}

TEST_F(QueryExecute, TwoModels) {
  const auto result = rows(
      iceaxe::select<Employee, Office>().join(table<Office>, E.office_id == O.id).order_by(E.id));
  ASSERT_EQ(result.size(), 3u);
  EXPECT_EQ(std::get<0>(result[2]).name, "Carol");
  EXPECT_EQ(std::get<1>(result[2]).name, "Branch");
  EXPECT_EQ(std::get<1>(result[2]).city, std::nullopt);
  EXPECT_FALSE(iceaxe::is_modified(std::get<1>(result[0])));
}

TEST_F(QueryExecute, LeftJoinMissingSideIsNullopt) {
  const auto result = rows(iceaxe::select<Office, Employee>()
                               .left_join(table<Employee>, E.office_id == O.id)
                               .order_by(O.id)
                               .order_by(E.id));
  ASSERT_EQ(result.size(), 4u);
  ASSERT_TRUE(std::get<1>(result[0]).has_value());
  EXPECT_EQ(std::get<1>(result[0])->name, "Alice");
  EXPECT_FALSE(iceaxe::is_modified(*std::get<1>(result[0])));
  EXPECT_EQ(std::get<1>(result[2])->name, "Carol");
  EXPECT_EQ(std::get<0>(result[3]).name, "Empty");
  EXPECT_EQ(std::get<1>(result[3]), std::nullopt);

  const auto names = rows(select(O.name, E.name, E.nickname)
                              .left_join(table<Employee>, E.office_id == O.id)
                              .where(O.id == OfficeId(3)));
  EXPECT_EQ(
      names,
      (std::vector<std::tuple<std::string, std::optional<std::string>, std::optional<std::string>>>{
          {"Empty", {}, {}}}));
}

TEST_F(QueryExecute, RightAndFullJoins) {
  const auto right =
      rows(select(O.name, E.name).right_join(table<Employee>, E.office_id == O.id).order_by(E.id));
  using Pair = std::tuple<std::optional<std::string>, std::string>;
  EXPECT_EQ(right,
            (std::vector<Pair>{
                {"HQ", "Alice"}, {"HQ", "Bob"}, {"Branch", "Carol"}, {std::nullopt, "Dave"}}));

  const auto full = rows(iceaxe::select<Office, Employee>()
                             .full_join(table<Employee>, E.office_id == O.id)
                             .order_by(O.id)
                             .order_by(E.id));
  ASSERT_EQ(full.size(), 5u);
  EXPECT_EQ(std::get<0>(full[3])->name, "Empty");
  EXPECT_EQ(std::get<1>(full[3]), std::nullopt);
  EXPECT_EQ(std::get<0>(full[4]), std::nullopt);  // NULLs sort last
  EXPECT_EQ(std::get<1>(full[4])->name, "Dave");
}

TEST_F(QueryExecute, OneReadsASingleRow) {
  const auto q = iceaxe::select<Employee>().where(E.age == 40).order_by(E.name).one();
  EXPECT_TRUE(q.build().sql.ends_with(" LIMIT 1"));
  const auto result = rows(q);
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0].name, "Bob");
  EXPECT_TRUE(rows(iceaxe::select<Employee>().where(E.age > 99).one()).empty());
}

TEST_F(QueryExecute, WhereOrderLimitOffset) {
  EXPECT_EQ(rows(select(E.name)
                     .where(E.age >= 30)
                     .order_by(E.age, Order::desc)
                     .order_by(E.name)
                     .limit(2)
                     .offset(1)),
            (Strings{"Dave", "Alice"}));
  EXPECT_EQ(rows(select(E.name)
                     .where(or_(E.nickname == std::nullopt, E.age < 26), E.active)
                     .order_by(E.name)),
            (Strings{"Bob", "Dave"}));
  EXPECT_EQ(rows(select(E.name).where(!E.active.is_(true))), (Strings{"Carol"}));
  EXPECT_EQ(rows(select(E.name).where(E.name.ilike("%O%")).order_by(E.name)),
            (Strings{"Bob", "Carol"}));
  EXPECT_EQ(rows(select(E.name).where(E.nickname.equals(std::optional<std::string>()))),
            Strings{});  // `= NULL` is never true
}

TEST_F(QueryExecute, GroupByHaving) {
  using Row = std::tuple<std::optional<OfficeId>, std::int64_t, std::optional<std::int32_t>>;
  EXPECT_EQ(rows(select(E.office_id, func::count(E.id), func::max(E.age))
                     .group_by(E.office_id)
                     .having(func::count(E.id) > 1)),
            (std::vector<Row>{{OfficeId(1), 2, 40}}));
  EXPECT_EQ(rows(select(E.office_id)
                     .where(E.active)
                     .group_by(E.office_id)
                     .having(func::min(E.age) >= 30)
                     .order_by(E.office_id)),
            (std::vector<std::optional<OfficeId>>{OfficeId(1), std::nullopt}));
}

TEST_F(QueryExecute, DistinctOn) {
  using Row = std::tuple<std::int32_t, std::string>;
  EXPECT_EQ(rows(select(E.age, E.name).distinct_on(E.age).order_by(E.age).order_by(E.name)),
            (std::vector<Row>{{25, "Carol"}, {30, "Alice"}, {40, "Bob"}}));
}

TEST_F(QueryExecute, OrderByAlias) {
  const auto n = alias("n", func::length(E.name));
  using Row = std::tuple<std::string, std::int32_t>;
  EXPECT_EQ(rows(select(E.name, n).order_by(n, Order::desc).order_by(E.name).limit(2)),
            (std::vector<Row>{{"Alice", 5}, {"Carol", 5}}));
}

TEST_F(QueryExecute, ForUpdateLocksTheRows) {
  pg::Connection other = other_connection();
  pg::Transaction tx(conn());
  const auto locked = rows(iceaxe::select<Employee>().where(E.age == 40).for_update());
  EXPECT_EQ(locked.size(), 2u);
  EXPECT_THROW(other.execute("SELECT * FROM query_test_employee WHERE id = 2 FOR UPDATE NOWAIT"),
               iceaxe::LockNotAvailable);
  // Joined: only the tables named in OF are locked.
  const auto office = rows(select(O.name, E.name)
                               .join(table<Employee>, E.office_id == O.id)
                               .where(E.id == 3)
                               .for_update({.nowait = true, .of = {table<Office>}}));
  EXPECT_EQ(office.size(), 1u);
  EXPECT_THROW(other.execute("SELECT * FROM query_test_office WHERE id = 2 FOR UPDATE NOWAIT"),
               iceaxe::LockNotAvailable);
  EXPECT_NO_THROW(
      other.execute("SELECT * FROM query_test_employee WHERE id = 3 FOR UPDATE NOWAIT"));
  tx.rollback();
}

TEST_F(QueryExecute, ForUpdateSkipLockedAndNowait) {
  pg::Connection other = other_connection();
  other.begin();
  other.execute("SELECT * FROM query_test_employee WHERE id = 1 FOR UPDATE");
  pg::Transaction tx(conn());
  EXPECT_EQ(rows(select(E.id).order_by(E.id).for_update({.skip_locked = true})),
            (std::vector<std::optional<std::int64_t>>{2, 3, 4}));
  EXPECT_THROW(rows(select(E.id).where(E.id == 1).for_update({.nowait = true})),
               iceaxe::LockNotAvailable);
  tx.rollback();
  other.rollback();
}

TEST_F(QueryExecute, TextQueryWithHelpersAndAlias) {
  const auto q = select(table<Employee>, alias<std::int64_t>("n"))
                     .text("SELECT " + sql::select<Employee>() + ", count(*) OVER () AS n FROM " +
                               sql::table<Employee>() + " WHERE " + sql::col(E.age) +
                               " = $1 ORDER BY " + sql::col(E.name),
                           40);
  const auto result = rows(q);
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(std::get<0>(result[0]).name, "Bob");
  EXPECT_FALSE(iceaxe::is_modified(std::get<0>(result[0])));
  EXPECT_EQ(std::get<1>(result[0]), 2);
  EXPECT_EQ(std::get<0>(result[1]).name, "Dave");

  EXPECT_EQ(rows(select(alias<std::int64_t>("total"))
                     .text("SELECT count(*) AS total FROM " + sql::table<Office>())),
            (std::vector<std::int64_t>{3}));
}

TEST_F(QueryExecute, EnumAndJsonColumns) {
  using Row = std::tuple<Mood, Settings, nlohmann::json, Strings>;
  EXPECT_EQ(
      row(select(E.mood, E.settings, E.payload, E.tags).where(E.id == 1)),
      (Row{Mood::calm, Settings{.dark_mode = true, .volume = 3}, {{"k", 1}}, {"python", "sql"}}));
  EXPECT_EQ(rows(select(E.name).where(E.mood == Mood::on_leave)), (Strings{"Carol"}));
  EXPECT_EQ(rows(select(E.name).where(E.mood.in_({Mood::busy, Mood::on_leave})).order_by(E.id)),
            (Strings{"Bob", "Carol"}));
  EXPECT_EQ(rows(select(E.name).where(E.mood.not_in({Mood::calm})).order_by(E.id)),
            (Strings{"Bob", "Carol"}));
  EXPECT_EQ(rows(select(E.payload).where(E.id == 3)), (std::vector<nlohmann::json>{nullptr}));
  EXPECT_EQ(rows(select(func::cast<Mood>(func::cast<std::string>(E.mood))).where(E.id == 3)),
            (std::vector<Mood>{Mood::on_leave}));
}

TEST_F(QueryExecute, InWithTenThousandIdsIsOneParameter) {
  std::vector<std::int64_t> ids(10'000);
  std::iota(ids.begin(), ids.end(), 3);
  const auto q = select(E.name).where(E.id.in_(ids)).order_by(E.id);
  EXPECT_EQ(q.build().params.size(), 1u);
  EXPECT_EQ(rows(q), (Strings{"Carol", "Dave"}));
  EXPECT_EQ(rows(select(E.name).where(E.id.not_in(ids)).order_by(E.id)), (Strings{"Alice", "Bob"}));
  EXPECT_EQ(rows(select(E.name).where(E.office_id.in_(std::vector{OfficeId(2), OfficeId(9)}))),
            (Strings{"Carol"}));
  EXPECT_TRUE(rows(select(E.name).where(E.id.in_(std::vector<std::int64_t>{}))).empty());
}

TEST_F(QueryExecute, UpdateCountsAndWrites) {
  EXPECT_EQ(run(update<Employee>().set(E.age, 41).set(E.nickname, "Old").where(E.age == 40)), 2u);
  EXPECT_EQ(count_where("age = 41 AND nickname = 'Old'"), 2);
  EXPECT_EQ(run(update<Employee>().set(E.age, 1).where(E.age > 99)), 0u);
  EXPECT_EQ(run(update<Employee>()
                    .set(E.nickname, std::nullopt)
                    .set(E.office_id, std::optional<OfficeId>())
                    .set(E.settings, Settings{.dark_mode = false, .volume = 11})
                    .set(E.payload, nlohmann::json::array({"a"}))
                    .set(E.mood, Mood::on_leave)
                    .set(E.tags, Strings{"x", "y z"})
                    .set(E.hired_at, at(2001y / 2 / 3, 4h))
                    .where(E.id == 1)),
            1u);
  const Employee alice = row(iceaxe::select<Employee>().where(E.id == 1));
  EXPECT_EQ(alice.nickname, std::nullopt);
  EXPECT_EQ(alice.office_id, std::nullopt);
  EXPECT_EQ(alice.settings, (Settings{.dark_mode = false, .volume = 11}));
  EXPECT_EQ(alice.payload, nlohmann::json::array({"a"}));
  EXPECT_EQ(alice.mood, Mood::on_leave);
  EXPECT_EQ(alice.tags, (Strings{"x", "y z"}));
  EXPECT_EQ(alice.hired_at, at(2001y / 2 / 3, 4h));
  EXPECT_EQ(run(update<Employee>().set(E.active, false)), 4u);  // no WHERE: every row
  EXPECT_EQ(count_where("active"), 0);
}

TEST_F(QueryExecute, DeleteCountsAndRemoves) {
  EXPECT_EQ(run(delete_<Employee>().where(E.office_id == std::nullopt)), 1u);
  EXPECT_EQ(count_where("true"), 3);
  EXPECT_EQ(run(delete_<Employee>().where(E.age > 99)), 0u);
  EXPECT_EQ(run(delete_<Employee>().where(E.active, E.age < 35)), 1u);
  EXPECT_EQ(rows(select(E.name).order_by(E.name)), (Strings{"Bob", "Carol"}));
  EXPECT_EQ(run(delete_<Employee>()), 2u);
  EXPECT_EQ(count_where("true"), 0);
}

TEST_F(QueryExecute, InjectionAttemptsAreData) {
  const Strings attempts = {"'; DROP TABLE query_test_office; --",
                            "$1",
                            "\"quoted\"",
                            "it's",
                            R"(back\slash)",
                            R"(\'; --)"};
  for (std::size_t i = 0; i < attempts.size(); ++i) {
    const std::string& value = attempts[i];
    ASSERT_EQ(run(update<Employee>().set(E.name, value).where(E.id == 1)), 1u) << value;
    EXPECT_EQ(rows(select(E.name).where(E.name == value)), (Strings{value})) << value;
    EXPECT_EQ(row(select(func::concat(E.name, value)).where(E.id == 1)), value + value) << value;
    EXPECT_EQ(rows(select(E.id).where(func::any(E.tags) == value)).size(), 0u) << value;
  }
  EXPECT_EQ(rows(select(func::count(O.id))), (std::vector<std::int64_t>{3}));
}

TEST_F(QueryExecute, EscapedConfigurationLiteralsReachTheServerIntact) {
  for (const std::string_view delimiter : {"it's", R"(a\b)", R"('\)", "$1"}) {
    const std::optional<std::string> joined =
        row(select(func::string_agg(E.name, delimiter)).where(E.id <= 2));
    const std::string d(delimiter);
    EXPECT_TRUE(joined == "Alice" + d + "Bob" || joined == "Bob" + d + "Alice") << d;
  }
}

// ---- func:: builders, each against the server ---------------------------------------------

TEST_F(QueryExecute, AggregateFunctions) {
  using Sums = std::tuple<std::int64_t, std::int64_t, std::optional<std::int64_t>,
                          std::optional<std::int64_t>, std::optional<Numeric>, std::optional<float>,
                          std::optional<double>, std::optional<Numeric>>;
  EXPECT_EQ(
      row(select(func::count(M.id), func::count(M.maybe), func::sum(M.small), func::sum(M.medium),
                 func::sum(M.large), func::sum(M.single), func::sum(M.ratio), func::sum(M.amount))),
      (Sums{2, 1, 5, 6, Numeric(9'000'000'001), 4.0f, 6.75, Numeric("12.75")}));
  using Averages = std::tuple<std::optional<Numeric>, std::optional<Numeric>,
                              std::optional<Numeric>, std::optional<double>, std::optional<double>>;
  EXPECT_EQ(row(select(func::avg(M.medium), func::avg(M.large), func::avg(M.amount),
                       func::avg(M.ratio), func::avg(M.single))),
            (Averages{Numeric(3), Numeric("4500000000.5"), Numeric("6.375"), 3.375, 2.0}));
  using Extremes = std::tuple<std::optional<std::int32_t>, std::optional<std::int32_t>,
                              std::optional<year_month_day>, std::optional<LocalTimestamp>,
                              std::optional<std::string>>;
  EXPECT_EQ(
      row(select(func::min(M.medium), func::max(M.maybe), func::max(M.day), func::min(M.wall),
                 func::max(E.name))
              .join(table<Employee>, E.id == M.id)),
      (Extremes{-4, 7, 2024y / 2 / 29, local_days(2023y / 12 / 31) + 23h + 59min + 59s, "Bob"}));
  const auto [mediums, maybes] = row(select(func::array_agg(M.medium), func::array_agg(M.maybe)));
  EXPECT_EQ(sorted(mediums.value()), (Ints{-4, 10}));
  EXPECT_EQ(sorted(maybes.value()), (std::vector<std::optional<std::int32_t>>{std::nullopt, 7}));
  EXPECT_EQ(row(select(func::count(func::distinct(E.age)))), 3);
  std::vector<std::string> names;
  std::istringstream joined(row(select(func::string_agg(E.name, ","))).value());
  for (std::string name; std::getline(joined, name, ',');) names.push_back(name);
  EXPECT_EQ(sorted(names), (Strings{"Alice", "Bob", "Carol", "Dave"}));
}

TEST_F(QueryExecute, AggregatesOfNoRows) {
  using Row =
      std::tuple<std::int64_t, std::optional<std::int64_t>, std::optional<Numeric>,
                 std::optional<double>, std::optional<std::int32_t>, std::optional<std::string>,
                 std::optional<Ints>, std::optional<std::string>>;
  EXPECT_EQ(row(select(func::count(M.id), func::sum(M.medium), func::sum(M.large),
                       func::avg(M.ratio), func::max(M.maybe), func::min(M.label),
                       func::array_agg(M.medium), func::string_agg(M.label, ","))
                    .where(M.id < 0)),
            (Row{0, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                 std::nullopt, std::nullopt}));
}

TEST_F(QueryExecute, MathFunctions) {
  using Row = std::tuple<std::int32_t, double, Numeric, double, double, Numeric, double, double,
                         double, std::optional<double>, std::int16_t>;
  EXPECT_EQ(row(select(func::abs(M.medium), func::round(M.ratio), func::round(M.amount),
                       func::round(M.medium), func::ceil(M.single), func::floor(M.amount),
                       func::floor(M.ratio), func::power(M.small, 3), func::power(M.ratio, 2),
                       func::ceil(M.maybe_ratio), func::abs(M.small))
                    .where(M.id == 1)),
            (Row{10, 3.0, Numeric(13), 10.0, 2.0, Numeric(12), 2.0, 8.0, 7.5625, std::nullopt, 2}));
  EXPECT_EQ(row(select(func::abs(M.medium)).where(M.id == 2)), 4);
  EXPECT_DOUBLE_EQ(row(select(func::sqrt(M.medium)).where(M.id == 1)), std::sqrt(10.0));
  EXPECT_EQ(row(select(func::sqrt(M.large)).where(M.id == 2)), 1.0);
  EXPECT_EQ(row(select(func::power(M.amount, 2)).where(M.id == 2)), Numeric("0.0625"));
}

TEST_F(QueryExecute, StringFunctions) {
  using Row = std::tuple<std::string, std::string, std::int32_t, std::string, std::string,
                         std::string, std::optional<std::int32_t>, std::optional<std::string>>;
  EXPECT_EQ(row(select(func::lower(M.label), func::upper(M.label), func::length(M.label),
                       func::trim(M.label), func::substring(M.label, 2, 5),
                       func::concat(M.label, "-", M.medium, M.maybe_label),
                       func::length(M.maybe_label), func::upper(M.maybe_label))
                    .where(M.id == 1)),
            (Row{" hello world ", " HELLO WORLD ", 13, "Hello World", "Hello", " Hello World -10",
                 std::nullopt, std::nullopt}));
}

TEST_F(QueryExecute, DateFunctions) {
  using Row = std::tuple<LocalTimestamp, std::optional<Timestamp>, double, double, Numeric, Numeric,
                         Interval, std::string, std::string>;
  EXPECT_EQ(
      row(select(func::date_trunc("month", M.wall), func::date_trunc("day", M.maybe_at),
                 func::date_part("dow", M.wall), func::date_part("year", M.day),
                 func::extract("epoch", M.wall), func::extract("year", M.day),
                 func::age(M.wall, M.wall), func::to_char(M.wall, "YYYY-MM-DD HH24:MI"),
                 func::to_char(M.day, "DD.MM.YYYY"))
              .where(M.id == 1)),
      (Row{LocalTimestamp(local_days(2024y / 2 / 1)), at(2024y / 3 / 1), 4.0, 2024.0,
           Numeric("1709214330.5"), Numeric(2024), Interval{}, "2024-02-29 13:45", "29.02.2024"}));
  // age(a, b) counts whole years, months and days: 2020-01-15 10:00 to 2024-03-01 00:00.
  EXPECT_EQ(row(select(func::age(M.maybe_at, E.hired_at))
                    .join(table<Employee>, E.id == 1)
                    .where(M.id == 1)),
            (Interval{.months = 4 * 12 + 1, .days = 16, .microseconds = 14 * 3'600'000'000LL}));
  EXPECT_GT(row(select(func::age(M.wall)).where(M.id == 1)).months, 0);  // from today
  EXPECT_EQ(row(select(func::date(E.hired_at)).where(E.id == 1)), 2020y / 1 / 15);
  EXPECT_EQ(row(select(func::date_trunc("month", M.day)).where(M.id == 1)), at(2024y / 2 / 1));
  using Nullable = std::tuple<std::optional<double>, std::optional<Timestamp>, Numeric>;
  EXPECT_EQ(row(select(func::date_part("year", M.maybe_at),
                       func::to_timestamp(M.maybe_label, "YYYY-MM-DD HH24:MI:SS"),
                       func::to_number(M.label, "9999.9"))
                    .where(M.id == 2)),
            (Nullable{std::nullopt, at(2023y / 5 / 6, 7h + 8min + 9s), Numeric("1234.5")}));
}

TEST_F(QueryExecute, ArrayFunctions) {
  EXPECT_EQ(rows(select(func::unnest(M.numbers)).where(M.id == 1)), (Ints{1, 2, 3, 2}));
  EXPECT_EQ(rows(select(func::unnest(E.tags)).where(E.id == 1)), (Strings{"python", "sql"}));
  using Row = std::tuple<Ints, Ints, Ints, Ints, std::optional<std::int32_t>,
                         std::optional<std::int32_t>, Ints, Strings>;
  EXPECT_EQ(row(select(func::array_append(M.numbers, 9), func::array_prepend(0, M.numbers),
                       func::array_cat(M.numbers, Ints{7}), func::array_cat(M.numbers, M.numbers),
                       func::array_position(M.numbers, 2), func::array_position(M.numbers, 9),
                       func::array_remove(M.numbers, 2), func::array_append(E.tags, "it's"))
                    .join(table<Employee>, E.id == M.id)
                    .where(M.id == 1)),
            (Row{{1, 2, 3, 2, 9},
                 {0, 1, 2, 3, 2},
                 {1, 2, 3, 2, 7},
                 {1, 2, 3, 2, 1, 2, 3, 2},
                 2,
                 std::nullopt,
                 {1, 3},
                 {"python", "sql", "it's"}}));
}

TEST_F(QueryExecute, ArrayConditions) {
  using Ids = std::vector<std::optional<std::int64_t>>;
  const auto ids = [&](const iceaxe::Condition& c) {
    return rows(select(M.id).where(c).order_by(M.id));
  };
  EXPECT_EQ(ids(2 == func::any(M.numbers)), (Ids{1}));
  EXPECT_EQ(ids(func::any(M.numbers) > 2), (Ids{1}));  // some element above 2
  EXPECT_EQ(ids(func::all(M.numbers) < 3), (Ids{2}));  // every element below 3 (none: true)
  EXPECT_EQ(ids(func::all(M.numbers) >= 1), (Ids{1, 2}));
  EXPECT_EQ(ids(3 <= func::all(M.numbers)), (Ids{2}));  // 3 at most every element
  EXPECT_EQ(ids(func::any(M.numbers) != 1), (Ids{1}));
  EXPECT_EQ(rows(select(M.id).where(func::array_contains(M.numbers, {2, 3}))), (Ids{1}));
  EXPECT_EQ(rows(select(M.id).where(func::array_contained_by(M.numbers, {1, 2, 3})).order_by(M.id)),
            (Ids{1, 2}));
  EXPECT_EQ(rows(select(M.id).where(func::array_overlaps(M.numbers, {3, 9}))), (Ids{1}));
  EXPECT_EQ(rows(select(E.name).where(func::array_contains(E.tags, {"python"})).order_by(E.id)),
            (Strings{"Alice", "Dave"}));
  EXPECT_EQ(rows(select(E.name).where(func::any(E.tags) == "cpp")), (Strings{"Bob"}));
  EXPECT_EQ(rows(select(E.name).where(func::array_overlaps(E.tags, {"cpp", "go"}))),
            (Strings{"Bob"}));
  EXPECT_EQ(rows(select(E.name)
                     .where(func::array_contained_by(E.tags, {"sql", "python", "cpp"}))
                     .order_by(E.id)),
            (Strings{"Alice", "Bob", "Carol", "Dave"}));
  EXPECT_EQ(rows(select(E.name).where(E.tags == Strings{"python", "sql"})), (Strings{"Alice"}));
  EXPECT_EQ(rows(select(E.name).where(E.tags.equals(Strings{}))), (Strings{"Carol"}));
  EXPECT_EQ(row(select(func::array_cat(E.tags, Strings{"a\"b", "c,d"})).where(E.id == 2)),
            (Strings{"cpp", "a\"b", "c,d"}));
}

TEST_F(QueryExecute, CastFunction) {
  using Row = std::tuple<std::int32_t, std::string, Numeric, std::vector<std::int64_t>,
                         std::optional<double>, std::string>;
  EXPECT_EQ(
      row(select(func::cast<std::int32_t>(M.ratio), func::cast<std::string>(M.medium),
                 func::cast<Numeric>(M.ratio), func::cast<std::vector<std::int64_t>>(M.numbers),
                 func::cast<double>(M.maybe_ratio), func::cast<std::string>(M.day))
              .where(M.id == 1)),
      (Row{3, "10", Numeric("2.75"), {1, 2, 3, 2}, std::nullopt, "2024-02-29"}));
}

TEST_F(QueryExecute, TextSearchFunctions) {
  const auto vector = func::to_tsvector("english", M.label);
  const auto query = func::to_tsquery("english", "worlds");
  const auto result = rows(select(M.id, alias("rank", func::ts_rank(vector, query)),
                                  func::ts_rank(func::setweight(vector, "A"), query),
                                  func::ts_headline("english", M.label, query))
                               .where(func::matches(vector, query))
                               .order_by(alias<float>("rank"), Order::desc));
  ASSERT_EQ(result.size(), 1u);
  const auto& [id, rank, weighted, headline] = result[0];
  EXPECT_EQ(id, 1);
  EXPECT_EQ(rank, conn().fetch_value<float>(
                      "SELECT ts_rank(to_tsvector('english', label), to_tsquery('english', "
                      "'worlds')) FROM query_test_metric WHERE id = 1"));
  EXPECT_GT(weighted, rank);  // weight A counts more than the default D
  EXPECT_EQ(headline, " Hello <b>World</b> ");
  // The query text is a value: quotes in it are data (a tsquery quoting them as lexemes).
  EXPECT_TRUE(
      rows(select(M.id).where(func::matches(vector, func::to_tsquery("english", "'it''s'"))))
          .empty());
}

// ---- failures -----------------------------------------------------------------------------

template <class E, class F>
std::string error_message(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

TEST_F(QueryExecute, TextColumnTypeMismatchIsAClearError) {
  const std::string message = error_message<iceaxe::ValueError>(
      [&] { rows(select(E.name, E.age).text("SELECT 'x'::text AS a, 'y'::text AS b")); });
  EXPECT_NE(message.find("cannot be read as"), std::string::npos) << message;
  EXPECT_NE(message.find("\"b\""), std::string::npos) << message;
  EXPECT_THROW(rows(iceaxe::select<Office>().text("SELECT 'x'::text, 'y'::text, NULL::text")),
               iceaxe::ValueError);
  EXPECT_THROW(rows(select(E.name).text("SELECT NULL::text")), iceaxe::ValueError);
  EXPECT_THROW(rows(select(E.mood).text("SELECT 'sleepy'::text")), iceaxe::ValueError);
}

TEST_F(QueryExecute, TextColumnCountMismatchIsAUsageError) {
  const std::string message = error_message<iceaxe::UsageError>(
      [&] { rows(select(E.name, E.age).text("SELECT 'x'::text")); });
  EXPECT_NE(message.find("1 columns where the select's elements need 2"), std::string::npos)
      << message;
  EXPECT_THROW(rows(iceaxe::select<Office>().text("SELECT 1::bigint, 'x'::text")),
               iceaxe::UsageError);
  EXPECT_THROW(rows(select(table<Office>, alias<std::int64_t>("n"))
                        .text("SELECT " + sql::select<Office>() + " FROM " + sql::table<Office>())),
               iceaxe::UsageError);
}

TEST_F(QueryExecute, UnknownDateFieldFailsBeforeAnythingIsSent) {
  const std::size_t prepared = conn().statement_cache_size();
  EXPECT_THROW(rows(select(func::date_part("fortnight", M.wall))), iceaxe::ValueError);
  EXPECT_THROW(rows(select(M.id).where(func::extract("days", M.day) > 1)), iceaxe::ValueError);
  EXPECT_EQ(conn().statement_cache_size(), prepared);
}

}  // namespace
}  // namespace query_test
