#pragma once

// The umbrella header: everything iceaxe offers.

#include "iceaxe/logging.hpp"
#include "iceaxe/migrations.hpp"
#include "iceaxe/model.hpp"
#include "iceaxe/orm.hpp"
#include "iceaxe/pg/connection.hpp"
#include "iceaxe/query.hpp"
#include "iceaxe/types/id.hpp"
#include "iceaxe/types/numeric.hpp"
#include "iceaxe/types/time.hpp"
#include "iceaxe/types/uuid.hpp"
#include "iceaxe/version.hpp"
