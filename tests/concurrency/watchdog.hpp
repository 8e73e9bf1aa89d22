#pragma once

// Runs a function on several threads started at the same moment, and waits for all of them
// within a time limit. A thread still running at the limit is stuck (a deadlock nobody
// detected, a lost wake-up): the watchdog prints what each unfinished thread was doing,
// runs `on_timeout` (to show the server's side), and ends the process with a failure,
// since a thread blocked in a call can be neither stopped nor joined.

#include <atomic>
#include <chrono>
#include <functional>

namespace concurrency_test {

// What a thread is doing now: a string literal, for the watchdog's report.
using Step = std::atomic<const char*>;

void run_threads(int count, std::chrono::steady_clock::duration limit,
                 const std::function<void(int index, Step& step)>& body,
                 const std::function<void()>& on_timeout = {});

}  // namespace concurrency_test
