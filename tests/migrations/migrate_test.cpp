// Revisions against a real server: a model evolution where every generated revision applies,
// leaves exactly the models' schema, rolls back to exactly the previous one and applies
// again, with a row kept throughout; magic_migrate's idempotence; a revision failing midway;
// two appliers at once.

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "iceaxe/iceaxe.hpp"
#include "iceaxe/migrations/introspect.hpp"
#include "iceaxe/migrations/migrate.hpp"
#include "iceaxe/migrations/model_schema.hpp"
#include "iceaxe/migrations/revision_file.hpp"
#include "migrations/schema_text.hpp"
#include "support/database.hpp"

// The evolution's steps: each namespace holds the models as they are at that step.
namespace evo1 {
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (name, {.default_sql = "''"}))
}  // namespace evo1

namespace evo2 {  // a NOT NULL column
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (name, {.default_sql = "''"}),
             (age, {.default_sql = "0"}))
}  // namespace evo2

namespace evo3 {  // name renamed full_name: a drop and an add
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string full_name;
  std::int32_t age = 0;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (full_name, {.default_sql = "''"}),
             (age, {.default_sql = "0"}))
}  // namespace evo3

namespace evo4 {  // age becomes bigint
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string full_name;
  std::int64_t age = 0;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (full_name, {.default_sql = "''"}),
             (age, {.default_sql = "0"}))
}  // namespace evo4

namespace evo5 {  // an enum column
enum class Mood { calm };
ICEAXE_ENUM(Mood, calm)
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string full_name;
  std::int64_t age = 0;
  Mood mood = Mood::calm;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (full_name, {.default_sql = "''"}),
             (age, {.default_sql = "0"}), (mood, {.default_sql = "'calm'"}))
}  // namespace evo5

namespace evo6 {  // a new enum value
enum class Mood { calm, busy };
ICEAXE_ENUM(Mood, calm, busy)
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string full_name;
  std::int64_t age = 0;
  Mood mood = Mood::calm;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (full_name, {.default_sql = "''"}),
             (age, {.default_sql = "0"}), (mood, {.default_sql = "'calm'"}))
}  // namespace evo6

namespace evo7 {  // a new table and a foreign key into it
using Mood = evo6::Mood;
struct Office : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_office";
  std::optional<std::int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), (name, {.unique = true}))
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string full_name;
  std::int64_t age = 0;
  Mood mood = Mood::calm;
  std::optional<std::int64_t> office_id;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (full_name, {.default_sql = "''"}),
             (age, {.default_sql = "0"}), (mood, {.default_sql = "'calm'"}),
             (office_id, {.foreign_key = "evo_office.id"}))
}  // namespace evo7

namespace evo8 {  // an index
using Mood = evo6::Mood;
using Office = evo7::Office;
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string full_name;
  std::int64_t age = 0;
  Mood mood = Mood::calm;
  std::optional<std::int64_t> office_id;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (full_name, {.index = true, .default_sql = "''"}),
             (age, {.default_sql = "0"}), (mood, {.default_sql = "'calm'"}),
             (office_id, {.foreign_key = "evo_office.id"}))
}  // namespace evo8

namespace evo9 {  // the office table dropped
using Mood = evo6::Mood;
struct Person : iceaxe::TableBase {
  static constexpr std::string_view table_name = "evo_person";
  std::optional<std::int64_t> id;
  std::string full_name;
  std::int64_t age = 0;
  Mood mood = Mood::calm;
  std::optional<std::int64_t> office_id;
};
ICEAXE_TABLE(Person, (id, {.primary_key = true}), (full_name, {.index = true, .default_sql = "''"}),
             (age, {.default_sql = "0"}), (mood, {.default_sql = "'calm'"}), office_id)
}  // namespace evo9

namespace migrate_test {
namespace {

namespace mig = iceaxe::migrations;
using iceaxe::model;
namespace fs = std::filesystem;

class Migrate : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    schema_ = std::string("mig_") + test->name();
    std::ranges::transform(schema_, schema_.begin(),
                           [](unsigned char c) { return std::tolower(c); });
    dir_ = fs::temp_directory_path() / ("iceaxe_" + schema_ + std::to_string(::getpid()));
    fs::remove_all(dir_);
    iceaxe::pg::Connection setup = iceaxe::test::connect();
    setup.execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    db_.emplace(connect());
  }
  void TearDown() override {
    db_.reset();
    iceaxe::test::connect().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    fs::remove_all(dir_);
  }

  iceaxe::DBConnection connect() {
    iceaxe::pg::Connection conn = iceaxe::test::connect();
    conn.execute("SET search_path = " + schema_);
    return iceaxe::DBConnection(std::move(conn));
  }
  mig::Schema now() { return mig::introspect(db().conn()); }
  mig::Schema expected(const std::vector<iceaxe::ModelRef>& models) {
    mig::Schema schema = mig::schema_of(models);
    mig::render_as_server(db().conn(), schema);
    return schema;
  }
  void write(const std::string& revision, const std::string& down, const std::string& up_sql,
             bool use_transaction = true) {
    mig::write_revision(dir_, {.revision = revision,
                               .down_revision = down,
                               .message = "by hand",
                               .use_transaction = use_transaction,
                               .up_sql = up_sql,
                               .down_sql = ""});
  }
  std::size_t files() {
    return fs::exists(dir_) ? static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_),
                                                                     fs::directory_iterator()))
                            : 0;
  }
  iceaxe::DBConnection& db() { return *db_; }

  std::string schema_;
  fs::path dir_;
  std::optional<iceaxe::DBConnection> db_;
};

