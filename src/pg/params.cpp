#include "iceaxe/pg/params.hpp"

#include "pg/value_text.hpp"

namespace iceaxe::pg {
namespace {

constexpr std::size_t max_rendered = 200;  // bytes of a value shown in logs and errors

}  // namespace

Params& Params::add_encoded(Oid type, std::optional<std::string_view> bytes, bool as_text) {
  if (!bytes) {
    push(type, -1, 0, binary);
    return *this;
  }
  const std::size_t start = data_.size();
  data_.append(*bytes);
  push(type, static_cast<int>(start), static_cast<int>(bytes->size()), as_text ? text : binary);
  return *this;
}

Params& Params::add_encoded(Oid type, std::string&& bytes, bool as_text) {
  const int length = static_cast<int>(bytes.size());
  kept_.push_back(std::move(bytes));
  push(type, kept_offset(kept_.size() - 1), length, as_text ? text : binary);
  return *this;
}

Params& Params::append(const Params& other) {
  for (std::size_t i = 0; i < other.size(); ++i) {
    add_encoded(other.type(i), other.value(i), other.is_text(i));
  }
  return *this;
}

std::optional<std::string_view> Params::value(std::size_t i) const {
  const int offset = offsets_[i];
  if (offset == -1) return std::nullopt;
  if (offset < -1) return kept_[static_cast<std::size_t>(-2 - offset)];
  return std::string_view(data_.data() + offset, static_cast<std::size_t>(lengths_[i]));
}

std::string Params::render(std::size_t i) const {
  const auto bytes = value(i);
  if (!bytes) return "NULL";
  std::string text =
      is_text(i) ? "'" + std::string(*bytes) + "'" : detail::render_value(types_[i], *bytes);
  if (text.size() > max_rendered) {
    const std::size_t total = text.size();
    std::size_t cut = max_rendered;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    text.resize(cut);
    text += "... (" + std::to_string(total) + " characters)";
  }
  return text;
}

std::vector<std::string> Params::render_all() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.push_back(render(i));
  return out;
}

const char* const* Params::values() const {
  values_.resize(offsets_.size());
  for (std::size_t i = 0; i < offsets_.size(); ++i) {
    const auto bytes = value(i);
    values_[i] = bytes ? bytes->data() : nullptr;
  }
  return values_.data();
}

}  // namespace iceaxe::pg
