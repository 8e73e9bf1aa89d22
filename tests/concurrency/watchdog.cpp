#include "concurrency/watchdog.hpp"

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <latch>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace concurrency_test {

void run_threads(int count, std::chrono::steady_clock::duration limit,
                 const std::function<void(int index, Step& step)>& body,
                 const std::function<void()>& on_timeout) {
  // Shared with the threads, which may outlive this call when it times out.
  struct State {
    std::mutex mutex;
    std::condition_variable done;
    int running = 0;
    std::vector<Step> steps;
    std::vector<bool> finished;
    explicit State(int n) : running(n), steps(n), finished(n, false) {}
  };
  auto state = std::make_shared<State>(count);
  for (Step& step : state->steps) step = "starting";
  // Released together: the first calls into the library race as they would in a server.
  auto start = std::make_shared<std::latch>(count);

  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([state, start, &body, i] {
      start->arrive_and_wait();
      body(i, state->steps[i]);
      const std::lock_guard lock(state->mutex);
      state->finished[i] = true;
      if (--state->running == 0) state->done.notify_all();
    });
  }

  std::unique_lock lock(state->mutex);
  if (!state->done.wait_for(lock, limit, [&] { return state->running == 0; })) {
    std::fprintf(
        stderr, "watchdog: %d of %d threads still running after %lld s\n", state->running, count,
        static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(limit).count()));
    for (int i = 0; i < count; ++i) {
      if (!state->finished[i]) {
        std::fprintf(stderr, "watchdog: thread %d is stuck in: %s\n", i, state->steps[i].load());
      }
    }
    lock.unlock();
    if (on_timeout) on_timeout();
    std::fflush(stderr);
    std::_Exit(EXIT_FAILURE);
  }
  lock.unlock();
  for (std::thread& thread : threads) thread.join();
}

}  // namespace concurrency_test
