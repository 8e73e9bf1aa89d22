// Logging: one record per statement (execute, fetch, execute_many, COPY) with its SQL,
// rendered variables and duration, failures included; the default sink's JSON line; level
// filtering; sink replacement from other threads.

#include "iceaxe/logging.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "iceaxe/pg/connection.hpp"
#include "support/database.hpp"

namespace iceaxe {
namespace {

using logging::Record;

::testing::AssertionResult Contains(const std::string& haystack, const std::string& needle) {
  if (haystack.find(needle) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << needle << "\" not found in:\n" << haystack;
}

// "YYYY-MM-DDTHH:MM:SS.ffffffZ"
bool is_utc_timestamp(const std::string& text) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd.ddddddZ";
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool ok = shape[i] == 'd' ? text[i] >= '0' && text[i] <= '9' : text[i] == shape[i];
    if (!ok) return false;
  }
  return true;
}

// Every test runs at DEBUG with a capturing sink; the level and the default sink come back
// afterwards.
class Logging : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_level_ = logging::level();
    logging::set_level(LogLevel::debug);
    logging::set_sink([this](const Record& record) {
      const std::lock_guard lock(mutex_);
      records_.push_back(record);
    });
  }
  void TearDown() override {
    logging::set_sink({});
    logging::set_level(saved_level_);
  }

  std::vector<Record> records() {
    const std::lock_guard lock(mutex_);
    return records_;
  }
  // The records of statements (server notices are records too), taken: the next call
  // starts afresh.
  std::vector<Record> take_statements() {
    const std::lock_guard lock(mutex_);
    std::vector<Record> statements;
    for (Record& record : records_) {
      if (record.fields.contains("sql")) statements.push_back(std::move(record));
    }
    records_.clear();
    return statements;
  }
  // The one statement record logged since the last call.
  Record only_statement() {
    std::vector<Record> statements = take_statements();
    EXPECT_EQ(statements.size(), 1u);
    if (statements.empty()) return Record{LogLevel::error, "", {}, "(no record)", {}};
    return std::move(statements.front());
  }
  static void expect_statement(const Record& record, const std::string& sql) {
    EXPECT_EQ(record.level, LogLevel::debug);
    EXPECT_EQ(record.name, "iceaxe.pg");
    EXPECT_TRUE(Contains(record.message, sql));
    EXPECT_EQ(record.fields.value("sql", ""), sql);
    ASSERT_TRUE(record.fields.contains("duration_ms")) << record.fields.dump();
    EXPECT_TRUE(record.fields["duration_ms"].is_number()) << record.fields.dump();
    EXPECT_GE(record.fields["duration_ms"].get<double>(), 0.0);
    EXPECT_LT(record.fields["duration_ms"].get<double>(), 60'000.0);
    EXPECT_LE(record.time, std::chrono::system_clock::now());
  }

  pg::Connection conn_ = test::connect();

 private:
  LogLevel saved_level_ = LogLevel::warning;
  std::mutex mutex_;
  std::vector<Record> records_;
};

TEST_F(Logging, ExecuteLogsOneRecord) {
  take_statements();
  conn_.execute("SELECT 1");
  const Record record = only_statement();
  expect_statement(record, "SELECT 1");
  // The simple protocol has no parameters to show.
  if (record.fields.contains("variables")) {
    EXPECT_EQ(record.fields["variables"].size(), 0u);
  }
  EXPECT_FALSE(record.fields.contains("failed"));
}

