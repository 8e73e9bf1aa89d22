// Memory for snapshot blocks. A load of many rows fills its block once, front to back, and
// on virtual machines each 4 KiB page fault costs microseconds. Two things keep the block's
// first touch from costing more than filling it:
// - Blocks of 2 MiB or more are rounded up to whole huge pages, aligned for transparent huge
//   pages and advised to use them (one fault per 2 MiB where the kernel allows, plain pages
//   otherwise).
// - Each thread keeps the last smaller block it freed, and the next load that fits in it
//   (and needs at least half of it) takes it back. Loads that repeat, the common case, then
//   skip both malloc's trimming of the freed heap and the faults of growing it again. A
//   thread holds at most one such block, under 2 MiB.

#include <sys/mman.h>

#include <new>
#include <utility>

#include "iceaxe/model/table_base.hpp"

namespace iceaxe::detail {
namespace {

constexpr std::size_t huge_page = std::size_t{2} << 20;

void free_plain(SnapshotHead* head) noexcept {
  head->~SnapshotHead();
  ::operator delete(static_cast<void*>(head));
}

// The thread's spare block. Plain pointers, so that blocks freed while the thread ends (by
// other thread-local or static objects holding models) are freed rather than kept.
thread_local SnapshotHead* spare = nullptr;
thread_local bool thread_ending = false;

struct SpareRelease {
  ~SpareRelease() {
    thread_ending = true;
    if (spare) free_plain(std::exchange(spare, nullptr));
  }
};

// The spare block if `bytes` fit in it and fill at least half of it; null otherwise.
SnapshotHead* take_spare(std::size_t bytes) noexcept {
  if (!spare || bytes > spare->bytes || bytes < spare->bytes / 2) return nullptr;
  return std::exchange(spare, nullptr);
}

// Keeps `head` as the spare, freeing the previous one.
void keep_spare(SnapshotHead* head) noexcept {
  if (thread_ending) return free_plain(head);
  thread_local SpareRelease release_at_exit;  // constructed once: registers the release
  if (spare) free_plain(spare);
  spare = head;
}

}  // namespace

SnapshotHead* allocate_snapshot_block(std::size_t bytes, std::size_t refs) {
  if (bytes < huge_page) {
    if (SnapshotHead* head = take_spare(bytes)) {
      head->refs.store(refs, std::memory_order_relaxed);
      return head;
    }
    return ::new (::operator new(bytes)) SnapshotHead{refs, bytes};
  }
  // Whole huge pages: a tail in 4 KiB pages would cost a fault every 80 rows or so.
  const std::size_t reserved = (bytes + huge_page - 1) / huge_page * huge_page;
  void* memory = ::operator new (reserved, std::align_val_t{huge_page});
  madvise(memory, reserved, MADV_HUGEPAGE);  // a hint: failure is fine
  return ::new (memory) SnapshotHead{refs, reserved};
}

void free_snapshot_block(SnapshotHead* head) noexcept {
  if (head->bytes < huge_page) {
    keep_spare(head);
    return;
  }
  head->~SnapshotHead();
  ::operator delete (static_cast<void*>(head), std::align_val_t{huge_page});
}

}  // namespace iceaxe::detail
