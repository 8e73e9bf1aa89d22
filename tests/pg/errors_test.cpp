// The error hierarchy against a real server: every SQLSTATE of errors.hpp raised and caught
// as exactly its class, errors provoked the natural way (with their fields), connection
// failures (refused, bad credentials, timeouts, a backend killed mid-query or at COMMIT),
// what QueryError says, and bad input refused before anything is sent.

#include <cxxabi.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <vector>

#include <fmt/format.h>

#include "iceaxe/pg/connection.hpp"
#include "iceaxe/pg/errors.hpp"
#include "support/database.hpp"
#include "support/silent_socket.hpp"

namespace iceaxe::pg {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The retry logic and callers rely on these relations.
static_assert(std::is_base_of_v<TransactionRollback, SerializationFailure>);
static_assert(std::is_base_of_v<TransactionRollback, DeadlockDetected>);
static_assert(std::is_base_of_v<ConnectionFailure, CommitOutcomeUnknown>);
static_assert(std::is_base_of_v<std::runtime_error, PostgresError>);
static_assert(!std::is_base_of_v<std::exception, QueryError>);

// ---------------------------------------------------------------------------------------
// Helpers

::testing::AssertionResult Contains(const std::string& haystack, const std::string& needle) {
  if (haystack.find(needle) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << needle << "\" not found in:\n" << haystack;
}

::testing::AssertionResult DoesNotContain(const std::string& haystack, const std::string& needle) {
  if (haystack.find(needle) == std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << needle << "\" leaked into:\n" << haystack;
}

std::string demangle(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  return status == 0 && name ? name.get() : type.name();
}

// What `f` threw, or nullptr.
template <class F>
std::exception_ptr thrown_by(F&& f) {
  try {
    f();
  } catch (...) {
    return std::current_exception();
  }
  return nullptr;
}

template <class E>
bool catches_as(const std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const E&) {
    return true;
  } catch (...) {
    return false;
  }
}

std::string what_of(const std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "(not a std::exception)";
  }
}

// The most derived type of what was thrown.
const std::type_info& dynamic_type_of(const std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& e) {
    return typeid(e);
  } catch (...) {
    return typeid(void);
  }
}

// Runs `f`, which must throw an E; then `check` looks at it.
template <class E, class F, class Check>
void expect_error(F&& f, Check&& check) {
  const std::exception_ptr thrown = thrown_by(f);
  ASSERT_TRUE(thrown) << "expected " << demangle(typeid(E)) << ", nothing was thrown";
  try {
    std::rethrow_exception(thrown);
  } catch (const E& e) {
    check(e);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected " << demangle(typeid(E)) << ", got " << demangle(typeid(e)) << ": "
                  << e.what();
  }
}

// Polls `condition` until it holds or `timeout` passes; returns whether it held.
template <class F>
bool wait_until(F&& condition, std::chrono::milliseconds timeout = 5s) {
  const auto deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// A unique name for tables shared between connections (tests run in parallel processes).
std::string unique_name(const Connection& conn, std::string_view what) {
  static int counter = 0;
  return fmt::format("errors_{}_{}_{}", what, conn.backend_pid(), ++counter);
}

// ---------------------------------------------------------------------------------------
// Every SQLSTATE of ICEAXE_PG_ERROR_TYPES, raised on the server

// A raised SQLSTATE checked against its class: the most derived type is exactly
// QueryErrorOf<E>, and it is catchable as E, PostgresError, QueryError and std::exception.
template <class E>
void expect_raised_as(const std::exception_ptr& thrown, const std::string& code,
                      const std::string& sql, const std::vector<std::string>& variables) {
  ASSERT_TRUE(thrown) << "SQLSTATE " << code << ": nothing was thrown";
  EXPECT_EQ(dynamic_type_of(thrown), typeid(QueryErrorOf<E>))
      << "SQLSTATE " << code << " was thrown as " << demangle(dynamic_type_of(thrown))
      << " instead of " << demangle(typeid(QueryErrorOf<E>));
  try {
    std::rethrow_exception(thrown);
  } catch (const E& e) {
    EXPECT_EQ(e.sqlstate(), code);
    EXPECT_EQ(e.message(), "raised " + code);
    EXPECT_EQ(e.severity(), "ERROR");
  } catch (...) {
    ADD_FAILURE() << "SQLSTATE " << code << " is not catchable as " << demangle(typeid(E));
  }
  try {
    std::rethrow_exception(thrown);
  } catch (const PostgresError& e) {
    EXPECT_EQ(e.sqlstate(), code);
  } catch (...) {
    ADD_FAILURE() << "SQLSTATE " << code << " is not catchable as PostgresError";
  }
  try {
    std::rethrow_exception(thrown);
  } catch (const QueryError& e) {
    EXPECT_EQ(e.sqlstate(), code);
    EXPECT_EQ(e.sql_text(), sql);
    EXPECT_EQ(e.variables(), variables);
  } catch (...) {
    ADD_FAILURE() << "SQLSTATE " << code << " is not catchable as QueryError";
  }
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& e) {
    EXPECT_TRUE(Contains(e.what(), "raised " + code));
    EXPECT_TRUE(Contains(e.what(), "Query: " + sql));
  } catch (...) {
    ADD_FAILURE() << "SQLSTATE " << code << " is not catchable as std::exception";
  }
}

struct ErrorType {
  std::string name;  // the class name
  std::string code;  // the SQLSTATE it stands for
  void (*expect_raised)(const std::exception_ptr&, const std::string&, const std::string&,
                        const std::vector<std::string>&);
  bool (*catches)(const std::exception_ptr&);
};

