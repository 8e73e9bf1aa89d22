#pragma once

// All waiting on the server's socket happens here: libpq runs in non-blocking mode and
// these functions drive it until a step completes. An asynchronous front end would
// replace this file, not the code above it.

#include <libpq-fe.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace iceaxe::pg::detail {

using Deadline = std::optional<std::chrono::steady_clock::time_point>;

// A libpq message without the newline libpq ends it with.
inline std::string trimmed(std::string_view message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.remove_suffix(1);
  }
  return std::string(message);
}

// Thrown by the functions below when the connection breaks; callers turn it into the
// ConnectionFailure of the operation they were doing.
struct ConnectionLost {
  std::string message;
};

// Completes a connection started with PQconnectStartParams. Returns false on failure or
// when the deadline passes (the message is then in `error`).
bool complete_connect(PGconn* conn, Deadline deadline, std::string& error);

// Sends everything libpq has buffered, reading input meanwhile so a server that is
// sending us results never blocks on a full socket while we block on it.
void flush(PGconn* conn);

// The next result of the query in progress (nullptr when it has no more), waiting for it.
PGresult* next_result(PGconn* conn);

// Queues COPY data / the end of COPY, waiting while libpq's buffers are full.
void put_copy_data(PGconn* conn, const char* data, std::size_t size);
void put_copy_end(PGconn* conn, const char* error_message);
// Reads and drops the rows of a COPY TO STDOUT.
void discard_copy_out(PGconn* conn);

}  // namespace iceaxe::pg::detail
