#pragma once

// The process-wide model registry: every ICEAXE_TABLE registers its model while the program
// starts. A static library's models are registered only if the linker keeps their object
// files, so pass model lists explicitly where it matters (migrations, create_all).

#include <vector>

#include "iceaxe/model/descriptor.hpp"

namespace iceaxe {

// The registered models, in registration order. Thread-safe.
std::vector<ModelRef> registered_models();

namespace detail {

void add_to_registry(ModelRef model);

template <class T>
bool register_model() {
  add_to_registry(model<T>);
  return true;
}

}  // namespace detail
}  // namespace iceaxe
