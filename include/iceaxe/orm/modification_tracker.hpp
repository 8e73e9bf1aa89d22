#pragma once

// ModificationTracker: the objects a connection loaded or wrote, so that changes made to them
// afterwards and never written can be reported (DBConnection's uncommitted_verbosity). Objects
// tell the tracker when they are copied, moved or destroyed, so it never holds a dead address.
// Used by the connection's thread only.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "iceaxe/logging.hpp"
#include "iceaxe/orm/batch_fields.hpp"
#include "iceaxe/orm/source_location.hpp"

namespace iceaxe {

struct Modification {
  std::string_view object_type;  // the C++ model name
  std::string primary_key;       // `id=5`; empty for a model without one
  std::vector<std::string_view> fields;
  SourceLocation location;  // the call that loaded or wrote the object
};

class ModificationTracker final : public detail::ObjectTracker {
 public:
  ModificationTracker() = default;
  ModificationTracker(const ModificationTracker&) = delete;
  ModificationTracker& operator=(const ModificationTracker&) = delete;
  ~ModificationTracker();

  template <Model T>
  void track(T& object, const SourceLocation& where) {
    static constexpr Ops ops{
        detail::model_decl<T>.type_name,
        [](const TableBase& o) { return modified_fields(static_cast<const T&>(o)); },
        [](const TableBase& o) { return detail::describe_key(static_cast<const T&>(o)); }};
    track(object, &ops, where);
  }
  void untrack(TableBase& object) noexcept;

  // The tracked objects with changes not written, in the order they were first tracked.
  std::vector<Modification> modified() const;
  std::size_t size() const noexcept { return objects_.size(); }
  // Logs one record per modified object at `level`.
  void log(LogLevel level) const;
  // Stops tracking every object.
  void clear() noexcept;

 private:
  struct Ops {
    std::string_view type;
    std::vector<std::string_view> (*modified)(const TableBase&);
    std::string (*key)(const TableBase&);
  };
  struct Entry {
    const Ops* ops;
    SourceLocation where;
    std::uint64_t order;
  };

  using Objects = std::unordered_map<const TableBase*, Entry>;

  void track(TableBase& object, const Ops* ops, const SourceLocation& where);
  // Makes this the tracker of the object of a new entry, dropping the entry if that fails.
  void adopt(TableBase& object, Objects::iterator entry);
  void copied(const TableBase& from, TableBase& to) override;
  void moved(const TableBase& from, TableBase& to) noexcept override;
  void destroyed(const TableBase& object) noexcept override;

  Objects objects_;
  std::uint64_t next_order_ = 0;
};

}  // namespace iceaxe
