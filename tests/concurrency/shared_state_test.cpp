// The process-wide state on its own, from eight threads released at once: the model registry
// (two threads register a model again while the others read it), each connection's
// primary-key map, and the type cache of two databases (two DSNs), refreshed while read.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "concurrency/databases.hpp"
#include "concurrency/models.hpp"
#include "concurrency/watchdog.hpp"

namespace concurrency_test {

// Registered once at start-up, and again by the test: never stored.
struct Probe : iceaxe::TableBase {
  static constexpr std::string_view table_name = "conc_probe";
  std::int64_t id = 0;
};
ICEAXE_TABLE(Probe, (id, {.primary_key = true}))

namespace {

using namespace std::chrono_literals;

constexpr int threads = 8;
constexpr int writers = 2;
constexpr int rounds = 40;

std::size_t probes_registered() {
  const std::vector<iceaxe::ModelRef> models = iceaxe::registered_models();
  return static_cast<std::size_t>(std::ranges::count(models, iceaxe::model<Probe>));
}

TEST(Concurrency, RegistryAndTypeCacheFromAllThreadsAtOnce) {
  Databases databases;
  const std::size_t models_before = iceaxe::registered_models().size();
  const std::size_t probes_before = probes_registered();
  ASSERT_GE(probes_before, 1u);

  run_threads(threads, 120s, [&](int index, Step& step) {
    try {
      const bool first_database = index % 2 == 0;
      step = "connecting";
      iceaxe::DBConnection db = first_database ? databases.connect() : databases.connect_other();
      const std::string mine = first_database ? "tier" : "shade";
      const std::string theirs = first_database ? "shade" : "tier";
      std::size_t seen = models_before;
      for (int round = 0; round < rounds; ++round) {
        if (index < writers) {
          step = "registering";
          iceaxe::detail::add_to_registry(iceaxe::model<Probe>);
        }
        step = "reading the registry";
        const std::vector<iceaxe::ModelRef> models = iceaxe::registered_models();
        EXPECT_GE(models.size(), seen) << "the registry only grows";
        seen = models.size();
        EXPECT_TRUE(std::ranges::any_of(models, [](const iceaxe::ModelRef& model) {
          return model->table_name == "conc_account";
        }));

        step = "obj_to_primary_key";
        EXPECT_EQ(db.obj_to_primary_key().at("conc_probe"), std::vector<std::string>{"id"});

        step = "type cache";
        if (round % 8 == index % 8) {
          // Replaces the catalog the other threads of this DSN are reading.
          EXPECT_NE(iceaxe::cached_types(db.get_dsn(), db.conn(), true)->find(mine), nullptr);
        }
        db.initialize_types();
        EXPECT_NE(db.types().find(mine), nullptr) << mine;
        EXPECT_EQ(db.types().find(theirs), nullptr) << theirs << ": another DSN's catalog";
      }
      step = "done";
    } catch (const std::exception& e) {
      ADD_FAILURE() << "thread " << index << " at \"" << step.load() << "\": " << e.what();
    }
  });

  EXPECT_EQ(probes_registered(), probes_before + writers * rounds);
  EXPECT_EQ(iceaxe::registered_models().size(), models_before + writers * rounds);
}

}  // namespace
}  // namespace concurrency_test
