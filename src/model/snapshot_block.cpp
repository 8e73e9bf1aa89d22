// Memory for snapshot blocks. A load of many rows fills its block once, front to back, and
// on virtual machines each 4 KiB page fault costs microseconds: at 100,000 rows the block's
// first touch cost more than filling it. Blocks of 2 MiB or more are therefore aligned for
// transparent huge pages and advised to use them (one fault per 2 MiB where the kernel
// allows, plain pages otherwise); smaller ones are plain heap blocks.

#include <sys/mman.h>

#include <new>

#include "iceaxe/model/table_base.hpp"

namespace iceaxe::detail {
namespace {
constexpr std::size_t huge_page = std::size_t{2} << 20;
}  // namespace

SnapshotHead* allocate_snapshot_block(std::size_t bytes, std::size_t refs) {
  if (bytes < huge_page) return ::new (::operator new(bytes)) SnapshotHead{refs, false};
  void* memory = ::operator new (bytes, std::align_val_t{huge_page});
  madvise(memory, bytes / huge_page * huge_page, MADV_HUGEPAGE);  // a hint: failure is fine
  return ::new (memory) SnapshotHead{refs, true};
}

void free_snapshot_block(SnapshotHead* head) noexcept {
  const bool huge_page_aligned = head->huge_page_aligned;
  head->~SnapshotHead();
  if (huge_page_aligned) {
    ::operator delete (static_cast<void*>(head), std::align_val_t{huge_page});
  } else {
    ::operator delete(static_cast<void*>(head));
  }
}

}  // namespace iceaxe::detail
