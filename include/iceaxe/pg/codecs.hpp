#pragma once

// Every binary codec the driver ships.

#include "iceaxe/pg/codec.hpp"
#include "iceaxe/pg/codec_array.hpp"
#include "iceaxe/pg/codec_id.hpp"
#include "iceaxe/pg/codec_json.hpp"
#include "iceaxe/pg/codec_numeric.hpp"
#include "iceaxe/pg/codec_time.hpp"
#include "iceaxe/pg/codec_uuid.hpp"
