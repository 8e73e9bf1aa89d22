// The user-type catalog: what introspection finds (and leaves out) in a schema of each
// test's own, lookups by OID and by name, the process-wide cache per DSN (one
// introspection, refresh, sharing across connections and threads), and dsn_of.

#include "iceaxe/orm/type_cache.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/database.hpp"

namespace iceaxe {
namespace {

using Attributes = std::vector<std::pair<std::string, pg::Oid>>;
using Strings = std::vector<std::string>;

// A connection whose search_path is a fresh schema named after the running test (or
// ICEAXE_TEST_SCHEMA, see support/database.hpp).
class TypeCache : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_.emplace(test::connect());  // no server: the test fails here
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    schema_name_ = std::string("type_cache_test_") + test->name();
    std::ranges::transform(schema_name_, schema_name_.begin(),
                           [](unsigned char c) { return std::tolower(c); });
    schema_name_.resize(std::min<std::size_t>(schema_name_.size(), 63));
    schema_name_ = test::schema(schema_name_);
    schema_ = pg::quote_identifier(schema_name_);
    conn().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_ +
                   "; SET search_path = " + schema_);
  }

  void TearDown() override {
    if (conn_ && !conn_->is_broken())
      conn().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  pg::Connection& conn() { return *conn_; }

  // A second connection into this test's schema.
  pg::Connection other_connection() {
    pg::Connection other = test::connect();
    other.execute("SET search_path = " + schema_);
    return other;
  }

  // The OID of a type, as the server resolves its name.
  pg::Oid oid_of(const std::string& type) {
    return static_cast<pg::Oid>(
        conn().fetch_value<std::int64_t>("SELECT $1::regtype::oid::int8", type));
  }
  pg::Oid array_oid_of(const std::string& type) {
    return static_cast<pg::Oid>(conn().fetch_value<std::int64_t>(
        "SELECT typarray::int8 FROM pg_type WHERE oid = $1::regtype", type));
  }

  // This test's types in `catalog`.
  std::vector<UserType> ours(const TypeCatalog& catalog) const {
    std::vector<UserType> types;
    std::ranges::copy_if(catalog.types(), std::back_inserter(types),
                         [&](const UserType& t) { return t.schema == schema_name_; });
    return types;
  }

  std::optional<pg::Connection> conn_;
  std::string schema_name_;  // as is
  std::string schema_;       // quoted
};

TEST_F(TypeCache, FindsEnumsDomainsAndStandAloneComposites) {
  conn().execute(R"(
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
    CREATE TYPE nothing AS ENUM ();
    CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
    CREATE DOMAIN moods AS mood[];
    CREATE TYPE point3 AS (x double precision, y double precision, z double precision);
    ALTER TYPE point3 DROP ATTRIBUTE y;
    CREATE TYPE labelled AS (label text, feeling mood);
    CREATE TYPE hollow AS ();
    CREATE TABLE thing (id integer, name text);
    CREATE VIEW thing_view AS SELECT * FROM thing;)");
  const TypeCatalog catalog = detail::introspect_types(conn());

  const UserType* mood = catalog.find(oid_of("mood"));
  ASSERT_NE(mood, nullptr);
  EXPECT_EQ(mood->kind, UserType::Kind::enum_);
  EXPECT_EQ(mood->schema, schema_name_);
  EXPECT_EQ(mood->name, "mood");
  // Sort order, not creation order.
  EXPECT_EQ(mood->enum_labels, (Strings{"sad", "meh", "ok", "happy"}));
  EXPECT_NE(mood->array_oid, 0u);
  EXPECT_EQ(mood->array_oid, array_oid_of("mood"));
  EXPECT_EQ(catalog.find_array(mood->array_oid), mood);
  EXPECT_EQ(catalog.find(mood->array_oid), nullptr);
  EXPECT_TRUE(mood->attributes.empty());
  EXPECT_EQ(mood->base_type, 0u);

  const UserType* nothing = catalog.find("nothing", schema_name_);
  ASSERT_NE(nothing, nullptr);
  EXPECT_EQ(nothing->kind, UserType::Kind::enum_);
  EXPECT_TRUE(nothing->enum_labels.empty());

  const UserType* positive = catalog.find(oid_of("positive"));
  ASSERT_NE(positive, nullptr);
  EXPECT_EQ(positive->kind, UserType::Kind::domain);
  EXPECT_EQ(positive->base_type, pg::oid::int4);
  EXPECT_EQ(positive->array_oid, array_oid_of("positive"));
  EXPECT_TRUE(positive->enum_labels.empty());

  const UserType* moods = catalog.find("moods", schema_name_);
  ASSERT_NE(moods, nullptr);
  EXPECT_EQ(moods->kind, UserType::Kind::domain);
  EXPECT_EQ(moods->base_type, mood->array_oid);

  const UserType* point3 = catalog.find(oid_of("point3"));
  ASSERT_NE(point3, nullptr);
  EXPECT_EQ(point3->kind, UserType::Kind::composite);
  // The dropped attribute is gone.
  EXPECT_EQ(point3->attributes, (Attributes{{"x", pg::oid::float8}, {"z", pg::oid::float8}}));
  EXPECT_EQ(point3->array_oid, array_oid_of("point3"));
  EXPECT_EQ(catalog.find_array(point3->array_oid), point3);

  const UserType* labelled = catalog.find("labelled", schema_name_);
  ASSERT_NE(labelled, nullptr);
  EXPECT_EQ(labelled->attributes, (Attributes{{"label", pg::oid::text}, {"feeling", mood->oid}}));

  const UserType* hollow = catalog.find("hollow", schema_name_);
  ASSERT_NE(hollow, nullptr);
  EXPECT_TRUE(hollow->attributes.empty());

  // Row types of tables and views are composites too, but not user types.
  EXPECT_EQ(catalog.find(oid_of("thing")), nullptr);
  EXPECT_EQ(catalog.find("thing", schema_name_), nullptr);
  EXPECT_EQ(catalog.find("thing_view", schema_name_), nullptr);

  const std::vector<UserType> found = ours(catalog);
  std::vector<std::string> names;
  for (const UserType& t : found) names.push_back(t.name);
  EXPECT_EQ(names,
            (Strings{"hollow", "labelled", "mood", "moods", "nothing", "point3", "positive"}));
  for (const UserType& t : catalog.types()) {
    EXPECT_FALSE(t.schema.starts_with("pg_")) << t.schema;
    EXPECT_NE(t.schema, "information_schema");
  }
}