const std::vector<ErrorType>& error_types() {
  static const std::vector<ErrorType> types = {
#define ICEAXE_TEST_ERROR_TYPE(name, parent, code) \
  {#name, code, &expect_raised_as<name>, &catches_as<name>},
      ICEAXE_PG_ERROR_TYPES(ICEAXE_TEST_ERROR_TYPE)
#undef ICEAXE_TEST_ERROR_TYPE
  };
  return types;
}

const ErrorType* error_type_for(const std::string& code) {
  for (const ErrorType& type : error_types()) {
    if (type.code == code) return &type;
  }
  return nullptr;
}

// One connection for the whole table (each code is two round trips); its plpgsql helper
// raises the SQLSTATE it is given, for the extended-protocol path. `reopen`: a new one, as
// each suite using it starts (the tests share a process, and one of them restarts the server).
Connection& raising_connection(bool reopen = false) {
  static std::optional<Connection> conn;
  if (!conn || reopen) {
    conn = test::connect();
    conn->execute(
        "CREATE FUNCTION pg_temp.iceaxe_raise(code text) RETURNS int LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'raised %', code USING ERRCODE = code; END $$");
  }
  return *conn;
}

std::string raise_sql(const std::string& code) {
  return fmt::format("DO $$ BEGIN RAISE EXCEPTION 'raised {0}' USING ERRCODE = '{0}'; END $$",
                     code);
}
constexpr const char* raise_fetch_sql = "SELECT pg_temp.iceaxe_raise($1)";

std::exception_ptr raise_simple(const std::string& code) {
  return thrown_by([&] { raising_connection().execute(raise_sql(code)); });
}
std::exception_ptr raise_extended(const std::string& code) {
  return thrown_by([&] { raising_connection().fetch(raise_fetch_sql, code); });
}

TEST(ErrorsSqlstateTable, CodesAreWellFormedAndDistinct) {
  std::set<std::string> codes;
  for (const ErrorType& type : error_types()) {
    EXPECT_EQ(type.code.size(), 5u) << type.name;
    EXPECT_TRUE(codes.insert(type.code).second) << type.code << " appears twice";
  }
  EXPECT_GE(codes.size(), 100u);
}

class ErrorsSqlstate : public ::testing::TestWithParam<ErrorType> {
 protected:
  static void SetUpTestSuite() { raising_connection(true); }
};

// The server raises every code of the table (none is refused by RAISE, class-level
// '...000' and connection codes included), through both protocols.
TEST_P(ErrorsSqlstate, RaisedCodeThrowsExactlyItsClass) {
  const ErrorType& type = GetParam();
  type.expect_raised(raise_simple(type.code), type.code, raise_sql(type.code), {});
  type.expect_raised(raise_extended(type.code), type.code, raise_fetch_sql, {type.code});
  // Every code is also catchable as its SQLSTATE class.
  if (const ErrorType* of_class = error_type_for(type.code.substr(0, 2) + "000")) {
    EXPECT_TRUE(of_class->catches(raise_extended(type.code)))
        << type.name << " is not catchable as its class " << of_class->name;
  }
  // An error raised by the server leaves the connection usable.
  EXPECT_FALSE(raising_connection().is_broken());
  EXPECT_EQ(raising_connection().fetch_value<std::int32_t>("SELECT $1::int4", 7), 7);
}

INSTANTIATE_TEST_SUITE_P(Errors, ErrorsSqlstate, ::testing::ValuesIn(error_types()),
                         [](const ::testing::TestParamInfo<ErrorType>& info) {
                           return info.param.name;
                         });

TEST(ErrorsSqlstateFallback, UnknownCodeInAKnownClassMapsToTheClass) {
  expect_raised_as<DataException>(raise_extended("22ZZZ"), "22ZZZ", raise_fetch_sql, {"22ZZZ"});
  expect_raised_as<IntegrityConstraintViolation>(raise_simple("23ZZ9"), "23ZZ9", raise_sql("23ZZ9"),
                                                 {});
  expect_raised_as<SyntaxErrorOrAccessRuleViolation>(raise_extended("42ZZZ"), "42ZZZ",
                                                     raise_fetch_sql, {"42ZZZ"});
  expect_raised_as<TransactionRollback>(raise_extended("40ZZZ"), "40ZZZ", raise_fetch_sql,
                                        {"40ZZZ"});
  expect_raised_as<ConnectionException>(raise_extended("08ZZZ"), "08ZZZ", raise_fetch_sql,
                                        {"08ZZZ"});
}

TEST(ErrorsSqlstateFallback, UnknownClassMapsToPostgresError) {
  expect_raised_as<PostgresError>(raise_extended("ZZ123"), "ZZ123", raise_fetch_sql, {"ZZ123"});
  // A warning-class code raised as an error is no class of ours either.
  expect_raised_as<PostgresError>(raise_simple("01000"), "01000", raise_sql("01000"), {});
}

TEST(ErrorsSqlstateFallback, ConnectCodesAreConnectionFailures) {
  // sqlclient_unable_to_establish_sqlconnection and sqlserver_rejected_establishment...
  expect_raised_as<ConnectionFailure>(raise_extended("08001"), "08001", raise_fetch_sql, {"08001"});
  expect_raised_as<ConnectionFailure>(raise_extended("08004"), "08004", raise_fetch_sql, {"08004"});
}

// ---------------------------------------------------------------------------------------
// Errors provoked the natural way, with their fields

class ErrorsFromServer : public ::testing::Test {
 protected:
  void SetUp() override {
    conn_.execute(
        "CREATE TEMP TABLE parent (id int PRIMARY KEY, name text NOT NULL UNIQUE,"
        "  age int CHECK (age >= 0));"
        "CREATE TEMP TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));"
        "INSERT INTO parent VALUES (1, 'ann', 30)");
  }
  void TearDown() override {
    // After every error the connection is still usable.
    EXPECT_FALSE(conn_.is_broken());
    EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
    EXPECT_EQ(conn_.fetch_value<std::int32_t>("SELECT $1::int4 + 1", 1), 2);
  }
  static const QueryError& query_error(const PostgresError& e) {
    const auto* query = dynamic_cast<const QueryError*>(&e);
    if (query == nullptr) throw std::logic_error("not a QueryError: " + demangle(typeid(e)));
    return *query;
  }

  Connection conn_ = test::connect();
};

TEST_F(ErrorsFromServer, UniqueViolation) {
  const std::string sql = "INSERT INTO parent (id, name, age) VALUES ($1, $2, $3)";
  expect_error<UniqueViolation>(
      [&] { conn_.execute(sql, 2, std::string("ann"), 5); },
      [&](const UniqueViolation& e) {
        EXPECT_EQ(e.sqlstate(), "23505");
        EXPECT_EQ(e.constraint_name(), "parent_name_key");
        EXPECT_EQ(e.table_name(), "parent");
        EXPECT_TRUE(e.schema_name().starts_with("pg_temp")) << e.schema_name();
        EXPECT_EQ(e.detail(), "Key (name)=(ann) already exists.");
        EXPECT_TRUE(Contains(e.what(), "duplicate key value violates unique constraint"));
        EXPECT_TRUE(Contains(e.what(), "Key (name)=(ann) already exists."));
        EXPECT_EQ(query_error(e).sql_text(), sql);
        EXPECT_EQ(query_error(e).variables(), (std::vector<std::string>{"2", "ann", "5"}));
      });
}

TEST_F(ErrorsFromServer, ForeignKeyViolation) {
  expect_error<ForeignKeyViolation>(
      [&] { conn_.execute("INSERT INTO child VALUES ($1, $2)", 1, 99); },
      [&](const ForeignKeyViolation& e) {
        EXPECT_EQ(e.sqlstate(), "23503");
        EXPECT_EQ(e.constraint_name(), "child_parent_id_fkey");
        EXPECT_EQ(e.table_name(), "child");
        EXPECT_EQ(e.detail(), "Key (parent_id)=(99) is not present in table \"parent\".");
      });
  // The other direction: deleting a referenced row.
  conn_.execute("INSERT INTO child VALUES (1, 1)");
  expect_error<ForeignKeyViolation>([&] { conn_.execute("DELETE FROM parent WHERE id = $1", 1); },
                                    [&](const ForeignKeyViolation& e) {
                                      EXPECT_EQ(e.constraint_name(), "child_parent_id_fkey");
                                      EXPECT_EQ(e.table_name(), "child");
                                    });
}

TEST_F(ErrorsFromServer, NotNullViolation) {
  expect_error<NotNullViolation>(
      [&] {
        conn_.execute("INSERT INTO parent (id, name) VALUES ($1, $2)", 2,
                      std::optional<std::string>());
      },
      [&](const NotNullViolation& e) {
        EXPECT_EQ(e.sqlstate(), "23502");
        EXPECT_EQ(e.column_name(), "name");
        EXPECT_EQ(e.table_name(), "parent");
        EXPECT_EQ(query_error(e).variables(), (std::vector<std::string>{"2", "NULL"}));
      });
}

TEST_F(ErrorsFromServer, CheckViolation) {
  expect_error<CheckViolation>(
      [&] { conn_.execute("UPDATE parent SET age = $1 WHERE id = 1", -1); },
      [&](const CheckViolation& e) {
        EXPECT_EQ(e.sqlstate(), "23514");
        EXPECT_EQ(e.constraint_name(), "parent_age_check");
        EXPECT_EQ(e.table_name(), "parent");
      });
}

TEST_F(ErrorsFromServer, SyntaxError) {
  expect_error<SyntaxError>([&] { conn_.execute("SELEC 1"); },
                            [&](const SyntaxError& e) {
                              EXPECT_EQ(e.sqlstate(), "42601");
                              EXPECT_TRUE(Contains(e.message(), "syntax error"));
                              EXPECT_EQ(query_error(e).sql_text(), "SELEC 1");
                            });
  // Through the extended protocol the error comes at prepare time.
  expect_error<SyntaxError>([&] { conn_.fetch("SELECT $1 FROM FROM", 1); },
                            [&](const SyntaxError& e) {
                              EXPECT_EQ(query_error(e).sql_text(), "SELECT $1 FROM FROM");
                              EXPECT_EQ(query_error(e).variables(), std::vector<std::string>{"1"});
                            });
}

TEST_F(ErrorsFromServer, UndefinedTableColumnAndFunction) {
  expect_error<UndefinedTable>([&] { conn_.fetch("SELECT * FROM no_such_table_here"); },
                               [&](const UndefinedTable& e) {
                                 EXPECT_EQ(e.sqlstate(), "42P01");
                                 EXPECT_TRUE(Contains(e.message(), "no_such_table_here"));
                               });
  expect_error<UndefinedColumn>([&] { conn_.fetch("SELECT no_such_column FROM parent"); },
                                [&](const UndefinedColumn& e) {
                                  EXPECT_EQ(e.sqlstate(), "42703");
                                  EXPECT_TRUE(Contains(e.message(), "no_such_column"));
                                });
  expect_error<UndefinedFunction>([&] { conn_.fetch("SELECT no_such_function($1)", 1); },
                                  [&](const UndefinedFunction& e) {
                                    EXPECT_EQ(e.sqlstate(), "42883");
                                    EXPECT_FALSE(e.hint().empty());
                                    EXPECT_TRUE(Contains(e.what(), "HINT: " + e.hint()));
                                  });
}

TEST_F(ErrorsFromServer, DataExceptions) {
  expect_error<DivisionByZero>([&] { conn_.fetch("SELECT 1 / $1", 0); },
                               [&](const DivisionByZero& e) { EXPECT_EQ(e.sqlstate(), "22012"); });
  expect_error<NumericValueOutOfRange>(
      [&] { conn_.fetch("SELECT $1::int4 * 1000000", std::int32_t{2'000'000}); },
      [&](const NumericValueOutOfRange& e) {
        EXPECT_EQ(e.sqlstate(), "22003");
        EXPECT_TRUE(Contains(e.message(), "integer out of range"));
        EXPECT_EQ(query_error(e).variables(), std::vector<std::string>{"2000000"});
      });
  expect_error<InvalidTextRepresentation>(
      [&] { conn_.fetch("SELECT $1::text::int4", std::string("twelve")); },
      [&](const InvalidTextRepresentation& e) {
        EXPECT_EQ(e.sqlstate(), "22P02");
        EXPECT_TRUE(Contains(e.message(), "\"twelve\""));
      });
}

TEST_F(ErrorsFromServer, InvalidUtf8InATextParameter) {
  const std::string bad = "caf\xc3 \xff";
  expect_error<CharacterNotInRepertoire>(
      [&] { conn_.execute("INSERT INTO parent (id, name) VALUES ($1, $2)", 2, bad); },
      [&](const CharacterNotInRepertoire& e) {
        EXPECT_EQ(e.sqlstate(), "22021");
        EXPECT_TRUE(Contains(e.message(), "invalid byte sequence for encoding \"UTF8\""));
        EXPECT_EQ(query_error(e).variables().size(), 2u);
      });
  EXPECT_EQ(conn_.fetch_value<std::int64_t>("SELECT count(*) FROM parent"), 1);
}

TEST_F(ErrorsFromServer, InFailedSqlTransaction) {
  conn_.begin();
  conn_.execute("INSERT INTO parent (id, name) VALUES ($1, $2)", 2, std::string("bob"));
  EXPECT_THROW(conn_.execute("SELECT 1 / 0"), DivisionByZero);
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_error);
  expect_error<InFailedSqlTransaction>([&] { conn_.fetch("SELECT $1::int4", 1); },
                                       [&](const InFailedSqlTransaction& e) {
                                         EXPECT_EQ(e.sqlstate(), "25P02");
                                         EXPECT_TRUE(Contains(e.message(), "aborted"));
                                       });
  EXPECT_THROW(conn_.execute("SELECT 1"), InFailedSqlTransaction);
  conn_.rollback();
  EXPECT_EQ(conn_.fetch_value<std::int64_t>("SELECT count(*) FROM parent"), 1);
}

