#pragma once

// DBConnection: the ORM's connection. It wraps one pg::Connection (one thread at a time) and
// runs typed queries, writes objects in batches and holds transactions.
//
// Every write call is all-or-nothing: its objects travel as one statement per table and
// changed-field set (column arrays unnested on the server), all in one transaction (a
// savepoint inside the caller's); generated keys and change state are written back into the
// objects only once the whole call succeeded.

#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "iceaxe/logging.hpp"
#include "iceaxe/orm/batch_fields.hpp"
#include "iceaxe/orm/key_rounds.hpp"
#include "iceaxe/orm/modification_tracker.hpp"
#include "iceaxe/orm/no_object_found.hpp"
#include "iceaxe/orm/options.hpp"
#include "iceaxe/orm/source_location.hpp"
#include "iceaxe/orm/type_cache.hpp"
#include "iceaxe/orm/write_sql.hpp"
#include "iceaxe/query.hpp"

namespace iceaxe {

class ObjectRef;

// A contiguous range of model objects that may be written to: std::vector<T>, std::span<T>,
// std::array<T, N>...
template <class R>
concept ModelRange = std::ranges::contiguous_range<R> && std::ranges::sized_range<R> &&
    Model<std::ranges::range_value_t<R>> &&
    !std::is_const_v<std::remove_reference_t<std::ranges::range_reference_t<R>>>;

template <class R>
concept ObjectRefRange =
    std::ranges::contiguous_range<R> && std::is_same_v<std::ranges::range_value_t<R>, ObjectRef>;

// What write calls take: one object, a range of objects, or a list of ObjectRef.
template <class O>
concept Objects = Model<std::remove_cvref_t<O>> || ModelRange<O> || ObjectRefRange<O>;

namespace detail {

enum class WriteKind { insert, update, delete_, refresh };

struct WriteStatement;

// A write statement's row count: one row written (returned, or counted) per object.
struct RowCheck {
  std::size_t rows;
  std::string_view model;   // for the error: "inserting 3 objects of Item wrote 2 rows"
  std::string_view action;  // "inserting"
  // Called after a short statement was undone; may throw an error that says more.
  std::function<void(const WriteStatement&)> explain;
};

// The statements of one call, all encoded before the first is sent.
struct WriteStatement {
  std::string sql;
  pg::Params params;
  // Checked before the statement commits: a short count undoes the whole call.
  std::optional<RowCheck> row_check;
  // Keeps what it needs from the result, before a write commits; throwing undoes the call.
  std::function<void(pg::Result&&, const WriteStatement&)> on_result;
};

struct WritePlan {
  std::vector<WriteStatement> statements;
  // Write-backs into the objects, run once every statement succeeded (and committed).
  std::vector<std::function<void()>> after_success;
  std::vector<std::shared_ptr<const void>> keep_alive;  // what the statements' spans point into
  bool reads_only = false;                              // refresh: no transaction needed
  // Inside a caller's transaction, runs under a savepoint: a statement that fails its own
  // check then undoes only this call.
  bool savepoint_when_nested = false;
};

[[noreturn]] void throw_no_primary_key(std::string_view model, std::string_view action);
[[noreturn]] void throw_empty_primary_key(std::string_view model, std::size_t object,
                                          std::string_view action);
[[noreturn]] void throw_primary_key_changed(std::string_view model, std::string_view key);
[[noreturn]] void throw_rows_skipped(const RowCheck& check, std::uint64_t written);
[[noreturn]] void throw_foreign_column(std::string_view model, std::string_view option,
                                       const ColumnRef& column);
[[noreturn]] void throw_nested_transaction();
[[noreturn]] void throw_not_copyable(std::string_view model, std::string_view field);
[[noreturn]] void throw_savepoint_outside_transaction();
void log_refresh_missing(std::string_view model, const std::string& key);

// At most this many parameters in one statement (PostgreSQL's protocol limit is 65,535).
inline constexpr std::size_t max_params = 65535;
// Rows per multi-row VALUES statement: bounds the SQL text the server parses.
inline constexpr std::size_t max_values_rows = 1000;

// Fields of T that are stored (columns), in declaration order.
template <Model T>
std::vector<std::size_t> stored_fields() {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < field_count<T>; ++i) {
    if (batch_columns<T>()[i].stored) out.push_back(i);
  }
  return out;
}

// Field I of T as an upsert option names it, checked to belong to T.
template <Model T>
std::size_t field_of(const ColumnRef& column, std::string_view option) {
  if (column.table != table_name<T> || column.index >= field_count<T> ||
      batch_columns<T>()[column.index].name != column.name) {
    throw_foreign_column(model_decl<T>.type_name, option, column);
  }
  return column.index;
}

// Whether any of the object's autoincrement fields is empty (the server assigns it).
template <Model T>
bool needs_generated_key(const T& object) {
  bool empty = false;
  for_each_index<field_count<T>>([&](auto i) {
    if constexpr (std::get<i>(fields<T>).autoincrement()) {
      empty |= !std::get<i>(fields<T>).get(object).has_value();
    }
  });
  return empty;
}

template <Model T>
void require_primary_key(std::span<T* const> objects, std::string_view action) {
  if (primary_key<T>().empty()) throw_no_primary_key(model_decl<T>.type_name, action);
  for (std::size_t n = 0; n < objects.size(); ++n) {
    for_each_index<field_count<T>>([&](auto i) {
      using Value = typename std::remove_cvref_t<decltype(std::get<i>(fields<T>))>::value_type;
      if constexpr (pg::is_optional_v<Value>) {
        if (std::get<i>(fields<T>).options.primary_key &&
            !std::get<i>(fields<T>).get(*objects[n])) {
          throw_empty_primary_key(model_decl<T>.type_name, n, action);
        }
      }
    });
  }
}

// The round of each object's key (see key_rounds): over the bits of a primary key that is
// one fixed-width field, when `key` is that and no value is NULL; else over encoded keys.
template <Model T>
std::vector<std::uint32_t> key_rounds_of(std::span<T* const> objects,
                                         std::span<const std::size_t> key) {
  constexpr auto primary = primary_key_fields<T>;
  if constexpr (primary.second == 1 && BatchField<T, primary.first[0]>::as_bits) {
    if (key.size() == 1 && key[0] == primary.first[0]) {
      std::vector<std::uint64_t> bits(objects.size());
      std::size_t i = 0;
      while (i < objects.size() && BatchField<T, primary.first[0]>::bits(*objects[i], bits[i])) ++i;
      if (i == objects.size()) return key_rounds(bits);
    }
  }
  EncodedKeys keys;
  keys.offsets.reserve(objects.size() + 1);
  for (T* object : objects) {
    append_key(*object, key, keys.bytes);
    keys.end_key();
    // Room for every key at the first one's size: exact for fixed-width keys.
    if (keys.size() == 1) keys.bytes.reserve(keys.bytes.size() * objects.size());
  }
  return key_rounds(keys);
}

// Splits objects into rounds so that no round holds two with the same key (statements would
// otherwise touch one row twice): round r holds each key's r-th occurrence, in order.
template <Model T>
std::vector<std::vector<T*>> rounds_by_key(std::span<T* const> objects,
                                           std::span<const std::size_t> key) {
  if (key.empty()) return {std::vector<T*>(objects.begin(), objects.end())};
  const std::vector<std::uint32_t> round_of = key_rounds_of(objects, key);
  std::vector<std::vector<T*>> rounds;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (round_of[i] == rounds.size()) {
      rounds.emplace_back().reserve(round_of[i] == 0 ? objects.size() : 0);
    }
    rounds[round_of[i]].push_back(objects[i]);
  }
  return rounds;
}

