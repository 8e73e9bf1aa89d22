#include "iceaxe/pg/copy_writer.hpp"

#include <fmt/format.h>

#include "pg/io.hpp"
#include "pg/session.hpp"

namespace iceaxe::pg {

CopyWriter::CopyWriter(detail::Session& session, std::string sql, std::size_t columns)
    : session_(&session), sql_(std::move(sql)), columns_(columns) {
  static constexpr char signature[] = "PGCOPY\n\377\r\n";  // + its terminating NUL
  buffer_.append(signature, sizeof signature);
  wire::put<std::int32_t>(buffer_, 0);  // flags
  wire::put<std::int32_t>(buffer_, 0);  // header extension length
}

CopyWriter::CopyWriter(CopyWriter&& other) noexcept
    : session_(std::exchange(other.session_, nullptr)),
      sql_(std::move(other.sql_)),
      columns_(other.columns_),
      buffer_(std::move(other.buffer_)) {}

CopyWriter::~CopyWriter() {
  if (session_ == nullptr) return;
  try {
    abort("the CopyWriter was destroyed before finish()");
  } catch (...) {  // destructors must not throw; a broken connection reports itself
  }
}

void CopyWriter::throw_column_count(std::size_t got) const {
  throw UsageError(fmt::format("write_row: {} values for {} columns", got, columns_));
}

void CopyWriter::throw_over() {
  throw UsageError("the COPY is over (finished, aborted, or its connection closed)");
}

void CopyWriter::flush() {
  if (session_ == nullptr || session_->conn == nullptr) throw_over();
  try {
    detail::put_copy_data(session_->conn, buffer_.data(), buffer_.size());
  } catch (const detail::ConnectionLost& lost) {
    session_->copy_in_progress = false;
    session_ = nullptr;
    const detail::QueryContext context{sql_};
    detail::raise_connection_lost(lost.message, &context);
  }
  buffer_.clear();
}

std::uint64_t CopyWriter::finish() {
  wire::put<std::int16_t>(buffer_, -1);  // trailer
  flush();
  detail::Session& session = *std::exchange(session_, nullptr);
  session.copy_in_progress = false;
  const detail::QueryContext context{sql_};
  try {
    detail::put_copy_end(session.conn, nullptr);
  } catch (const detail::ConnectionLost& lost) {
    detail::raise_connection_lost(lost.message, &context);
  }
  return session.collect(&context).affected_rows();
}

void CopyWriter::abort(std::string_view reason) {
  if (session_ == nullptr) return;
  detail::Session& session = *std::exchange(session_, nullptr);
  session.copy_in_progress = false;
  if (session.conn == nullptr) return;
  const detail::QueryContext context{sql_};
  try {
    detail::put_copy_end(session.conn, std::string(reason).c_str());
  } catch (const detail::ConnectionLost& lost) {
    detail::raise_connection_lost(lost.message, &context);
  }
  try {
    session.collect(&context);
  } catch (const QueryCanceled&) {  // the server's answer to the abort itself
  }
}

}  // namespace iceaxe::pg