TEST_F(ErrorsFromServer, CommitAnsweredWithRollbackThrows) {
  conn_.begin();
  conn_.execute("INSERT INTO parent (id, name) VALUES ($1, $2)", 2, std::string("bob"));
  EXPECT_THROW(conn_.execute("INSERT INTO parent (id, name) VALUES (3, 'ann')"), UniqueViolation);
  // The server answers COMMIT with ROLLBACK: an error, never a silent success.
  expect_error<InFailedSqlTransaction>([&] { conn_.commit(); },
                                       [&](const InFailedSqlTransaction& e) {
                                         EXPECT_EQ(e.sqlstate(), "25P02");
                                         EXPECT_TRUE(Contains(e.what(), "ROLLBACK"));
                                       });
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::idle);
  EXPECT_EQ(conn_.fetch_value<std::int64_t>("SELECT count(*) FROM parent"), 1);
}

TEST_F(ErrorsFromServer, QueryCanceledByStatementTimeout) {
  conn_.execute("SET statement_timeout = '50ms'");
  const auto start = Clock::now();
  expect_error<QueryCanceled>([&] { conn_.fetch("SELECT pg_sleep(5)"); },
                              [&](const QueryCanceled& e) {
                                EXPECT_EQ(e.sqlstate(), "57014");
                                EXPECT_TRUE(Contains(e.message(), "statement timeout"));
                              });
  EXPECT_LT(since(start), 3s);
  conn_.execute("RESET statement_timeout");
}

