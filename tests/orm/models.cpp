#include "orm/models.hpp"

#include <algorithm>
#include <cctype>

namespace orm_test {

using namespace std::chrono_literals;

Employee employee(std::string name, std::int32_t age) {
  Employee e;
  e.name = std::move(name);
  e.age = age;
  e.tags = {"a", "b"};
  e.payload = {{"k", 1}};
  e.settings = {true, 3};
  e.created_at = Timestamp(1700000000s);
  return e;
}

Item item(std::int64_t id, std::string label, double price) {
  Item i;
  i.id = id;
  i.label = std::move(label);
  i.price = price;
  i.level = Level::lead;
  i.doc = {{"x", id}};
  return i;
}

void OrmTest::SetUp() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string("orm_") + test->test_suite_name() + "_" + test->name();
  std::ranges::transform(name, name.begin(), [](unsigned char c) { return std::tolower(c); });
  name.resize(std::min<std::size_t>(name.size(), 63));
  schema_ = iceaxe::pg::quote_identifier(iceaxe::test::schema(name));
  iceaxe::pg::Connection setup = iceaxe::test::connect();  // no server: the test fails here
  setup.execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_ +
                "; SET search_path = " + schema_ + ";" + std::string(create_tables));
  db_.emplace(connect());
}

void OrmTest::TearDown() {
  db_.reset();
  iceaxe::pg::Connection cleanup = iceaxe::test::connect();
  cleanup.execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
}

iceaxe::pg::Connection OrmTest::other_connection() {
  iceaxe::pg::Connection other = iceaxe::test::connect();
  other.execute("SET search_path = " + schema_ + "; SET TimeZone = 'UTC'");
  return other;
}

iceaxe::DBConnection OrmTest::connect(iceaxe::DBConnectionOptions options) {
  return iceaxe::DBConnection(other_connection(), options);
}

std::int64_t OrmTest::count_rows(std::string_view table) {
  return other_connection().fetch_value<std::int64_t>("SELECT count(*) FROM " +
                                                      iceaxe::pg::quote_identifier(table));
}

LogCapture::LogCapture() : saved_level_(iceaxe::logging::level()) {
  iceaxe::logging::set_level(iceaxe::LogLevel::debug);
  iceaxe::logging::set_sink([this](const iceaxe::logging::Record& record) {
    const std::lock_guard lock(mutex_);
    records_.push_back(record);
  });
}

LogCapture::~LogCapture() {
  iceaxe::logging::set_sink({});
  iceaxe::logging::set_level(saved_level_);
}

std::vector<iceaxe::logging::Record> LogCapture::records() {
  const std::lock_guard lock(mutex_);
  return records_;
}

std::vector<std::string> LogCapture::statements() {
  std::vector<std::string> sql;
  for (const auto& record : records()) {
    if (record.fields.contains("sql")) sql.push_back(record.fields["sql"].get<std::string>());
  }
  return sql;
}

}  // namespace orm_test
