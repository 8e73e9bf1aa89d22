// Strong identifiers: iceaxe::Id<Tag, Int> is its own type per tag, made only explicitly,
// compared, hashed and formatted like its integer, and stored as that integer.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <sstream>
#include <unordered_set>

#include "model/models.hpp"

namespace model_test::ids {

using WidgetId = iceaxe::Id<struct WidgetTag>;
using OfficeId = iceaxe::Id<struct OfficeTag, std::int32_t>;

struct Widget : iceaxe::TableBase {
  std::optional<WidgetId> id;
  OfficeId office;
  std::optional<OfficeId> backup_office;
  std::vector<WidgetId> related;
  bool operator==(const Widget&) const = default;
};
ICEAXE_TABLE(Widget, (id, {.primary_key = true}), office, backup_office, related)

}  // namespace model_test::ids

namespace model_test {
namespace {

using ids::OfficeId;
using ids::Widget;
using ids::WidgetId;

// Made from an integer only explicitly; never converted back implicitly.
static_assert(std::is_constructible_v<WidgetId, std::int64_t>);
static_assert(!std::is_convertible_v<std::int64_t, WidgetId>);
static_assert(!std::is_convertible_v<WidgetId, std::int64_t>);
static_assert(!std::is_assignable_v<WidgetId&, std::int64_t>);
// Ids of different tables do not mix.
static_assert(!std::is_convertible_v<WidgetId, iceaxe::Id<struct OtherTag>>);
static_assert(!std::is_assignable_v<WidgetId&, iceaxe::Id<struct OtherTag>>);
static_assert(!std::is_constructible_v<WidgetId, iceaxe::Id<struct OtherTag>>);
static_assert(!std::is_assignable_v<WidgetId&, OfficeId>);
// Same tag, other integer: a different type too.
static_assert(!std::is_convertible_v<iceaxe::Id<struct WidgetTag, std::int32_t>, WidgetId>);
static_assert(std::is_same_v<WidgetId::value_type, std::int64_t>);
static_assert(std::is_same_v<OfficeId::value_type, std::int32_t>);
static_assert(sizeof(WidgetId) == sizeof(std::int64_t));
static_assert(std::is_trivially_copyable_v<WidgetId>);

TEST(IdValue, HoldsItsInteger) {
  constexpr WidgetId id(42);
  static_assert(id.value() == 42);
  EXPECT_EQ(WidgetId().value(), 0);
  EXPECT_EQ(OfficeId(-7).value(), -7);
  EXPECT_EQ(WidgetId(std::numeric_limits<std::int64_t>::max()).value(),
            std::numeric_limits<std::int64_t>::max());
}

TEST(IdValue, ComparesLikeItsInteger) {
  EXPECT_EQ(WidgetId(1), WidgetId(1));
  EXPECT_NE(WidgetId(1), WidgetId(2));
  EXPECT_LT(WidgetId(1), WidgetId(2));
  EXPECT_LE(WidgetId(2), WidgetId(2));
  EXPECT_GT(WidgetId(-1), WidgetId(-2));
  EXPECT_TRUE((WidgetId(3) <=> WidgetId(5)) < 0);
}

TEST(IdValue, HashesLikeItsInteger) {
  EXPECT_EQ(std::hash<WidgetId>{}(WidgetId(99)), std::hash<std::int64_t>{}(99));
  std::unordered_set<WidgetId> seen = {WidgetId(1), WidgetId(2), WidgetId(1)};
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen.contains(WidgetId(2)));
  EXPECT_FALSE(seen.contains(WidgetId(3)));
}

TEST(IdValue, FormatsAsItsInteger) {
  EXPECT_EQ(fmt::format("{}", WidgetId(42)), "42");
  EXPECT_EQ(fmt::format("{:>5}", OfficeId(-7)), "   -7");  // the integer's format specs
  std::ostringstream out;
  out << WidgetId(42);
  EXPECT_EQ(out.str(), "42");
}

TEST(IdModel, ColumnsAreTheUnderlyingInteger) {
  const iceaxe::ModelDescriptor& d = *iceaxe::model<Widget>;
  EXPECT_EQ(d.column("id")->sql_type, "bigint");
  EXPECT_TRUE(d.column("id")->autoincrement);  // an optional id primary key
  EXPECT_EQ(d.column("office")->sql_type, "integer");
  EXPECT_TRUE(d.column("backup_office")->nullable);
  EXPECT_EQ(d.column("related")->sql_type, "bigint[]");
}

TEST(IdParameters, AreSentAsTheirInteger) {
  iceaxe::pg::Params params;
  params.add(WidgetId(1));
  params.add(OfficeId(2));
  params.add(std::vector<WidgetId>{WidgetId(3)});
  EXPECT_EQ(params.type(0), iceaxe::pg::oid::int8);
  EXPECT_EQ(params.type(1), iceaxe::pg::oid::int4);
  EXPECT_EQ(params.type(2), iceaxe::pg::oid::int8_array);
}

class IdServer : public DatabaseTest {};

TEST_F(IdServer, RoundTripsAsBigintAndInteger) {
  const WidgetId big(std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(conn().fetch_value<WidgetId>("SELECT $1::int8", big), big);
  EXPECT_EQ(conn().fetch_value<std::string>("SELECT $1::int8::text", WidgetId(9007199254740993)),
            "9007199254740993");
  EXPECT_EQ(conn().fetch_value<OfficeId>("SELECT $1::int4", OfficeId(-2147483647 - 1)),
            OfficeId(-2147483647 - 1));
  EXPECT_EQ(conn().fetch_value<WidgetId>("SELECT 5::int4"), WidgetId(5));  // widens
  EXPECT_THROW(conn().fetch_value<OfficeId>("SELECT 5::int8"), iceaxe::ValueError);
}

TEST_F(IdServer, ModelRoundTrip) {
  conn().execute(
      "CREATE TABLE widget (id bigint PRIMARY KEY, office integer NOT NULL, backup_office "
      "integer, related bigint[] NOT NULL)");
  const std::vector<Widget> rows = {
      {.id = WidgetId(1), .office = OfficeId(10), .backup_office = std::nullopt, .related = {}},
      {.id = WidgetId(std::numeric_limits<std::int64_t>::max()),
       .office = OfficeId(std::numeric_limits<std::int32_t>::min()),
       .backup_office = OfficeId(11),
       .related = {WidgetId(1), WidgetId(-1)}},
  };
  insert(rows);
  const std::vector<Widget> back = load<Widget>("id");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_TRUE(back[0] == rows[0]);
  EXPECT_TRUE(back[1] == rows[1]);
  EXPECT_EQ(conn().fetch_value<std::string>("SELECT related::text FROM widget WHERE id = $1",
                                            WidgetId(std::numeric_limits<std::int64_t>::max())),
            "{1,-1}");
}

TEST_F(IdServer, ChangeStateFollowsTheValue) {
  conn().execute(
      "CREATE TABLE widget (id bigint PRIMARY KEY, office integer NOT NULL, backup_office "
      "integer, related bigint[] NOT NULL)");
  insert(std::vector<Widget>{{.id = WidgetId(1), .office = OfficeId(10)}});
  Widget widget = load<Widget>("id").at(0);
  widget.office = OfficeId(11);
  EXPECT_EQ(iceaxe::modified_fields(widget), std::vector<std::string_view>{"office"});
  widget.office = OfficeId(10);
  EXPECT_FALSE(iceaxe::is_modified(widget));
}

}  // namespace
}  // namespace model_test
