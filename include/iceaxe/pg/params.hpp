#pragma once

// A statement's parameters, encoded once in the binary format (the text format where a
// codec asks for it). Values are always bound, never spliced into SQL.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iceaxe/pg/codecs.hpp"

namespace iceaxe::pg {

class Params {
 public:
  Params() = default;
  template <class... Ts>
  explicit Params(const Ts&... values) {
    (add(values), ...);
  }

  // Appends one value: any codec type, std::optional of one (nullopt is NULL), or
  // std::nullopt itself (a NULL whose type the server infers).
  template <class T>
  Params& add(const T& value) {
    if constexpr (std::is_same_v<T, std::nullopt_t>) {
      add_null(oid::unspecified);
    } else if constexpr (is_optional_v<T>) {
      if (value) {
        add(*value);
      } else {
        add_null(Codec<typename T::value_type>::oid);
      }
    } else if constexpr (std::is_array_v<T>) {  // string literals
      add(std::string_view(value));
    } else {
      static_assert(Encodable<T>, "no PostgreSQL codec for this parameter type");
      const std::size_t start = data_.size();
      Codec<T>::encode(value, data_);
      push(Codec<T>::oid, static_cast<int>(start), static_cast<int>(data_.size() - start),
           sends_text<T> ? text : binary);
    }
    return *this;
  }

  // Appends a value already in the binary format of `type` (nullopt: NULL), or in the
  // text format when `as_text`.
  Params& add_encoded(Oid type, std::optional<std::string_view> bytes, bool as_text = false);
  // The same, keeping `bytes` as they are instead of copying them (a large array).
  Params& add_encoded(Oid type, std::string&& bytes, bool as_text = false);
  Params& add_null(Oid type) { return add_encoded(type, std::nullopt); }
  // Appends every parameter of `other`.
  Params& append(const Params& other);

  std::size_t size() const noexcept { return slots_.size(); }
  bool empty() const noexcept { return slots_.empty(); }
  void clear() noexcept {
    data_.clear();
    kept_.clear();
    slots_.clear();
  }

  Oid type(std::size_t i) const { return slots_[i].type; }
  bool is_text(std::size_t i) const { return slots_[i].format == text; }
  // The payload of parameter i (binary unless is_text), or nullopt for NULL.
  std::optional<std::string_view> value(std::size_t i) const;
  // Parameter i as text for logs and error messages (long values shortened).
  std::string render(std::size_t i) const;
  std::vector<std::string> render_all() const;

 private:
  static constexpr int text = 0;  // libpq's format codes
  static constexpr int binary = 1;

  // One parameter; its payload lives in data_ or kept_.
  struct Slot {
    Oid type;
    int format;
    int offset;  // into data_, -1 for NULL, or kept_offset()
    int length;
  };

  void push(Oid type, int offset, int length, int format) {
    slots_.push_back({type, format, offset, length});
  }

  // Where a value kept whole lives in Slot::offset: -2 for kept_[0], -3 for kept_[1]...
  static int kept_offset(std::size_t index) { return -2 - static_cast<int>(index); }

  std::string data_;
  std::vector<std::string> kept_;  // values added whole
  std::vector<Slot> slots_;
};

}  // namespace iceaxe::pg