// Adds the statements sending `objects`' values of `fields`: one statement over column
// arrays, or chunks of multi-row VALUES when a field cannot be unnested.
// make_sql(columns, values_rows) gives the SQL; on_result(chunk, result, statement), unless
// null, keeps what it needs from a result. With an `action` ("inserting"), each statement
// must write one row per object (RowCheck); explain(chunk, statement), when given, may say
// why one did not.
template <Model T, class MakeSql, class OnResult, class Explain = std::nullptr_t>
void add_row_statements(WritePlan& plan, std::span<T* const> objects,
                        std::span<const std::size_t> fields, MakeSql make_sql, OnResult on_result,
                        std::string_view action = {}, Explain explain = nullptr) {
  const auto add_checks = [&](WriteStatement& statement, std::span<T* const> chunk) {
    if constexpr (!std::is_null_pointer_v<OnResult>) {
      statement.on_result = [chunk, on_result](pg::Result&& result, const WriteStatement& sent) {
        on_result(chunk, std::move(result), sent);
      };
    }
    if (action.empty()) return;
    RowCheck& check = statement.row_check.emplace(
        RowCheck{chunk.size(), model_decl<T>.type_name, action, nullptr});
    if constexpr (!std::is_null_pointer_v<Explain>) {
      check.explain = [chunk, explain](const WriteStatement& sent) { explain(chunk, sent); };
    }
  };
  const auto& meta = batch_columns<T>();
  std::vector<SqlColumn> columns;
  bool unnest = true;
  for (std::size_t i : fields) {
    columns.push_back({meta[i].name, meta[i].cast});
    unnest = unnest && meta[i].unnestable;
  }
  if (unnest) {
    WriteStatement& statement = plan.statements.emplace_back();
    statement.sql = make_sql(std::span<const SqlColumn>(columns), ValuesRows{0});
    if (fields.empty()) {
      statement.params.add(static_cast<std::int64_t>(objects.size()));
    } else {
      for (std::size_t i : fields) BatchOps<T>::add_array[i](objects, statement.params);
    }
    add_checks(statement, objects);
    return;
  }
  const std::size_t per = std::max<std::size_t>(
      1, std::min(max_params / std::max<std::size_t>(columns.size(), 1), max_values_rows));
  for (std::size_t start = 0; start < objects.size(); start += per) {
    const std::span<T* const> chunk = objects.subspan(start, std::min(per, objects.size() - start));
    WriteStatement& statement = plan.statements.emplace_back();
    statement.sql = make_sql(std::span<const SqlColumn>(columns), ValuesRows{chunk.size()});
    for (std::size_t n = 0; n < chunk.size(); ++n) {
      for (std::size_t i : fields)
        BatchOps<T>::add_value[i](*chunk[n], start + n, statement.params);
    }
    add_checks(statement, chunk);
  }
}

[[noreturn]] void throw_missing_rows(std::string_view model, const std::string& sql,
                                     const pg::Params& params,
                                     const std::vector<std::string>& missing);

// After an update found fewer rows than objects: NoObjectFound naming the objects whose keys
// are not among `existing` (rows of key columns), if any.
template <Model T>
void throw_if_rows_missing(std::span<T* const> chunk, const pg::Result& existing,
                           const std::string& sql, const pg::Params& params) {
  const std::span<const std::size_t> keys = primary_key<T>();
  std::unordered_set<std::string> found;
  std::string buffer;
  for (int row = 0; row < existing.size(); ++row) {
    T probe;
    int col = 0;
    for (std::size_t i : keys) BatchOps<T>::read[i](existing, row, col++, probe);
    buffer.clear();
    append_key(probe, keys, buffer);
    found.insert(buffer);
  }
  std::vector<std::string> missing;
  for (T* object : chunk) {
    buffer.clear();
    append_key(*object, keys, buffer);
    if (!found.contains(buffer)) missing.push_back(describe_key(*object));
  }
  if (!missing.empty()) throw_missing_rows(model_decl<T>.type_name, sql, params, missing);
}

