#pragma once

// The statements that turn one schema into another: every difference, in both directions,
// ordered so that each statement finds what it needs (types before the tables using them,
// referenced keys before foreign keys, drops before the creations that could collide and in
// reverse dependency order). diff(b, a) undoes diff(a, b).

#include <string>
#include <vector>

#include "iceaxe/migrations/schema.hpp"

namespace iceaxe::migrations {

std::vector<std::string> diff(const Schema& from, const Schema& to);

}  // namespace iceaxe::migrations
