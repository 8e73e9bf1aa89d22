#pragma once

// The query layer: typed columns, conditions, select / update / delete_, func:: builders
// and raw SQL helpers.

#include "iceaxe/query/column.hpp"
#include "iceaxe/query/column_ref.hpp"
#include "iceaxe/query/expr.hpp"
#include "iceaxe/query/functions.hpp"
#include "iceaxe/query/raw.hpp"
#include "iceaxe/query/rows.hpp"
#include "iceaxe/query/select.hpp"
#include "iceaxe/query/write.hpp"