// ` RETURNING "a", "b"`, or nothing.
std::string returning_clause(std::span<const SqlColumn> columns);

template <Model T>
std::vector<SqlColumn> sql_columns(std::span<const std::size_t> fields) {
  std::vector<SqlColumn> out;
  for (std::size_t i : fields)
    out.push_back({batch_columns<T>()[i].name, batch_columns<T>()[i].cast});
  return out;
}

// Reads fields `fields` of each returned row (columns from `first`) into the chunk's objects,
// row n into object n (none where that is null).
template <Model T>
void read_fields(const pg::Result& result, std::span<T* const> chunk,
                 std::span<const std::size_t> fields, int first) {
  int col = first;
  for (std::size_t i : fields) BatchOps<T>::read_rows[i](result, col++, chunk);
}

// SELECT <T's columns> FROM T WHERE <key> = $1 [AND ...], built once.
std::string get_sql(std::string_view table, std::string_view select_list,
                    std::span<const SqlColumn> keys);

template <Model T>
const std::string& get_sql() {
  static const std::string sql =
      get_sql(table_name<T>, sql::select<T>(), sql_columns<T>(primary_key<T>()));
  return sql;
}

// The model of upsert()'s argument: the object's own, or the range's elements. (Not
// std::conditional_t, which would name a model's range_value_t, and fail to compile.)
template <class O>
struct objects_model {
  using type = std::ranges::range_value_t<O>;
};
template <class O>
requires Model<std::remove_cvref_t<O>>
struct objects_model<O> {
  using type = std::remove_cvref_t<O>;
};

// upsert()'s returned row: as a select of the columns would read it.
template <class... Columns>
struct returned_row {
  using type = typename Select<TypeList<Columns...>, TypeList<>, false>::row_type;
};
template <>
struct returned_row<> {
  using type = std::tuple<>;
};

template <class Row>
inline constexpr bool holds_models = Model<Row>;
template <class Row>
inline constexpr bool holds_models<std::optional<Row>> = Model<Row>;
template <class... Es>
inline constexpr bool holds_models<std::tuple<Es...>> = (holds_models<Es> || ...);

}  // namespace detail

class DBConnection {
 public:
  using Options = DBConnectionOptions;

  explicit DBConnection(pg::Connection conn, Options options = {});
  DBConnection(DBConnection&&) noexcept;
  DBConnection& operator=(DBConnection&&) noexcept;
  // Reports unwritten changes as close() does.
  ~DBConnection();

  // The driver connection, for raw SQL.
  pg::Connection& conn() noexcept { return conn_; }

  // Table name -> its primary key columns (empty for none), for the registered models.
  const std::map<std::string, std::vector<std::string>, std::less<>>& obj_to_primary_key();

  // Whether a transaction opened through this object is active.
  bool in_transaction() const noexcept { return in_transaction_; }

  // Objects loaded or written through this connection, while uncommitted_verbosity is set.
  const ModificationTracker& modification_tracker() const noexcept { return *tracker_; }

  // Introspects the database's user-defined types once per DSN per process.
  void initialize_types();
  // The user types (initialize_types() first if not done).
  const TypeCatalog& types();

  // postgresql://user:password@host:port/dbname, as the connection was made.
  std::string get_dsn() const;

  // ---- queries

  // A select's rows, or for `.one()` its one object (NoObjectFound when there is none).
  template <class Es, class Ns, bool One>
  auto exec(const Select<Es, Ns, One>& query,
            const SourceLocation& where = SourceLocation::current()) {
    using Q = Select<Es, Ns, One>;
    const BuiltQuery built = query.build();
    const pg::Result result = conn_.fetch(built.sql, built.params);
    std::vector<typename Q::row_type> rows = detail::read_rows<Q>(result);
    if constexpr (One) {
      if (rows.empty()) {
        throw NoObjectFound(std::string(detail::model_decl<typename Q::row_type>.type_name),
                            built.sql, built.params.render_all());
      }
      track_rows(std::span(rows.data(), 1), where);
      return std::move(rows.front());
    } else {
      track_rows(std::span(rows), where);
      return rows;
    }
  }
  // An update or delete query: the number of rows it touched.
  template <Model T>
  std::uint64_t exec(const Update<T>& query) {
    return run_write_query(query.build());
  }
  template <Model T>
  std::uint64_t exec(const Delete<T>& query) {
    return run_write_query(query.build());
  }

  // The object with primary key `key` (a std::tuple of values for a composite key), or
  // nullopt.
  template <Model T, class Key>
  std::optional<T> get(const Key& key, const SourceLocation& where = SourceLocation::current()) {
    if constexpr (detail::primary_key_fields<T>.second == 0) {
      detail::throw_no_primary_key(detail::model_decl<T>.type_name, "get");
    } else {
      const pg::Result result = fetch_by_key<T>(key);
      if (result.empty()) return std::nullopt;
      std::vector<T> rows = detail::read_models<T>(result);
      std::optional<T> found(std::move(rows.front()));
      track_rows(std::span(&*found, 1), where);
      return found;
    }
  }

  // ---- writes. Each takes one object, a range of objects (std::vector<T>&, std::span<T>),
  // or a list of pointers to objects of several models ({&alice, &hq}), grouped by table.