TEST_F(Logging, FetchLogsItsVariablesRendered) {
  const std::string sql = "SELECT $1::int4 + 1, $2::text, $3::int8, $4::bool";
  for (int round = 0; round < 2; ++round) {  // prepared, then from the statement cache
    take_statements();
    conn_.fetch(sql, 41, std::string("hello"), std::optional<std::int64_t>(), true);
    const Record record = only_statement();
    expect_statement(record, sql);
    EXPECT_EQ(record.fields["variables"], (nlohmann::json{"41", "hello", "NULL", "true"}));
  }
  // Long values are shortened in the log as in errors.
  take_statements();
  conn_.fetch("SELECT length($1::text)", std::string(50'000, 'y'));
  const Record record = only_statement();
  ASSERT_EQ(record.fields["variables"].size(), 1u);
  EXPECT_LT(record.fields["variables"][0].get<std::string>().size(), 300u);
}

TEST_F(Logging, ExecuteManyLogsOneRecordWithItsRows) {
  conn_.execute("CREATE TEMP TABLE item (id int PRIMARY KEY, name text)");
  const std::string sql = "INSERT INTO item VALUES ($1, $2)";
  take_statements();
  conn_.execute_many(sql, std::vector<std::tuple<std::int32_t, std::string>>{
                              {1, "alpha"}, {2, "beta"}, {3, "gamma"}});
  const Record record = only_statement();
  expect_statement(record, sql);
  EXPECT_EQ(record.fields.value("rows", 0), 3);
  // Every row's values, in whatever shape (one list per row or one flat list).
  ASSERT_TRUE(record.fields.contains("variables")) << record.fields.dump();
  const std::string variables = record.fields["variables"].dump();
  for (const char* value : {"alpha", "beta", "gamma", "\"3\""}) {
    EXPECT_TRUE(Contains(variables, value));
  }
}

TEST_F(Logging, CopyLogsOneRecord) {
  conn_.execute("CREATE TEMP TABLE loaded (id int, name text)");
  take_statements();
  auto copy = conn_.copy_in("loaded", {"id", "name"});
  copy.write_row(std::int32_t{1}, std::string("one"));
  copy.write_row(std::int32_t{2}, std::string("two"));
  EXPECT_EQ(copy.finish(), 2u);
  const Record record = only_statement();
  expect_statement(record, "COPY \"loaded\" (\"id\", \"name\") FROM STDIN (FORMAT binary)");
}

TEST_F(Logging, FailuresAreLoggedToo) {
  take_statements();
  EXPECT_THROW(conn_.fetch("SELECT 1 / $1", 0), DivisionByZero);
  Record record = only_statement();
  expect_statement(record, "SELECT 1 / $1");
  EXPECT_EQ(record.fields.value("failed", false), true);
  EXPECT_EQ(record.fields["variables"], (nlohmann::json{"0"}));

  EXPECT_THROW(conn_.execute("SELEC 1"), SyntaxError);
  record = only_statement();
  expect_statement(record, "SELEC 1");
  EXPECT_EQ(record.fields.value("failed", false), true);

  conn_.execute("CREATE TEMP TABLE item (id int PRIMARY KEY)");
  take_statements();
  EXPECT_THROW(conn_.execute_many("INSERT INTO item VALUES ($1)",
                                  std::vector<std::tuple<std::int32_t>>{{1}, {1}}),
               UniqueViolation);
  record = only_statement();
  EXPECT_EQ(record.fields.value("failed", false), true);
}

TEST_F(Logging, PasswordsAreNeverLogged) {
  pg::ConnectParams params = conn_.params();
  params.password = "wrong-secret-123";
  EXPECT_THROW(pg::connect(params), ConnectionFailure);
  EXPECT_THROW(pg::connect("postgresql://u:wrong-secret-123@[::1"), ConnectionFailure);
  for (const Record& record : records()) {
    EXPECT_EQ(logging::to_json_line(record).find("wrong-secret-123"), std::string::npos)
        << logging::to_json_line(record);
  }
}

TEST_F(Logging, LevelsFilter) {
  logging::set_level(LogLevel::warning);
  EXPECT_EQ(logging::level(), LogLevel::warning);
  EXPECT_FALSE(logging::enabled(LogLevel::debug));
  EXPECT_FALSE(logging::enabled(LogLevel::info));
  EXPECT_TRUE(logging::enabled(LogLevel::warning));
  EXPECT_TRUE(logging::enabled(LogLevel::error));
  take_statements();
  logging::write(LogLevel::debug, "iceaxe.test", "dropped debug");
  logging::write(LogLevel::info, "iceaxe.test", "dropped info");
  logging::write(LogLevel::warning, "iceaxe.test", "kept warning");
  logging::write(LogLevel::error, "iceaxe.test", "kept error");
  conn_.execute("SELECT 1");  // statements are DEBUG: not logged
  std::vector<std::string> messages;
  for (const Record& record : records()) messages.push_back(record.message);
  EXPECT_EQ(messages, (std::vector<std::string>{"kept warning", "kept error"}));

  logging::set_level(LogLevel::error);
  logging::write(LogLevel::warning, "iceaxe.test", "dropped warning");
  EXPECT_EQ(records().size(), 2u);
}

TEST_F(Logging, RecordsCarryNameLevelTimeAndFields) {
  const auto before = std::chrono::system_clock::now();
  logging::write(LogLevel::info, "iceaxe.test", "hello", {{"answer", 42}});
  const auto after = std::chrono::system_clock::now();
  const std::vector<Record> all = records();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].level, LogLevel::info);
  EXPECT_EQ(all[0].name, "iceaxe.test");
  EXPECT_EQ(all[0].message, "hello");
  EXPECT_EQ(all[0].fields, (nlohmann::json{{"answer", 42}}));
  EXPECT_GE(all[0].time, before);
  EXPECT_LE(all[0].time, after);
}