TEST_F(TypeCache, NamesResolveThroughTheIntrospectingSearchPath) {
  conn().execute("CREATE TYPE mood AS ENUM ('calm')");
  const TypeCatalog catalog = detail::introspect_types(conn());
  EXPECT_EQ(catalog.search_path(), Strings{schema_name_});
  const UserType* mood = catalog.find("mood");
  ASSERT_NE(mood, nullptr);
  EXPECT_EQ(mood->oid, oid_of("mood"));
  EXPECT_EQ(catalog.find("no_such_type"), nullptr);
  EXPECT_EQ(catalog.find("mood", "no_such_schema"), nullptr);
}

TEST(TypeCacheCatalog, NameLookupOrder) {
  const auto type = [](std::string schema, pg::Oid oid) {
    return UserType{.oid = oid, .schema = std::move(schema), .name = "status"};
  };
  const TypeCatalog catalog({type("b", 3), type("public", 2), type("a", 1)}, {"b"});
  ASSERT_EQ(catalog.types().size(), 3u);
  EXPECT_EQ(catalog.types().front().schema, "a");  // ordered by schema

  EXPECT_EQ(catalog.find("status")->oid, 3u);  // the search path first
  EXPECT_EQ(catalog.find("status", "a")->oid, 1u);
  EXPECT_EQ(catalog.find("status", "c"), nullptr);
  const Strings path = {"x", "a", "b"};
  EXPECT_EQ(catalog.find_in_path("status", path)->oid, 1u);
  EXPECT_EQ(catalog.find_in_path("status", {})->oid, 2u);  // then public

  const TypeCatalog without_public({type("d", 4), type("c", 5)});
  EXPECT_EQ(without_public.find("status")->oid, 5u);  // then the first by schema name
  EXPECT_EQ(without_public.find("other"), nullptr);
  EXPECT_EQ(without_public.find(pg::Oid{4})->schema, "d");
  EXPECT_EQ(without_public.find(pg::Oid{6}), nullptr);
  EXPECT_EQ(without_public.find_array(0), nullptr);  // no array type is not a type
}

TEST_F(TypeCache, IntrospectsOncePerDsnUntilRefreshed) {
  conn().execute("CREATE TYPE mood AS ENUM ('calm')");
  const std::string dsn = dsn_of(conn());
  const std::size_t before = detail::introspection_count();

  const auto first = cached_types(dsn, conn(), true);  // this test's types, whatever ran before
  EXPECT_EQ(detail::introspection_count(), before + 1);
  ASSERT_NE(first->find("mood", schema_name_), nullptr);
  const auto second = cached_types(dsn, conn());
  EXPECT_EQ(detail::introspection_count(), before + 1);
  EXPECT_EQ(second, first);

  conn().execute("CREATE TYPE late AS ENUM ('x')");
  EXPECT_EQ(cached_types(dsn, conn())->find("late", schema_name_), nullptr);  // stale, as asked
  const auto refreshed = cached_types(dsn, conn(), true);
  EXPECT_EQ(detail::introspection_count(), before + 2);
  EXPECT_NE(refreshed, first);
  const UserType* late = refreshed->find("late", schema_name_);
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(late->oid, oid_of("late"));
  EXPECT_EQ(cached_types(dsn, conn()), refreshed);
  EXPECT_EQ(detail::introspection_count(), before + 2);
  // The catalog handed out earlier is unchanged.
  EXPECT_EQ(first->find("late", schema_name_), nullptr);
}

