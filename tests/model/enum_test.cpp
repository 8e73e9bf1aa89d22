// ICEAXE_ENUM: labels and type names, how values and arrays are sent (a single value in
// binary, which for an enum is its label; arrays as text literals), and the server's view.

#include <gtest/gtest.h>

#include "model/models.hpp"

namespace model_test::enums {

enum class Priority { Low, High };
ICEAXE_ENUM(Priority, Low, High)

// Labels an array literal must quote or escape.
enum class Quirky { plain, quoted, comma, backslash, null_word, brace };
ICEAXE_ENUM(Quirky, plain, (quoted, "say \"hi\""), (comma, "a,b"), (backslash, "back\\slash"),
            (null_word, "NULL"), (brace, "{x}"))

}  // namespace model_test::enums

namespace model_test {
namespace {

using enums::Priority;
using enums::Quirky;
using iceaxe::ValueError;
using iceaxe::detail::enum_from_label;
using iceaxe::detail::enum_label;

template <class E>
std::vector<std::string_view> labels() {
  std::vector<std::string_view> out;
  for (const auto& entry : iceaxe::detail::enum_decl<E>.labels) out.push_back(entry.label);
  return out;
}

TEST(EnumDeclaration, LabelsAreEnumeratorNamesUnlessGiven) {
  EXPECT_EQ(labels<Status>(), (std::vector<std::string_view>{"draft", "live", "in-progress"}));
  EXPECT_EQ(labels<Priority>(), (std::vector<std::string_view>{"Low", "High"}));
  EXPECT_EQ(iceaxe::detail::enum_decl<Status>.labels[2].value, Status::in_progress);
}

TEST(EnumDeclaration, TypeNameIsTheEnumNameLowerCased) {
  static_assert(iceaxe::detail::enum_type_name<Status> == "status");
  static_assert(iceaxe::detail::enum_type_name<Priority> == "priority");
  static_assert(iceaxe::detail::enum_type_name<Quirky> == "quirky");
}

TEST(EnumDeclaration, LabelAndValueConvertBothWays) {
  EXPECT_EQ(enum_label(Status::in_progress), "in-progress");
  EXPECT_EQ(enum_label(Quirky::quoted), "say \"hi\"");
  EXPECT_EQ(enum_from_label<Status>("in-progress"), Status::in_progress);
  EXPECT_EQ(enum_from_label<Priority>("High"), Priority::High);
  EXPECT_THROW(enum_from_label<Priority>("high"), ValueError);  // labels are case-sensitive
  EXPECT_THROW(enum_from_label<Status>("in_progress"), ValueError);
}

TEST(EnumDeclaration, UnlistedValueIsAValueErrorOnEncode) {
  try {
    iceaxe::pg::Params().add(static_cast<Status>(7));
    ADD_FAILURE() << "no ValueError";
  } catch (const ValueError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("7"), std::string::npos) << message;
    EXPECT_NE(message.find("status"), std::string::npos) << message;
  }
  EXPECT_THROW(iceaxe::pg::Params().add(std::vector<Status>{Status::live, static_cast<Status>(7)}),
               ValueError);
}

TEST(EnumParameters, ASingleValueIsItsLabelInBinaryWithTheTypeLeftToTheServer) {
  iceaxe::pg::Params params;
  params.add(Status::in_progress);
  EXPECT_FALSE(params.is_text(0));
  EXPECT_EQ(params.type(0), iceaxe::pg::oid::unspecified);
  EXPECT_EQ(params.value(0), "in-progress");
}

TEST(EnumParameters, ArraysAreTextLiteralsWithEveryLabelQuoted) {
  iceaxe::pg::Params params;
  params.add(std::vector<Status>{Status::draft, Status::in_progress});
  params.add(std::vector<std::optional<Status>>{std::nullopt, Status::live});
  params.add(std::vector<Status>{});
  params.add(std::vector<Quirky>{Quirky::quoted, Quirky::backslash, Quirky::null_word});
  for (std::size_t i = 0; i < params.size(); ++i) {
    EXPECT_TRUE(params.is_text(i)) << i;
    EXPECT_EQ(params.type(i), iceaxe::pg::oid::unspecified) << i;
  }
  EXPECT_EQ(params.value(0), R"({"draft","in-progress"})");
  EXPECT_EQ(params.value(1), R"({NULL,"live"})");
  EXPECT_EQ(params.value(2), "{}");
  EXPECT_EQ(params.value(3), R"({"say \"hi\"","back\\slash","NULL"})");
}

class EnumServer : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    conn().execute(std::string(create_status_type));
    conn().execute(
        "CREATE TYPE quirky AS ENUM ('plain', 'say \"hi\"', 'a,b', 'back\\slash', 'NULL', "
        "'{x}')");
  }
};