// ---------------------------------------------------------------------------------------
// The default sink's line

Record sample_record() {
  using namespace std::chrono;
  Record record{LogLevel::warning, "iceaxe.test",
                sys_days(year(2024) / 1 / 2) + 3h + 4min + 5s + 6us, "said \"hi\"\nand left",
                nlohmann::json::object()};
  record.fields = {{"sql", "SELECT $1"}, {"variables", {"a", "NULL"}}, {"duration_ms", 1.5}};
  return record;
}

TEST(LoggingJsonLine, IsOneJsonObjectWithTheStandardKeysAndTheFields) {
  const std::string line = logging::to_json_line(sample_record());
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  const nlohmann::json parsed = nlohmann::json::parse(line);
  ASSERT_TRUE(parsed.is_object());
  EXPECT_EQ(parsed.at("level"), "WARNING");
  EXPECT_EQ(parsed.at("name"), "iceaxe.test");
  EXPECT_EQ(parsed.at("timestamp"), "2024-01-02T03:04:05.000006Z");
  EXPECT_EQ(parsed.at("message"), "said \"hi\"\nand left");
  EXPECT_EQ(parsed.at("sql"), "SELECT $1");
  EXPECT_EQ(parsed.at("variables"), (nlohmann::json{"a", "NULL"}));
  EXPECT_EQ(parsed.at("duration_ms"), 1.5);
  EXPECT_EQ(parsed.size(), 7u);
}

TEST(LoggingJsonLine, LevelNames) {
  EXPECT_EQ(logging::level_name(LogLevel::debug), "DEBUG");
  EXPECT_EQ(logging::level_name(LogLevel::info), "INFO");
  EXPECT_EQ(logging::level_name(LogLevel::warning), "WARNING");
  EXPECT_EQ(logging::level_name(LogLevel::error), "ERROR");
}

// A timestamp ending in Z is UTC, whatever the process's time zone.
TEST(LoggingJsonLine, TimestampIsUtcInAnyTimeZone) {
  const char* saved = std::getenv("TZ");
  const std::optional<std::string> saved_tz =
      saved ? std::optional<std::string>(saved) : std::nullopt;
  ::setenv("TZ", "America/New_York", 1);
  ::tzset();
  const std::string line = logging::to_json_line(sample_record());
  if (saved_tz) {
    ::setenv("TZ", saved_tz->c_str(), 1);
  } else {
    ::unsetenv("TZ");
  }
  ::tzset();
  EXPECT_EQ(nlohmann::json::parse(line).at("timestamp"), "2024-01-02T03:04:05.000006Z");
}

