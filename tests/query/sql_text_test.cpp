// The SQL text and parameters the query builder produces, without a server: the reference's
// cases (reference/iceaxe-behaviour.md §2.10) in the C++ API, with our decisions (quoted and
// escaped identifiers, every value a parameter, escaped configuration literals, groups
// always parenthesised), and the rules around them: value semantics, parameter numbering,
// FOR UPDATE merging, every comparison, update / delete, text() and the sql:: helpers.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/models.hpp"

namespace query_test {
namespace {

using iceaxe::alias;
using iceaxe::and_;
using iceaxe::BuiltQuery;
using iceaxe::delete_;
using iceaxe::or_;
using iceaxe::Order;
using iceaxe::select;
using iceaxe::table;
using iceaxe::update;
namespace func = iceaxe::func;
namespace sql = iceaxe::sql;
namespace oid = iceaxe::pg::oid;
using Strings = std::vector<std::string>;

const std::string office_columns = R"("query_test_office"."id" AS "query_test_office_id", )"
                                   R"("query_test_office"."name" AS "query_test_office_name", )"
                                   R"("query_test_office"."city" AS "query_test_office_city")";

// Every stored field of Employee (not `scratch`, which is excluded).
const std::string employee_columns =
    R"("query_test_employee"."id" AS "query_test_employee_id", )"
    R"("query_test_employee"."name" AS "query_test_employee_name", )"
    R"("query_test_employee"."age" AS "query_test_employee_age", )"
    R"("query_test_employee"."nickname" AS "query_test_employee_nickname", )"
    R"("query_test_employee"."office_id" AS "query_test_employee_office_id", )"
    R"("query_test_employee"."tags" AS "query_test_employee_tags", )"
    R"("query_test_employee"."mood" AS "query_test_employee_mood", )"
    R"("query_test_employee"."settings" AS "query_test_employee_settings", )"
    R"("query_test_employee"."payload" AS "query_test_employee_payload", )"
    R"("query_test_employee"."hired_at" AS "query_test_employee_hired_at", )"
    R"("query_test_employee"."active" AS "query_test_employee_active")";

const std::string select_office = "SELECT " + office_columns + R"( FROM "query_test_office")";
const std::string select_employee = "SELECT " + employee_columns + R"( FROM "query_test_employee")";
const std::string select_employee_id =
    R"(SELECT "query_test_employee"."id" AS "query_test_employee_id" FROM "query_test_employee")";

// The SQL of a condition alone, as `SELECT ... FROM "query_test_employee" WHERE <it>` shows it.
template <class C>
std::string where_sql(const C& condition) {
  const std::string sql = select(E.id).where(condition).build().sql;
  return sql.substr(select_employee_id.size() + std::string_view(" WHERE ").size());
}
template <class C>
Strings where_params(const C& condition) {
  return select(E.id).where(condition).build().params.render_all();
}

// ---- the reference's cases ----------------------------------------------------------------

TEST(QuerySqlText, SelectWholeModel) {
  const BuiltQuery built = iceaxe::select<Office>().build();
  EXPECT_EQ(built.sql,
            R"(SELECT "query_test_office"."id" AS "query_test_office_id", )"
            R"("query_test_office"."name" AS "query_test_office_name", )"
            R"("query_test_office"."city" AS "query_test_office_city" FROM "query_test_office")");
  EXPECT_TRUE(built.params.empty());
}

TEST(QuerySqlText, SelectModelLeavesOutExcludedFields) {
  EXPECT_EQ(iceaxe::select<Employee>().build().sql, select_employee);
}

TEST(QuerySqlText, OneAddsLimitOne) {
  EXPECT_EQ(iceaxe::select<Office>().one().build().sql, select_office + " LIMIT 1");
}

TEST(QuerySqlText, SelectOneColumn) {
  EXPECT_EQ(select(O.name).build().sql,
            R"(SELECT "query_test_office"."name" AS "query_test_office_name" )"
            R"(FROM "query_test_office")");
}

TEST(QuerySqlText, WhereBindsTheValue) {
  const BuiltQuery built = select(E.id).where(E.id > 0).build();
  EXPECT_EQ(built.sql, select_employee_id + R"( WHERE "query_test_employee"."id" > $1)");
  ASSERT_EQ(built.params.size(), 1u);
  EXPECT_EQ(built.params.render(0), "0");
  EXPECT_EQ(built.params.type(0), oid::int8);  // bound as the column's type
}

TEST(QuerySqlText, ColumnEqualsColumnIsNullSafe) {
  const BuiltQuery built = select(O.id).where(O.name == O.city).build();
  EXPECT_EQ(built.sql,
            R"(SELECT "query_test_office"."id" AS "query_test_office_id" FROM "query_test_office")"
            R"( WHERE "query_test_office"."name" IS NOT DISTINCT FROM "query_test_office"."city")");
  EXPECT_TRUE(built.params.empty());
}

TEST(QuerySqlText, SeveralWhereConditionsAreAnded) {
  const BuiltQuery built = select(E.id).where(E.id > 0, E.name == "John").build();
  EXPECT_EQ(built.sql, select_employee_id + R"( WHERE "query_test_employee"."id" > $1)"
                                            R"( AND "query_test_employee"."name" = $2)");
  EXPECT_EQ(built.params.render_all(), (Strings{"0", "John"}));
}

TEST(QuerySqlText, WhereCallsAccumulate) {
  EXPECT_EQ(select(E.id).where(E.id > 0).where(E.age < 9).build().sql,
            select_employee_id +
                R"( WHERE "query_test_employee"."id" > $1 AND "query_test_employee"."age" < $2)");
}

TEST(QuerySqlText, ANamedConditionStaysUsable) {
  const iceaxe::Condition adult = E.age >= 18;
  iceaxe::Condition john = E.name == "John";
  const auto q1 = select(E.id).where(adult, john);
  const auto q2 = select(E.id).where(john).where(adult).having(adult);
  const auto q3 = delete_<Employee>().where(john);
  EXPECT_EQ(q1.build().params.render_all(), (Strings{"18", "John"}));
  EXPECT_EQ(q2.build().params.render_all(), (Strings{"John", "18", "18"}));
  EXPECT_EQ(q3.build().params.render_all(), (Strings{"John"}));
  EXPECT_EQ(john.fragment().sql,
            R"("query_test_employee"."name" = )" + std::string(1, iceaxe::detail::param_marker));
  EXPECT_EQ(john.fragment().params.render_all(), (Strings{"John"}));
}

TEST(QuerySqlText, OrderBy) {
  EXPECT_EQ(select(E.id).order_by(E.id, Order::desc).order_by(E.name, Order::asc).build().sql,
            select_employee_id +
                R"( ORDER BY "query_test_employee"."id" DESC, "query_test_employee"."name" ASC)");
  EXPECT_EQ(select(E.id).order_by(E.age).build().sql,
            select_employee_id + R"( ORDER BY "query_test_employee"."age" ASC)");
}

TEST(QuerySqlText, JoinsRenderColumnEqualityAsEquals) {
  const std::string head =
      R"(SELECT "query_test_employee"."id" AS "query_test_employee_id", )"
      R"("query_test_office"."name" AS "query_test_office_name" FROM "query_test_employee" )";
  const std::string on =
      R"( JOIN "query_test_office" ON "query_test_employee"."office_id" = "query_test_office"."id")";
  const auto q = select(E.id, O.name);
  EXPECT_EQ(q.join(table<Office>, E.office_id == O.id).build().sql, head + "INNER" + on);
  EXPECT_EQ(q.left_join(table<Office>, E.office_id == O.id).build().sql, head + "LEFT" + on);
  EXPECT_EQ(q.right_join(table<Office>, E.office_id == O.id).build().sql, head + "RIGHT" + on);
  EXPECT_EQ(q.full_join(table<Office>, E.office_id == O.id).build().sql, head + "FULL" + on);
}

TEST(QuerySqlText, JoinConditionVariants) {
  const std::string head = select_employee_id + R"( INNER JOIN "query_test_office" ON )";
  EXPECT_EQ(select(E.id).join(table<Office>, E.office_id != O.id).build().sql,
            head + R"("query_test_employee"."office_id" != "query_test_office"."id")");
  // An explicit method keeps its operator.
  EXPECT_EQ(select(E.id).join(table<Office>, E.office_id.is_not_distinct_from(O.id)).build().sql,
            head + R"("query_test_employee"."office_id" IS NOT DISTINCT FROM )"
                   R"("query_test_office"."id")");
  // A value in the ON clause is a parameter, numbered before the WHERE clause's.
  const BuiltQuery built =
      select(E.id).join(table<Office>, O.name == "HQ").where(E.age > 30).build();
  EXPECT_EQ(built.sql, head + R"("query_test_office"."name" = $1)"
                              R"( WHERE "query_test_employee"."age" > $2)");
  EXPECT_EQ(built.params.render_all(), (Strings{"HQ", "30"}));
}

TEST(QuerySqlText, GroupsInJoinsKeepTheJoinForm) {
  const std::string head = select_employee_id + R"( INNER JOIN "query_test_office" ON )";
  EXPECT_EQ(select(E.id).join(table<Office>, E.office_id == O.id && O.name == "HQ").build().sql,
            head + R"(("query_test_employee"."office_id" = "query_test_office"."id" AND )"
                   R"("query_test_office"."name" = $1))");
  EXPECT_EQ(select(E.id).join(table<Office>, !(E.office_id != O.id)).build().sql,
            head + R"(NOT ("query_test_employee"."office_id" != "query_test_office"."id"))");
  // The same groups in WHERE stay null-safe.
  EXPECT_EQ(where_sql(E.office_id == O.id && O.name == "HQ"),
            R"(("query_test_employee"."office_id" IS NOT DISTINCT FROM "query_test_office"."id")"
            R"( AND "query_test_office"."name" = $1))");
}

TEST(QuerySqlText, NegativeLimitOrOffsetIsRefused) {
  EXPECT_THROW(select(E.id).limit(-1), iceaxe::ValueError);
  EXPECT_THROW(select(E.id).offset(-5), iceaxe::ValueError);
}

TEST(QuerySqlText, LimitAndOffsetAreInlined) {
  const BuiltQuery built = select(E.id).limit(10).offset(5).build();
  EXPECT_EQ(built.sql, select_employee_id + " LIMIT 10 OFFSET 5");
  EXPECT_TRUE(built.params.empty());
}

TEST(QuerySqlText, GroupByWithAggregate) {
  EXPECT_EQ(select(E.name, func::count(E.id)).group_by(E.name).build().sql,
            R"(SELECT "query_test_employee"."name" AS "query_test_employee_name", )"
            R"(count("query_test_employee"."id") AS aggregate_0 FROM "query_test_employee" )"
            R"(GROUP BY "query_test_employee"."name")");
}

TEST(QuerySqlText, UpdateQuotesTheSetColumn) {
  const BuiltQuery built = update<Employee>().set(E.name, "John").where(E.id == 1).build();
  EXPECT_EQ(built.sql, R"(UPDATE "query_test_employee" SET "name" = $1)"
                       R"( WHERE "query_test_employee"."id" = $2)");
  EXPECT_EQ(built.params.render_all(), (Strings{"John", "1"}));
}

TEST(QuerySqlText, Delete) {
  const BuiltQuery built = delete_<Employee>().where(E.id == 1).build();
  EXPECT_EQ(built.sql,
            R"(DELETE FROM "query_test_employee" WHERE "query_test_employee"."id" = $1)");
  EXPECT_EQ(built.params.render_all(), (Strings{"1"}));
  EXPECT_EQ(delete_<Employee>().build().sql, R"(DELETE FROM "query_test_employee")");
}

TEST(QuerySqlText, TextIsReturnedVerbatimWithItsValues) {
  const BuiltQuery built =
      iceaxe::select<Employee>().text("SELECT * FROM users WHERE id = $1", 1).build();
  EXPECT_EQ(built.sql, "SELECT * FROM users WHERE id = $1");
  EXPECT_EQ(built.params.render_all(), (Strings{"1"}));
  EXPECT_EQ(built.params.type(0), oid::int4);
}

TEST(QuerySqlText, TextReplacesTheWholeStatement) {
  const BuiltQuery built = iceaxe::select<Employee>()
                               .where(E.id == 1)
                               .order_by(E.name)
                               .limit(3)
                               .for_update()
                               .text("SELECT 1")
                               .build();
  EXPECT_EQ(built.sql, "SELECT 1");
  EXPECT_TRUE(built.params.empty());
}

TEST(QuerySqlText, NestedGroupsAreParenthesised) {
  const BuiltQuery built =
      select(E.id).where(and_(or_(E.name == E.nickname, E.id > 0), E.id < 10)).build();
  EXPECT_EQ(built.sql, select_employee_id +
                           R"( WHERE (("query_test_employee"."name" IS NOT DISTINCT FROM )"
                           R"("query_test_employee"."nickname" OR "query_test_employee"."id" > $1))"
                           R"( AND "query_test_employee"."id" < $2))");
  EXPECT_EQ(built.params.render_all(), (Strings{"0", "10"}));
}

TEST(QuerySqlText, DistinctOn) {
  EXPECT_EQ(
      select(E.name, E.nickname).distinct_on(E.name, E.nickname).build().sql,
      R"(SELECT DISTINCT ON ("query_test_employee"."name", "query_test_employee"."nickname") )"
      R"("query_test_employee"."name" AS "query_test_employee_name", )"
      R"("query_test_employee"."nickname" AS "query_test_employee_nickname" )"
      R"(FROM "query_test_employee")");
}

TEST(QuerySqlText, ForUpdateOfTablesSortedAndMerged) {
  const auto q = iceaxe::select<Employee, Office>().join(table<Office>, E.office_id == O.id);
  const std::string head = "SELECT " + employee_columns + ", " + office_columns +
                           R"( FROM "query_test_employee" INNER JOIN "query_test_office" ON )"
                           R"("query_test_employee"."office_id" = "query_test_office"."id")";
  EXPECT_EQ(q.for_update({.of = {table<Office>}}).for_update({.of = {table<Employee>}}).build().sql,
            head + R"( FOR UPDATE OF "query_test_employee", "query_test_office")");
  EXPECT_EQ(q.for_update({.of = {table<Employee>, table<Office>, table<Employee>}})
                .for_update({.of = {table<Office>}})
                .build()
                .sql,
            head + R"( FOR UPDATE OF "query_test_employee", "query_test_office")");
}

TEST(QuerySqlText, ForUpdateFlags) {
  const auto q = iceaxe::select<Office>();
  EXPECT_EQ(q.for_update().build().sql, select_office + " FOR UPDATE");
  EXPECT_EQ(q.for_update({.of = {table<Office>}}).for_update({.nowait = true}).build().sql,
            select_office + R"( FOR UPDATE OF "query_test_office" NOWAIT)");
  EXPECT_EQ(q.for_update({.skip_locked = true}).build().sql,
            select_office + " FOR UPDATE SKIP LOCKED");
  // Flags are OR-ed across calls, and NOWAIT wins over SKIP LOCKED.
  EXPECT_EQ(q.for_update({.nowait = true}).for_update({.skip_locked = true}).build().sql,
            select_office + " FOR UPDATE NOWAIT");
  EXPECT_EQ(q.for_update({.nowait = true, .skip_locked = true}).build().sql,
            select_office + " FOR UPDATE NOWAIT");
}

TEST(QuerySqlText, AnyAndAllBindTheValue) {
  const BuiltQuery any = iceaxe::select<Employee>().where(func::any(E.tags) == "python").build();
  EXPECT_EQ(any.sql, select_employee + R"( WHERE $1 = ANY("query_test_employee"."tags"))");
  EXPECT_EQ(any.params.render_all(), (Strings{"python"}));
  // The value may come first; an order comparison is mirrored so it reads the same.
  EXPECT_EQ(where_sql("python" == func::any(E.tags)), R"($1 = ANY("query_test_employee"."tags"))");
  EXPECT_EQ(where_sql("a" >= func::all(E.tags)), R"($1 >= ALL("query_test_employee"."tags"))");
  EXPECT_EQ(where_sql(func::all(E.tags) >= "a"), R"($1 <= ALL("query_test_employee"."tags"))");
  EXPECT_EQ(where_sql(func::any(E.tags) < "m"), R"($1 > ANY("query_test_employee"."tags"))");
  EXPECT_EQ(where_sql(func::any(E.tags) != "x"), R"($1 != ANY("query_test_employee"."tags"))");
  EXPECT_EQ(where_sql(func::all(M.numbers) > 3), R"($1 < ALL("query_test_metric"."numbers"))");
}

TEST(QuerySqlText, ArrayOperatorsBindOneArrayAndNeedNoComparison) {
  const BuiltQuery built =
      iceaxe::select<Employee>().where(func::array_contains(E.tags, {"a", "b"})).build();
  EXPECT_EQ(built.sql, select_employee + R"( WHERE "query_test_employee"."tags" @> $1)");
  // Strings go as an untyped text literal, read as the column's type: `varchar[] @> text[]`
  // would have no operator (a column with explicit_type varchar).
  ASSERT_EQ(built.params.size(), 1u);
  EXPECT_TRUE(built.params.is_text(0));
  EXPECT_EQ(built.params.type(0), oid::unspecified);
  EXPECT_EQ(built.params.value(0), R"({"a","b"})");
  EXPECT_EQ(where_params(func::array_overlaps(E.tags, {R"(q"uo\te)", "x,y"})),
            (Strings{R"('{"q\"uo\\te","x,y"}')"}));
  EXPECT_EQ(where_params(func::array_overlaps(M.numbers, {1, 2})), (Strings{"{1,2}"}));
  EXPECT_EQ(where_sql(func::array_contained_by(E.tags, {"a"}) == true),
            R"("query_test_employee"."tags" <@ $1 = $2)");
  EXPECT_EQ(where_sql(func::array_overlaps(E.tags, {"a"}).is_(true)),
            R"("query_test_employee"."tags" && $1 IS TRUE)");
}

TEST(QuerySqlText, CastsAndConversions) {
  EXPECT_EQ(select(func::cast<std::int32_t>(M.ratio), func::cast<Mood>(M.label),
                   func::to_char(M.wall, "YYYY-MM-DD"), func::to_number(M.label, "999999.99"),
                   func::to_timestamp(M.label, "YYYY-MM-DD HH24:MI:SS"))
                .build()
                .sql,
            R"(SELECT cast("query_test_metric"."ratio" as integer) AS aggregate_0, )"
            R"(cast("query_test_metric"."label" as mood) AS aggregate_1, )"
            R"(to_char("query_test_metric"."wall", 'YYYY-MM-DD') AS aggregate_2, )"
            R"(to_number("query_test_metric"."label", '999999.99') AS aggregate_3, )"
            R"(to_timestamp("query_test_metric"."label", 'YYYY-MM-DD HH24:MI:SS') AS aggregate_4 )"
            R"(FROM "query_test_metric")");
}

TEST(QuerySqlText, GroupByFunction) {
  EXPECT_EQ(select(func::date_trunc("month", E.hired_at), func::count(E.id))
                .group_by(func::date_trunc("month", E.hired_at))
                .build()
                .sql,
            R"(SELECT date_trunc('month', "query_test_employee"."hired_at") AS aggregate_0, )"
            R"(count("query_test_employee"."id") AS aggregate_1 FROM "query_test_employee" )"
            R"(GROUP BY date_trunc('month', "query_test_employee"."hired_at"))");
}

TEST(QuerySqlText, InAndNotInBindOneArray) {
  const std::vector<std::string> names = {"John", "Jane"};
  EXPECT_EQ(where_sql(E.name.in_(names)), R"("query_test_employee"."name" = ANY($1))");
  EXPECT_EQ(where_params(E.name.in_(names)), (Strings{"{John,Jane}"}));
  EXPECT_EQ(where_sql(E.name.not_in(names)), R"("query_test_employee"."name" != ALL($1))");
  EXPECT_EQ(where_params(E.name.not_in(names)), (Strings{"{John,Jane}"}));
}

TEST(QuerySqlText, NullComparisons) {
  EXPECT_EQ(where_sql(E.nickname == std::nullopt), R"("query_test_employee"."nickname" IS NULL)");
  EXPECT_EQ(where_sql(std::nullopt == E.nickname), R"("query_test_employee"."nickname" IS NULL)");
  EXPECT_EQ(where_sql(E.nickname != std::nullopt),
            R"("query_test_employee"."nickname" IS NOT NULL)");
  EXPECT_EQ(where_sql(std::nullopt != E.nickname),
            R"("query_test_employee"."nickname" IS NOT NULL)");
  EXPECT_EQ(where_sql(E.name != E.nickname),
            R"("query_test_employee"."name" IS DISTINCT FROM "query_test_employee"."nickname")");
  // equals() is not null-safe: an empty optional reads `= NULL` (never true).
  EXPECT_EQ(where_sql(E.nickname.equals(std::optional<std::string>())),
            R"("query_test_employee"."nickname" = NULL)");
}

TEST(QuerySqlText, HavingNumbersAfterWhere) {
  const BuiltQuery built = select(E.name, func::count(E.id))
                               .where(E.id > 0)
                               .group_by(E.name)
                               .having(func::count(E.id) > 1)
                               .build();
  EXPECT_EQ(built.sql,
            R"(SELECT "query_test_employee"."name" AS "query_test_employee_name", )"
            R"(count("query_test_employee"."id") AS aggregate_0 FROM "query_test_employee" )"
            R"(WHERE "query_test_employee"."id" > $1 GROUP BY "query_test_employee"."name" )"
            R"(HAVING count("query_test_employee"."id") > $2)");
  EXPECT_EQ(built.params.render_all(), (Strings{"0", "1"}));
  EXPECT_EQ(built.params.type(1), oid::int8);  // count is bigint
}

TEST(QuerySqlText, HavingComparesFunctions) {
  const BuiltQuery built = select(E.name)
                               .group_by(E.name)
                               .having(func::count(E.id) > func::max(E.id), func::count(E.id) < 9)
                               .build();
  EXPECT_EQ(built.sql.substr(built.sql.find(" HAVING")),
            R"( HAVING count("query_test_employee"."id") > max("query_test_employee"."id"))"
            R"( AND count("query_test_employee"."id") < $1)");
}

TEST(QuerySqlText, UpdateSeveralColumns) {
  const BuiltQuery built =
      update<Employee>().set(E.name, "a").set(E.nickname, "b").where(E.id == 3).build();
  EXPECT_EQ(built.sql, R"(UPDATE "query_test_employee" SET "name" = $1, "nickname" = $2)"
                       R"( WHERE "query_test_employee"."id" = $3)");
  EXPECT_EQ(built.params.render_all(), (Strings{"a", "b", "3"}));
}

TEST(QuerySqlText, CountDistinct) {
  EXPECT_EQ(select(func::count(func::distinct(E.name))).build().sql,
            R"(SELECT count(distinct "query_test_employee"."name") AS aggregate_0 )"
            R"(FROM "query_test_employee")");
}

TEST(QuerySqlText, AliasesAreQuotedAndFunctionAliasesBare) {
  EXPECT_EQ(select(table<Employee>, alias("n", func::length(E.name))).build().sql,
            "SELECT " + employee_columns +
                R"(, length("query_test_employee"."name") AS "n" FROM "query_test_employee")");
  EXPECT_EQ(select(table<Employee>, alias<std::int64_t>("rollup_value")).build().sql,
            "SELECT " + employee_columns + R"(, "rollup_value" FROM "query_test_employee")");
  EXPECT_EQ(select(E.id, alias("we\"ird", func::count(E.id))).build().sql,
            R"(SELECT "query_test_employee"."id" AS "query_test_employee_id", )"
            R"(count("query_test_employee"."id") AS "we""ird" FROM "query_test_employee")");
  // Function aliases count the functions of this query only.
  EXPECT_EQ(select(func::count(E.id), alias("n", func::max(E.age)), func::min(E.age)).build().sql,
            R"(SELECT count("query_test_employee"."id") AS aggregate_0, )"
            R"(max("query_test_employee"."age") AS "n", )"
            R"(min("query_test_employee"."age") AS aggregate_1 FROM "query_test_employee")");
}

TEST(QuerySqlText, OneOverridesLimitAndKeepsTheOtherClauses) {
  const BuiltQuery built = iceaxe::select<Office>()
                               .where(O.id == OfficeId(3))
                               .order_by(O.id)
                               .limit(10)
                               .offset(2)
                               .one()
                               .build();
  EXPECT_EQ(built.sql,
            select_office +
                R"( WHERE "query_test_office"."id" = $1 ORDER BY "query_test_office"."id")"
                R"( ASC LIMIT 1 OFFSET 2)");
  EXPECT_EQ(built.params.render_all(), (Strings{"3"}));
  EXPECT_EQ(built.params.type(0), oid::int8);
  EXPECT_EQ(iceaxe::select<Office>().one().limit(5).build().sql, select_office + " LIMIT 1");
}

TEST(QuerySqlText, MatchesRendersTheOperatorAlone) {
  const BuiltQuery built = select(E.id)
                               .where(func::matches(func::to_tsvector("english", E.name),
                                                    func::to_tsquery("english", "python & x")))
                               .build();
  EXPECT_EQ(built.sql, select_employee_id +
                           R"( WHERE to_tsvector('english', "query_test_employee"."name") @@ )"
                           R"(to_tsquery('english', $1))");
  EXPECT_EQ(built.params.render_all(), (Strings{"python & x"}));
}

TEST(QuerySqlText, FromIsTheFirstElementsTable) {
  EXPECT_EQ(select(func::count(O.id), E.name).build().sql,
            R"(SELECT count("query_test_office"."id") AS aggregate_0, )"
            R"("query_test_employee"."name" AS "query_test_employee_name" )"
            R"(FROM "query_test_office")");
}

TEST(QuerySqlText, OrderByAlias) {
  EXPECT_EQ(
      iceaxe::select<Office>().order_by(alias<std::int64_t>("rollup"), Order::desc).build().sql,
      select_office + R"( ORDER BY "rollup" DESC)");
  const auto n = alias("n", func::length(E.name));
  EXPECT_EQ(select(E.id, n).order_by(n).build().sql,
            R"(SELECT "query_test_employee"."id" AS "query_test_employee_id", )"
            R"(length("query_test_employee"."name") AS "n" FROM "query_test_employee" )"
            R"(ORDER BY "n" ASC)");
}

// ---- identifiers --------------------------------------------------------------------------

TEST(QuerySqlText, IdentifiersAreEscaped) {
  EXPECT_EQ(iceaxe::select<Weird>().where(W.value == "x").build().sql,
            R"(SELECT "we""ird"."id" AS "we""ird_id", "we""ird"."value" AS "we""ird_value" )"
            R"(FROM "we""ird" WHERE "we""ird"."value" = $1)");
  EXPECT_EQ(update<Weird>().set(W.value, "y").build().sql, R"(UPDATE "we""ird" SET "value" = $1)");
  EXPECT_EQ(delete_<Weird>().build().sql, R"(DELETE FROM "we""ird")");
  EXPECT_EQ(iceaxe::select<Weird>()
                .for_update({.of = {table<Weird>}})
                .build()
                .sql.substr(iceaxe::select<Weird>().build().sql.size()),
            R"( FOR UPDATE OF "we""ird")");
}

// ---- value semantics ----------------------------------------------------------------------

TEST(QuerySqlText, ClausesLeaveTheirQueryUnchanged) {
  const auto base = select(E.id);
  const auto q1 = base.where(E.id == 1);
  const auto q2 = base.where(E.id == 2).order_by(E.id).limit(3);
  EXPECT_EQ(q1.build().sql, select_employee_id + R"( WHERE "query_test_employee"."id" = $1)");
  EXPECT_EQ(q1.build().params.render_all(), (Strings{"1"}));
  EXPECT_EQ(q2.build().sql, select_employee_id +
                                R"( WHERE "query_test_employee"."id" = $1)"
                                R"( ORDER BY "query_test_employee"."id" ASC LIMIT 3)");
  EXPECT_EQ(q2.build().params.render_all(), (Strings{"2"}));
  for (const std::string& branch :
       {base.group_by(E.id).build().sql, base.having(func::count(E.id) > 1).build().sql,
        base.distinct_on(E.id).build().sql,
        base.join(table<Office>, E.office_id == O.id).build().sql,
        base.left_join(table<Office>, E.office_id == O.id).build().sql,
        base.for_update().build().sql, base.offset(1).build().sql}) {
    EXPECT_NE(branch, select_employee_id);
  }
  EXPECT_EQ(base.build().sql, select_employee_id);
  EXPECT_TRUE(base.build().params.empty());
}

TEST(QuerySqlText, UpdateAndDeleteBranch) {
  const auto base = update<Employee>().set(E.name, "a");
  const auto more = base.set(E.age, 1);
  const auto filtered = base.where(E.id == 2);
  EXPECT_EQ(base.build().sql, R"(UPDATE "query_test_employee" SET "name" = $1)");
  EXPECT_EQ(more.build().sql, R"(UPDATE "query_test_employee" SET "name" = $1, "age" = $2)");
  EXPECT_EQ(filtered.build().params.render_all(), (Strings{"a", "2"}));
  const auto all = delete_<Employee>();
  EXPECT_EQ(all.where(E.id == 1).build().params.size(), 1u);
  EXPECT_EQ(all.build().sql, R"(DELETE FROM "query_test_employee")");
}

// ---- comparisons -------------------------------------------------------------------------

TEST(QuerySqlText, ComparisonOperatorsWithTheValueOnEitherSide) {
  const std::string age = R"("query_test_employee"."age")";
  EXPECT_EQ(where_sql(E.age == 5), age + " = $1");
  EXPECT_EQ(where_sql(E.age != 5), age + " != $1");
  EXPECT_EQ(where_sql(E.age < 5), age + " < $1");
  EXPECT_EQ(where_sql(E.age <= 5), age + " <= $1");
  EXPECT_EQ(where_sql(E.age > 5), age + " > $1");
  EXPECT_EQ(where_sql(E.age >= 5), age + " >= $1");
  EXPECT_EQ(where_sql(5 == E.age), "$1 = " + age);
  EXPECT_EQ(where_sql(5 != E.age), "$1 != " + age);
  EXPECT_EQ(where_sql(5 < E.age), "$1 < " + age);
  EXPECT_EQ(where_sql(5 <= E.age), "$1 <= " + age);
  EXPECT_EQ(where_sql(5 > E.age), "$1 > " + age);
  EXPECT_EQ(where_sql(5 >= E.age), "$1 >= " + age);
  EXPECT_EQ(where_params(5 < E.age), (Strings{"5"}));
}

TEST(QuerySqlText, ValuesAreBoundAsTheColumnsType) {
  const auto type_of = [](const iceaxe::Condition& c) {
    return select(E.id).where(c).build().params.type(0);
  };
  EXPECT_EQ(type_of(E.age == std::int16_t{5}), oid::int4);  // widened to the column's type
  EXPECT_EQ(type_of(E.id == 5), oid::int8);
  EXPECT_EQ(type_of(M.ratio == 5), oid::float8);  // an integer compares with a floating column
  EXPECT_EQ(type_of(M.ratio > 0.5f), oid::float8);
  EXPECT_EQ(type_of(M.amount == 5), oid::numeric);
  EXPECT_EQ(type_of(E.office_id == OfficeId(5)), oid::int8);
  EXPECT_EQ(where_params(M.ratio == 5), (Strings{"5"}));
  EXPECT_EQ(where_params(E.hired_at < Timestamp(std::chrono::seconds(86400))),
            (Strings{"1970-01-02 00:00:00+00"}));
}

TEST(QuerySqlText, ColumnComparisons) {
  const std::string name = R"("query_test_employee"."name")";
  const std::string nick = R"("query_test_employee"."nickname")";
  EXPECT_EQ(where_sql(E.name == E.nickname), name + " IS NOT DISTINCT FROM " + nick);
  EXPECT_EQ(where_sql(E.name != E.nickname), name + " IS DISTINCT FROM " + nick);
  EXPECT_EQ(where_sql(E.name < E.nickname), name + " < " + nick);
  EXPECT_EQ(where_sql(E.name <= E.nickname), name + " <= " + nick);
  EXPECT_EQ(where_sql(E.name > E.nickname), name + " > " + nick);
  EXPECT_EQ(where_sql(E.name >= E.nickname), name + " >= " + nick);
  EXPECT_EQ(where_sql(E.age > M.small),
            R"("query_test_employee"."age" > "query_test_metric"."small")");
  EXPECT_EQ(where_sql(func::length(E.name) == E.age),
            "length(" + name + R"() IS NOT DISTINCT FROM "query_test_employee"."age")");
}

TEST(QuerySqlText, OptionalValues) {
  const std::string nick = R"("query_test_employee"."nickname")";
  const std::optional<std::string> none;
  const std::optional<std::string> some = "Mo";
  EXPECT_EQ(where_sql(E.nickname == none), nick + " IS NULL");
  EXPECT_EQ(where_sql(E.nickname != none), nick + " IS NOT NULL");
  EXPECT_EQ(where_sql(E.nickname == some), nick + " = $1");
  EXPECT_EQ(where_params(E.nickname == some), (Strings{"Mo"}));
  EXPECT_EQ(where_sql(E.name == none), R"("query_test_employee"."name" IS NULL)");
  EXPECT_EQ(where_sql(E.age < std::optional<int>()), R"("query_test_employee"."age" < NULL)");
  EXPECT_EQ(where_sql(E.age < std::optional<int>(4)), R"("query_test_employee"."age" < $1)");
  EXPECT_EQ(where_sql(none == E.nickname), nick + " IS NULL");
  EXPECT_EQ(where_sql(some == E.nickname), "$1 = " + nick);
}

TEST(QuerySqlText, ComparisonMethods) {
  const std::string name = R"("query_test_employee"."name")";
  const std::string nick = R"("query_test_employee"."nickname")";
  EXPECT_EQ(where_sql(E.name.equals("x")), name + " = $1");
  EXPECT_EQ(where_sql(E.name.equals(E.nickname)), name + " = " + nick);
  EXPECT_EQ(where_sql(E.name.not_equals("x")), name + " != $1");
  EXPECT_EQ(where_sql(E.name.not_equals(E.nickname)), name + " != " + nick);
  EXPECT_EQ(where_sql(E.nickname.not_equals(std::optional<std::string>())), nick + " != NULL");
  EXPECT_EQ(where_sql(E.name.like("J%")), name + " LIKE $1");
  EXPECT_EQ(where_sql(E.name.not_like("J%")), name + " NOT LIKE $1");
  EXPECT_EQ(where_sql(E.name.ilike("j%")), name + " ILIKE $1");
  EXPECT_EQ(where_sql(E.nickname.not_ilike("j%")), nick + " NOT ILIKE $1");
  EXPECT_EQ(where_params(E.name.like("J%")), (Strings{"J%"}));
  EXPECT_EQ(where_sql(E.nickname.is_(std::nullopt)), nick + " IS NULL");
  EXPECT_EQ(where_sql(E.nickname.is_not(std::nullopt)), nick + " IS NOT NULL");
  EXPECT_EQ(where_sql(E.active.is_(true)), R"("query_test_employee"."active" IS TRUE)");
  EXPECT_EQ(where_sql(E.active.is_(false)), R"("query_test_employee"."active" IS FALSE)");
  EXPECT_EQ(where_sql(E.active.is_not(true)), R"("query_test_employee"."active" IS NOT TRUE)");
  EXPECT_EQ(where_sql(E.active.is_not(false)), R"("query_test_employee"."active" IS NOT FALSE)");
  EXPECT_EQ(where_sql(E.name.is_distinct_from("x")), name + " IS DISTINCT FROM $1");
  EXPECT_EQ(where_sql(E.name.is_distinct_from(E.nickname)), name + " IS DISTINCT FROM " + nick);
  EXPECT_EQ(where_sql(E.nickname.is_not_distinct_from("x")), nick + " IS NOT DISTINCT FROM $1");
  EXPECT_EQ(where_sql(E.nickname.is_not_distinct_from(E.name)),
            nick + " IS NOT DISTINCT FROM " + name);
  EXPECT_TRUE(where_params(E.active.is_(true)).empty());
}

TEST(QuerySqlText, InTakesRangesListsEnumsAndIds) {
  const std::string age = R"("query_test_employee"."age")";
  EXPECT_EQ(where_sql(E.age.in_({1, 2, 3})), age + " = ANY($1)");
  EXPECT_EQ(where_params(E.age.in_({1, 2, 3})), (Strings{"{1,2,3}"}));
  EXPECT_EQ(select(E.id).where(E.age.in_({1, 2})).build().params.type(0), oid::int4_array);
  EXPECT_EQ(where_sql(E.age.not_in({7})), age + " != ALL($1)");
  EXPECT_EQ(where_params(E.age.in_(std::vector<int>{})), (Strings{"{}"}));
  const std::vector<std::string_view> views = {"a", "b"};
  EXPECT_EQ(where_params(E.nickname.in_(views)), (Strings{"{a,b}"}));
  // Enums travel as a text-format array of labels.
  const BuiltQuery moods = select(E.id).where(E.mood.in_({Mood::calm, Mood::on_leave})).build();
  EXPECT_EQ(moods.sql, select_employee_id + R"( WHERE "query_test_employee"."mood" = ANY($1))");
  ASSERT_EQ(moods.params.size(), 1u);
  EXPECT_TRUE(moods.params.is_text(0));
  EXPECT_EQ(moods.params.value(0), R"({"calm","on-leave"})");
  // Strong ids as their integers.
  const BuiltQuery offices =
      select(E.id).where(E.office_id.not_in(std::vector{OfficeId(4), OfficeId(5)})).build();
  EXPECT_EQ(offices.params.render_all(), (Strings{"{4,5}"}));
  EXPECT_EQ(offices.params.type(0), oid::int8_array);
}

TEST(QuerySqlText, StringArrayValuesAreUntypedTextLiterals) {
  const std::string tags = R"("query_test_employee"."tags")";
  EXPECT_EQ(where_sql(E.tags == Strings{"a"}), tags + " = $1");
  EXPECT_EQ(where_params(E.tags == Strings{"a"}), (Strings{R"('{"a"}')"}));
  EXPECT_EQ(where_params(E.tags.not_equals(Strings{})), (Strings{"'{}'"}));
  EXPECT_EQ(where_params(Strings{"b"} != E.tags), (Strings{R"('{"b"}')"}));
  EXPECT_THROW(func::array_contains(E.tags, {std::string("a\0b", 3)}), iceaxe::ValueError);
  // in_ compares elements: a text[] of values serves text and character varying columns.
  EXPECT_EQ(select(E.id).where(E.name.in_({"a"})).build().params.type(0), oid::text_array);
}

TEST(QuerySqlText, BooleanExpressionsInWhere) {
  EXPECT_EQ(select(E.id).where(E.active).build().sql,
            select_employee_id + R"( WHERE "query_test_employee"."active")");
  EXPECT_EQ(select(E.id).where(E.active, func::array_overlaps(E.tags, {"x"})).build().sql,
            select_employee_id +
                R"( WHERE "query_test_employee"."active" AND "query_test_employee"."tags" && $1)");
  EXPECT_EQ(update<Employee>().set(E.age, 1).where(E.active).build().sql,
            R"(UPDATE "query_test_employee" SET "age" = $1 WHERE "query_test_employee"."active")");
  EXPECT_EQ(delete_<Employee>().where(E.active).build().sql,
            R"(DELETE FROM "query_test_employee" WHERE "query_test_employee"."active")");
}

// ---- combinators --------------------------------------------------------------------------

TEST(QuerySqlText, BooleanExpressionsCombine) {
  EXPECT_EQ(where_sql(!E.active), R"(NOT ("query_test_employee"."active"))");
  EXPECT_EQ(where_sql(and_(E.active, E.age > 1)),
            R"(("query_test_employee"."active" AND "query_test_employee"."age" > $1))");
  EXPECT_EQ(where_sql(E.active || E.age > 1),
            R"(("query_test_employee"."active" OR "query_test_employee"."age" > $1))");
  EXPECT_EQ(where_sql(E.active.is_(true)), R"("query_test_employee"."active" IS TRUE)");
}

TEST(QuerySqlText, CombinatorsParenthesiseEveryGroup) {
  const auto a = E.age > 1;
  const auto b = E.age < 5;
  const auto c = E.name == "x";
  EXPECT_EQ(where_sql(a && b),
            R"(("query_test_employee"."age" > $1 AND "query_test_employee"."age" < $2))");
  EXPECT_EQ(where_sql(a || b),
            R"(("query_test_employee"."age" > $1 OR "query_test_employee"."age" < $2))");
  EXPECT_EQ(where_sql(!a), R"(NOT ("query_test_employee"."age" > $1))");
  EXPECT_EQ(where_sql(or_(a)), R"(("query_test_employee"."age" > $1))");
  EXPECT_EQ(where_sql(a || (b && c)),
            R"(("query_test_employee"."age" > $1 OR ("query_test_employee"."age" < $2 AND )"
            R"("query_test_employee"."name" = $3)))");
  EXPECT_EQ(where_sql(!(a && !b) || and_(c, a, b)),
            R"((NOT (("query_test_employee"."age" > $1 AND NOT ("query_test_employee"."age" < $2)))"
            R"() OR ("query_test_employee"."name" = $3 AND "query_test_employee"."age" > $4 AND )"
            R"("query_test_employee"."age" < $5)))");
  EXPECT_EQ(where_params(!(a && !b) || and_(c, a, b)), (Strings{"1", "5", "x", "1", "5"}));
}

TEST(QuerySqlText, GroupsInWhereAndHaving) {
  const BuiltQuery built = select(E.name)
                               .where(E.age > 1, or_(E.age < 0, E.nickname == std::nullopt))
                               .group_by(E.name)
                               .having(or_(func::count(E.id) > 2, func::max(E.age) < 60))
                               .build();
  EXPECT_EQ(built.sql.substr(built.sql.find(" WHERE")),
            R"( WHERE "query_test_employee"."age" > $1 AND ("query_test_employee"."age" < $2 OR )"
            R"("query_test_employee"."nickname" IS NULL) GROUP BY "query_test_employee"."name" )"
            R"(HAVING (count("query_test_employee"."id") > $3 OR max("query_test_employee"."age"))"
            R"( < $4))");
  EXPECT_EQ(built.params.render_all(), (Strings{"1", "0", "2", "60"}));
}

// ---- parameter numbering ------------------------------------------------------------------

TEST(QuerySqlText, ParametersAreNumberedInTextOrder) {
  const BuiltQuery built = select(E.name, func::concat(E.name, "-", E.age),
                                  alias("t", func::array_append(E.tags, "new")))
                               .join(table<Office>, O.name != "closed")
                               .where(E.age > 20)
                               .group_by(E.name, E.age, E.tags)
                               .having(func::count(E.id) >= 2)
                               .order_by(func::concat(E.name, "!"))
                               .build();
  EXPECT_EQ(
      built.sql,
      R"(SELECT "query_test_employee"."name" AS "query_test_employee_name", )"
      R"(concat("query_test_employee"."name", $1, "query_test_employee"."age") AS aggregate_0, )"
      R"(array_append("query_test_employee"."tags", $2) AS "t" FROM "query_test_employee" )"
      R"(INNER JOIN "query_test_office" ON "query_test_office"."name" != $3 )"
      R"(WHERE "query_test_employee"."age" > $4 GROUP BY "query_test_employee"."name", )"
      R"("query_test_employee"."age", "query_test_employee"."tags" )"
      R"(HAVING count("query_test_employee"."id") >= $5 )"
      R"(ORDER BY concat("query_test_employee"."name", $6) ASC)");
  EXPECT_EQ(built.params.render_all(), (Strings{"-", "new", "closed", "20", "2", "!"}));
}

TEST(QuerySqlText, DistinctOnParametersComeFirst) {
  const BuiltQuery built =
      select(E.name).distinct_on(func::concat(E.name, "a")).where(E.name == "b").build();
  EXPECT_EQ(built.sql, R"(SELECT DISTINCT ON (concat("query_test_employee"."name", $1)) )"
                       R"("query_test_employee"."name" AS "query_test_employee_name" )"
                       R"(FROM "query_test_employee" WHERE "query_test_employee"."name" = $2)");
  EXPECT_EQ(built.params.render_all(), (Strings{"a", "b"}));
}

// ---- update values ------------------------------------------------------------------------

TEST(QuerySqlText, UpdateSetValues) {
  EXPECT_EQ(update<Employee>().set(E.nickname, std::nullopt).build().sql,
            R"(UPDATE "query_test_employee" SET "nickname" = NULL)");
  const BuiltQuery optionals = update<Employee>()
                                   .set(E.nickname, std::optional<std::string>())
                                   .set(E.office_id, std::optional<OfficeId>(OfficeId(7)))
                                   .build();
  EXPECT_EQ(optionals.sql,
            R"(UPDATE "query_test_employee" SET "nickname" = NULL, "office_id" = $1)");
  EXPECT_EQ(optionals.params.render_all(), (Strings{"7"}));
  const BuiltQuery values = update<Employee>()
                                .set(E.settings, Settings{.dark_mode = true, .volume = 3})
                                .set(E.payload, nlohmann::json{{"k", 1}})
                                .set(E.mood, Mood::on_leave)
                                .set(E.tags, std::vector<std::string>{"a", "b c"})
                                .set(E.age, std::int16_t{4})
                                .build();
  EXPECT_EQ(values.sql, R"(UPDATE "query_test_employee" SET "settings" = $1, "payload" = $2, )"
                        R"("mood" = $3, "tags" = $4, "age" = $5)");
  EXPECT_EQ(values.params.render_all(), (Strings{R"({"dark_mode":true,"volume":3})", R"({"k":1})",
                                                 "on-leave", R"('{"a","b c"}')", "4"}));
  EXPECT_EQ(values.params.type(0), oid::jsonb);
  EXPECT_EQ(values.params.type(4), oid::int4);
}

// ---- text() and the sql:: helpers ---------------------------------------------------------

TEST(QuerySqlText, TextWithHelpersAndValues) {
  const auto q = select(table<Employee>, alias<std::int64_t>("n"))
                     .text("SELECT " + sql::select<Employee>() + ", count(*) OVER () AS n FROM " +
                               sql::table<Employee>() + " WHERE " + sql::col(E.age) + " > $1 AND " +
                               sql::col(E.name) + " = $2",
                           30, std::string("it's"));
  const BuiltQuery built = q.build();
  EXPECT_EQ(built.sql,
            "SELECT " + employee_columns +
                R"(, count(*) OVER () AS n FROM "query_test_employee" WHERE )"
                R"("query_test_employee"."age" > $1 AND "query_test_employee"."name" = $2)");
  EXPECT_EQ(built.params.render_all(), (Strings{"30", "it's"}));
}

TEST(QuerySqlText, SqlHelpers) {
  EXPECT_EQ(sql::select<Office>(), office_columns);
  EXPECT_EQ(sql::select<Employee>(), employee_columns);
  EXPECT_EQ(sql::table<Office>(), R"("query_test_office")");
  EXPECT_EQ(sql::col(O.name), R"("query_test_office"."name")");
  EXPECT_EQ(sql::raw(O.name), R"("name")");
  EXPECT_EQ(sql::table<Weird>(), R"("we""ird")");
  EXPECT_EQ(sql::col(W.value), R"("we""ird"."value")");
  EXPECT_EQ(sql::select<Weird>(),
            R"("we""ird"."id" AS "we""ird_id", "we""ird"."value" AS "we""ird_value")");
}

// ---- func:: rendering ---------------------------------------------------------------------

// The SQL of `select(expr)` between SELECT and its alias.
template <class X>
std::string expr_sql(const X& expr) {
  const std::string sql = select(expr).build().sql;
  const std::size_t start = std::string_view("SELECT ").size();
  return sql.substr(start, sql.find(" AS aggregate_0") - start);
}

TEST(QuerySqlText, AggregateFunctions) {
  EXPECT_EQ(expr_sql(func::count(M.id)), R"(count("query_test_metric"."id"))");
  EXPECT_EQ(expr_sql(func::sum(M.medium)), R"(sum("query_test_metric"."medium"))");
  EXPECT_EQ(expr_sql(func::avg(M.ratio)), R"(avg("query_test_metric"."ratio"))");
  EXPECT_EQ(expr_sql(func::max(M.day)), R"(max("query_test_metric"."day"))");
  EXPECT_EQ(expr_sql(func::min(M.label)), R"(min("query_test_metric"."label"))");
  EXPECT_EQ(expr_sql(func::array_agg(M.label)), R"(array_agg("query_test_metric"."label"))");
  EXPECT_EQ(expr_sql(func::string_agg(M.label, ", ")),
            R"(string_agg("query_test_metric"."label", ', '))");
  EXPECT_EQ(expr_sql(func::unnest(M.numbers)), R"(unnest("query_test_metric"."numbers"))");
}

TEST(QuerySqlText, MathAndStringFunctions) {
  EXPECT_EQ(expr_sql(func::abs(M.medium)), R"(abs("query_test_metric"."medium"))");
  EXPECT_EQ(expr_sql(func::round(M.ratio)), R"(round("query_test_metric"."ratio"))");
  EXPECT_EQ(expr_sql(func::ceil(M.amount)), R"(ceil("query_test_metric"."amount"))");
  EXPECT_EQ(expr_sql(func::floor(M.single)), R"(floor("query_test_metric"."single"))");
  EXPECT_EQ(expr_sql(func::power(M.medium, 2)), R"(power("query_test_metric"."medium", 2))");
  EXPECT_EQ(expr_sql(func::power(M.ratio, 0.5)), R"(power("query_test_metric"."ratio", 0.5))");
  EXPECT_EQ(expr_sql(func::sqrt(M.large)), R"(sqrt("query_test_metric"."large"))");
  EXPECT_EQ(expr_sql(func::lower(M.label)), R"(lower("query_test_metric"."label"))");
  EXPECT_EQ(expr_sql(func::upper(M.label)), R"(upper("query_test_metric"."label"))");
  EXPECT_EQ(expr_sql(func::length(M.label)), R"(length("query_test_metric"."label"))");
  EXPECT_EQ(expr_sql(func::trim(M.label)), R"(trim("query_test_metric"."label"))");
  EXPECT_EQ(expr_sql(func::substring(M.label, 2, 3)),
            R"(substring("query_test_metric"."label" from 2 for 3))");
  const BuiltQuery concat = select(func::concat(M.label, "x", 1)).build();
  EXPECT_EQ(concat.sql, R"(SELECT concat("query_test_metric"."label", $1, $2) AS aggregate_0 )"
                        R"(FROM "query_test_metric")");
  EXPECT_EQ(concat.params.render_all(), (Strings{"x", "1"}));
}

TEST(QuerySqlText, DateFunctions) {
  const std::string wall = R"("query_test_metric"."wall")";
  EXPECT_EQ(expr_sql(func::date_trunc("quarter", M.wall)), "date_trunc('quarter', " + wall + ")");
  EXPECT_EQ(expr_sql(func::date_part("dow", M.wall)), "date_part('dow', " + wall + ")");
  EXPECT_EQ(expr_sql(func::extract("epoch", M.wall)), "extract(epoch from " + wall + ")");
  EXPECT_EQ(expr_sql(func::age(M.wall)), "age(" + wall + ")");
  EXPECT_EQ(expr_sql(func::age(M.wall, M.wall)), "age(" + wall + ", " + wall + ")");
  EXPECT_EQ(expr_sql(func::date(M.maybe_at)), R"(date("query_test_metric"."maybe_at"))");
  EXPECT_EQ(expr_sql(func::to_char(M.day, "DD.MM.YYYY")),
            R"(to_char("query_test_metric"."day", 'DD.MM.YYYY'))");
}

TEST(QuerySqlText, DateFieldsAreChecked) {
  EXPECT_THROW(func::date_trunc("fortnight", M.wall), iceaxe::ValueError);
  EXPECT_THROW(func::date_trunc("dow", M.wall), iceaxe::ValueError);  // a field, no precision
  EXPECT_THROW(func::date_part("month'); DROP TABLE x; --", M.wall), iceaxe::ValueError);
  EXPECT_THROW(func::extract("Month", M.wall), iceaxe::ValueError);
  EXPECT_THROW(func::extract("epoch from now()) --", M.wall), iceaxe::ValueError);
}

TEST(QuerySqlText, ConfigurationLiteralsAreEscaped) {
  EXPECT_EQ(expr_sql(func::string_agg(M.label, "it's")),
            R"(string_agg("query_test_metric"."label", 'it''s'))");
  EXPECT_EQ(expr_sql(func::string_agg(M.label, R"(a\b)")),
            R"(string_agg("query_test_metric"."label", E'a\\b'))");
  EXPECT_EQ(expr_sql(func::to_char(M.wall, R"('\)")),
            R"(to_char("query_test_metric"."wall", E'''\\'))");
  EXPECT_EQ(expr_sql(func::to_tsvector("it's", M.label)),
            R"(to_tsvector('it''s', "query_test_metric"."label"))");
  EXPECT_THROW(func::string_agg(M.label, std::string_view("a\0b", 3)), iceaxe::ValueError);
}

TEST(QuerySqlText, ArrayFunctions) {
  const std::string numbers = R"("query_test_metric"."numbers")";
  const BuiltQuery built =
      select(func::array_append(M.numbers, 4), func::array_prepend(0, M.numbers),
             func::array_cat(M.numbers, std::vector<std::int32_t>{8, 9}),
             func::array_cat(M.numbers, M.numbers), func::array_position(M.numbers, 2),
             func::array_remove(M.numbers, 3))
          .build();
  EXPECT_EQ(built.sql, "SELECT array_append(" + numbers +
                           ", $1) AS aggregate_0, array_prepend($2, " + numbers +
                           ") AS aggregate_1, array_cat(" + numbers +
                           ", $3) AS aggregate_2, array_cat(" + numbers + ", " + numbers +
                           ") AS aggregate_3, array_position(" + numbers +
                           ", $4) AS aggregate_4, array_remove(" + numbers +
                           R"(, $5) AS aggregate_5 FROM "query_test_metric")");
  EXPECT_EQ(built.params.render_all(), (Strings{"4", "0", "{8,9}", "2", "3"}));
}

TEST(QuerySqlText, CastTypes) {
  EXPECT_EQ(expr_sql(func::cast<std::string>(M.medium)),
            R"(cast("query_test_metric"."medium" as text))");
  EXPECT_EQ(expr_sql(func::cast<iceaxe::Numeric>(M.label)),
            R"(cast("query_test_metric"."label" as numeric))");
  EXPECT_EQ(expr_sql(func::cast<std::vector<std::int64_t>>(M.numbers)),
            R"(cast("query_test_metric"."numbers" as bigint[]))");
  EXPECT_EQ(expr_sql(func::cast<std::vector<Mood>>(E.tags)),
            R"(cast("query_test_employee"."tags" as mood[]))");
}

TEST(QuerySqlText, TextSearchFunctions) {
  const auto vector = func::setweight(func::to_tsvector("english", E.name), "A");
  const auto query = func::to_tsquery("english", "cat & dog");
  const BuiltQuery built = select(E.id, alias("rank", func::ts_rank(vector, query)),
                                  func::ts_headline("english", E.name, query))
                               .where(func::matches(vector, query))
                               .order_by(alias<float>("rank"), Order::desc)
                               .build();
  EXPECT_EQ(built.sql,
            R"(SELECT "query_test_employee"."id" AS "query_test_employee_id", )"
            R"(ts_rank(setweight(to_tsvector('english', "query_test_employee"."name"), 'A'), )"
            R"(to_tsquery('english', $1)) AS "rank", ts_headline('english', )"
            R"("query_test_employee"."name", to_tsquery('english', $2)) AS aggregate_0 )"
            R"(FROM "query_test_employee" WHERE )"
            R"(setweight(to_tsvector('english', "query_test_employee"."name"), 'A') @@ )"
            R"(to_tsquery('english', $3) ORDER BY "rank" DESC)");
  EXPECT_EQ(built.params.render_all(), (Strings{"cat & dog", "cat & dog", "cat & dog"}));
  EXPECT_THROW(func::setweight(func::to_tsvector("english", E.name), "E"), iceaxe::ValueError);
}

// ---- misuse -------------------------------------------------------------------------------

TEST(QuerySqlText, EmptyUpdateIsAUsageError) {
  EXPECT_THROW(update<Employee>().build(), iceaxe::UsageError);
  EXPECT_THROW(update<Employee>().where(E.id == 1).build(), iceaxe::UsageError);
}

TEST(QuerySqlText, SelectWithoutATableIsAUsageError) {
  EXPECT_THROW(select(alias<std::int64_t>("n")).build(), iceaxe::UsageError);
  EXPECT_THROW(select(alias<std::int64_t>("n"), table<Employee>).build(), iceaxe::UsageError);
  // text() supplies the statement itself.
  EXPECT_EQ(select(alias<std::int64_t>("n")).text("SELECT 1 AS n").build().sql, "SELECT 1 AS n");
}

TEST(QuerySqlText, MarkerByteInSqlTextIsAUsageError) {
  EXPECT_THROW(select(E.id, alias("a\x01", func::count(E.id))).where(E.id == 1).build(),
               iceaxe::UsageError);
  EXPECT_THROW(select(func::string_agg(E.name, "\x01")).build(), iceaxe::UsageError);
  EXPECT_THROW(select(E.id).where(func::to_char(E.hired_at, "\x01") == "x").build(),
               iceaxe::UsageError);
}

}  // namespace
}  // namespace query_test