// ---------------------------------------------------------------------------------------
// Errors between two sessions, on a shared (uniquely named) table

class ErrorsBetweenSessions : public ::testing::Test {
 protected:
  void SetUp() override {
    table_ = unique_name(conn_, "shared");
    conn_.execute(fmt::format(
        "CREATE TABLE {0} (id int PRIMARY KEY, v int NOT NULL); INSERT INTO {0} VALUES (1, 0), "
        "(2, 0)",
        table_));
    // Nothing below may hang: a lock wait fails after 10 s at most.
    for (Connection* c : {&conn_, &other_}) c->execute("SET lock_timeout = '10s'");
  }
  void TearDown() override {
    for (Connection* c : {&conn_, &other_}) {
      if (!c->is_broken()) c->rollback();
    }
    Connection cleanup = test::connect();
    cleanup.execute("SET lock_timeout = '10s'");
    cleanup.execute("DROP TABLE IF EXISTS " + table_);
  }

  Connection conn_ = test::connect();
  Connection other_ = test::connect();
  std::string table_;
};

TEST_F(ErrorsBetweenSessions, LockNotAvailable) {
  const std::string lock = "SELECT v FROM " + table_ + " WHERE id = $1 FOR UPDATE";
  conn_.begin();
  conn_.fetch(lock, 1);
  const auto start = Clock::now();
  expect_error<LockNotAvailable>([&] { other_.fetch(lock + " NOWAIT", 1); },
                                 [&](const LockNotAvailable& e) {
                                   EXPECT_EQ(e.sqlstate(), "55P03");
                                   EXPECT_TRUE(Contains(e.what(), "NOWAIT"));
                                 });
  EXPECT_LT(since(start), 2s);
  conn_.rollback();
  EXPECT_EQ(other_.fetch(lock + " NOWAIT", 1).size(), 1);
}