  // Inserts; keys the server generates are written back into the objects.
  template <Objects O>
  void insert(O&& objects, const SourceLocation& where = SourceLocation::current()) {
    write(detail::WriteKind::insert, objects, where);
  }
  void insert(std::initializer_list<ObjectRef> objects,
              const SourceLocation& where = SourceLocation::current());

  // Writes the fields changed since each object was loaded or written (objects without
  // changes send nothing). NoObjectFound, and nothing written, when a row is gone.
  template <Objects O>
  void update(O&& objects, const SourceLocation& where = SourceLocation::current()) {
    write(detail::WriteKind::update, objects, where);
  }
  void update(std::initializer_list<ObjectRef> objects,
              const SourceLocation& where = SourceLocation::current());

  // Deletes the objects' rows by primary key.
  template <Objects O>
  void delete_(O&& objects) {
    write(detail::WriteKind::delete_, objects, SourceLocation::current());
  }
  void delete_(std::initializer_list<ObjectRef> objects);

  // Reloads the objects' fields from their rows; an object whose row is gone is logged as an
  // error and left as it is.
  template <Objects O>
  void refresh(O&& objects, const SourceLocation& where = SourceLocation::current()) {
    write(detail::WriteKind::refresh, objects, where);
  }
  void refresh(std::initializer_list<ObjectRef> objects,
               const SourceLocation& where = SourceLocation::current());

  // INSERT ... ON CONFLICT (conflict_fields) DO UPDATE SET update_fields (DO NOTHING when
  // none), as if the objects were upserted one after the other. Returned keys are written back.
  template <class O>
  requires(Model<std::remove_cvref_t<O>> ||
           ModelRange<O>) void upsert(O&& objects, const UpsertOptions& options,
                                      const SourceLocation& where = SourceLocation::current()) {
    upsert(objects, options, Returning<>{}, where);
  }
  // As upsert(), returning the given columns of every row inserted or updated.
  template <class O, class... Columns>
  requires(Model<std::remove_cvref_t<O>> ||
           ModelRange<O>) auto upsert(O&& objects, const UpsertOptions& options,
                                      Returning<Columns...> returning,
                                      const SourceLocation& where = SourceLocation::current());

  // Loads the objects with binary COPY, the fastest way in, for bulk loads that need no
  // keys back: the objects are left as they are (keys the server generates stay empty in
  // them). All or nothing; returns the number of rows loaded.
  template <class O>
  requires(Model<O> || (std::ranges::contiguous_range<O> && std::ranges::sized_range<O> &&
                        Model<std::ranges::range_value_t<O>>)) std::uint64_t
      copy_in(const O& objects) {
    if constexpr (Model<O>) {
      return copy_objects(std::span(&objects, 1));
    } else {
      return copy_objects(std::span(std::ranges::data(objects), std::ranges::size(objects)));
    }
  }

  // ---- transactions

  // Runs fn() in a transaction: COMMIT when it returns, ROLLBACK when it throws (the exception
  // goes on). Inside another transaction it throws UsageError, unless `.ensure`, which runs
  // fn() in the open one. `.retries` reruns fn() after a serialization failure or deadlock.
  template <class F>
  decltype(auto) transaction(F&& fn) {
    return transaction(TransactionBlockOptions{}, std::forward<F>(fn));
  }
  template <class F>
  decltype(auto) transaction(const TransactionBlockOptions& options, F&& fn);

  // Runs fn() inside a SAVEPOINT of the open transaction: on an exception, only fn()'s work is
  // rolled back (the exception goes on) and the transaction continues.
  template <class F>
  decltype(auto) savepoint(F&& fn);

  // Generates a revision in `dir` when the models differ from the database (and no
  // revision is pending), then applies every pending revision; the number applied. Defined
  // by the migrations layer (iceaxe/migrations/migrate.hpp).
  std::size_t magic_migrate(const std::filesystem::path& dir,
                            const MagicMigrateOptions& options = {});

  // Reports unwritten changes (uncommitted_verbosity) and closes the connection.
  void close();

 private:
  friend class ObjectRef;
  friend class TransactionBlock;

  using Group = void (*)(DBConnection&, detail::WriteKind, std::span<const ObjectRef>,
                         detail::WritePlan&, const SourceLocation&);

  template <class O>
  void write(detail::WriteKind kind, O& objects, const SourceLocation& where) {
    detail::WritePlan plan;
    if constexpr (Model<std::remove_cvref_t<O>>) {
      using T = std::remove_cvref_t<O>;
      T* const one[] = {&objects};
      plan_typed(kind, std::span<T* const>(one), plan, where);
      run(plan);
    } else if constexpr (ModelRange<O>) {
      using T = std::ranges::range_value_t<O>;
      std::vector<T*> pointers;
      pointers.reserve(std::ranges::size(objects));
      for (T& object : objects) pointers.push_back(&object);
      plan_typed(kind, std::span<T* const>(pointers), plan, where);
      run(plan);
    } else {
      write_refs(kind, std::span<const ObjectRef>(objects), where);
    }
  }
  void write_refs(detail::WriteKind kind, std::span<const ObjectRef> objects,
                  const SourceLocation& where);

  template <Model T>
  static void plan_refs(DBConnection& self, detail::WriteKind kind, std::span<const ObjectRef> refs,
                        detail::WritePlan& plan, const SourceLocation& where);

