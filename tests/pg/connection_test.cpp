#include "iceaxe/pg/connection.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "support/database.hpp"

namespace iceaxe::pg {
namespace {

TEST(Connection, ConnectsFromEnvironmentAndReportsWhatItUsed) {
  Connection conn = test::connect();
  EXPECT_FALSE(conn.is_closed());
  EXPECT_FALSE(conn.is_broken());
  EXPECT_GE(conn.server_version(), 150000);
  EXPECT_GT(conn.backend_pid(), 0);
  EXPECT_FALSE(conn.params().host.empty());
  EXPECT_GT(conn.params().port, 0);
  EXPECT_FALSE(conn.params().user.empty());
  EXPECT_FALSE(conn.params().database.empty());
  EXPECT_EQ(conn.params().application_name, "iceaxe");
  EXPECT_EQ(conn.fetch_value<std::string>("SELECT current_user"), conn.params().user);
  EXPECT_EQ(conn.transaction_status(), TransactionStatus::idle);
}

TEST(Connection, ConnectsFromParams) {
  const Connection first = test::connect();
  ConnectParams params = first.params();
  params.application_name = "iceaxe-test";
  Connection conn = connect(params);
  EXPECT_EQ(conn.fetch_value<std::string>("SELECT current_setting('application_name')"),
            "iceaxe-test");
  EXPECT_EQ(conn.fetch_value<std::string>("SELECT current_database()"), params.database);
}

TEST(Connection, ConnectsFromUri) {
  const Connection first = test::connect();
  const ConnectParams& p = first.params();
  const std::string host = p.host.starts_with('/') ? "localhost" : p.host;
  Connection conn = connect("postgresql://" + p.user + ":" + p.password + "@" + host + ":" +
                            std::to_string(p.port) + "/" + p.database);
  EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT 1"), 1);
}

TEST(Connection, ExtraLibpqKeywordsApply) {
  ConnectParams params = test::connect().params();
  params.extra["options"] = "-c statement_timeout=1234";
  Connection conn = connect(params);
  EXPECT_EQ(conn.fetch_value<std::string>("SHOW statement_timeout"), "1234ms");
}

TEST(Connection, MovesAndCloses) {
  Connection a = test::connect();
  Connection b = std::move(a);
  EXPECT_TRUE(a.is_closed());  // NOLINT(bugprone-use-after-move): moved-from is closed
  EXPECT_THROW(a.execute("SELECT 1"), UsageError);
  EXPECT_EQ(b.fetch_value<std::int32_t>("SELECT 2"), 2);
  b.close();
  EXPECT_TRUE(b.is_closed());
  EXPECT_THROW(b.execute("SELECT 1"), UsageError);
  b.close();  // closing twice is fine
  EXPECT_EQ(b.transaction_status(), TransactionStatus::unknown);
}

TEST(Connection, SimpleProtocolRunsSeveralStatements) {
  Connection conn = test::connect();
  const Result result = conn.execute(
      "CREATE TEMP TABLE several (v int); INSERT INTO several VALUES (1), (2); "
      "UPDATE several SET v = v + 1");
  EXPECT_EQ(result.command_status(), "UPDATE 2");
  EXPECT_EQ(result.affected_rows(), 2u);
  const Result rows = conn.execute("SELECT v FROM several ORDER BY v");
  ASSERT_EQ(rows.size(), 2);
  // The simple protocol answers in text: strings read, typed reads point to fetch().
  EXPECT_EQ(rows[0].get<std::string>(0), "2");
  EXPECT_THROW(rows[0].get<std::int32_t>(0), ValueError);
}

TEST(Connection, ParametersAreBoundNeverSpliced) {
  Connection conn = test::connect();
  conn.execute("CREATE TEMP TABLE t (name text)");
  const std::string hostile = "x'); DROP TABLE t; --";
  conn.execute("INSERT INTO t VALUES ($1)", hostile);
  EXPECT_EQ(conn.fetch_value<std::string>("SELECT name FROM t"), hostile);
  EXPECT_EQ(conn.fetch_value<std::string>("SELECT $1::text", std::string("$1 \\ ; \"")),
            "$1 \\ ; \"");
}

TEST(Connection, ReadsRowsByIndexNameAndTuple) {
  Connection conn = test::connect();
  const Result result = conn.fetch(
      "SELECT g AS id, 'n' || g AS name, CASE WHEN g = 2 THEN NULL ELSE g * 1.5 END AS score "
      "FROM generate_series(1, 3) g ORDER BY g");
  ASSERT_EQ(result.size(), 3);
  ASSERT_EQ(result.columns(), 3);
  EXPECT_EQ(result.column_name(1), "name");
  EXPECT_EQ(result.column_index("score"), 2);
  EXPECT_EQ(result[0].get<std::int32_t>("id"), 1);
  EXPECT_EQ(result[2].get<std::string>(1), "n3");
  EXPECT_EQ(result[1].get<std::optional<Numeric>>("score"), std::nullopt);
  int seen = 0;
  for (const Row row : result) {
    const auto [id, name] = row.as<std::int64_t, std::string>();
    EXPECT_EQ(name, "n" + std::to_string(id));
    ++seen;
  }
  EXPECT_EQ(seen, 3);
  EXPECT_THROW(result[0].get<std::int32_t>("missing"), ValueError);
  EXPECT_THROW(result[0].get<std::int32_t>(7), ValueError);
}

TEST(Connection, FetchValueWithoutRowsIsAnError) {
  Connection conn = test::connect();
  EXPECT_THROW(conn.fetch_value<std::int32_t>("SELECT 1 WHERE false"), ValueError);
}

TEST(Connection, ParamsObjectBindsAtRunTime) {
  Connection conn = test::connect();
  Params params;
  params.add(std::int32_t{40}).add(std::string("two")).add(std::optional<std::int64_t>());
  const Result r = conn.fetch("SELECT $1 + 2, $2 || '!', $3::int8 IS NULL", params);
  EXPECT_EQ(r[0].get<std::int32_t>(0), 42);
  EXPECT_EQ(r[0].get<std::string>(1), "two!");
  EXPECT_TRUE(r[0].get<bool>(2));
  EXPECT_EQ(params.render_all(), (std::vector<std::string>{"40", "two", "NULL"}));
}

TEST(Connection, TooManyParametersAreRefusedBeforeSending) {
  Connection conn = test::connect();
  Params params;
  for (int i = 0; i < 65536; ++i) params.add(std::int32_t{i});
  EXPECT_THROW(conn.fetch("SELECT $1", params), ValueError);
  EXPECT_EQ(conn.fetch_value<std::int32_t>("SELECT 1"), 1);
}

TEST(Connection, ServerNoticesDoNotReachStderrOrFail) {
  Connection conn = test::connect();
  EXPECT_NO_THROW(conn.execute("DROP TABLE IF EXISTS surely_not_here_table"));
}

TEST(Connection, QuoteIdentifierEscapesQuotes) {
  EXPECT_EQ(quote_identifier("plain"), "\"plain\"");
  EXPECT_EQ(quote_identifier("we\"ird"), "\"we\"\"ird\"");
  EXPECT_THROW(quote_identifier(std::string_view("a\0b", 3)), ValueError);
  Connection conn = test::connect();
  const std::string name = "odd\"; DROP TABLE x; --";
  conn.execute("CREATE TEMP TABLE " + quote_identifier(name) + " (v int)");
  EXPECT_EQ(
      conn.fetch_value<std::int64_t>("SELECT count(*) FROM pg_class WHERE relname = $1", name), 1);
}

}  // namespace
}  // namespace iceaxe::pg
