#pragma once

// Bulk load through COPY ... FROM STDIN (FORMAT binary). Rows are encoded with the same
// codecs as parameters and sent in large chunks. Each value must have exactly its
// column's type (COPY does no conversions): int32_t for integer, int64_t for bigint...
//
//   auto copy = conn.copy_in("employee", {"name", "age"});
//   for (auto& e : people) copy.write_row(e.name, e.age);
//   std::uint64_t rows = copy.finish();
//
// A CopyWriter destroyed (or failing) before finish() aborts the COPY: nothing is loaded.

#include <cstdint>
#include <string>

#include "iceaxe/pg/codecs.hpp"

namespace iceaxe::pg {

class Connection;
namespace detail {
struct Session;
}

class CopyWriter {
 public:
  CopyWriter(CopyWriter&& other) noexcept;
  CopyWriter& operator=(CopyWriter&&) = delete;
  CopyWriter(const CopyWriter&) = delete;
  CopyWriter& operator=(const CopyWriter&) = delete;
  ~CopyWriter();

  template <class... Ts>
  void write_row(const Ts&... values) {
    if (session_ == nullptr) throw_over();
    if (sizeof...(Ts) != columns_) throw_column_count(sizeof...(Ts));
    const std::size_t row_start = buffer_.size();
    try {
      wire::put<std::int16_t>(buffer_, static_cast<std::int16_t>(columns_));
      (write_field(values), ...);
    } catch (...) {
      buffer_.resize(row_start);  // a value that cannot be sent leaves no partial row
      throw;
    }
    if (buffer_.size() >= flush_threshold) flush();
  }

  // Appends one row whose fields encode(buffer) appends in COPY's binary field format (each
  // its int32 length and bytes, -1 for NULL): as many fields as the COPY has columns.
  template <class F>
  void write_encoded_row(F&& encode) {
    if (session_ == nullptr) throw_over();
    const std::size_t row_start = buffer_.size();
    try {
      wire::put<std::int16_t>(buffer_, static_cast<std::int16_t>(columns_));
      encode(buffer_);
    } catch (...) {
      buffer_.resize(row_start);
      throw;
    }
    if (buffer_.size() >= flush_threshold) flush();
  }

  // Ends the COPY and returns the number of rows loaded.
  std::uint64_t finish();
  // Ends the COPY with an error: the server discards every row sent.
  void abort(std::string_view reason = "aborted by the client");

 private:
  friend class Connection;
  static constexpr std::size_t flush_threshold = 1 << 18;
  CopyWriter(detail::Session& session, std::string sql, std::size_t columns);

  template <class T>
  void write_field(const T& value) {
    if constexpr (std::is_same_v<T, std::nullopt_t>) {
      wire::put<std::int32_t>(buffer_, -1);
    } else if constexpr (is_optional_v<T>) {
      if (value) {
        write_field(*value);
      } else {
        wire::put<std::int32_t>(buffer_, -1);
      }
    } else if constexpr (std::is_array_v<T>) {
      write_field(std::string_view(value));
    } else {
      static_assert(Encodable<T>, "no PostgreSQL codec for this value type");
      const std::size_t length_at = buffer_.size();
      wire::put<std::int32_t>(buffer_, 0);
      Codec<T>::encode(value, buffer_);
      wire::patch<std::int32_t>(buffer_, length_at,
                                static_cast<std::int32_t>(buffer_.size() - length_at - 4));
    }
  }
  void flush();
  [[noreturn]] void throw_column_count(std::size_t got) const;
  [[noreturn]] static void throw_over();

  detail::Session* session_;  // null once finished or aborted
  std::string sql_;           // the COPY statement, for error messages
  std::size_t columns_;
  std::string buffer_;
};

}  // namespace iceaxe::pg
