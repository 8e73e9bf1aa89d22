#include "pg/io.hpp"

#include <poll.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace iceaxe::pg::detail {
namespace {

[[noreturn]] void lost(PGconn* conn) {
  std::string message = trimmed(PQerrorMessage(conn));
  if (message.empty()) message = "the connection to the server was lost";
  throw ConnectionLost{std::move(message)};
}

enum class Ready { yes, timeout };

// Waits for the socket to become readable and/or writable, or the deadline.
Ready wait(PGconn* conn, bool read, bool write, Deadline deadline = std::nullopt) {
  const int fd = PQsocket(conn);
  if (fd < 0) lost(conn);
  pollfd pfd{fd, static_cast<short>((read ? POLLIN : 0) | (write ? POLLOUT : 0)), 0};
  for (;;) {
    int timeout_ms = -1;
    if (deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          *deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return Ready::timeout;
      timeout_ms = static_cast<int>(left.count());
    }
    const int n = ::poll(&pfd, 1, timeout_ms);
    if (n > 0) return Ready::yes;
    if (n == 0) return Ready::timeout;
    if (errno != EINTR) throw ConnectionLost{std::string("poll failed: ") + std::strerror(errno)};
  }
}

}  // namespace

bool complete_connect(PGconn* conn, Deadline deadline, std::string& error) {
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  for (;;) {
    switch (status) {
      case PGRES_POLLING_OK:
        return true;
      case PGRES_POLLING_FAILED:
        error = trimmed(PQerrorMessage(conn));
        return false;
      case PGRES_POLLING_READING:
      case PGRES_POLLING_WRITING:
        try {
          if (wait(conn, status == PGRES_POLLING_READING, status == PGRES_POLLING_WRITING,
                   deadline) == Ready::timeout) {
            error = "timed out";
            return false;
          }
        } catch (const ConnectionLost& e) {
          error = e.message;
          return false;
        }
        break;
      default:  // PGRES_POLLING_ACTIVE is unused by libpq
        break;
    }
    status = PQconnectPoll(conn);
  }
}

void flush(PGconn* conn) {
  for (;;) {
    const int r = PQflush(conn);
    if (r == 0) return;
    if (r < 0) lost(conn);
    wait(conn, true, true);
    if (PQconsumeInput(conn) == 0) lost(conn);
  }
}

PGresult* next_result(PGconn* conn) {
  while (PQisBusy(conn)) {
    wait(conn, true, false);
    if (PQconsumeInput(conn) == 0) lost(conn);
  }
  PGresult* result = PQgetResult(conn);
  if (result == nullptr && PQstatus(conn) == CONNECTION_BAD) lost(conn);
  return result;
}

void put_copy_data(PGconn* conn, const char* data, std::size_t size) {
  for (;;) {
    const int r = PQputCopyData(conn, data, static_cast<int>(size));
    if (r == 1) return;
    if (r < 0) lost(conn);
    wait(conn, true, true);
    if (PQconsumeInput(conn) == 0 || PQflush(conn) < 0) lost(conn);
  }
}

void put_copy_end(PGconn* conn, const char* error_message) {
  for (;;) {
    const int r = PQputCopyEnd(conn, error_message);
    if (r == 1) break;
    if (r < 0) lost(conn);
    wait(conn, true, true);
    if (PQconsumeInput(conn) == 0 || PQflush(conn) < 0) lost(conn);
  }
  flush(conn);
}

void discard_copy_out(PGconn* conn) {
  for (;;) {
    char* row = nullptr;
    const int r = PQgetCopyData(conn, &row, 1);
    if (row) PQfreemem(row);
    if (r == -1) return;  // done; the COPY's result follows
    if (r == -2) lost(conn);
    if (r == 0) {
      wait(conn, true, false);
      if (PQconsumeInput(conn) == 0) lost(conn);
    }
  }
}

}  // namespace iceaxe::pg::detail