TEST_F(ErrorsBetweenSessions, SerializationFailure) {
  conn_.begin({.isolation = TransactionOptions::Isolation::serializable});
  EXPECT_EQ(conn_.fetch_value<std::int32_t>("SELECT v FROM " + table_ + " WHERE id = $1", 1), 0);
  other_.execute("UPDATE " + table_ + " SET v = v + 1 WHERE id = $1", 1);  // commits
  expect_error<SerializationFailure>(
      [&] { conn_.execute("UPDATE " + table_ + " SET v = v + 10 WHERE id = $1", 1); },
      [&](const SerializationFailure& e) { EXPECT_EQ(e.sqlstate(), "40001"); });
  conn_.rollback();
  EXPECT_EQ(conn_.fetch_value<std::int32_t>("SELECT v FROM " + table_ + " WHERE id = $1", 1), 1);
}

TEST_F(ErrorsBetweenSessions, DeadlockDetected) {
  // A short deadlock_timeout (superuser only; the default of 1 s works too, just slower).
  for (Connection* c : {&conn_, &other_}) {
    try {
      c->execute("SET deadlock_timeout = '100ms'");
    } catch (const InsufficientPrivilege&) {
    }
  }
  const std::string update = "UPDATE " + table_ + " SET v = v + 1 WHERE id = $1";
  conn_.begin();
  conn_.execute(update, 1);
  other_.begin();
  other_.execute(update, 2);

  // other_ waits for row 1 (held by conn_) in a thread...
  const int other_pid = other_.backend_pid();
  std::exception_ptr other_error;
  std::thread blocked([&] { other_error = thrown_by([&] { other_.execute(update, 1); }); });
  const bool waiting = wait_until([&] {
    return conn_.fetch_value<std::int64_t>(
               "SELECT count(*) FROM pg_locks WHERE pid = $1 AND NOT granted", other_pid) > 0;
  });
  // ...while conn_ asks for row 2 (held by other_): one of them is chosen as the victim.
  const std::exception_ptr my_error =
      waiting ? thrown_by([&] { conn_.execute(update, 2); }) : nullptr;
  if (!waiting) conn_.rollback();  // lets the thread finish
  blocked.join();
  ASSERT_TRUE(waiting) << "the second session never waited for the lock";

  ASSERT_TRUE(my_error || other_error) << "no deadlock was reported";
  EXPECT_FALSE(my_error && other_error)
      << "both sessions failed: " << what_of(my_error) << " / " << what_of(other_error);
  const std::exception_ptr victim = my_error ? my_error : other_error;
  EXPECT_EQ(dynamic_type_of(victim), typeid(QueryErrorOf<DeadlockDetected>))
      << demangle(dynamic_type_of(victim)) << ": " << what_of(victim);
  EXPECT_TRUE(catches_as<TransactionRollback>(victim));
  EXPECT_TRUE(Contains(what_of(victim), "deadlock detected"));
  EXPECT_TRUE(Contains(what_of(victim), "Query: " + update));

  conn_.rollback();
  other_.rollback();
  EXPECT_EQ(conn_.fetch_value<std::int32_t>("SELECT $1::int4", 1), 1);
  EXPECT_EQ(other_.fetch_value<std::int32_t>("SELECT $1::int4", 1), 1);
}

// ---------------------------------------------------------------------------------------
// Connection-level failures

using test::SilentSocket;

void expect_not_a_query_error(const ConnectionFailure& e) {
  EXPECT_EQ(dynamic_cast<const QueryError*>(&e), nullptr);
  EXPECT_EQ(dynamic_cast<const CommitOutcomeUnknown*>(&e), nullptr);
}

TEST(ErrorsConnecting, NobodyListeningIsAFastConnectionFailure) {
  const SilentSocket closed_port(false);
  ConnectParams params;
  params.host = "127.0.0.1";
  params.port = closed_port.port();
  params.user = "nobody";
  params.password = "pw-not-for-logs";
  const auto start = Clock::now();
  expect_error<ConnectionFailure>([&] { connect(params); },
                                  [&](const ConnectionFailure& e) {
                                    EXPECT_EQ(e.sqlstate(), "08001");
                                    EXPECT_TRUE(Contains(e.what(), "refused"));
                                    EXPECT_TRUE(DoesNotContain(e.what(), params.password));
                                    expect_not_a_query_error(e);
                                  });
  EXPECT_LT(since(start), 2s);
}

TEST(ErrorsConnecting, WrongPasswordIsNotInTheMessage) {
  // The server of the test setup (pg_virtualenv) checks passwords on TCP connections.
  ConnectParams params = test::connect().params();
  params.password = "wrong-secret-123";
  expect_error<ConnectionFailure>([&] { connect(params); },
                                  [&](const ConnectionFailure& e) {
                                    EXPECT_EQ(e.sqlstate(), "08001");
                                    EXPECT_TRUE(Contains(e.what(), "password authentication"));
                                    EXPECT_TRUE(DoesNotContain(e.what(), "wrong-secret-123"));
                                    expect_not_a_query_error(e);
                                  });
  // The same through a URI.
  const std::string host = params.host.starts_with('/') ? "localhost" : params.host;
  const std::string uri = fmt::format("postgresql://{}:wrong-secret-123@{}:{}/{}", params.user,
                                      host, params.port, params.database);
  expect_error<ConnectionFailure>([&] { connect(uri); },
                                  [&](const ConnectionFailure& e) {
                                    EXPECT_TRUE(DoesNotContain(e.what(), "wrong-secret-123"));
                                  });
}

