#pragma once

// How the fields of many objects travel in one statement: each field as one array
// parameter (for `unnest`), or value by value (for multi-row VALUES, when a field is itself
// an array and cannot be unnested), plus exact keys for matching returned rows to objects.

#include <array>
#include <bit>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <utility>

#include "iceaxe/model.hpp"
#include "iceaxe/pg/connection.hpp"

namespace iceaxe::detail {

[[noreturn]] void throw_batch_field_error(std::string_view model, std::string_view field,
                                          std::size_t object, std::string_view what);

template <Model T, std::size_t I>
struct BatchField {
  using Io = FieldIo<T, I>;
  static constexpr const auto& field = Io::field;
  using Value = typename std::remove_cvref_t<decltype(field)>::value_type;
  using Plain = strip_optional_t<Value>;
  using Wire = typename Io::Wire;
  // Enums travel as labels, cast on the server to the enum type: one value as its label, an
  // array of them as a text literal. (A single enum's codec sends its label as is: it has no
  // text_format.) An enum stored with an explicit_type has no cast: its values go one by one.
  static constexpr bool sends_text =
      pg::sends_text<Wire> || (DeclaredEnum<Wire> && !field.options.explicit_type);
  static constexpr bool unnestable =
      !is_array_member<Value> && (sends_text || pg::detail::has_array_type<Wire>);
  // Sent as its bits: encoded without its codec or a length patched in afterwards.
  static constexpr bool as_bits = std::is_same_v<Wire, Plain> && pg::sent_as_bits<Plain>;

  // Every object's value as one array parameter (element type: the field's wire type),
  // built in a string of its own that the parameters then keep without a copy.
  static void add_array(std::span<T* const> objects, pg::Params& params) {
    std::string array;
    std::size_t i = 0;
    try {
      if constexpr (unnestable && sends_text) {
        array.push_back('{');
        for (; i < objects.size(); ++i) {
          if (i > 0) array.push_back(',');
          const Value& value = field.get(*objects[i]);
          if constexpr (pg::is_optional_v<Value>) {
            append_array_literal_element(array,
                                         value ? std::optional(enum_label(*value)) : std::nullopt);
          } else {
            append_array_literal_element(array, enum_label(value));
          }
        }
        array.push_back('}');
        params.add_encoded(pg::oid::unspecified, std::move(array), true);
      } else if constexpr (unnestable) {
        pg::wire::put<std::int32_t>(array, 1);  // dimensions
        pg::wire::put<std::int32_t>(array, 0);  // has NULLs: patched below
        pg::wire::put<std::uint32_t>(array, pg::Codec<Wire>::oid);
        pg::wire::put<std::int32_t>(array, static_cast<std::int32_t>(objects.size()));
        pg::wire::put<std::int32_t>(array, 1);  // lower bound
        const std::size_t header = array.size();
        bool has_nulls = false;
        for (; i < objects.size(); ++i) {
          has_nulls |= !encode(field.get(*objects[i]), array);
          // Room for every element at the first one's size: exact for fixed-width types.
          if (i == 0) array.reserve(header + (array.size() - header) * objects.size());
        }
        pg::wire::patch<std::int32_t>(array, 4, has_nulls);
        params.add_encoded(pg::Codec<Wire>::array_oid, std::move(array));
      }
    } catch (const ValueError& e) {
      throw_batch_field_error(model_decl<T>.type_name, field.name, i, e.what());
    }
  }

  // One object's value as one parameter.
  static void add_value(const T& object, std::size_t index, pg::Params& params) {
    try {
      Io::Io::bind(field.get(object), params);
    } catch (const ValueError& e) {
      throw_batch_field_error(model_decl<T>.type_name, field.name, index, e.what());
    }
  }

  static void encode_field(const T& object, std::string& out) { encode(field.get(object), out); }

