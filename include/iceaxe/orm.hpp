#pragma once

// The ORM layer: DBConnection (typed queries, batched writes, transactions, change tracking)
// over the driver, model and query layers.

#include "iceaxe/orm/db_connection.hpp"
#include "iceaxe/orm/modification_tracker.hpp"
#include "iceaxe/orm/no_object_found.hpp"
#include "iceaxe/orm/options.hpp"
#include "iceaxe/orm/type_cache.hpp"