TEST(ErrorsConnecting, MalformedDsnDoesNotShowThePassword) {
  // Each fails while libpq parses it, before any network access; several of libpq's
  // messages quote the connection string or a part of it.
  for (const std::string dsn : {
           "postgresql://u:topsecret@host:notaport/db",
           "postgresql://u:topsecret@[::1",                    // quoted whole by libpq
           "postgresql://u:topsecret@localhost:5432,[::1/db",  // ditto
           "postgresql://u@[::1/db?password=topsecret",        // ditto, as a query parameter
           "postgresql://u:top%zzsecret@localhost/db",         // the bad token is quoted
           "postgresql://u:top%00secret@localhost/db",         // ditto
           "postgresql://u:topsecret@localhost/db?bogus=1",
           "host=localhost password=topsecret port=notaport",
           "host=localhost password='topsecret port=5432",
       }) {
    SCOPED_TRACE(dsn);
    const auto start = Clock::now();
    expect_error<ConnectionFailure>([&] { connect(dsn); },
                                    [&](const ConnectionFailure& e) {
                                      EXPECT_TRUE(DoesNotContain(e.what(), "secret"));
                                      EXPECT_TRUE(DoesNotContain(e.message(), "secret"));
                                      expect_not_a_query_error(e);
                                    });
    EXPECT_LT(since(start), 2s);
  }
}

TEST(ErrorsConnecting, ConnectTimeoutAgainstASilentServer) {
  const SilentSocket silent(true);
  const auto start = Clock::now();
  expect_error<ConnectionFailure>(
      [&] {
        connect(
            fmt::format("host=127.0.0.1 port={} user=u password=pw-not-for-logs", silent.port()),
            {.connect_timeout = 200ms});
      },
      [&](const ConnectionFailure& e) {
        EXPECT_EQ(e.sqlstate(), "08001");
        EXPECT_TRUE(Contains(e.what(), "timed out after 200 ms"));
        EXPECT_TRUE(DoesNotContain(e.what(), "pw-not-for-logs"));
      });
  const auto elapsed = since(start);
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 1s);
}

// A backend terminated from a second session, and what is left of its connection.
class ErrorsConnectionLoss : public ::testing::Test {
 protected:
  void SetUp() override {
    table_ = unique_name(victim_, "loss");
    other_.execute("CREATE TABLE " + table_ + " (id int PRIMARY KEY)");
  }
  void TearDown() override { other_.execute("DROP TABLE IF EXISTS " + table_); }

  void terminate_victim() {
    EXPECT_TRUE(other_.fetch_value<bool>("SELECT pg_terminate_backend($1)", pid_));
    EXPECT_TRUE(wait_until([&] {
      return other_.fetch_value<std::int64_t>(
                 "SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid_) == 0;
    })) << "the terminated backend did not go away";
  }
  std::int64_t visible_rows() {
    return other_.fetch_value<std::int64_t>("SELECT count(*) FROM " + table_);
  }
  // The broken connection refuses at once, and a new one works.
  void expect_broken_for_good() {
    EXPECT_TRUE(victim_.is_broken());
    const auto start = Clock::now();
    EXPECT_THROW(victim_.fetch("SELECT $1::int4", 1), ConnectionFailure);
    EXPECT_THROW(victim_.execute("SELECT 1"), ConnectionFailure);
    EXPECT_LT(since(start), 100ms);
    EXPECT_EQ(test::connect().fetch_value<std::int32_t>("SELECT $1::int4", 3), 3);
  }

  Connection victim_ = test::connect();
  Connection other_ = test::connect();
  const int pid_ = victim_.backend_pid();
  std::string table_;
};

TEST_F(ErrorsConnectionLoss, BackendKilledMidQuery) {
  std::exception_ptr killer_error;
  std::thread killer([&] {
    killer_error = thrown_by([&] {
      Connection killer_conn = test::connect();
      const bool sleeping = wait_until([&] {
        return killer_conn.fetch_value<std::int64_t>(
                   "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active' "
                   "AND query LIKE '%pg_sleep%'",
                   pid_) > 0;
      });
      if (!sleeping) throw std::runtime_error("the victim never started sleeping");
      killer_conn.fetch("SELECT pg_terminate_backend($1)", pid_);
    });
  });
  const auto start = Clock::now();
  const std::exception_ptr thrown = thrown_by([&] { victim_.fetch("SELECT pg_sleep(5)"); });
  killer.join();
  ASSERT_FALSE(killer_error) << what_of(killer_error);
  EXPECT_LT(since(start), 4s);
  ASSERT_TRUE(thrown);
  EXPECT_EQ(dynamic_type_of(thrown), typeid(QueryErrorOf<ConnectionFailure>))
      << demangle(dynamic_type_of(thrown)) << ": " << what_of(thrown);
  EXPECT_TRUE(Contains(what_of(thrown), "Query: SELECT pg_sleep(5)"));
  expect_broken_for_good();
}

TEST_F(ErrorsConnectionLoss, BackendKilledMidTransactionLeavesNothing) {
  victim_.begin();
  victim_.execute("INSERT INTO " + table_ + " VALUES ($1)", 1);
  victim_.execute("INSERT INTO " + table_ + " VALUES ($1)", 2);
  terminate_victim();
  EXPECT_THROW(victim_.execute("INSERT INTO " + table_ + " VALUES ($1)", 3), ConnectionFailure);
  EXPECT_EQ(visible_rows(), 0);
  expect_broken_for_good();
}

TEST_F(ErrorsConnectionLoss, KilledWhileIdleInTransactionCommitIsOutcomeUnknown) {
  // From the client's side the COMMIT went out and no answer came back.
  victim_.begin();
  victim_.execute("INSERT INTO " + table_ + " VALUES ($1)", 1);
  terminate_victim();
  EXPECT_THROW(victim_.commit(), CommitOutcomeUnknown);
  EXPECT_EQ(visible_rows(), 0);
  expect_broken_for_good();
}

// A deferred constraint trigger runs at COMMIT: it terminates its own backend there, or
// sleeps there until canceled, so COMMIT's reply is what goes missing.
class ErrorsAtCommit : public ErrorsConnectionLoss {
 protected:
  void SetUp() override {
    ErrorsConnectionLoss::SetUp();
    function_ = unique_name(other_, "at_commit");
    other_.execute(fmt::format(
        "ALTER TABLE {0} ADD COLUMN mode text NOT NULL DEFAULT 'none';"
        "CREATE FUNCTION {1}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        "  IF NEW.mode = 'die' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;"
        "  IF NEW.mode = 'sleep' THEN PERFORM pg_sleep(5); END IF;"
        "  RETURN NULL; END $$;"
        "CREATE CONSTRAINT TRIGGER at_commit AFTER INSERT ON {0} DEFERRABLE INITIALLY DEFERRED"
        "  FOR EACH ROW EXECUTE FUNCTION {1}()",
        table_, function_));
  }
  void TearDown() override {
    ErrorsConnectionLoss::TearDown();
    other_.execute("DROP FUNCTION IF EXISTS " + function_ + "()");
  }
  // Inserts a row that does `mode` at COMMIT; returns the transaction's id.
  std::string insert_in_transaction(const std::string& mode) {
    victim_.begin();
    victim_.execute("INSERT INTO " + table_ + " VALUES ($1, $2)", 1, mode);
    return victim_.fetch_value<std::string>("SELECT pg_current_xact_id()::text");
  }
  std::string xact_status(const std::string& xid) {
    return other_.fetch_value<std::string>("SELECT pg_xact_status($1::text::xid8)", xid);
  }

