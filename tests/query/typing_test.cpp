// The query builder's types, checked at compile time: each select shape's row type, the
// func:: builders' result types (API.md §7: PostgreSQL's own result types), outer joins'
// optional sides, and what must not compile (as concepts that are false; errors raised by a
// static_assert inside a body are in tests/compile_fail/query_*.cpp instead). It has no
// run-time tests: it passes by compiling.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "query/models.hpp"

namespace query_test {
namespace {

using iceaxe::alias;
using iceaxe::Interval;
using iceaxe::Numeric;
using iceaxe::select;
using iceaxe::table;
using std::optional;
using std::string;
using std::tuple;
using std::vector;
namespace func = iceaxe::func;

template <class Q>
using row_t = typename std::remove_cvref_t<Q>::row_type;
template <class X>
using value_t = typename std::remove_cvref_t<X>::value_type;
template <class C>
using col_t = std::remove_cvref_t<C>;

// ---- select shapes ------------------------------------------------------------------------

static_assert(std::is_same_v<row_t<decltype(iceaxe::select<Employee>())>, Employee>);
static_assert(
    std::is_same_v<row_t<decltype(iceaxe::select<Employee, Office>())>, tuple<Employee, Office>>);
static_assert(std::is_same_v<row_t<decltype(select(E.name))>, string>);
static_assert(std::is_same_v<row_t<decltype(select(E.nickname))>, optional<string>>);
static_assert(std::is_same_v<row_t<decltype(select(E.mood))>, Mood>);
static_assert(std::is_same_v<row_t<decltype(select(E.settings))>, Settings>);
static_assert(std::is_same_v<row_t<decltype(select(E.office_id))>, optional<OfficeId>>);
static_assert(std::is_same_v<row_t<decltype(select(E.name, E.age))>, tuple<string, std::int32_t>>);
static_assert(std::is_same_v<row_t<decltype(select(E.id, table<Office>, func::count(E.id)))>,
                             tuple<optional<std::int64_t>, Office, std::int64_t>>);
static_assert(std::is_same_v<row_t<decltype(select(func::count(E.id)))>, std::int64_t>);
static_assert(std::is_same_v<row_t<decltype(select(table<Employee>, alias<std::int64_t>("n")))>,
                             tuple<Employee, std::int64_t>>);
static_assert(
    std::is_same_v<row_t<decltype(select(alias("n", func::length(E.name))))>, std::int32_t>);
static_assert(std::is_same_v<row_t<decltype(select(alias("n", E.nickname)))>, optional<string>>);

// Clauses keep the row type; text() too.
static_assert(std::is_same_v<decltype(select(E.name).where(E.age > 1).order_by(E.name).limit(1)),
                             decltype(select(E.name))>);
static_assert(std::is_same_v<decltype(select(E.name).text("SELECT 1")), decltype(select(E.name))>);
static_assert(std::is_same_v<decltype(select(E.name).join(table<Office>, E.office_id == O.id)),
                             decltype(select(E.name))>);

// one(): its own type, one row of the model.
using OneEmployee = decltype(iceaxe::select<Employee>().one());
static_assert(OneEmployee::returns_one);
static_assert(!decltype(iceaxe::select<Employee>())::returns_one);
static_assert(std::is_same_v<row_t<OneEmployee>, Employee>);

template <class Q>
concept has_one = requires(const Q& q) {
  q.one();
};
static_assert(has_one<decltype(iceaxe::select<Employee>())>);
static_assert(has_one<decltype(iceaxe::select<Employee>().where(E.age > 1).limit(4))>);
static_assert(!has_one<decltype(iceaxe::select<Employee, Office>())>);
static_assert(!has_one<decltype(select(table<Employee>, E.name))>);
static_assert(!has_one<decltype(select(E.name))>);
static_assert(!has_one<decltype(select(func::count(E.id)))>);
static_assert(!has_one<OneEmployee>);

// ---- outer joins --------------------------------------------------------------------------

using Both = decltype(iceaxe::select<Employee, Office>());
const iceaxe::Condition on = E.office_id == O.id;

static_assert(std::is_same_v<row_t<decltype(std::declval<Both>().join(table<Office>, on))>,
                             tuple<Employee, Office>>);
static_assert(std::is_same_v<row_t<decltype(std::declval<Both>().left_join(table<Office>, on))>,
                             tuple<Employee, optional<Office>>>);
static_assert(std::is_same_v<row_t<decltype(std::declval<Both>().right_join(table<Office>, on))>,
                             tuple<optional<Employee>, Office>>);
static_assert(std::is_same_v<row_t<decltype(std::declval<Both>().full_join(table<Office>, on))>,
                             tuple<optional<Employee>, optional<Office>>>);
// Columns of the outer side become optional (an optional column stays one level deep);
// functions and aliases keep their own type.
static_assert(
    std::is_same_v<row_t<decltype(select(E.name, O.name, O.city).left_join(table<Office>, on))>,
                   tuple<string, optional<string>, optional<string>>>);
static_assert(
    std::is_same_v<row_t<decltype(select(E.name, func::count(O.id)).left_join(table<Office>, on))>,
                   tuple<string, std::int64_t>>);
static_assert(std::is_same_v<row_t<decltype(select(E.age, O.name).right_join(table<Office>, on))>,
                             tuple<optional<std::int32_t>, string>>);
static_assert(std::is_same_v<row_t<decltype(select(E.age, O.name).full_join(table<Office>, on))>,
                             tuple<optional<std::int32_t>, optional<string>>>);
static_assert(
    std::is_same_v<row_t<decltype(select(table<Office>).left_join(table<Employee>, on))>, Office>);
// A single outer-joined model is a std::optional row.
static_assert(std::is_same_v<row_t<decltype(select(table<Office>).right_join(table<Employee>, on))>,
                             optional<Office>>);
// Joins keep the outer sides already collected.
static_assert(std::is_same_v<row_t<decltype(std::declval<Both>()
                                                .left_join(table<Office>, on)
                                                .join(table<Metric>, M.id == E.id))>,
                             tuple<Employee, optional<Office>>>);

// ---- func:: result types ------------------------------------------------------------------

static_assert(std::is_same_v<value_t<decltype(func::count(E.nickname))>, std::int64_t>);
static_assert(std::is_same_v<value_t<decltype(func::distinct(E.nickname))>, optional<string>>);
static_assert(std::is_same_v<value_t<decltype(func::sum(M.small))>, optional<std::int64_t>>);
static_assert(std::is_same_v<value_t<decltype(func::sum(M.medium))>, optional<std::int64_t>>);
static_assert(std::is_same_v<value_t<decltype(func::sum(M.maybe))>, optional<std::int64_t>>);
static_assert(std::is_same_v<value_t<decltype(func::sum(M.large))>, optional<Numeric>>);
static_assert(std::is_same_v<value_t<decltype(func::sum(M.amount))>, optional<Numeric>>);
static_assert(std::is_same_v<value_t<decltype(func::sum(M.single))>, optional<float>>);
static_assert(std::is_same_v<value_t<decltype(func::sum(M.ratio))>, optional<double>>);
static_assert(std::is_same_v<value_t<decltype(func::avg(M.medium))>, optional<Numeric>>);
static_assert(std::is_same_v<value_t<decltype(func::avg(M.large))>, optional<Numeric>>);
static_assert(std::is_same_v<value_t<decltype(func::avg(M.amount))>, optional<Numeric>>);
static_assert(std::is_same_v<value_t<decltype(func::avg(M.ratio))>, optional<double>>);
static_assert(std::is_same_v<value_t<decltype(func::avg(M.single))>, optional<double>>);
static_assert(std::is_same_v<value_t<decltype(func::min(M.medium))>, optional<std::int32_t>>);
static_assert(std::is_same_v<value_t<decltype(func::max(M.maybe))>, optional<std::int32_t>>);
static_assert(std::is_same_v<value_t<decltype(func::max(E.name))>, optional<string>>);
static_assert(
    std::is_same_v<value_t<decltype(func::max(M.day))>, optional<std::chrono::year_month_day>>);
static_assert(std::is_same_v<value_t<decltype(func::array_agg(E.name))>, optional<vector<string>>>);
static_assert(std::is_same_v<value_t<decltype(func::array_agg(E.nickname))>,
                             optional<vector<optional<string>>>>);
static_assert(std::is_same_v<value_t<decltype(func::string_agg(E.name, ","))>, optional<string>>);

static_assert(std::is_same_v<value_t<decltype(func::abs(M.medium))>, std::int32_t>);
static_assert(std::is_same_v<value_t<decltype(func::abs(M.maybe))>, optional<std::int32_t>>);
static_assert(std::is_same_v<value_t<decltype(func::round(M.ratio))>, double>);
static_assert(std::is_same_v<value_t<decltype(func::round(M.medium))>, double>);
static_assert(std::is_same_v<value_t<decltype(func::round(M.amount))>, Numeric>);
static_assert(std::is_same_v<value_t<decltype(func::ceil(M.maybe_ratio))>, optional<double>>);
static_assert(std::is_same_v<value_t<decltype(func::floor(M.single))>, double>);
static_assert(std::is_same_v<value_t<decltype(func::sqrt(M.large))>, double>);
static_assert(std::is_same_v<value_t<decltype(func::power(M.medium, 2))>, double>);

static_assert(std::is_same_v<value_t<decltype(func::lower(E.name))>, string>);
static_assert(std::is_same_v<value_t<decltype(func::upper(E.nickname))>, optional<string>>);
static_assert(std::is_same_v<value_t<decltype(func::trim(E.name))>, string>);
static_assert(std::is_same_v<value_t<decltype(func::length(E.name))>, std::int32_t>);
static_assert(std::is_same_v<value_t<decltype(func::length(E.nickname))>, optional<std::int32_t>>);
static_assert(std::is_same_v<value_t<decltype(func::substring(E.name, 1, 2))>, string>);
static_assert(std::is_same_v<value_t<decltype(func::concat(E.nickname, "x", E.age))>, string>);

static_assert(std::is_same_v<value_t<decltype(func::date_trunc("day", M.wall))>, LocalTimestamp>);
static_assert(
    std::is_same_v<value_t<decltype(func::date_trunc("day", M.maybe_at))>, optional<Timestamp>>);
static_assert(std::is_same_v<value_t<decltype(func::date_trunc("day", M.day))>, Timestamp>);
static_assert(std::is_same_v<value_t<decltype(func::date_part("year", M.day))>, double>);
static_assert(
    std::is_same_v<value_t<decltype(func::date_part("year", M.maybe_at))>, optional<double>>);
static_assert(std::is_same_v<value_t<decltype(func::extract("year", E.hired_at))>, Numeric>);
static_assert(std::is_same_v<value_t<decltype(func::age(E.hired_at))>, Interval>);
static_assert(
    std::is_same_v<value_t<decltype(func::age(E.hired_at, M.maybe_at))>, optional<Interval>>);
static_assert(
    std::is_same_v<value_t<decltype(func::date(E.hired_at))>, std::chrono::year_month_day>);
static_assert(std::is_same_v<value_t<decltype(func::to_char(M.day, "YYYY"))>, string>);
static_assert(
    std::is_same_v<value_t<decltype(func::to_number(M.maybe_label, "999"))>, optional<Numeric>>);
static_assert(std::is_same_v<value_t<decltype(func::to_timestamp(M.label, "YYYY"))>, Timestamp>);

static_assert(std::is_same_v<value_t<decltype(func::unnest(E.tags))>, string>);
static_assert(std::is_same_v<value_t<decltype(func::array_contains(E.tags, {"a"}))>, bool>);
static_assert(std::is_same_v<value_t<decltype(func::array_overlaps(M.numbers, {1}))>, bool>);
static_assert(
    std::is_same_v<value_t<decltype(func::array_append(M.numbers, 1))>, vector<std::int32_t>>);
static_assert(
    std::is_same_v<value_t<decltype(func::array_cat(M.numbers, M.numbers))>, vector<std::int32_t>>);
static_assert(
    std::is_same_v<value_t<decltype(func::array_position(E.tags, "a"))>, optional<std::int32_t>>);

static_assert(std::is_same_v<value_t<decltype(func::cast<std::int64_t>(M.label))>, std::int64_t>);
static_assert(std::is_same_v<value_t<decltype(func::cast<Mood>(M.maybe_label))>, optional<Mood>>);
static_assert(std::is_same_v<value_t<decltype(func::ts_rank(func::to_tsvector("english", E.name),
                                                            func::to_tsquery("english", "x")))>,
                             float>);
static_assert(std::is_same_v<value_t<decltype(func::ts_headline("english", E.nickname,
                                                                func::to_tsquery("english", "x")))>,
                             optional<string>>);

// ---- what does not compile ----------------------------------------------------------------

template <class L, class R>
concept equality_comparable_with = requires(const L& l, const R& r) {
  l == r;
};
template <class L, class R>
concept orderable_with = requires(const L& l, const R& r) {
  l < r;
};

using Age = col_t<decltype(E.age)>;
using Nickname = col_t<decltype(E.nickname)>;
using OfficeIdColumn = col_t<decltype(O.id)>;

// Unrelated and narrowing value types.
static_assert(equality_comparable_with<Age, int>);
static_assert(equality_comparable_with<Age, std::int16_t>);
static_assert(!equality_comparable_with<Age, const char*>);
static_assert(!equality_comparable_with<const char*, Age>);
static_assert(!equality_comparable_with<Age, string>);
static_assert(!equality_comparable_with<Age, std::int64_t>);
static_assert(!equality_comparable_with<Age, double>);
static_assert(!equality_comparable_with<Age, bool>);
static_assert(!orderable_with<Age, std::int64_t>);
static_assert(!orderable_with<std::int64_t, Age>);
static_assert(!equality_comparable_with<Age, optional<std::int64_t>>);
static_assert(equality_comparable_with<col_t<decltype(E.id)>, int>);
static_assert(!equality_comparable_with<Age, Mood>);
static_assert(!equality_comparable_with<col_t<decltype(E.mood)>, int>);
static_assert(!equality_comparable_with<col_t<decltype(E.mood)>, const char*>);
static_assert(!equality_comparable_with<col_t<decltype(M.single)>, double>);  // narrowing to float
// Columns of unrelated types.
static_assert(equality_comparable_with<Age, col_t<decltype(M.large)>>);
static_assert(!equality_comparable_with<Age, Nickname>);
static_assert(!orderable_with<col_t<decltype(E.hired_at)>, col_t<decltype(M.wall)>>);

// == std::nullopt only on nullable columns.
static_assert(equality_comparable_with<Nickname, std::nullopt_t>);
static_assert(equality_comparable_with<std::nullopt_t, Nickname>);
static_assert(!equality_comparable_with<Age, std::nullopt_t>);
static_assert(!equality_comparable_with<std::nullopt_t, Age>);
static_assert(!orderable_with<Nickname, std::nullopt_t>);

// Strong ids take only their own type.
static_assert(equality_comparable_with<OfficeIdColumn, OfficeId>);
static_assert(equality_comparable_with<col_t<decltype(E.office_id)>, OfficeIdColumn>);
static_assert(!equality_comparable_with<OfficeIdColumn, EmployeeId>);
static_assert(!equality_comparable_with<OfficeIdColumn, std::int64_t>);
static_assert(!equality_comparable_with<OfficeIdColumn, int>);
static_assert(!equality_comparable_with<OfficeIdColumn, col_t<decltype(E.id)>>);

template <class C, class U>
concept equals_accepts = requires(const C& c, const U& u) {
  c.equals(u);
};
static_assert(equals_accepts<Nickname, optional<string>>);
static_assert(!equals_accepts<Nickname, std::nullopt_t>);  // is_(std::nullopt) says it
static_assert(!equals_accepts<Age, const char*>);

template <class C, class R>
concept in_accepts = requires(const C& c, const R& r) {
  c.in_(r);
};
static_assert(in_accepts<Age, vector<int>>);
static_assert(in_accepts<Age, vector<std::int16_t>>);
static_assert(!in_accepts<Age, vector<std::int64_t>>);
static_assert(!in_accepts<Age, vector<string>>);
static_assert(in_accepts<col_t<decltype(E.office_id)>, vector<OfficeId>>);
static_assert(!in_accepts<col_t<decltype(E.office_id)>, vector<EmployeeId>>);
static_assert(!in_accepts<col_t<decltype(E.office_id)>, vector<std::int64_t>>);

// where() takes conditions and boolean expressions only.
template <class Q, class C>
concept where_accepts = requires(const Q& q, const C& c) {
  q.where(c);
};
using AllEmployees = decltype(iceaxe::select<Employee>());
static_assert(where_accepts<AllEmployees, iceaxe::Condition>);
static_assert(where_accepts<AllEmployees, col_t<decltype(E.active)>>);
static_assert(where_accepts<AllEmployees, decltype(func::array_contains(E.tags, {"a"}))>);
static_assert(!where_accepts<AllEmployees, Age>);
static_assert(!where_accepts<AllEmployees, const char*>);
static_assert(!where_accepts<AllEmployees, bool>);

// update().set() takes the column's type (NULL on nullable columns only).
template <class C, class U>
concept settable = requires(const iceaxe::Update<Employee>& u, const C& column, const U& value) {
  u.set(column, value);
};
static_assert(settable<col_t<decltype(E.age)>, int>);
static_assert(!settable<col_t<decltype(E.age)>, const char*>);
static_assert(!settable<col_t<decltype(E.age)>, std::int64_t>);
static_assert(!settable<col_t<decltype(E.age)>, std::nullopt_t>);
static_assert(settable<col_t<decltype(E.nickname)>, std::nullopt_t>);
static_assert(settable<col_t<decltype(E.nickname)>, optional<string>>);
static_assert(settable<col_t<decltype(E.settings)>, Settings>);
static_assert(!settable<col_t<decltype(E.settings)>, int>);
static_assert(!settable<col_t<decltype(E.office_id)>, std::int64_t>);
static_assert(!settable<col_t<decltype(E.mood)>, const char*>);
static_assert(!settable<col_t<decltype(O.name)>, const char*>);  // another model's column

// Functions take the argument types that make sense in PostgreSQL.
template <class X>
concept summable = requires(const X& x) {
  func::sum(x);
};
static_assert(summable<Age>);
static_assert(!summable<col_t<decltype(E.name)>>);
static_assert(!summable<col_t<decltype(E.active)>>);
template <class X>
concept lowerable = requires(const X& x) {
  func::lower(x);
};
static_assert(!lowerable<Age>);
template <class X>
concept datable = requires(const X& x) {
  func::date_trunc("day", x);
};
static_assert(!datable<col_t<decltype(E.name)>>);
template <class X>
concept containable = requires(const X& x) {
  func::array_contains(x, vector<int>{1});
};
static_assert(containable<col_t<decltype(M.numbers)>>);
static_assert(!containable<col_t<decltype(E.tags)>>);
template <class X>
concept roundable_to_places = requires(const X& x) {
  func::round(x, 2);
};
static_assert(!roundable_to_places<col_t<decltype(M.amount)>>);  // no round(x, places) overload

}  // namespace
}  // namespace query_test