  template <Model T>
  void plan_typed(detail::WriteKind kind, std::span<T* const> objects, detail::WritePlan& plan,
                  const SourceLocation& where) {
    switch (kind) {
      case detail::WriteKind::insert:
        return plan_insert(objects, plan, where);
      case detail::WriteKind::update:
        return plan_update(objects, plan, where);
      case detail::WriteKind::delete_:
        return plan_delete(objects, plan);
      case detail::WriteKind::refresh:
        return plan_refresh(objects, plan, where);
    }
  }

  template <Model T>
  void plan_insert(std::span<T* const> objects, detail::WritePlan& plan,
                   const SourceLocation& where);
  template <Model T>
  void plan_update(std::span<T* const> objects, detail::WritePlan& plan,
                   const SourceLocation& where);
  template <Model T>
  void plan_delete(std::span<T* const> objects, detail::WritePlan& plan);
  template <Model T>
  void plan_refresh(std::span<T* const> objects, detail::WritePlan& plan,
                    const SourceLocation& where);

  // Once the plan succeeded: mark_clean() makes the objects' current values their
  // snapshots, then they are tracked from `where`.
  template <Model T, class MarkClean>
  void after_written(std::span<T* const> objects, detail::WritePlan& plan,
                     const SourceLocation& where, MarkClean mark_clean) {
    plan.after_success.push_back([this, objects, where, mark_clean] {
      mark_clean();
      if (tracking()) {
        for (T* object : objects) tracker_->track(*object, where);
      }
    });
  }

  // Sends the plan's statements (atomically when it writes), then runs its write-backs.
  void run(detail::WritePlan& plan);
  template <Model T>
  std::uint64_t copy_objects(std::span<const T> objects);

  template <Model T, class Key>
  pg::Result fetch_by_key(const Key& key) {
    constexpr std::size_t count = detail::primary_key_fields<T>.second;
    auto convert = [](auto index, const auto& value) {
      using Value = typename std::remove_cvref_t<
          decltype(std::get<detail::primary_key_fields<T>.first[decltype(index)::value]>(
              fields<T>))>::value_type;
      using Plain = detail::strip_optional_t<Value>;
      return Plain{value};
    };
    if constexpr (count == 1) {
      return conn_.fetch(detail::get_sql<T>(),
                         convert(std::integral_constant<std::size_t, 0>{}, key));
    } else {
      static_assert(std::tuple_size_v<Key> == count,
                    "iceaxe: get<T>(key): a composite key is a std::tuple of its values");
      return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return conn_.fetch(detail::get_sql<T>(),
                           convert(std::integral_constant<std::size_t, I>{}, std::get<I>(key))...);
      }
      (std::make_index_sequence<count>{});
    }
  }

  bool tracking() const noexcept { return options_.uncommitted_verbosity.has_value(); }

  template <class Row>
  void track_rows(std::span<Row> rows, const SourceLocation& where) {
    if constexpr (detail::holds_models<Row>) {
      if (!tracking()) return;
      for (Row& row : rows) track_value(row, where);
    }
  }
  template <class V>
  void track_value(V& value, const SourceLocation& where) {
    if constexpr (Model<V>) {
      tracker_->track(value, where);
    } else if constexpr (pg::is_optional_v<V>) {
      if (value) track_value(*value, where);
    } else if constexpr (requires { std::tuple_size<V>::value; }) {
      std::apply([&](auto&... element) { (track_value(element, where), ...); }, value);
    }
  }

  std::uint64_t run_write_query(const BuiltQuery& query);
  void begin(const TransactionBlockOptions& options);
  void commit();
  // After a failure inside a transaction: rolls back what the server still holds open.
  void abandon() noexcept;
  bool server_in_transaction() const noexcept;
  void report_unwritten() noexcept;

  pg::Connection conn_;
  Options options_;
  std::unique_ptr<ModificationTracker> tracker_;
  std::shared_ptr<const TypeCatalog> types_;
  std::optional<std::map<std::string, std::vector<std::string>, std::less<>>> primary_keys_;
  bool in_transaction_ = false;
};

// A pointer to an object of any model, for calls that mix models: conn.insert({&alice, &hq}).
class ObjectRef {
 public:
  template <Model T>
  ObjectRef(T* object) noexcept  // NOLINT: implicit, so that {&a, &b} works
      : object_(object), group_(&DBConnection::plan_refs<T>) {}

  TableBase* object() const noexcept { return object_; }

 private:
  friend class DBConnection;
  TableBase* object_;
  DBConnection::Group group_;  // the same for every object of one model
};

// A transaction held by a scope: committed by commit(), rolled back when the scope is left
// without it. With `.ensure` inside an open transaction, it joins that one and does nothing.
class TransactionBlock {
 public:
  explicit TransactionBlock(DBConnection& conn, const TransactionBlockOptions& options = {});
  TransactionBlock(const TransactionBlock&) = delete;
  TransactionBlock& operator=(const TransactionBlock&) = delete;
  ~TransactionBlock();
  void commit();
  void rollback();

 private:
  DBConnection* conn_;  // null once finished, or when joined
};

// ---- template definitions

template <Model T>
void DBConnection::plan_refs(DBConnection& self, detail::WriteKind kind,
                             std::span<const ObjectRef> refs, detail::WritePlan& plan,
                             const SourceLocation& where) {
  // The pointers must outlive the plan: they are kept with it.
  auto pointers = std::make_shared<std::vector<T*>>();
  pointers->reserve(refs.size());
  for (const ObjectRef& ref : refs) pointers->push_back(static_cast<T*>(ref.object_));
  plan.keep_alive.push_back(pointers);
  self.plan_typed(kind, std::span<T* const>(*pointers), plan, where);
}

