#pragma once

// Shared by the model-layer tests: an enum and a JSON struct several models use, and a
// fixture that gives each test a connection inside a schema of its own (dropped before and
// after), with helpers that write a model's stored fields through FieldIo and read rows
// back through read_models, as the ORM will.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/iceaxe.hpp"
#include "support/database.hpp"

namespace model_test {

enum class Status { draft, live, in_progress };
ICEAXE_ENUM(Status, draft, live, (in_progress, "in-progress"))

// The PostgreSQL type ICEAXE_ENUM(Status, ...) stands for.
inline constexpr std::string_view create_status_type =
    "CREATE TYPE status AS ENUM ('draft', 'live', 'in-progress')";

// A plain struct stored as one JSON document (`.is_json = true`).
struct Address {
  std::string city;
  int zip = 0;
  bool operator==(const Address&) const = default;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Address, city, zip)

// A model of the common kinds of member, declared in a header several tests include.
struct Contact : iceaxe::TableBase {
  std::int32_t id = 0;
  std::string name;
  std::int32_t age = 0;
  std::optional<std::string> nickname;
  Status status = Status::draft;
  std::vector<std::string> tags;
  nlohmann::json payload;
  Address address;
  double score = 0;
  std::string cache;  // not stored

  bool operator==(const Contact&) const = default;
};
ICEAXE_TABLE(Contact, (id, {.primary_key = true}), name, age, nickname, status, tags, payload,
             (address, {.is_json = true}), score, (cache, {.exclude = true}))

inline constexpr std::string_view create_contact_table =
    "CREATE TABLE contact (id integer PRIMARY KEY, name text NOT NULL, age integer NOT NULL, "
    "nickname text, status status NOT NULL, tags text[] NOT NULL, payload jsonb NOT NULL, "
    "address jsonb NOT NULL, score double precision NOT NULL)";

// The stored fields' names, quoted and comma-separated, in declaration order.
template <iceaxe::Model T>
std::string stored_columns() {
  std::string out;
  iceaxe::for_each_field<T>([&](const auto& field) {
    if (!field.stored()) return;
    if (!out.empty()) out += ", ";
    out += iceaxe::pg::quote_identifier(field.name);
  });
  return out;
}

// The stored fields of `object` as statement parameters, bound as the ORM binds them.
template <iceaxe::Model T>
iceaxe::pg::Params bind_fields(const T& object) {
  iceaxe::pg::Params params;
  iceaxe::detail::for_each_index<iceaxe::field_count<T>>([&](auto i) {
    if constexpr (std::get<i>(iceaxe::fields<T>).stored()) {
      iceaxe::detail::FieldIo<T, i>::bind(object, params);
    }
  });
  return params;
}

// A connection whose search_path is a fresh schema named after the running test, so tests
// create their tables and enum types by hand without meeting each other's.
class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_.emplace(iceaxe::test::connect());  // no server: the test fails here
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("model_test_") + test->test_suite_name() + "_" + test->name();
    std::ranges::transform(name, name.begin(), [](unsigned char c) { return std::tolower(c); });
    name.resize(std::min<std::size_t>(name.size(), 63));
    schema_ = iceaxe::pg::quote_identifier(name);
    conn().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_ +
                   "; SET search_path = " + schema_ +
                   "; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; "
                   "SET IntervalStyle = 'postgres'");
  }

  void TearDown() override {
    if (conn_ && !conn_->is_broken())
      conn().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  iceaxe::pg::Connection& conn() { return *conn_; }

  // INSERT INTO <table> (<stored columns>) VALUES ($1, ...), one row per object.
  template <iceaxe::Model T>
  void insert(const std::vector<T>& objects) {
    for (const T& object : objects) {
      const iceaxe::pg::Params params = bind_fields(object);
      std::string sql = "INSERT INTO " + iceaxe::pg::quote_identifier(iceaxe::table_name<T>) +
                        " (" + stored_columns<T>() + ") VALUES (";
      for (std::size_t i = 1; i <= params.size(); ++i) {
        sql += (i > 1 ? ", $" : "$") + std::to_string(i);
      }
      conn().execute(sql + ")", params);
    }
  }

  // SELECT <stored columns> FROM <table> ORDER BY <order_by>, read into models.
  template <iceaxe::Model T>
  std::vector<T> load(std::string_view order_by) {
    return iceaxe::detail::read_models<T>(
        conn().fetch("SELECT " + stored_columns<T>() + " FROM " +
                     iceaxe::pg::quote_identifier(iceaxe::table_name<T>) + " ORDER BY " +
                     std::string(order_by)));
  }

 private:
  std::optional<iceaxe::pg::Connection> conn_;
  std::string schema_;
};

}  // namespace model_test
