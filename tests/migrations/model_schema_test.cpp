// The schema models describe: its objects and names, and, against a real server, that
// create_all builds exactly it, so that the catalogs read back compare equal (no diff).

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "iceaxe/iceaxe.hpp"
#include "iceaxe/migrations/create_all.hpp"
#include "iceaxe/migrations/diff.hpp"
#include "iceaxe/migrations/introspect.hpp"
#include "iceaxe/migrations/model_schema.hpp"
#include "support/database.hpp"

namespace model_schema_test {

enum class Mood { calm, busy };
ICEAXE_ENUM(Mood, calm, (busy, "Busy!"))

struct Site : iceaxe::TableBase {
  static constexpr std::string_view table_name = "mig_site";
  std::optional<std::int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Site, (id, {.primary_key = true}), (name, {.unique = true}))

struct Worker : iceaxe::TableBase {
  static constexpr std::string_view table_name = "mig_worker";
  static inline const auto table_args = iceaxe::table_args(
      iceaxe::UniqueConstraint{{"name", "site_id"}}, iceaxe::IndexConstraint{{"age", "mood"}});
  std::optional<std::int32_t> id;
  std::string name;
  std::int32_t age = 0;
  std::optional<std::int64_t> site_id;
  Mood mood = Mood::calm;
  std::vector<Mood> moods;
  std::vector<std::string> tags;
  std::optional<std::string> note;
  std::chrono::sys_time<std::chrono::microseconds> seen;
  nlohmann::json data;
};
ICEAXE_TABLE(Worker, (id, {.primary_key = true}), name,
             (age, {.index = true, .check_expression = "age >= 0", .default_sql = "18"}),
             (site_id, {.foreign_key = "mig_site.id",
                        .postgres_config = iceaxe::PostgresForeignKey{.on_delete = "CASCADE"}}),
             mood, moods, tags, note, (seen, {.default_sql = "now()"}), data)

struct Pair : iceaxe::TableBase {
  static constexpr std::string_view table_name = "mig_pair";
  std::int64_t left = 0;
  std::int64_t right = 0;
};
ICEAXE_TABLE(Pair, (left, {.primary_key = true}), (right, {.primary_key = true}))

const std::vector<iceaxe::ModelRef> models = {iceaxe::model<Worker>, iceaxe::model<Site>,
                                              iceaxe::model<Pair>};

namespace mig = iceaxe::migrations;

TEST(MigrationModelSchema, ObjectsAndNames) {
  const mig::Schema schema = mig::schema_of(models);
  EXPECT_EQ(schema.tables, (std::vector<std::string>{"mig_pair", "mig_site", "mig_worker"}));
  ASSERT_EQ(schema.enums.size(), 1u);
  EXPECT_EQ(schema.enums[0].name, "mood");
  EXPECT_EQ(schema.enums[0].labels, (std::vector<std::string>{"calm", "Busy!"}));
  std::vector<std::string> constraints;
  for (const auto& c : schema.constraints) constraints.push_back(c.table + "." + c.name);
  EXPECT_EQ(constraints,
            (std::vector<std::string>{
                "mig_pair.mig_pair_pkey", "mig_site.mig_site_name_key", "mig_site.mig_site_pkey",
                "mig_worker.mig_worker_age_check", "mig_worker.mig_worker_name_site_id_key",
                "mig_worker.mig_worker_pkey", "mig_worker.mig_worker_site_id_fkey"}));
  ASSERT_EQ(schema.indexes.size(), 2u);
  EXPECT_EQ(schema.indexes[0].name, "mig_worker_age_idx");
  EXPECT_EQ(schema.indexes[1].name, "mig_worker_age_mood_idx");
  EXPECT_EQ(schema.indexes[1].columns, (std::vector<std::string>{"age", "mood"}));
}

class MigrationCreateAll : public ::testing::Test {
 protected:
  void SetUp() override {
    iceaxe::pg::Connection conn = iceaxe::test::connect();
    conn.execute(
        "DROP SCHEMA IF EXISTS iceaxe_create_all CASCADE; CREATE SCHEMA iceaxe_create_all;"
        "SET search_path = iceaxe_create_all");
    db_.emplace(std::move(conn));
  }
  void TearDown() override {
    db_->conn().execute("DROP SCHEMA IF EXISTS iceaxe_create_all CASCADE");
  }
  std::optional<iceaxe::DBConnection> db_;
};

TEST_F(MigrationCreateAll, BuildsWhatTheModelsDescribeSoNothingDiffers) {
  mig::create_all(*db_, models);
  mig::Schema expected = mig::schema_of(models);
  mig::render_as_server(db_->conn(), expected);
  const mig::Schema actual = mig::introspect(db_->conn());
  const std::vector<std::string> up = mig::diff(actual, expected);
  EXPECT_TRUE(up.empty()) << fmt::format("{}", fmt::join(up, ";\n"));
  EXPECT_TRUE(actual == expected);
  EXPECT_EQ(db_->conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);

  Site site;
  site.name = "north";
  db_->insert(site);
  Worker worker;
  worker.name = "Ann";
  worker.site_id = site.id;
  worker.moods = {Mood::busy};
  db_->insert(worker);
  EXPECT_EQ(db_->get<Worker>(*worker.id)->moods, std::vector<Mood>{Mood::busy});
}

TEST_F(MigrationCreateAll, CreatesNothingWhenAnObjectExists) {
  db_->conn().execute("CREATE TABLE mig_worker (x int)");
  EXPECT_THROW(mig::create_all(*db_, models), iceaxe::DuplicateTable);
  EXPECT_EQ(db_->conn().fetch_value<std::int64_t>(
                "SELECT count(*) FROM pg_class WHERE relname = 'mig_site' AND "
                "relnamespace = 'iceaxe_create_all'::regnamespace"),
            0);
}

}  // namespace model_schema_test
