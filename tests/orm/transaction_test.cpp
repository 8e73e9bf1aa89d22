// DBConnection's transactions: transaction(fn) commits or rolls back, nests only with
// .ensure, retries serialization failures; savepoint(fn); the RAII TransactionBlock.

#include <gtest/gtest.h>

#include "orm/models.hpp"

namespace orm_test {
namespace {

using OrmTx = OrmTest;

constexpr std::string_view nested_message =
    "Cannot start a new transaction while already in a transaction. Use {.ensure = true} if "
    "this is intentional.";

Office office(std::string name) {
  Office o;
  o.name = std::move(name);
  return o;
}

// Raises a real serialization failure (SQLSTATE 40001) on the server.
void raise_serialization_failure(iceaxe::DBConnection& db) {
  db.conn().execute("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$");
}

TEST_F(OrmTx, CommitsWhenTheFunctionReturnsAndPassesItsResultOn) {
  const std::int64_t id = db().transaction([&] {
    EXPECT_TRUE(db().in_transaction());
    Office hq = office("HQ");
    db().insert(hq);
    return *hq.id;
  });
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(count_rows("orm_office"), 1);
  EXPECT_TRUE(db().get<Office>(id));
}

TEST_F(OrmTx, RollsBackAndRethrowsTheSameException) {
  struct Custom {
    int code;
  };
  try {
    db().transaction([&] {
      Office hq = office("HQ");
      db().insert(hq);
      throw Custom{42};
    });
    FAIL() << "no exception";
  } catch (const Custom& e) {
    EXPECT_EQ(e.code, 42);
  }
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(count_rows("orm_office"), 0);
}

TEST_F(OrmTx, ADatabaseErrorInsideRollsBackEverything) {
  EXPECT_THROW(db().transaction([&] {
    Office hq = office("HQ");
    db().insert(hq);
    Office twin = office("HQ");
    db().insert(twin);
  }),
               iceaxe::UniqueViolation);
  EXPECT_EQ(count_rows("orm_office"), 0);
  Office after = office("after");  // the connection is usable
  db().insert(after);
  EXPECT_EQ(count_rows("orm_office"), 1);
}

TEST_F(OrmTx, ANestedCallThrowsAndLeavesTheOuterOneUsable) {
  db().transaction([&] {
    Office hq = office("HQ");
    db().insert(hq);
    try {
      db().transaction([] {});
      ADD_FAILURE() << "no exception";
    } catch (const iceaxe::UsageError& e) {
      EXPECT_EQ(e.what(), nested_message);
    }
    EXPECT_TRUE(db().in_transaction());
  });
  EXPECT_EQ(count_rows("orm_office"), 1);
}

TEST_F(OrmTx, ATransactionOpenedWithRawSqlCountsAsOpen) {
  db().conn().execute("BEGIN");
  EXPECT_THROW(db().transaction([] {}), iceaxe::UsageError);
  EXPECT_THROW(iceaxe::TransactionBlock block(db()), iceaxe::UsageError);
  db().conn().execute("ROLLBACK");
}

TEST_F(OrmTx, EnsureJoinsTheOpenTransaction) {
  EXPECT_THROW(db().transaction([&] {
    Office hq = office("HQ");
    db().insert(hq);
    db().transaction({.ensure = true}, [&] {
      Office branch = office("branch");
      db().insert(branch);
    });
    EXPECT_TRUE(db().in_transaction()) << "the inner call did not commit";
    throw std::runtime_error("outer fails");
  }),
               std::runtime_error);
  EXPECT_EQ(count_rows("orm_office"), 0) << "the inner work went with the outer rollback";

  db().transaction({.ensure = true}, [&] {  // no transaction open: opens one
    EXPECT_TRUE(db().in_transaction());
  });
  EXPECT_FALSE(db().in_transaction());
}

TEST_F(OrmTx, RetriesRerunTheFunctionAfterASerializationFailure) {
  int attempts = 0;
  db().transaction({.retries = 2}, [&] {
    ++attempts;
    Office o = office("attempt " + std::to_string(attempts));
    db().insert(o);
    if (attempts < 3) raise_serialization_failure(db());
  });
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(count_rows("orm_office"), 1) << "the failed attempts were rolled back";

  attempts = 0;
  EXPECT_THROW(db().transaction({.retries = 1},
                                [&] {
                                  ++attempts;
                                  raise_serialization_failure(db());
                                }),
               iceaxe::SerializationFailure);
  EXPECT_EQ(attempts, 2);
  EXPECT_FALSE(db().in_transaction());
}

TEST_F(OrmTx, IsolationAndReadOnlyReachTheServer) {
  EXPECT_THROW(
      db().transaction(
          {.isolation = iceaxe::pg::TransactionOptions::Isolation::serializable, .read_only = true},
          [&] {
            EXPECT_EQ(db().conn().fetch_value<std::string>("SHOW transaction_isolation"),
                      "serializable");
            Office hq = office("HQ");
            db().insert(hq);
          }),
      iceaxe::ReadOnlySqlTransaction);
  EXPECT_EQ(count_rows("orm_office"), 0);
}

TEST_F(OrmTx, ASavepointRollsBackOnlyItsOwnWork) {
  db().transaction([&] {
    Office hq = office("HQ");
    db().insert(hq);
    EXPECT_THROW(db().savepoint([&] {
      Office branch = office("branch");
      db().insert(branch);
      Office twin = office("HQ");
      db().insert(twin);
    }),
                 iceaxe::UniqueViolation);
    const int kept = db().savepoint([&] {
      Office kept_office = office("kept");
      db().insert(kept_office);
      return 1;
    });
    EXPECT_EQ(kept, 1);
  });
  const auto names = other_connection().fetch("SELECT name FROM orm_office ORDER BY name");
  ASSERT_EQ(names.size(), 2);
  EXPECT_EQ(names[0].get<std::string>(0), "HQ");
  EXPECT_EQ(names[1].get<std::string>(0), "kept");
}

TEST_F(OrmTx, ASavepointNeedsATransaction) {
  EXPECT_THROW(db().savepoint([] {}), iceaxe::UsageError);
}

TEST_F(OrmTx, ATransactionBlockCommitsOnlyWhenTold) {
  {
    iceaxe::TransactionBlock block(db());
    EXPECT_TRUE(db().in_transaction());
    Office hq = office("HQ");
    db().insert(hq);
    block.commit();
    EXPECT_FALSE(db().in_transaction());
  }
  {
    iceaxe::TransactionBlock block(db());
    Office lost = office("lost");
    db().insert(lost);
  }  // left without commit()
  EXPECT_FALSE(db().in_transaction());
  {
    iceaxe::TransactionBlock block(db());
    Office lost = office("rolled back");
    db().insert(lost);
    block.rollback();
    EXPECT_FALSE(db().in_transaction());
  }
  try {
    iceaxe::TransactionBlock block(db());
    Office lost = office("thrown");
    db().insert(lost);
    throw std::runtime_error("leaves the scope");
  } catch (const std::runtime_error&) {
  }
  const auto names = other_connection().fetch("SELECT name FROM orm_office");
  ASSERT_EQ(names.size(), 1);
  EXPECT_EQ(names[0].get<std::string>(0), "HQ");
}

TEST_F(OrmTx, ATransactionBlockNestsOnlyWithEnsure) {
  iceaxe::TransactionBlock outer(db());
  try {
    iceaxe::TransactionBlock inner(db());
    ADD_FAILURE() << "no exception";
  } catch (const iceaxe::UsageError& e) {
    EXPECT_EQ(e.what(), nested_message);
  }
  {
    iceaxe::TransactionBlock joined(db(), {.ensure = true});
    Office hq = office("HQ");
    db().insert(hq);
    joined.commit();  // joined: the outer block decides
    EXPECT_TRUE(db().in_transaction());
  }
  outer.rollback();
  EXPECT_EQ(count_rows("orm_office"), 0);
}

TEST_F(OrmTx, AFailedCommitLeavesNoTransactionOpen) {
  other_connection().execute(
      "ALTER TABLE orm_membership ADD CONSTRAINT owner_once UNIQUE (role) "
      "DEFERRABLE INITIALLY DEFERRED");
  EXPECT_THROW(db().transaction([&] {
    Membership a;
    a.group_id = 1;
    a.user_id = 1;
    a.role = "owner";
    Membership b = a;
    b.user_id = 2;
    db().insert({&a, &b});  // deferred: fails at COMMIT
  }),
               iceaxe::UniqueViolation);
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::idle);
  EXPECT_EQ(count_rows("orm_membership"), 0);
}

}  // namespace
}  // namespace orm_test