template <Model T>
void DBConnection::plan_insert(std::span<T* const> objects, detail::WritePlan& plan,
                               const SourceLocation& where) {
  if (objects.empty()) return;
  // Objects whose key the server generates, and the others: they send different columns.
  auto split = std::make_shared<std::array<std::vector<T*>, 2>>();
  for (T* object : objects)
    (*split)[detail::needs_generated_key(*object) ? 0 : 1].push_back(object);
  plan.keep_alive.push_back(split);

  for (int generated = 0; generated < 2; ++generated) {
    const std::span<T* const> group((*split)[generated]);
    if (group.empty()) continue;
    std::vector<std::size_t> columns, returned;
    for (std::size_t i : detail::stored_fields<T>()) {
      if (generated == 0 && detail::batch_columns<T>()[i].autoincrement) {
        returned.push_back(i);
      } else {
        columns.push_back(i);
      }
    }
    const std::string tail = detail::returning_clause(detail::sql_columns<T>(returned));
    const auto make_sql = [&](std::span<const detail::SqlColumn> sql_columns,
                              detail::ValuesRows rows) {
      return detail::insert_sql(table_name<T>, sql_columns, rows, tail);
    };
    if (returned.empty()) {
      detail::add_row_statements<T>(plan, group, columns, make_sql, nullptr);
      continue;
    }
    // Every generated key must come back (a trigger may skip rows), or nothing is written.
    auto results = std::make_shared<std::vector<std::pair<std::span<T* const>, pg::Result>>>();
    detail::add_row_statements<T>(
        plan, group, columns, make_sql,
        [results](std::span<T* const> chunk, pg::Result&& result, const detail::WriteStatement&) {
          results->emplace_back(chunk, std::move(result));
        },
        "inserting");
    plan.after_success.push_back([results, returned] {
      for (const auto& [chunk, result] : *results)
        detail::read_fields<T>(result, chunk, returned, 0);
    });
  }
  after_written(objects, plan, where, [objects] { detail::mark_clean_all(objects); });
}

template <Model T>
void DBConnection::plan_update(std::span<T* const> objects, detail::WritePlan& plan,
                               const SourceLocation& where) {
  if (objects.empty()) return;
  detail::require_primary_key(objects, "update");
  const std::span<const std::size_t> keys = detail::primary_key<T>();
  FieldSet key_set;
  for (std::size_t i : keys) key_set.set(i);

  // Objects grouped by the set of fields they changed, in order of first appearance.
  auto groups = std::make_shared<std::vector<std::pair<FieldSet, std::vector<T*>>>>();
  for (T* object : objects) {
    const FieldSet changed = detail::modified_field_set(*object);
    if (detail::ChangeState::snapshot(*object) != nullptr && (changed & key_set).any()) {
      detail::throw_primary_key_changed(detail::model_decl<T>.type_name,
                                        detail::describe_key(*object));
    }
    const FieldSet set = changed & ~key_set;
    if (set.none()) continue;
    auto it = std::ranges::find(*groups, set, &std::pair<FieldSet, std::vector<T*>>::first);
    if (it == groups->end()) it = groups->insert(groups->end(), {set, {}});
    it->second.push_back(object);
  }
  plan.savepoint_when_nested = true;
  // Each round's objects, back to back (reserved: the statements keep spans into it).
  auto pending = std::make_shared<std::vector<T*>>();
  pending->reserve(objects.size());
  plan.keep_alive.push_back(pending);
  for (auto& [set, members] : *groups) {
    std::vector<std::size_t> fields(keys.begin(), keys.end());
    for (std::size_t i = 0; i < field_count<T>; ++i) {
      if (set.test(i)) fields.push_back(i);
    }
    for (const std::vector<T*>& round : detail::rounds_by_key<T>(members, keys)) {
      const std::size_t first = pending->size();
      pending->insert(pending->end(), round.begin(), round.end());
      const std::span<T* const> sent(pending->data() + first, round.size());
      detail::add_row_statements<T>(
          plan, sent, fields,
          [key_count = keys.size()](std::span<const detail::SqlColumn> columns,
                                    detail::ValuesRows rows) {
            return detail::update_sql(table_name<T>, columns.first(key_count),
                                      columns.subspan(key_count), rows);
          },
          nullptr, "updating",
          [this, keys](std::span<T* const> chunk, const detail::WriteStatement& failed) {
            // Which rows are gone, now that the update was undone.
            pg::Params params;
            for (std::size_t i : keys) detail::BatchOps<T>::add_array[i](chunk, params);
            const std::vector<detail::SqlColumn> key_columns = detail::sql_columns<T>(keys);
            std::string select_list;
            detail::append_names(select_list, key_columns);
            detail::throw_if_rows_missing(
                chunk,
                conn_.fetch(detail::refresh_sql(table_name<T>, select_list, key_columns), params),
                failed.sql, failed.params);
          });
    }
  }
  after_written(objects, plan, where, [groups, objects] {
    for (const auto& [set, members] : *groups) detail::mark_written<T>(members, set);
    // Objects that had nothing to write and no snapshot (only key fields) are clean too.
    for (T* object : objects) {
      if (!detail::ChangeState::snapshot(*object)) mark_clean(*object);
    }
  });
}

template <Model T>
void DBConnection::plan_delete(std::span<T* const> objects, detail::WritePlan& plan) {
  if (objects.empty()) return;
  detail::require_primary_key(objects, "delete");
  const std::span<const std::size_t> keys = detail::primary_key<T>();
  detail::WriteStatement& statement = plan.statements.emplace_back();
  statement.sql = detail::delete_sql(table_name<T>, detail::sql_columns<T>(keys));
  for (std::size_t i : keys) detail::BatchOps<T>::add_array[i](objects, statement.params);
  if (tracking()) {
    plan.after_success.push_back([this, objects] {
      for (T* object : objects) tracker_->untrack(*object);
    });
  }
}

