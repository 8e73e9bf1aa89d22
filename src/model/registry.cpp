#include "iceaxe/model/registry.hpp"

#include <mutex>

namespace iceaxe {

namespace {

struct Registry {
  std::mutex mutex;
  std::vector<ModelRef> models;
};

// Constructed on first use: models register while other translation units initialise.
Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

std::vector<ModelRef> registered_models() {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  return r.models;
}

namespace detail {

void add_to_registry(ModelRef model) {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  r.models.push_back(model);
}

}  // namespace detail
}  // namespace iceaxe