  // An as_bits field's value as one word, for comparing keys; false when it is NULL.
  static bool bits(const T& object, std::uint64_t& out) noexcept requires as_bits {
    const Value& value = field.get(object);
    if constexpr (pg::is_optional_v<Value>) {
      if (!value) return false;
      out = std::bit_cast<pg::bits_t<Plain>>(*value);
    } else {
      out = std::bit_cast<pg::bits_t<Plain>>(value);
    }
    return true;
  }

  // Reads one field of a result column into the field, checking the column's type.
  static void read_column(const pg::Result& result, int row, int col, T& object) {
    const PGresult* res = result.native_handle();
    check_column(res, col);
    Io::read(pg::cell_of(res, row, col), res, col, PQftype(res, col), object);
  }

  // Reads a result column into the field of each object, row n into objects[n] (skipped
  // where that is null); the result has a row per object.
  static void read_rows(const pg::Result& result, int col, std::span<T* const> objects) {
    const PGresult* res = result.native_handle();
    check_column(res, col);
    const pg::Cells cells(res);
    const pg::Oid type = PQftype(res, col);
    for (std::size_t n = 0; n < objects.size(); ++n) {
      if (objects[n]) Io::read(cells(static_cast<int>(n), col), res, col, type, *objects[n]);
    }
  }

  // Appends the value as an array element (length, then bytes; -1 for NULL). False for NULL.
  static bool encode(const Value& value, std::string& out) {
    if constexpr (pg::is_optional_v<Value>) {
      if (!value) {
        pg::wire::put<std::int32_t>(out, -1);
        return false;
      }
      encode_plain(*value, out);
    } else {
      encode_plain(value, out);
    }
    return true;
  }

 private:
  static void check_column(const PGresult* res, int col) {
    try {
      Io::check_column(res, col);
    } catch (const ValueError& e) {
      throw_field_error(model_decl<T>.type_name, field.name, e.what());
    }
  }

  static void encode_plain(const Plain& value, std::string& out) {
    if constexpr (as_bits) {  // its length and its bits, in one append
      char bytes[4 + sizeof(Plain)];
      pg::wire::store<std::int32_t>(bytes, sizeof(Plain));
      pg::wire::store(bytes + 4, std::bit_cast<pg::bits_t<Plain>>(value));
      out.append(bytes, sizeof bytes);
    } else {
      encode_by_codec(value, out);
    }
  }

  // Its length, patched in once the value (labels, JSON document or codec's form) is written.
  static void encode_by_codec(const Plain& value, std::string& out) {
    const std::size_t length_at = out.size();
    pg::wire::put<std::int32_t>(out, 0);
    if constexpr (sends_text && is_array_member<Value>) {  // enum labels as a text array
      out.push_back('{');
      bool first = true;
      for (const auto& element : value) {
        if (!std::exchange(first, false)) out.push_back(',');
        if constexpr (pg::is_optional_v<std::remove_cvref_t<decltype(element)>>) {
          append_array_literal_element(
              out, element ? std::optional(enum_label(*element)) : std::nullopt);
        } else {
          append_array_literal_element(out, enum_label(element));
        }
      }
      out.push_back('}');
    } else if constexpr (sends_text) {
      out += enum_label(value);
    } else if constexpr (field.json_document()) {
      pg::Codec<nlohmann::json>::encode(to_json_document(value), out);
    } else {
      pg::Codec<Plain>::encode(value, out);
    }
    const std::size_t length = out.size() - length_at - 4;
    if (length > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
      throw ValueError("value larger than 2 GB");
    }
    pg::wire::patch<std::int32_t>(out, length_at, static_cast<std::int32_t>(length));
  }
};

// One field of a model as batched statements name it.
struct BatchColumn {
  std::string_view name;
  // The type the server must cast the column's parameter to: a quoted enum type name, or
  // json (values are sent as jsonb). Empty when the parameter already has the column's type.
  std::string cast;
  bool stored = false;
  bool primary_key = false;
  bool autoincrement = false;
  bool unnestable = false;
  // Its values are in the column type's binary format, as COPY takes them (not json sent as
  // jsonb, nor enum arrays sent as text).
  bool copyable = false;
};

// Per-field operations of one model, indexed by field.
template <Model T>
struct BatchOps {
  using AddArray = void (*)(std::span<T* const>, pg::Params&);
  using AddValue = void (*)(const T&, std::size_t, pg::Params&);
  using Encode = void (*)(const T&, std::string&);
  using Read = void (*)(const pg::Result&, int row, int col, T&);
  using ReadRows = void (*)(const pg::Result&, int col, std::span<T* const>);

