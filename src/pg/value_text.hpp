#pragma once

// Binary-format values as PostgreSQL would print them, for logs and error messages.

#include <cstdint>
#include <string>
#include <string_view>

#include "iceaxe/pg/oid.hpp"

namespace iceaxe::pg::detail {

// Any value of the built-in types the codecs handle, and arrays of them; unknown types as
// "<N bytes, type oid X>". Never throws on malformed input: it says what it could not read.
std::string render_value(Oid type, std::string_view binary);

// "YYYY-MM-DD HH:MM:SS[.ffffff][+00][ BC]" for `micros` counted from `epoch_days` days
// after 1970-01-01 (any int64: also values beyond PostgreSQL's or std::chrono's range).
std::string format_timestamp(std::int64_t micros, std::int64_t epoch_days, bool with_zone);
// "YYYY-MM-DD[ BC]".
std::string format_date(std::int64_t days_since_1970);

}  // namespace iceaxe::pg::detail
