#pragma once

// The invariants the stress test's transactions keep, checked through `db` in whatever
// snapshot it is in: by the threads inside a repeatable-read transaction while the others
// write, and once more when they are all done. A broken one is a GoogleTest failure.

#include "iceaxe/iceaxe.hpp"

namespace concurrency_test {

// The balances add up to what the accounts opened with, and each one is its opening
// balance plus what the transfer log says came in, minus what went out (a lost update
// breaks this even when the sum survives). Whether it held.
bool expect_ledger_balanced(iceaxe::DBConnection& db);

// The tally row holds the number of items. Whether it held.
bool expect_items_tallied(iceaxe::DBConnection& db);

}  // namespace concurrency_test