  std::string function_;
};

TEST_F(ErrorsAtCommit, ConnectionLostDuringCommitIsOutcomeUnknown) {
  const std::string xid = insert_in_transaction("die");
  const auto start = Clock::now();
  expect_error<CommitOutcomeUnknown>([&] { victim_.commit(); },
                                     [&](const CommitOutcomeUnknown& e) {
                                       EXPECT_EQ(e.sqlstate(), "08007");
                                       EXPECT_TRUE(Contains(e.what(), "may or may not"));
                                       EXPECT_EQ(e.transaction_id(), std::stoull(xid));
                                     });
  EXPECT_LT(since(start), 3s);
  // What the caller does next: ask the server how the transaction ended. The backend died
  // inside the trigger, so normally it aborted; either way the status matches the table.
  ASSERT_TRUE(wait_until([&] { return xact_status(xid) != "in progress"; }));
  const std::string status = xact_status(xid);
  EXPECT_TRUE(status == "aborted" || status == "committed") << status;
  EXPECT_EQ(visible_rows(), status == "committed" ? 1 : 0);
  expect_broken_for_good();
}

TEST_F(ErrorsAtCommit, CommitCanceledIsOutcomeUnknown) {
  // statement_timeout cannot do it: the server stops its timer before running COMMIT's
  // deferred triggers. A cancel request from another session, sent while the trigger
  // sleeps inside COMMIT, can.
  const std::string xid = insert_in_transaction("sleep");
  std::exception_ptr canceller_error;
  std::thread canceller([&] {
    canceller_error = thrown_by([&] {
      Connection conn = test::connect();
      const bool sleeping = wait_until([&] {
        return conn.fetch_value<std::int64_t>(
                   "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%COMMIT' "
                   "AND wait_event = 'PgSleep'",
                   pid_) > 0;
      });
      if (!sleeping) throw std::runtime_error("COMMIT never reached the sleeping trigger");
      conn.fetch("SELECT pg_cancel_backend($1)", pid_);
    });
  });
  const auto start = Clock::now();
  const std::exception_ptr thrown = thrown_by([&] { victim_.commit(); });
  canceller.join();
  ASSERT_FALSE(canceller_error) << what_of(canceller_error);
  EXPECT_LT(since(start), 4s);
  EXPECT_TRUE(catches_as<CommitOutcomeUnknown>(thrown))
      << demangle(dynamic_type_of(thrown)) << ": " << what_of(thrown);
  EXPECT_EQ(xact_status(xid), "aborted");
  EXPECT_EQ(visible_rows(), 0);
  // A canceled statement does not break the connection.
  EXPECT_FALSE(victim_.is_broken());
  EXPECT_EQ(victim_.transaction_status(), TransactionStatus::idle);
  EXPECT_EQ(victim_.fetch_value<std::int32_t>("SELECT $1::int4", 5), 5);
}

// ---------------------------------------------------------------------------------------
// What QueryError says

class ErrorsQueryText : public ::testing::Test {
 protected:
  Connection conn_ = test::connect();
};

TEST_F(ErrorsQueryText, WhatHasTheMessageTheQueryAndEachVariable) {
  const std::string sql = "SELECT $1::text, $2::int8, $3::bool, 1 / $4";
  expect_error<DivisionByZero>(
      [&] { conn_.fetch(sql, std::string("hello"), std::optional<std::int64_t>(), true, 0); },
      [&](const DivisionByZero& e) {
        const std::string what = e.what();
        EXPECT_TRUE(what.starts_with("division by zero")) << what;
        EXPECT_TRUE(Contains(what, "(SQLSTATE 22012)"));
        EXPECT_TRUE(Contains(what, "\nQuery: " + sql + "\n"));
        EXPECT_TRUE(Contains(what, "\nVariables: (hello, NULL, true, 0)"));
        const auto& query = dynamic_cast<const QueryError&>(e);
        EXPECT_EQ(query.variables(), (std::vector<std::string>{"hello", "NULL", "true", "0"}));
        EXPECT_STREQ(query.what(), e.what());
        // The server's own message stays available without the query.
        EXPECT_EQ(e.message(), "division by zero");
      });
}

TEST_F(ErrorsQueryText, LongValuesAreShortened) {
  const std::string long_text(100'000, 'x');
  expect_error<DivisionByZero>([&] { conn_.fetch("SELECT $1::text, 1 / $2", long_text, 0); },
                               [&](const DivisionByZero& e) {
                                 const std::string what = e.what();
                                 EXPECT_LT(what.size(), 1000u) << what;
                                 EXPECT_TRUE(Contains(what, "(100000 characters)"));
                                 const auto& variables =
                                     dynamic_cast<const QueryError&>(e).variables();
                                 ASSERT_EQ(variables.size(), 2u);
                                 EXPECT_LT(variables[0].size(), 300u);
                                 EXPECT_TRUE(variables[0].starts_with("xxxxxxxx"));
                                 EXPECT_EQ(variables[1], "0");
                               });
}

TEST_F(ErrorsQueryText, ExecuteManyNamesTheFailingRow) {
  conn_.execute("CREATE TEMP TABLE item (id int PRIMARY KEY, name text)");
  const std::string sql = "INSERT INTO item VALUES ($1, $2)";
  const std::vector<std::tuple<std::int32_t, std::string>> rows = {
      {1, "first"}, {2, "second"}, {1, "third"}, {4, "fourth"}};
  expect_error<UniqueViolation>(
      [&] { conn_.execute_many(sql, rows); },
      [&](const UniqueViolation& e) {
        const auto& query = dynamic_cast<const QueryError&>(e);
        EXPECT_EQ(query.sql_text(), sql);
        EXPECT_EQ(query.variables(), (std::vector<std::string>{"1", "third"}));
        EXPECT_TRUE(Contains(e.what(), "Variables: (1, third)"));
        EXPECT_TRUE(DoesNotContain(e.what(), "fourth"));
      });
  EXPECT_EQ(conn_.fetch_value<std::int64_t>("SELECT count(*) FROM item"), 0);
}

TEST_F(ErrorsQueryText, ErrorsOutsideStatementsAreNotQueryErrors) {
  // commit()'s own verdict has no statement of the caller's to show.
  conn_.begin();
  EXPECT_THROW(conn_.execute("SELECT 1 / 0"), DivisionByZero);
  try {
    conn_.commit();
    FAIL() << "expected InFailedSqlTransaction";
  } catch (const InFailedSqlTransaction& e) {
    EXPECT_EQ(dynamic_cast<const QueryError*>(&e), nullptr);
  }
}

// ---------------------------------------------------------------------------------------
// Bad input: refused on our side, nothing sent

class ErrorsBadInput : public ::testing::Test {
 protected:
  Connection conn_ = test::connect();
};

TEST_F(ErrorsBadInput, NulByteInTextIsRefusedBeforeSending) {
  conn_.execute("CREATE TEMP TABLE note (body text)");
  conn_.begin();
  conn_.execute("INSERT INTO note VALUES ($1)", std::string("before"));
  expect_error<ValueError>(
      [&] { conn_.execute("INSERT INTO note VALUES ($1)", std::string("nul\0byte", 8)); },
      [&](const ValueError& e) {
        EXPECT_TRUE(Contains(e.what(), "NUL"));
        EXPECT_EQ(dynamic_cast<const PostgresError*>(&e), nullptr);
        EXPECT_EQ(dynamic_cast<const QueryError*>(&e), nullptr);
      });
  EXPECT_THROW(conn_.fetch("SELECT $1::text", std::string_view("\0", 1)), ValueError);
  // Had anything reached the server, the transaction would have failed.
  EXPECT_EQ(conn_.transaction_status(), TransactionStatus::in_transaction);
  conn_.execute("INSERT INTO note VALUES ($1)", std::string("after"));
  conn_.commit();
  EXPECT_EQ(conn_.fetch_value<std::int64_t>("SELECT count(*) FROM note"), 2);
}

TEST_F(ErrorsBadInput, NullIntoANonOptionalNamesTheColumn) {
  const Result result = conn_.fetch("SELECT 1::int4 AS present, NULL::int4 AS maybe");
  expect_error<ValueError>([&] { result.front().get<std::int32_t>(1); },
                           [&](const ValueError& e) {
                             EXPECT_TRUE(Contains(e.what(), "\"maybe\""));
                             EXPECT_TRUE(Contains(e.what(), "NULL"));
                             EXPECT_TRUE(Contains(e.what(), "std::optional"));
                           });
  EXPECT_THROW(result.front().get<std::string>("maybe"), ValueError);
  EXPECT_EQ(result.front().get<std::optional<std::int32_t>>("maybe"), std::nullopt);
  EXPECT_EQ(result.front().get<std::int32_t>("present"), 1);
}

TEST_F(ErrorsBadInput, NarrowingReadsAreRefused) {
  const Result result = conn_.fetch("SELECT 5::int8 AS big, 'five'::text AS word");
  expect_error<ValueError>(
      [&] { result.front().get<std::int32_t>("big"); },
      [&](const ValueError& e) { EXPECT_TRUE(Contains(e.what(), "\"big\"")); });
  EXPECT_THROW(result.front().get<std::int16_t>(0), ValueError);
  EXPECT_THROW(result.front().get<std::int32_t>("word"), ValueError);
  EXPECT_EQ(result.front().get<std::int64_t>("big"), 5);
}

TEST_F(ErrorsBadInput, UnknownColumnsAreRefused) {
  const Result result = conn_.fetch("SELECT 1::int4 AS only_one");
  expect_error<ValueError>(
      [&] { result.front().get<std::int32_t>(1); },
      [&](const ValueError& e) { EXPECT_TRUE(Contains(e.what(), "1 columns")); });
  EXPECT_THROW(result.front().get<std::int32_t>(-1), ValueError);
  expect_error<ValueError>(
      [&] { result.front().get<std::int32_t>("Only_One"); },
      [&](const ValueError& e) { EXPECT_TRUE(Contains(e.what(), "Only_One")); });
  EXPECT_THROW(result.column_index("nope"), ValueError);
}

}  // namespace
}  // namespace iceaxe::pg