TEST_F(TypeCache, ConnectionsToOneDatabaseShareTheCache) {
  conn().execute("CREATE TYPE mood AS ENUM ('calm')");
  pg::Connection other = other_connection();
  ASSERT_EQ(dsn_of(other), dsn_of(conn()));
  const std::size_t before = detail::introspection_count();
  const auto mine = cached_types(dsn_of(conn()), conn(), true);
  const auto theirs = cached_types(dsn_of(other), other);
  EXPECT_EQ(theirs, mine);
  EXPECT_EQ(detail::introspection_count(), before + 1);
}

TEST_F(TypeCache, ConcurrentCallsAgree) {
  conn().execute(
      "CREATE TYPE mood AS ENUM ('calm', 'busy'); CREATE TYPE pair AS (a integer, b mood)");
  const std::string dsn = dsn_of(conn());
  constexpr int threads = 4;
  std::vector<pg::Connection> connections;
  for (int i = 0; i < threads; ++i) connections.push_back(other_connection());
  std::vector<std::vector<std::shared_ptr<const TypeCatalog>>> seen(threads);
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        // Refreshing on the first call makes every thread introspect at once.
        for (int i = 0; i < 10; ++i) {
          seen[t].push_back(cached_types(dsn, connections[t], i % 4 == 0));
        }
      });
    }
  }
  const std::vector<UserType> expected = ours(*seen[0][0]);
  ASSERT_EQ(expected.size(), 2u);
  for (const auto& catalogs : seen) {
    ASSERT_EQ(catalogs.size(), 10u);
    for (const auto& catalog : catalogs) {
      ASSERT_NE(catalog, nullptr);
      EXPECT_EQ(ours(*catalog), expected);
    }
  }
}

TEST_F(TypeCache, DsnOfTheTestServerReconnects) {
  const std::string dsn = dsn_of(conn());
  const auto database = conn().fetch_value<std::string>("SELECT current_database()");
  const auto user = conn().fetch_value<std::string>("SELECT current_user");
  // Failure messages show the DSN without the server's password.
  std::string shown = dsn;
  if (const std::string& password = conn().params().password; !password.empty()) {
    for (std::size_t at; (at = shown.find(password)) != std::string::npos;) {
      shown.replace(at, password.size(), "***");
    }
  }
  EXPECT_TRUE(dsn.starts_with("postgresql://")) << shown;
  EXPECT_NE(dsn.find(user), std::string::npos) << shown;
  EXPECT_TRUE(dsn.ends_with("/" + database)) << shown;
  EXPECT_NE(dsn.find(":" + std::to_string(conn().params().port) + "/"), std::string::npos) << shown;

  // libpq reads it back as the same server, database and user.
  pg::Connection again = pg::connect(dsn);
  EXPECT_EQ(again.fetch_value<std::string>("SELECT current_database()"), database);
  EXPECT_EQ(again.fetch_value<std::string>("SELECT current_user"), user);
  EXPECT_TRUE(dsn_of(again) == dsn) << shown;
}

// The keywords libpq parses out of a connection string.
std::map<std::string, std::string> parsed(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  std::map<std::string, std::string> values;
  if (options == nullptr) {
    values["error"] = error ? error : "out of memory";
    PQfreemem(error);
    return values;
  }
  for (const auto* o = options; o->keyword; ++o) {
    if (o->val && *o->val) values[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  return values;
}

TEST(TypeCacheDsn, PercentEncodesWhatWouldBreakTheUri) {
  EXPECT_EQ(detail::format_dsn("app", "p@ss:w/rd", "db.example.com", 5433, "shop"),
            "postgresql://app:p%40ss%3Aw%2Frd@db.example.com:5433/shop");
  EXPECT_EQ(detail::format_dsn("u", "", "/var/run/postgresql", 5432, "d"),
            "postgresql://u@%2Fvar%2Frun%2Fpostgresql:5432/d");
  EXPECT_EQ(detail::format_dsn("u", "", "::1", 5432, "d"), "postgresql://u@[::1]:5432/d");
  EXPECT_EQ(detail::format_dsn("", "", "localhost", 0, "d"), "postgresql://localhost/d");
  EXPECT_EQ(detail::format_dsn("", "", "", 0, ""), "postgresql://");

  const std::string dsn =
      detail::format_dsn("José a@b", "p@ss:w/rd?#% x&y=1", "/tmp/sock dir", 6543, "my db/1?x=#");
  const std::map<std::string, std::string> expected = {{"user", "José a@b"},
                                                       {"password", "p@ss:w/rd?#% x&y=1"},
                                                       {"host", "/tmp/sock dir"},
                                                       {"port", "6543"},
                                                       {"dbname", "my db/1?x=#"}};
  std::map<std::string, std::string> got = parsed(dsn);
  for (const auto& [key, value] : expected) EXPECT_EQ(got[key], value) << key << " in " << dsn;
  EXPECT_EQ(got.count("error"), 0u) << got["error"];
}

}  // namespace
}  // namespace iceaxe
