// The migrations command line, run in-process against a real server: generate, apply,
// status, rollback, and bad command lines.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "iceaxe/iceaxe.hpp"
#include "support/database.hpp"

namespace cli_test {

struct Gadget : iceaxe::TableBase {
  static constexpr std::string_view table_name = "cli_gadget";
  std::optional<std::int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Gadget, (id, {.primary_key = true}), name)

namespace {

namespace fs = std::filesystem;

class MigrationCli : public ::testing::Test {
 protected:
  void SetUp() override {
    iceaxe::test::connect().execute("DROP SCHEMA IF EXISTS mig_cli CASCADE; CREATE SCHEMA mig_cli");
    dir_ = fs::temp_directory_path() / ("iceaxe_cli_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    // The command line connects by itself: libpq takes the schema from PGOPTIONS.
    const char* options = std::getenv("PGOPTIONS");
    saved_options_ = options ? std::optional<std::string>(options) : std::nullopt;
    ::setenv("PGOPTIONS", "-c search_path=mig_cli", 1);
  }
  void TearDown() override {
    if (saved_options_) {
      ::setenv("PGOPTIONS", saved_options_->c_str(), 1);
    } else {
      ::unsetenv("PGOPTIONS");
    }
    iceaxe::test::connect().execute("DROP SCHEMA IF EXISTS mig_cli CASCADE");
    fs::remove_all(dir_);
  }

  int run(std::vector<std::string> args) {
    // Defaults first: an argument given again later wins.
    args.insert(args.begin(), {"migrate", "--dir", dir_.string(), "--dsn", iceaxe::test::dsn()});
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    const std::vector<iceaxe::ModelRef> models = {iceaxe::model<Gadget>};
    return iceaxe::migrations::cli_main(static_cast<int>(argv.size()), argv.data(), models);
  }

  fs::path dir_;
  std::optional<std::string> saved_options_;
};

TEST_F(MigrationCli, GenerateApplyStatusRollback) {
  testing::internal::CaptureStdout();
  EXPECT_EQ(run({"generate", "--message", "add gadget"}), 0);
  EXPECT_EQ(run({"status"}), 0);
  EXPECT_EQ(run({"apply"}), 0);
  EXPECT_EQ(run({"generate"}), 0);
  EXPECT_EQ(run({"status"}), 0);
  EXPECT_EQ(run({"rollback", "--steps", "1"}), 0);
  const std::string out = testing::internal::GetCapturedStdout();
  EXPECT_NE(out.find("new revision: "), std::string::npos) << out;
  EXPECT_NE(out.find("pending "), std::string::npos) << out;
  EXPECT_NE(out.find("add gadget"), std::string::npos) << out;
  EXPECT_NE(out.find("applied 1 revision(s); the database is at 2"), std::string::npos) << out;
  EXPECT_NE(out.find("the database matches the models"), std::string::npos) << out;
  EXPECT_NE(out.find("applied  "), std::string::npos) << out;
  EXPECT_NE(out.find("rolled back 1 revision(s); the database is at no revision"),
            std::string::npos)
      << out;
}

TEST_F(MigrationCli, BadCommandLinesPrintUsage) {
  testing::internal::CaptureStderr();
  EXPECT_EQ(run({}), 2);
  EXPECT_EQ(run({"migrate-all"}), 2);
  EXPECT_EQ(run({"rollback", "--steps", "zero"}), 2);
  EXPECT_EQ(run({"apply", "--verbose"}), 2);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("usage: migrate generate"), std::string::npos) << err;
  EXPECT_NE(err.find("unknown command 'migrate-all'"), std::string::npos) << err;
  EXPECT_NE(err.find("--steps takes a positive number"), std::string::npos) << err;
}

TEST_F(MigrationCli, FailuresAreReportedWithExitCodeOne) {
  testing::internal::CaptureStderr();
  EXPECT_EQ(run({"apply", "--dsn", "postgresql://nobody@127.0.0.1:1/none"}), 1);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("apply failed: "), std::string::npos) << err;
}

}  // namespace
}  // namespace cli_test
