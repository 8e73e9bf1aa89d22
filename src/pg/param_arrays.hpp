#pragma once

// The arrays libpq's PQsendQuery* calls take, laid out from a run of a Params' values. A
// session keeps one and refills it for each statement: once grown, sending allocates
// nothing, and a Params needs only one vector for its metadata.

#include <libpq-fe.h>

#include <cstddef>
#include <span>
#include <vector>

#include "iceaxe/pg/params.hpp"

namespace iceaxe::pg::detail {

class ParamArrays {
 public:
  // Parameters [first, first + count) of `params`; valid until `params` changes.
  void lay_out(const Params& params, std::size_t first, std::size_t count);

  int size() const noexcept { return static_cast<int>(types_.size()); }
  std::span<const Oid> types() const noexcept { return types_; }
  const char* const* values() const noexcept { return values_.data(); }
  const int* lengths() const noexcept { return lengths_.data(); }
  const int* formats() const noexcept { return formats_.data(); }

 private:
  std::vector<Oid> types_;
  std::vector<const char*> values_;  // null for NULL
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

}  // namespace iceaxe::pg::detail
