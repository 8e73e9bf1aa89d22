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
  if (&other == this) return append(Params(other));
  const int data_base = static_cast<int>(data_.size());
  const int kept_base = static_cast<int>(kept_.size());
  data_ += other.data_;
  kept_.insert(kept_.end(), other.kept_.begin(), other.kept_.end());
  slots_.reserve(slots_.size() + other.slots_.size());
  for (Slot slot : other.slots_) {
    if (slot.offset >= 0) {
      slot.offset += data_base;
    } else if (slot.offset < -1) {
      slot.offset -= kept_base;
    }
    slots_.push_back(slot);
  }
  return *this;
}

std::optional<std::string_view> Params::value(std::size_t i) const {
  const Slot& slot = slots_[i];
  if (slot.offset == -1) return std::nullopt;
  if (slot.offset < -1) return kept_[static_cast<std::size_t>(-2 - slot.offset)];
  return std::string_view(data_.data() + slot.offset, static_cast<std::size_t>(slot.length));
}

std::string Params::render(std::size_t i) const {
  const auto bytes = value(i);
  if (!bytes) return "NULL";
  std::string text =
      is_text(i) ? "'" + std::string(*bytes) + "'" : detail::render_value(type(i), *bytes);
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

}  // namespace iceaxe::pg
