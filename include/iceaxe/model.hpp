#pragma once

// The model layer: declaring tables (ICEAXE_TABLE, ICEAXE_ENUM), their metadata, columns,
// change state and registry.

#include "iceaxe/model/change_state.hpp"
#include "iceaxe/model/descriptor.hpp"
#include "iceaxe/model/enum.hpp"
#include "iceaxe/model/reader.hpp"
#include "iceaxe/model/registry.hpp"
#include "iceaxe/model/table.hpp"
#include "iceaxe/model/table_args.hpp"
#include "iceaxe/types/id.hpp"