template <Model T>
void DBConnection::plan_refresh(std::span<T* const> objects, detail::WritePlan& plan,
                                const SourceLocation& where) {
  if (objects.empty()) return;
  detail::require_primary_key(objects, "refresh");
  plan.reads_only = true;
  const std::span<const std::size_t> keys = detail::primary_key<T>();
  detail::WriteStatement& statement = plan.statements.emplace_back();
  statement.sql =
      detail::refresh_sql(table_name<T>, sql::select<T>(), detail::sql_columns<T>(keys));
  for (std::size_t i : keys) detail::BatchOps<T>::add_array[i](objects, statement.params);
  auto fresh = std::make_shared<std::vector<T>>();
  statement.on_result = [fresh](pg::Result&& result, const detail::WriteStatement&) {
    *fresh = detail::read_models<T>(result);
  };
  plan.after_success.push_back([this, fresh, objects, keys, where] {
    std::unordered_map<std::string, const T*> by_key;
    std::string buffer;
    for (const T& row : *fresh) {
      buffer.clear();
      detail::append_key(row, keys, buffer);
      by_key.emplace(buffer, &row);
    }
    for (T* object : objects) {
      buffer.clear();
      detail::append_key(*object, keys, buffer);
      const auto it = by_key.find(buffer);
      if (it == by_key.end()) {
        detail::log_refresh_missing(detail::model_decl<T>.type_name, detail::describe_key(*object));
        continue;
      }
      for_each_field<T>([&](const auto& field) {
        if (field.stored()) field.get(*object) = field.get(*it->second);
      });
      detail::ChangeState::share(*object, *it->second);
      if (tracking()) tracker_->track(*object, where);
    }
  });
}

template <class O, class... Columns>
requires(Model<std::remove_cvref_t<O>> || ModelRange<O>) auto DBConnection::upsert(
    O&& objects, const UpsertOptions& options, Returning<Columns...>, const SourceLocation& where) {
  using T = typename detail::objects_model<O>::type;
  static_assert((std::is_same_v<typename Columns::model_type, T> && ...),
                "iceaxe: upsert returns columns of the model it writes");
  using Row = typename detail::returned_row<Columns...>::type;
  std::vector<T*> pointers;
  if constexpr (Model<std::remove_cvref_t<O>>) {
    pointers.push_back(&objects);
  } else {
    for (T& object : objects) pointers.push_back(&object);
  }
  auto out = std::make_shared<std::vector<Row>>();

  std::vector<std::size_t> conflict, updated;
  for (const ColumnRef& c : options.conflict_fields)
    conflict.push_back(detail::field_of<T>(c, "conflict_fields"));
  for (const ColumnRef& c : options.update_fields)
    updated.push_back(detail::field_of<T>(c, "update_fields"));
  std::string on_conflict;
  if (!conflict.empty()) {
    on_conflict = " ON CONFLICT (";
    detail::append_names(on_conflict, detail::sql_columns<T>(conflict));
    on_conflict += ")";
    if (updated.empty()) {
      on_conflict += " DO NOTHING";
    } else {
      on_conflict += " DO UPDATE SET ";
      for (std::size_t n = 0; n < updated.size(); ++n) {
        const std::string name = pg::quote_identifier(detail::batch_columns<T>()[updated[n]].name);
        if (n > 0) on_conflict += ", ";
        on_conflict += name + " = EXCLUDED." + name;
      }
    }
  }
  // DO NOTHING returns only the rows it inserted: those are matched by their conflict key.
  const bool every_row_returned = conflict.empty() || !updated.empty();
  // Returned: the caller's columns, the primary key (written back), and for DO NOTHING the
  // conflict key (which object a row is).
  std::vector<std::size_t> returned;
  (returned.push_back(Columns::index), ...);
  const std::span<const std::size_t> keys = detail::primary_key<T>();
  returned.insert(returned.end(), keys.begin(), keys.end());
  if (!every_row_returned && !keys.empty())
    returned.insert(returned.end(), conflict.begin(), conflict.end());
  const std::string tail = on_conflict + detail::returning_clause(detail::sql_columns<T>(returned));

  detail::WritePlan plan;
  plan.savepoint_when_nested = true;
  // Each statement's result, and the object of each of its rows (null: none).
  struct Written {
    pg::Result result;
    std::vector<T*> owners;
  };
  auto written = std::make_shared<std::vector<Written>>();
  auto storage = std::make_shared<std::vector<std::vector<T*>>>();
  for (std::vector<T*>& round : detail::rounds_by_key<T>(pointers, conflict)) {
    std::array<std::vector<T*>, 2> split;
    for (T* object : round) split[detail::needs_generated_key(*object) ? 0 : 1].push_back(object);
    for (int generated = 0; generated < 2; ++generated) {
      if (split[generated].empty()) continue;
      storage->push_back(std::move(split[generated]));
    }
  }
  plan.keep_alive.push_back(storage);
  for (const std::vector<T*>& group : *storage) {
    const bool generated = detail::needs_generated_key(*group.front());
    std::vector<std::size_t> columns;
    for (std::size_t i : detail::stored_fields<T>()) {
      if (!(generated && detail::batch_columns<T>()[i].autoincrement)) columns.push_back(i);
    }
    detail::add_row_statements<T>(
        plan, std::span<T* const>(group), columns,
        [&](std::span<const detail::SqlColumn> sql_columns, detail::ValuesRows rows) {
          return detail::insert_sql(table_name<T>, sql_columns, rows, tail);
        },
        [out, keys, conflict, every_row_returned, written](
            std::span<T* const> chunk, pg::Result&& result, const detail::WriteStatement&) {
          if constexpr (sizeof...(Columns) > 0) {
            using Query = Select<detail::TypeList<Columns...>, detail::TypeList<>, false>;
            std::vector<Row> rows = detail::read_rows<Query>(result, false);
            out->insert(out->end(), std::make_move_iterator(rows.begin()),
                        std::make_move_iterator(rows.end()));
          }
          // Which object each returned row belongs to. Without a primary key, DO NOTHING cannot
          // tell which objects were written: they stay as they are.
          std::vector<T*> owners;
          if (every_row_returned) {
            owners.assign(chunk.begin(), chunk.end());
          } else if (!keys.empty()) {
            std::unordered_map<std::string, T*> by_key;
            std::string buffer;
            for (T* object : chunk) {
              buffer.clear();
              detail::append_key(*object, conflict, buffer);
              by_key.emplace(buffer, object);
            }
            for (int row = 0; row < result.size(); ++row) {
              T probe;
              int col = static_cast<int>(sizeof...(Columns) + keys.size());
              for (std::size_t i : conflict)
                detail::BatchOps<T>::read[i](result, row, col++, probe);
              buffer.clear();
              detail::append_key(probe, conflict, buffer);
              const auto it = by_key.find(buffer);
              owners.push_back(it == by_key.end() ? nullptr : it->second);
            }
          }
          written->push_back({std::move(result), std::move(owners)});
        },
        every_row_returned ? "upserting" : "");
  }
  // After success: keys written back into the objects written (a row DO NOTHING skipped
  // wrote nothing: its object keeps its changes), which are then clean.
  plan.after_success.push_back([this, written, keys, where] {
    for (const Written& statement : *written) {
      detail::read_fields<T>(statement.result, statement.owners, keys,
                             static_cast<int>(sizeof...(Columns)));
      for (T* object : statement.owners) {
        if (object == nullptr) continue;
        mark_clean(*object);
        if (tracking()) tracker_->track(*object, where);
      }
    }
  });
  run(plan);
  if constexpr (sizeof...(Columns) > 0) {
    return std::move(*out);
  }
}