TEST_F(EnumServer, SingleValueRoundTrips) {
  for (const Status status : {Status::draft, Status::live, Status::in_progress}) {
    EXPECT_EQ(conn().fetch_value<Status>("SELECT $1::status", status), status);
  }
  EXPECT_EQ(conn().fetch_value<std::string>("SELECT $1::status::text", Status::in_progress),
            "in-progress");
  EXPECT_EQ(conn().fetch_value<Status>("SELECT 'in-progress'::status"), Status::in_progress);
  EXPECT_EQ(conn().fetch_value<Quirky>("SELECT $1::quirky", Quirky::quoted), Quirky::quoted);
}

TEST_F(EnumServer, NullableValueRoundTrips) {
  EXPECT_EQ(conn().fetch_value<std::optional<Status>>("SELECT $1::status", std::optional<Status>()),
            std::nullopt);
  EXPECT_EQ(
      conn().fetch_value<std::optional<Status>>("SELECT $1::status", std::optional(Status::live)),
      Status::live);
}

TEST_F(EnumServer, ArraysRoundTrip) {
  const std::vector<Status> statuses = {Status::live, Status::in_progress, Status::live};
  EXPECT_EQ(conn().fetch_value<std::vector<Status>>("SELECT $1::status[]", statuses), statuses);
  EXPECT_EQ(conn().fetch_value<std::string>("SELECT $1::status[]::text", statuses),
            "{live,in-progress,live}");
  EXPECT_EQ(conn().fetch_value<std::vector<Status>>("SELECT $1::status[]", std::vector<Status>{}),
            std::vector<Status>{});
  const std::vector<std::optional<Status>> sparse = {std::nullopt, Status::draft, std::nullopt};
  EXPECT_EQ(conn().fetch_value<std::vector<std::optional<Status>>>("SELECT $1::status[]", sparse),
            sparse);
  EXPECT_EQ(conn().fetch_value<std::vector<Status>>("SELECT ARRAY['draft', 'live']::status[]"),
            (std::vector<Status>{Status::draft, Status::live}));
}

TEST_F(EnumServer, LabelsThatNeedQuotingSurviveArrays) {
  const std::vector<Quirky> all = {Quirky::plain,     Quirky::quoted,    Quirky::comma,
                                   Quirky::backslash, Quirky::null_word, Quirky::brace};
  EXPECT_EQ(conn().fetch_value<std::vector<Quirky>>("SELECT $1::quirky[]", all), all);
  EXPECT_EQ(conn().fetch_value<std::int32_t>("SELECT cardinality(array_remove($1::quirky[], "
                                             "NULL))",
                                             all),
            6);  // the label "NULL" is no NULL element
}

TEST_F(EnumServer, BoundValueInAWhereClause) {
  conn().execute("CREATE TABLE task (id integer PRIMARY KEY, status status NOT NULL)");
  conn().execute(
      "INSERT INTO task VALUES (1, 'draft'), (2, 'live'), (3, 'in-progress'), (4, "
      "'live')");
  EXPECT_EQ(
      conn().fetch_value<std::int64_t>("SELECT count(*) FROM task WHERE status = $1", Status::live),
      2);
  EXPECT_EQ(conn().fetch_value<std::int32_t>("SELECT id FROM task WHERE status = $1",
                                             Status::in_progress),
            3);
  EXPECT_EQ(conn().fetch_value<std::int64_t>("SELECT count(*) FROM task WHERE status = ANY($1)",
                                             std::vector<Status>{Status::draft, Status::live}),
            3);
  EXPECT_EQ(conn().fetch_value<std::int64_t>("SELECT count(*) FROM task WHERE status > $1",
                                             Status::draft),
            3);  // the server orders by declaration, so the value is typed as the enum
}

TEST_F(EnumServer, TextColumnsReadAsEnums) {
  EXPECT_EQ(conn().fetch_value<Status>("SELECT 'live'::text"), Status::live);
  EXPECT_EQ(conn().fetch_value<std::vector<Status>>("SELECT ARRAY['draft']::text[]"),
            std::vector<Status>{Status::draft});
}

TEST_F(EnumServer, UnknownLabelFromTheServerIsAValueErrorNamingIt) {
  conn().execute("ALTER TYPE status ADD VALUE 'archived'");
  try {
    conn().fetch_value<Status>("SELECT 'archived'::status");
    ADD_FAILURE() << "no ValueError";
  } catch (const ValueError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'archived'"), std::string::npos) << message;
    EXPECT_NE(message.find("status"), std::string::npos) << message;
  }
  EXPECT_THROW(
      conn().fetch_value<std::vector<Status>>("SELECT ARRAY['live', 'archived']::status[]"),
      ValueError);
}

TEST_F(EnumServer, NonTextColumnIsRefused) {
  EXPECT_THROW(conn().fetch_value<Status>("SELECT 1"), ValueError);
  EXPECT_THROW(conn().fetch_value<std::vector<Status>>("SELECT ARRAY[1]"), ValueError);
}

}  // namespace
}  // namespace model_test