TEST_F(Migrate, AModelEvolutionAppliesAndRollsBackStepByStep) {
  const std::vector<std::pair<std::string, std::vector<iceaxe::ModelRef>>> steps = {
      {"add person", {model<evo1::Person>}},
      {"add age", {model<evo2::Person>}},
      {"rename name", {model<evo3::Person>}},
      {"age bigint", {model<evo4::Person>}},
      {"add mood", {model<evo5::Person>}},
      {"mood busy", {model<evo6::Person>}},
      {"add office", {model<evo7::Person>, model<evo7::Office>}},
      {"index full_name", {model<evo8::Person>, model<evo8::Office>}},
      {"drop office", {model<evo9::Person>}},
  };
  for (const auto& [message, models] : steps) {
    SCOPED_TRACE(message);
    const mig::Schema before = now();
    const auto path = mig::generate(db(), dir_, {.models = models, .message = message});
    ASSERT_TRUE(path);
    SCOPED_TRACE(std::string(std::istreambuf_iterator<char>(std::ifstream(*path).rdbuf()), {}));
    ASSERT_EQ(mig::apply(db(), dir_), 1u);
    const mig::Schema after = expected(models);
    EXPECT_EQ(iceaxe::test::schema_text(now()), iceaxe::test::schema_text(after));
    EXPECT_FALSE(mig::generate(db(), dir_, {.models = models})) << "nothing differs now";

    ASSERT_EQ(mig::rollback(db(), dir_), 1u);
    EXPECT_EQ(iceaxe::test::schema_text(now()), iceaxe::test::schema_text(before));
    ASSERT_EQ(mig::apply(db(), dir_), 1u);
    EXPECT_EQ(iceaxe::test::schema_text(now()), iceaxe::test::schema_text(after));

    if (message == "add person") {
      db().conn().execute("INSERT INTO evo_person (name) VALUES ('kept')");
    }
    EXPECT_EQ(db().conn().fetch_value<std::int64_t>("SELECT count(*) FROM evo_person"), 1);
  }
  const auto revisions = mig::status(db(), dir_);
  ASSERT_EQ(revisions.size(), steps.size());
  EXPECT_TRUE(std::ranges::all_of(revisions, &mig::RevisionStatus::applied));
  EXPECT_EQ(revisions.back().message, "drop office");
  EXPECT_EQ(mig::active_revision(db()), revisions.back().revision);
}

TEST_F(Migrate, MagicMigrateGeneratesOnlyWhenModelsDiffer) {
  const std::vector<iceaxe::ModelRef> models = {model<evo7::Person>, model<evo7::Office>};
  EXPECT_EQ(db().magic_migrate(dir_, {.models = models, .message = "first"}), 1u);
  EXPECT_EQ(files(), 1u);
  EXPECT_EQ(db().magic_migrate(dir_, {.models = models}), 0u);
  EXPECT_EQ(files(), 1u) << "no empty revision";
  evo7::Office hq;
  hq.name = "HQ";
  db().insert(hq);
  EXPECT_TRUE(hq.id);
}

TEST_F(Migrate, AFailingRevisionLeavesTheLastGoodOne) {
  write("0001", "", "CREATE TABLE evo_a (x int)");
  write("0002", "0001", "CREATE TABLE evo_b (x int); SELECT 1/0");
  write("0003", "0002", "CREATE TABLE evo_c (x int)");
  EXPECT_THROW(mig::apply(db(), dir_), iceaxe::DivisionByZero);
  EXPECT_EQ(mig::active_revision(db()), "0001");
  const auto tables = db().conn().fetch_value<std::int64_t>(
      "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'evo_%' AND schemaname = "
      "current_schema()");
  EXPECT_EQ(tables, 1) << "evo_b was rolled back, evo_c never ran";
}

TEST_F(Migrate, ARevisionWithoutTransactionRunsStatementByStatement) {
  write("0001", "", "CREATE TABLE evo_a (x int)");
  write("0002", "0001",
        "CREATE INDEX CONCURRENTLY evo_a_x ON evo_a (x);\nCREATE TABLE evo_b (x int)", false);
  EXPECT_EQ(mig::apply(db(), dir_), 2u);
  EXPECT_EQ(now().indexes.size(), 1u);
}

TEST_F(Migrate, AnUnknownActiveRevisionIsAnError) {
  write("0001", "", "SELECT 1");
  EXPECT_EQ(mig::apply(db(), dir_), 1u);
  db().conn().execute("UPDATE migration_info SET active_revision = 'elsewhere'");
  EXPECT_THROW(mig::apply(db(), dir_), mig::MigrationError);
  EXPECT_THROW(mig::generate(db(), dir_, {.models = {model<evo1::Person>}}), mig::MigrationError);
}

TEST_F(Migrate, GeneratingWithPendingRevisionsIsRefused) {
  write("0001", "", "CREATE TABLE evo_a (x int)");
  EXPECT_THROW(mig::generate(db(), dir_, {.models = {model<evo1::Person>}}), mig::MigrationError);
  EXPECT_THROW(db().transaction([&] { mig::apply(db(), dir_); }), iceaxe::UsageError);
}

TEST_F(Migrate, TwoConcurrentAppliersApplyOnce) {
  write("0001", "", "SELECT pg_sleep(0.5); CREATE TABLE evo_a (x int)");
  std::atomic<std::size_t> applied = 0;
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> errors(2);
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      try {
        iceaxe::DBConnection conn = connect();
        applied += mig::apply(conn, dir_);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& error : errors) EXPECT_FALSE(error);
  EXPECT_EQ(applied, 1u);
  EXPECT_EQ(mig::active_revision(db()), "0001");
}

}  // namespace
}  // namespace migrate_test
