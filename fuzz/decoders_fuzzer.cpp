// libFuzzer target over the binary result decoders. The input's first byte picks a case of
// decoder_cases.hpp (a C++ type and the column type it is read from); the rest is that
// column's binary value, as the server would send it. Reading it must give a value or throw
// an iceaxe::Error: a crash, a sanitizer report, another exception or a hang is a bug.
//
// The value is read both ways the library reads one: Codec<T>::decode over exactly the
// input's bytes (so AddressSanitizer sees a read one byte too far), and Row::get on a
// PGresult built in memory, with and without std::optional (a one-byte input also reads
// NULL). A value that decodes must encode, decode and encode again to the same bytes, and
// the log's rendering of the bytes (pg/value_text.hpp) must never fail.

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "decoder_cases.hpp"
#include "iceaxe/pg/result.hpp"
#include "pg/value_text.hpp"

namespace iceaxe_fuzz {
namespace {

namespace pg = iceaxe::pg;

[[noreturn]] void fail(std::string_view case_name, std::string_view what) {
  std::fprintf(stderr, "decoders_fuzzer: case \"%.*s\": %.*s\n", static_cast<int>(case_name.size()),
               case_name.data(), static_cast<int>(what.size()), what.data());
  std::abort();
}

// A one-row result with one binary column of type `column` holding `value` (NULL when
// nullopt), as libpq would build it from the server's reply.
pg::Result make_result(pg::Oid column, std::optional<std::string_view> value) {
  PGresult* res = PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK);
  if (res == nullptr) std::abort();
  pg::Result result(res);
  char name[] = "value";
  PGresAttDesc attribute{.name = name,
                         .tableid = 0,
                         .columnid = 0,
                         .format = 1,
                         .typid = column,
                         .typlen = -1,
                         .atttypmod = -1};
  // PQsetvalue copies the bytes; it takes a null pointer for NULL, so an empty value needs
  // a pointer of its own.
  char empty = 0;
  char* data = !value ? nullptr : value->empty() ? &empty : const_cast<char*>(value->data());
  const int length = value ? static_cast<int>(value->size()) : -1;
  if (!PQsetResultAttrs(res, 1, &attribute) || !PQsetvalue(res, 0, 0, data, length)) {
    std::abort();
  }
  return result;
}

// encode(value) == encode(decode(encode(value))): what a read gives can be sent, and reads
// back as itself.
template <class T>
void check_round_trip(std::string_view case_name, const T& value) {
  using Codec = pg::Codec<T>;
  std::string first;
  try {
    Codec::encode(value, first);
  } catch (const iceaxe::ValueError&) {
    return;  // readable but not sendable: text holding a NUL, a date before PostgreSQL's first
  }
  std::string second;
  try {
    const pg::Oid type = Codec::oid == pg::oid::unspecified ? pg::oid::text : Codec::oid;
    Codec::encode(Codec::decode(first, type), second);
  } catch (const iceaxe::Error& e) {
    fail(case_name, std::string("a decoded value, encoded, does not read back: ") + e.what());
  }
  if (first != second) fail(case_name, "encode, decode, encode changed the decoded value");
}

template <class T>
void check(const DecoderCase<T>& c, std::string_view value) {
  std::optional<T> decoded;
  try {
    decoded.emplace(pg::Codec<T>::decode(value, c.column));
  } catch (const iceaxe::Error&) {
  }

  const pg::Result result = make_result(c.column, value);
  bool row_read = false;
  try {
    static_cast<void>(result[0].get<T>(0));
    row_read = true;
  } catch (const iceaxe::Error&) {
  }
  try {
    if (!result[0].get<std::optional<T>>(0)) fail(c.name, "a value read as NULL");
  } catch (const iceaxe::Error&) {
  }
  if (row_read != decoded.has_value()) fail(c.name, "Row::get and Codec::decode disagree");

  if (value.empty()) {
    const pg::Result null = make_result(c.column, std::nullopt);
    if (null[0].get<std::optional<T>>(0)) fail(c.name, "NULL read as a value");
    try {
      static_cast<void>(null[0].get<T>(0));
      fail(c.name, "NULL read as a value");
    } catch (const iceaxe::ValueError&) {
    }
  }

  // It formats any bytes and catches everything, saying "<unrenderable>" if something threw
  // (unless the bytes are that text: a text value renders as itself).
  constexpr std::string_view unrenderable = "<unrenderable>";
  if (pg::detail::render_value(c.column, value) == unrenderable &&
      value.find(unrenderable) == std::string_view::npos) {
    fail(c.name, "render_value failed");
  }

  // Enum arrays are sent as text literals, which the binary decoder does not read.
  if constexpr (!pg::sends_text<T>) {
    if (decoded) check_round_trip(c.name, *decoded);
  }
}

}  // namespace
}  // namespace iceaxe_fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iceaxe_fuzz;
  if (size == 0) return 0;
  const std::size_t index = data[0] % decoder_case_count;
  const std::string_view value(reinterpret_cast<const char*>(data) + 1, size - 1);
  for_each_decoder_case([&](std::size_t i, const auto& c) {
    if (i == index) check(c, value);
  });
  return 0;
}