  static constexpr auto add_array = [] {
    std::array<AddArray, field_count<T>> ops{};
    for_each_index<field_count<T>>([&](auto i) { ops[i] = &BatchField<T, i>::add_array; });
    return ops;
  }();
  static constexpr auto add_value = [] {
    std::array<AddValue, field_count<T>> ops{};
    for_each_index<field_count<T>>([&](auto i) { ops[i] = &BatchField<T, i>::add_value; });
    return ops;
  }();
  static constexpr auto encode = [] {
    std::array<Encode, field_count<T>> ops{};
    for_each_index<field_count<T>>([&](auto i) { ops[i] = &BatchField<T, i>::encode_field; });
    return ops;
  }();
  static constexpr auto read = [] {
    std::array<Read, field_count<T>> ops{};
    for_each_index<field_count<T>>([&](auto i) { ops[i] = &BatchField<T, i>::read_column; });
    return ops;
  }();
  static constexpr auto read_rows = [] {
    std::array<ReadRows, field_count<T>> ops{};
    for_each_index<field_count<T>>([&](auto i) { ops[i] = &BatchField<T, i>::read_rows; });
    return ops;
  }();
};

std::string batch_cast(const SqlType& type);

template <Model T>
const std::array<BatchColumn, field_count<T>>& batch_columns() {
  static const auto columns = [] {
    std::array<BatchColumn, field_count<T>> out;
    for_each_index<field_count<T>>([&](auto i) {
      const auto& field = std::get<i>(fields<T>);
      out[i] = {field.name,
                field.stored() ? batch_cast(field.sql_type()) : std::string(),
                field.stored(),
                field.options.primary_key,
                field.autoincrement(),
                BatchField<T, i>::unnestable};
      out[i].copyable = !(BatchField<T, i>::sends_text &&
                          is_array_member<typename BatchField<T, i>::Value>)&&out[i]
                             .cast != "json";
    });
    return out;
  }();
  return columns;
}

// The model's primary key fields, in declaration order.
template <Model T>
inline constexpr auto primary_key_fields = [] {
  std::array<std::size_t, field_count<T>> indices{};
  std::size_t count = 0;
  for_each_index<field_count<T>>([&](auto i) {
    if (std::get<i>(fields<T>).options.primary_key) indices[count++] = i;
  });
  return std::pair(indices, count);
}();

template <Model T>
std::span<const std::size_t> primary_key() {
  return {primary_key_fields<T>.first.data(), primary_key_fields<T>.second};
}

// The object's values of `fields`, encoded back to back: equal keys are equal values.
template <Model T>
void append_key(const T& object, std::span<const std::size_t> fields, std::string& out) {
  for (std::size_t i : fields) BatchOps<T>::encode[i](object, out);
}

std::string describe_key(std::span<const std::string_view> names, const pg::Params& values);

// `id=5` (`a=1, b=2` for a composite key), for messages; empty without a primary key.
template <Model T>
std::string describe_key(const T& object) {
  pg::Params values;
  std::array<std::string_view, field_count<T>> names;
  std::size_t count = 0;
  try {
    for (std::size_t i : primary_key<T>()) {
      names[count++] = batch_columns<T>()[i].name;
      BatchOps<T>::add_value[i](object, 0, values);
    }
  } catch (const ValueError&) {
    return "an unsendable primary key";
  }
  return describe_key(std::span(names.data(), count), values);
}

}  // namespace iceaxe::detail
