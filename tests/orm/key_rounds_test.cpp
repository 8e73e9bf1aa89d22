// Splitting a batch into rounds of distinct keys: over encoded keys and over keys' bits, the
// n-th occurrence of a key goes to round n.

#include "iceaxe/orm/key_rounds.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {

using iceaxe::detail::EncodedKeys;
using iceaxe::detail::key_rounds;
using Rounds = std::vector<std::uint32_t>;

TEST(KeyRounds, TheNthOccurrenceOfAKeyGoesToRoundN) {
  const std::vector<std::uint64_t> words = {5, 7, 5, 5, 9, 7, 0};
  EXPECT_EQ(key_rounds(words), (Rounds{0, 0, 1, 2, 0, 1, 0}));

  EncodedKeys encoded;
  for (const std::string key : {"5", "7", "5", "5", "9", "7", ""}) {
    encoded.bytes += key;
    encoded.end_key();
  }
  EXPECT_EQ(key_rounds(encoded), (Rounds{0, 0, 1, 2, 0, 1, 0}));
}

TEST(KeyRounds, ManyDistinctKeysAllGoToTheFirstRound) {
  std::vector<std::uint64_t> words;
  for (std::uint64_t i = 0; i < 10000; ++i) words.push_back(i << 32);  // low bits all equal
  EXPECT_EQ(key_rounds(words), Rounds(10000, 0));
  EXPECT_TRUE(key_rounds(std::vector<std::uint64_t>{}).empty());
}

}  // namespace