template <Model T>
std::uint64_t DBConnection::copy_objects(std::span<const T> objects) {
  // Objects whose key the server generates, and the others: they send different columns.
  std::array<std::vector<const T*>, 2> split;
  for (const T& object : objects)
    split[detail::needs_generated_key(object) ? 0 : 1].push_back(&object);
  const auto load = [&](int generated) -> std::uint64_t {
    const std::vector<const T*>& group = split[generated];
    if (group.empty()) return 0;
    const auto& meta = detail::batch_columns<T>();
    std::vector<std::size_t> fields;
    std::vector<std::string> names;
    for (std::size_t i : detail::stored_fields<T>()) {
      if (generated == 0 && meta[i].autoincrement) continue;
      if (!meta[i].copyable)
        detail::throw_not_copyable(detail::model_decl<T>.type_name, meta[i].name);
      fields.push_back(i);
      names.emplace_back(meta[i].name);
    }
    pg::CopyWriter copy = conn_.copy_in(table_name<T>, names);
    for (std::size_t n = 0; n < group.size(); ++n) {
      copy.write_encoded_row([&](std::string& out) {
        for (std::size_t i : fields) {
          try {
            detail::BatchOps<T>::encode[i](*group[n], out);
          } catch (const ValueError& e) {
            detail::throw_batch_field_error(detail::model_decl<T>.type_name, meta[i].name,
                                            static_cast<std::size_t>(group[n] - objects.data()),
                                            e.what());
          }
        }
      });
    }
    return copy.finish();
  };
  if (split[0].empty() || split[1].empty()) return load(split[0].empty() ? 1 : 0);
  // Two COPYs: inside the caller's transaction a failure fails it; outside, one of our own.
  if (in_transaction_ || server_in_transaction()) return load(0) + load(1);
  pg::Transaction transaction(conn_);
  const std::uint64_t rows = load(0) + load(1);
  transaction.commit();
  return rows;
}

template <class F>
decltype(auto) DBConnection::transaction(const TransactionBlockOptions& options, F&& fn) {
  if (in_transaction_ || server_in_transaction()) {
    if (!options.ensure) detail::throw_nested_transaction();
    return std::invoke(fn);
  }
  for (int attempt = 0;; ++attempt) {
    begin(options);
    try {
      if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
        std::invoke(fn);
        commit();
        return;
      } else {
        decltype(auto) result = std::invoke(fn);
        commit();
        return result;
      }
    } catch (const SerializationFailure&) {
      abandon();
      if (attempt >= options.retries) throw;
    } catch (const DeadlockDetected&) {
      abandon();
      if (attempt >= options.retries) throw;
    } catch (...) {
      abandon();
      throw;
    }
  }
}

template <class F>
decltype(auto) DBConnection::savepoint(F&& fn) {
  if (!server_in_transaction()) detail::throw_savepoint_outside_transaction();
  conn_.savepoint("iceaxe_savepoint");
  try {
    if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
      std::invoke(fn);
      conn_.release_savepoint("iceaxe_savepoint");
      return;
    } else {
      decltype(auto) result = std::invoke(fn);
      conn_.release_savepoint("iceaxe_savepoint");
      return result;
    }
  } catch (...) {
    if (!conn_.is_broken()) {
      try {
        conn_.rollback_to_savepoint("iceaxe_savepoint");
        conn_.release_savepoint("iceaxe_savepoint");
      } catch (...) {  // the original exception says more
      }
    }
    throw;
  }
}

}  // namespace iceaxe