TEST(LoggingJsonLine, FieldsDoNotReplaceTheStandardKeys) {
  Record record = sample_record();
  record.fields = {{"level", "DEBUG"}, {"message", "spoofed"}, {"name", "a table"}};
  const nlohmann::json parsed = nlohmann::json::parse(logging::to_json_line(record));
  EXPECT_EQ(parsed.at("level"), "WARNING");
  EXPECT_EQ(parsed.at("name"), "iceaxe.test");
  EXPECT_EQ(parsed.at("message"), "said \"hi\"\nand left");
  // The colliding fields are kept, under other keys.
  EXPECT_EQ(parsed.at("field_level"), "DEBUG");
  EXPECT_EQ(parsed.at("field_message"), "spoofed");
  EXPECT_EQ(parsed.at("field_name"), "a table");
}

TEST(LoggingJsonLine, InvalidUtf8IsReplacedNotThrown) {
  Record record = sample_record();
  record.fields = {{"variables", {"caf\xc3"}}};
  record.message = "bad \xff byte";
  std::string line;
  EXPECT_NO_THROW(line = logging::to_json_line(record));
  EXPECT_TRUE(nlohmann::json::accept(line)) << line;
}

// ---------------------------------------------------------------------------------------
// The default sink, and changing sinks from several threads

TEST(LoggingSink, EmptySinkRestoresStderr) {
  const LogLevel saved = logging::level();
  logging::set_level(LogLevel::info);
  int captured = 0;
  logging::set_sink([&](const Record&) { ++captured; });
  logging::write(LogLevel::info, "iceaxe.test", "to the sink");
  logging::set_sink({});
  ::testing::internal::CaptureStderr();
  logging::write(LogLevel::info, "iceaxe.test", "to stderr", {{"k", "v"}});
  const std::string err = ::testing::internal::GetCapturedStderr();
  logging::set_level(saved);

  EXPECT_EQ(captured, 1);
  ASSERT_FALSE(err.empty());
  EXPECT_EQ(err.back(), '\n');
  EXPECT_EQ(err.find('\n'), err.size() - 1) << "more than one line: " << err;
  const nlohmann::json parsed = nlohmann::json::parse(err);
  EXPECT_EQ(parsed.at("level"), "INFO");
  EXPECT_EQ(parsed.at("name"), "iceaxe.test");
  EXPECT_EQ(parsed.at("message"), "to stderr");
  EXPECT_EQ(parsed.at("k"), "v");
  EXPECT_TRUE(is_utc_timestamp(parsed.at("timestamp").get<std::string>()))
      << parsed.at("timestamp");
}

TEST(LoggingSink, ThreadsLogWhileTheSinkIsSwapped) {
  const LogLevel saved = logging::level();
  logging::set_level(LogLevel::debug);
  constexpr int writers = 4;
  constexpr int per_writer = 300;
  std::atomic<int> to_a{0}, to_b{0};
  std::atomic<bool> done{false};
  // Each record reaches exactly one of the two sinks, whichever is installed.
  const logging::Sink a = [&](const Record& r) {
    if (r.name == "iceaxe.threads") ++to_a;
  };
  const logging::Sink b = [&](const Record& r) {
    if (r.name == "iceaxe.threads") ++to_b;
  };
  logging::set_sink(a);
  std::thread swapper([&] {
    for (int i = 0; !done.load(); ++i) logging::set_sink(i % 2 ? a : b);
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < writers; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < per_writer; ++i) {
        logging::write(LogLevel::debug, "iceaxe.threads", "message",
                       {{"thread", t}, {"i", i}, {"text", std::string(64, 'x')}});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  done = true;
  swapper.join();
  logging::set_sink({});
  logging::set_level(saved);
  EXPECT_EQ(to_a + to_b, writers * per_writer);
}

}  // namespace
}  // namespace iceaxe
