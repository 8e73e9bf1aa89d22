// Model metadata: what ICEAXE_TABLE records about a model at compile time (table name,
// fields, options, SQL types, column objects) and at run time (descriptor, registry).
// No server needed.

#include <gtest/gtest.h>

#include <algorithm>
#include <type_traits>

#include "model/models.hpp"

namespace model_test::hr {

struct Office : iceaxe::TableBase {
  std::optional<std::int64_t> id;
  std::string name;
};
ICEAXE_TABLE(Office, (id, {.primary_key = true}), name)

struct Employee : iceaxe::TableBase {
  std::optional<std::int64_t> id;
  std::string name;
  std::int32_t age = 0;
  std::optional<std::string> nickname;
  std::optional<std::int64_t> office_id;
  std::vector<std::string> tags;
  nlohmann::json payload;
  std::chrono::sys_time<std::chrono::microseconds> created_at;

  static inline const auto table_args = iceaxe::table_args(
      iceaxe::UniqueConstraint{{"name", "office_id"}}, iceaxe::IndexConstraint{{"age"}});
};
ICEAXE_TABLE(Employee, (id, {.primary_key = true}), (name, {.unique = true}),
             (age, {.check_expression = "age >= 0"}), nickname,
             (office_id, {.foreign_key = "office.id"}), tags, (payload, {.is_json = true}),
             (created_at, {.postgres_config = iceaxe::PostgresDateTime{.timezone = true}}))

}  // namespace model_test::hr

namespace model_test::catalog {

// Every FieldOptions member, and a table name of its own.
struct Gadget : iceaxe::TableBase {
  static constexpr std::string_view table_name = "model_test_gadgets";
  std::optional<std::int32_t> id;
  std::string sku;
  std::optional<std::int64_t> maker_id;
  std::string description;
  std::int32_t stock = 0;
  std::string notes;
  nlohmann::json specs;
  iceaxe::TimeOfDay opens_at;
  std::chrono::local_time<std::chrono::microseconds> listed_at;
  std::string scratch;
};
ICEAXE_TABLE(Gadget, (id, {.primary_key = true}), (sku, {.unique = true, .index = true}),
             (maker_id, {.foreign_key = "maker.id",
                         .postgres_config = iceaxe::PostgresForeignKey{.on_delete = "CASCADE",
                                                                       .on_update = "RESTRICT"}}),
             (description,
              {.postgres_config = iceaxe::PostgresFullText{.language = "simple", .weight = "B"}}),
             (stock, {.check_expression = "stock >= 0", .default_sql = "0"}),
             (notes, {.explicit_type = iceaxe::ColumnType::text}),
             (specs, {.postgres_config = iceaxe::PostgresJson{.binary = false}}),
             (opens_at, {.postgres_config = iceaxe::PostgresTime{}}),
             (listed_at, {.postgres_config = iceaxe::PostgresDateTime{.timezone = false},
                          .default_sql = "now()"}),
             (scratch, {.exclude = true}))

// Primary keys and their autoincrement default.
struct SmallSerialKey : iceaxe::TableBase {
  std::optional<std::int16_t> id;
};
ICEAXE_TABLE(SmallSerialKey, (id, {.primary_key = true}))

struct StrongSerialKey : iceaxe::TableBase {
  std::optional<iceaxe::Id<struct StrongSerialKeyTag>> id;
};
ICEAXE_TABLE(StrongSerialKey, (id, {.primary_key = true}))

struct ExplicitKey : iceaxe::TableBase {
  std::optional<std::int64_t> id;
};
ICEAXE_TABLE(ExplicitKey, (id, {.primary_key = true, .autoincrement = false}))

struct PlainKey : iceaxe::TableBase {
  std::int64_t id = 0;
};
ICEAXE_TABLE(PlainKey, (id, {.primary_key = true}))

struct TextKey : iceaxe::TableBase {
  std::optional<std::string> code;
};
ICEAXE_TABLE(TextKey, (code, {.primary_key = true}))

// A composite key behind an excluded field: key indices count stored columns only.
struct Membership : iceaxe::TableBase {
  std::string note;
  std::int64_t user_id = 0;
  std::int64_t group_id = 0;
  std::string role;
};
ICEAXE_TABLE(Membership, (note, {.exclude = true}), (user_id, {.primary_key = true}),
             (group_id, {.primary_key = true}), role)

// Table names: the C++ name lower-cased, nothing more.
struct OrderLine : iceaxe::TableBase {
  std::int64_t id = 0;
};
ICEAXE_TABLE(OrderLine, id)

struct HTTPLog : iceaxe::TableBase {
  std::int64_t id = 0;
};
ICEAXE_TABLE(HTTPLog, id)

// Names a column it does not have: describing it throws.
struct BadTableArgs : iceaxe::TableBase {
  std::int64_t id = 0;
  std::string name;
  static inline const auto table_args =
      iceaxe::table_args(iceaxe::UniqueConstraint{{"name", "missing"}});
};
ICEAXE_TABLE(BadTableArgs, (id, {.primary_key = true}), name)

// The state must not take part in a defaulted comparison.
struct Ranked : iceaxe::TableBase {
  std::int32_t rank = 0;
  std::string name;
  auto operator<=>(const Ranked&) const = default;
};
ICEAXE_TABLE(Ranked, rank, name)

}  // namespace model_test::catalog

namespace model_test::types {

enum class TaskKind { chore, bug_fix };
ICEAXE_ENUM(TaskKind, chore, (bug_fix, "Bug Fix"))

// One member of every supported type.
struct EveryType : iceaxe::TableBase {
  bool flag = false;
  std::int16_t small = 0;
  std::int32_t medium = 0;
  std::int64_t large = 0;
  float single = 0;
  double ratio = 0;
  std::string label;
  std::vector<std::byte> blob;
  iceaxe::Uuid token;
  iceaxe::Numeric amount;
  std::chrono::year_month_day day;
  iceaxe::TimeOfDay clock;
  std::chrono::sys_time<std::chrono::microseconds> instant;
  std::chrono::local_time<std::chrono::microseconds> wall;
  std::chrono::microseconds duration{};
  iceaxe::Interval span;
  nlohmann::json doc;
  nlohmann::json text_doc;
  Address address;
  std::vector<Address> addresses;
  Status status = Status::draft;
  TaskKind kind = TaskKind::chore;
  std::vector<std::string> tags;
  std::vector<std::optional<std::int32_t>> sparse;
  std::vector<Status> statuses;
  std::vector<std::vector<std::byte>> blobs;
  std::vector<nlohmann::json> events;
  std::optional<double> maybe_ratio;
  std::optional<Status> maybe_status;
  std::optional<std::vector<std::int64_t>> maybe_larges;
  iceaxe::Id<struct EveryTypeTag> ref;
  iceaxe::Id<struct EveryTypeTag, std::int32_t> small_ref;
};
ICEAXE_TABLE(EveryType, flag, small, medium, large, single, ratio, label, blob, token, amount, day,
             clock, instant, wall, duration, span, doc,
             (text_doc, {.postgres_config = iceaxe::PostgresJson{.binary = false}}),
             (address, {.is_json = true}), (addresses, {.is_json = true}), status, kind, tags,
             sparse, statuses, blobs, events, maybe_ratio, maybe_status, maybe_larges, ref,
             small_ref)

}  // namespace model_test::types

namespace {

struct Local : iceaxe::TableBase {
  std::int32_t id = 0;
};
ICEAXE_TABLE(Local, id)

}  // namespace

namespace model_test {
namespace {

using catalog::Gadget;
using hr::Employee;
using hr::Office;
using iceaxe::ColumnType;
using iceaxe::fields;
using iceaxe::model;

template <iceaxe::Model T>
std::vector<std::string_view> field_names() {
  std::vector<std::string_view> names;
  iceaxe::for_each_field<T>([&](const auto& field) { names.push_back(field.name); });
  return names;
}

template <iceaxe::Model T>
std::vector<std::string_view> column_names() {
  std::vector<std::string_view> names;
  for (const iceaxe::ColumnInfo& column : model<T>->columns) names.push_back(column.name);
  return names;
}

template <iceaxe::Model T, std::size_t I>
using field_value_t = typename std::remove_cvref_t<decltype(std::get<I>(fields<T>))>::value_type;

// ---- table names -------------------------------------------------------------------------

TEST(ModelTableName, IsTheTypeNameLowerCased) {
  static_assert(iceaxe::table_name<Employee> == "employee");
  static_assert(iceaxe::table_name<Office> == "office");
  static_assert(iceaxe::table_name<catalog::OrderLine> == "orderline");
  static_assert(iceaxe::table_name<catalog::HTTPLog> == "httplog");
  static_assert(iceaxe::table_name<Local> == "local");
}

TEST(ModelTableName, StaticMemberOverridesIt) {
  static_assert(iceaxe::table_name<Gadget> == "model_test_gadgets");
  EXPECT_EQ(model<Gadget>->table_name, "model_test_gadgets");
  EXPECT_EQ(model<Gadget>->type_name, "Gadget");
}

// ---- fields ------------------------------------------------------------------------------

TEST(ModelFields, AreListedInDeclarationOrderWithTheirNames) {
  static_assert(iceaxe::field_count<Employee> == 8);
  EXPECT_EQ(field_names<Employee>(),
            (std::vector<std::string_view>{"id", "name", "age", "nickname", "office_id", "tags",
                                           "payload", "created_at"}));
}

TEST(ModelFields, CarryMemberPointersAndValueTypes) {
  static_assert(std::get<0>(fields<Employee>).member == &Employee::id);
  static_assert(std::get<2>(fields<Employee>).member == &Employee::age);
  static_assert(std::get<7>(fields<Employee>).member == &Employee::created_at);
  static_assert(std::is_same_v<field_value_t<Employee, 0>, std::optional<std::int64_t>>);
  static_assert(std::is_same_v<field_value_t<Employee, 2>, std::int32_t>);
  static_assert(std::is_same_v<field_value_t<Employee, 5>, std::vector<std::string>>);
  static_assert(std::is_same_v<field_value_t<Employee, 6>, nlohmann::json>);

  Employee e;
  e.age = 41;
  EXPECT_EQ(std::get<2>(fields<Employee>).get(e), 41);
  std::get<1>(fields<Employee>).get(e) = "Ann";
  EXPECT_EQ(e.name, "Ann");
}

TEST(ModelFields, UndeclaredOptionsHaveTheirDefaults) {
  constexpr iceaxe::FieldOptions options = std::get<3>(fields<Employee>).options;  // nickname
  EXPECT_FALSE(options.primary_key);
  EXPECT_FALSE(options.autoincrement.has_value());
  EXPECT_TRUE(options.foreign_key.empty());
  EXPECT_FALSE(options.unique);
  EXPECT_FALSE(options.index);
  EXPECT_TRUE(options.check_expression.empty());
  EXPECT_FALSE(options.is_json);
  EXPECT_FALSE(options.explicit_type.has_value());
  EXPECT_TRUE(std::holds_alternative<std::monostate>(options.postgres_config));
  EXPECT_TRUE(options.default_sql.empty());
  EXPECT_FALSE(options.exclude);
}

TEST(ModelFields, KeepEveryDeclaredOption) {
  const auto& f = fields<Gadget>;
  EXPECT_TRUE(std::get<0>(f).options.primary_key);
  EXPECT_TRUE(std::get<1>(f).options.unique);
  EXPECT_TRUE(std::get<1>(f).options.index);
  EXPECT_EQ(std::get<2>(f).options.foreign_key, "maker.id");
  const auto& fk = std::get<iceaxe::PostgresForeignKey>(std::get<2>(f).options.postgres_config);
  EXPECT_EQ(fk.on_delete, "CASCADE");
  EXPECT_EQ(fk.on_update, "RESTRICT");
  const auto& text = std::get<iceaxe::PostgresFullText>(std::get<3>(f).options.postgres_config);
  EXPECT_EQ(text.language, "simple");
  EXPECT_EQ(text.weight, "B");
  EXPECT_EQ(std::get<4>(f).options.check_expression, "stock >= 0");
  EXPECT_EQ(std::get<4>(f).options.default_sql, "0");
  EXPECT_EQ(std::get<5>(f).options.explicit_type, ColumnType::text);
  EXPECT_FALSE(std::get<iceaxe::PostgresJson>(std::get<6>(f).options.postgres_config).binary);
  EXPECT_FALSE(std::get<iceaxe::PostgresTime>(std::get<7>(f).options.postgres_config).timezone);
  EXPECT_FALSE(std::get<iceaxe::PostgresDateTime>(std::get<8>(f).options.postgres_config).timezone);
  EXPECT_EQ(std::get<8>(f).options.default_sql, "now()");
  EXPECT_TRUE(std::get<9>(f).options.exclude);
  EXPECT_FALSE(std::get<9>(f).stored());

  EXPECT_TRUE(std::get<6>(fields<Employee>).options.is_json);
  EXPECT_TRUE(
      std::get<iceaxe::PostgresDateTime>(std::get<7>(fields<Employee>).options.postgres_config)
          .timezone);
}

TEST(ModelFields, AutoincrementDefaultsToTrueExactlyForAnOptionalIntegerPrimaryKey) {
  static_assert(std::get<0>(fields<Employee>).autoincrement());  // optional<int64_t>
  static_assert(std::get<0>(fields<Gadget>).autoincrement());    // optional<int32_t>
  static_assert(std::get<0>(fields<catalog::SmallSerialKey>).autoincrement());
  static_assert(std::get<0>(fields<catalog::StrongSerialKey>).autoincrement());  // optional<Id>
  static_assert(!std::get<0>(fields<catalog::ExplicitKey>).autoincrement());     // said false
  static_assert(!std::get<0>(fields<catalog::PlainKey>).autoincrement());        // has a value
  static_assert(!std::get<0>(fields<catalog::TextKey>).autoincrement());         // no integer
  static_assert(!std::get<4>(fields<Employee>).autoincrement());  // optional int, no key
}

TEST(ModelFields, NullableIsAnOptionalThatIsNoPrimaryKey) {
  static_assert(!std::get<0>(fields<Employee>).nullable());  // optional primary key
  static_assert(!std::get<1>(fields<Employee>).nullable());
  static_assert(std::get<3>(fields<Employee>).nullable());
  static_assert(std::get<4>(fields<Employee>).nullable());
  static_assert(!std::get<5>(fields<Employee>).nullable());          // an empty vector is no NULL
  static_assert(std::get<29>(fields<types::EveryType>).nullable());  // optional<vector>
  static_assert(!std::get<0>(fields<catalog::TextKey>).nullable());
}

TEST(ModelFields, SqlTypeIsKnownAtCompileTime) {
  using types::EveryType;
  static_assert(std::get<0>(fields<EveryType>).sql_type().builtin == ColumnType::boolean);
  static_assert(!std::get<0>(fields<EveryType>).sql_type().array);
  static_assert(std::get<22>(fields<EveryType>).sql_type().builtin == ColumnType::text);
  static_assert(std::get<22>(fields<EveryType>).sql_type().array);  // tags
  static_assert(!std::get<20>(fields<EveryType>).sql_type().builtin);
  static_assert(std::get<20>(fields<EveryType>).sql_type().enum_name == "status");
  static_assert(std::get<5>(fields<Gadget>).sql_type().builtin == ColumnType::text);
}

// ---- columns<T> --------------------------------------------------------------------------

TEST(ModelColumns, NameTableAndTypeOfEachField) {
  constexpr auto& E = iceaxe::columns<Employee>;
  static_assert(E.age.name() == "age");
  static_assert(E.age.table() == "employee");
  static_assert(E.age.index == 2);
  static_assert(E.created_at.index == 7);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(E.age)>::value_type, std::int32_t>);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(E.nickname)>::value_type,
                               std::optional<std::string>>);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(E.age)>::model_type, Employee>);
  static_assert(&E.age.field() == &std::get<2>(fields<Employee>));
  static_assert(E.office_id.field().options.foreign_key == "office.id");
}

TEST(ModelColumns, UseTheOverriddenTableName) {
  constexpr auto& G = iceaxe::columns<Gadget>;
  static_assert(G.sku.name() == "sku");
  static_assert(G.sku.table() == "model_test_gadgets");
}

// ---- descriptor --------------------------------------------------------------------------

TEST(ModelDescriptor, ListsStoredColumnsInOrder) {
  const iceaxe::ModelDescriptor& d = *model<Gadget>;
  EXPECT_EQ(d.type_name, "Gadget");
  EXPECT_EQ(column_names<Gadget>(),
            (std::vector<std::string_view>{"id", "sku", "maker_id", "description", "stock", "notes",
                                           "specs", "opens_at", "listed_at"}));
  EXPECT_EQ(d.column("scratch"), nullptr);  // excluded: no column
  ASSERT_NE(d.column("stock"), nullptr);
  EXPECT_EQ(d.column("stock")->options.check_expression, "stock >= 0");
  EXPECT_EQ(d.column("stock")->options.default_sql, "0");
  EXPECT_EQ(d.column("maker_id")->options.foreign_key, "maker.id");
}

TEST(ModelDescriptor, SqlTypeOfEveryMemberType) {
  const std::pair<std::string_view, std::string_view> expected[] = {
      {"flag", "boolean"},
      {"small", "smallint"},
      {"medium", "integer"},
      {"large", "bigint"},
      {"single", "real"},
      {"ratio", "double precision"},
      {"label", "text"},
      {"blob", "bytea"},
      {"token", "uuid"},
      {"amount", "numeric"},
      {"day", "date"},
      {"clock", "time without time zone"},
      {"instant", "timestamp with time zone"},
      {"wall", "timestamp without time zone"},
      {"duration", "interval"},
      {"span", "interval"},
      {"doc", "jsonb"},
      {"text_doc", "json"},
      {"address", "jsonb"},
      {"addresses", "jsonb"},  // one JSON document, not an array
      {"status", "status"},
      {"kind", "taskkind"},
      {"tags", "text[]"},
      {"sparse", "integer[]"},
      {"statuses", "status[]"},
      {"blobs", "bytea[]"},
      {"events", "jsonb[]"},
      {"maybe_ratio", "double precision"},
      {"maybe_status", "status"},
      {"maybe_larges", "bigint[]"},
      {"ref", "bigint"},
      {"small_ref", "integer"},
  };
  const iceaxe::ModelDescriptor& d = *model<types::EveryType>;
  ASSERT_EQ(d.columns.size(), std::size(expected));
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    EXPECT_EQ(d.columns[i].name, expected[i].first);
    EXPECT_EQ(d.columns[i].sql_type, expected[i].second) << d.columns[i].name;
  }
  EXPECT_EQ(model<Gadget>->column("notes")->sql_type, "text");  // explicit_type
  EXPECT_EQ(model<Gadget>->column("specs")->sql_type, "json");
}

TEST(ModelDescriptor, ColumnTypeArrayAndNullability) {
  const iceaxe::ModelDescriptor& d = *model<types::EveryType>;
  EXPECT_EQ(d.column("tags")->column_type, ColumnType::text);
  EXPECT_TRUE(d.column("tags")->is_array);
  EXPECT_FALSE(d.column("tags")->nullable);
  EXPECT_EQ(d.column("maybe_larges")->column_type, ColumnType::bigint);
  EXPECT_TRUE(d.column("maybe_larges")->is_array);
  EXPECT_TRUE(d.column("maybe_larges")->nullable);
  EXPECT_TRUE(d.column("maybe_ratio")->nullable);
  EXPECT_FALSE(d.column("ratio")->nullable);
  EXPECT_EQ(d.column("address")->column_type, ColumnType::jsonb);
  EXPECT_FALSE(d.column("addresses")->is_array);
}

TEST(ModelDescriptor, EnumColumnsPointAtTheirEnumType) {
  const iceaxe::ModelDescriptor& d = *model<types::EveryType>;
  const iceaxe::ColumnInfo& status = *d.column("status");
  EXPECT_FALSE(status.column_type.has_value());
  ASSERT_NE(status.enum_type, nullptr);
  EXPECT_EQ(status.enum_type->name, "status");
  EXPECT_EQ(status.enum_type->labels,
            (std::vector<std::string_view>{"draft", "live", "in-progress"}));
  EXPECT_EQ(d.column("statuses")->enum_type, status.enum_type);  // arrays share it
  EXPECT_TRUE(d.column("statuses")->is_array);
  EXPECT_EQ(d.column("maybe_status")->enum_type, status.enum_type);
  EXPECT_EQ(d.column("kind")->enum_type->labels,
            (std::vector<std::string_view>{"chore", "Bug Fix"}));
  EXPECT_EQ(d.column("flag")->enum_type, nullptr);
}

TEST(ModelDescriptor, PrimaryKeyAndAutoincrement) {
  EXPECT_EQ(model<Employee>->primary_key, (std::vector<std::size_t>{0}));
  EXPECT_TRUE(model<Employee>->columns[0].autoincrement);
  EXPECT_FALSE(model<Employee>->columns[0].nullable);
  EXPECT_FALSE(model<Employee>->column("office_id")->autoincrement);
  EXPECT_FALSE(model<catalog::ExplicitKey>->columns[0].autoincrement);
  EXPECT_TRUE(model<types::EveryType>->primary_key.empty());
}

TEST(ModelDescriptor, CompositePrimaryKeyIndexesStoredColumns) {
  const iceaxe::ModelDescriptor& d = *model<catalog::Membership>;
  EXPECT_EQ(column_names<catalog::Membership>(),
            (std::vector<std::string_view>{"user_id", "group_id", "role"}));
  EXPECT_EQ(d.primary_key, (std::vector<std::size_t>{0, 1}));
  EXPECT_FALSE(d.columns[0].autoincrement);
  EXPECT_FALSE(d.columns[1].autoincrement);
}

TEST(ModelDescriptor, KeepsTableArgs) {
  const iceaxe::ModelDescriptor& d = *model<Employee>;
  ASSERT_EQ(d.table_args.size(), 2u);
  EXPECT_EQ(std::get<iceaxe::UniqueConstraint>(d.table_args[0]).columns,
            (std::vector<std::string>{"name", "office_id"}));
  EXPECT_EQ(std::get<iceaxe::IndexConstraint>(d.table_args[1]).columns,
            (std::vector<std::string>{"age"}));
  EXPECT_TRUE(model<Office>->table_args.empty());
}

TEST(ModelDescriptor, TableArgsNamingAnUnknownColumnIsAUsageError) {
  try {
    (void)*model<catalog::BadTableArgs>;
    ADD_FAILURE() << "describing BadTableArgs did not throw";
  } catch (const iceaxe::UsageError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("BadTableArgs"), std::string::npos) << message;
    EXPECT_NE(message.find("'missing'"), std::string::npos) << message;
  }
  EXPECT_THROW((void)*model<catalog::BadTableArgs>, iceaxe::UsageError);  // every time
}

TEST(ModelDescriptor, ModelRefsCompareByModel) {
  EXPECT_EQ(model<Employee>, model<Employee>);
  EXPECT_NE(model<Employee>, model<Office>);
  EXPECT_EQ(&*model<Employee>, &*model<Employee>);  // described once
}

TEST(ModelDescriptor, ModelsInAnyNamespace) {
  EXPECT_EQ(model<Local>->table_name, "local");
  EXPECT_EQ(model<Employee>->table_name, "employee");
  EXPECT_EQ(model<Contact>->table_name, "contact");  // declared in a header
}

// ---- registry ----------------------------------------------------------------------------

TEST(ModelRegistry, HoldsEveryDeclaredModelOnce) {
  const std::vector<iceaxe::ModelRef> registered = iceaxe::registered_models();
  for (const iceaxe::ModelRef ref :
       {model<Employee>, model<Office>, model<Gadget>, model<types::EveryType>,
        model<catalog::Membership>, model<Local>, model<Contact>}) {
    EXPECT_EQ(std::ranges::count(registered, ref), 1) << ref->type_name;
  }
}

// ---- comparisons -------------------------------------------------------------------------

TEST(ModelComparison, IgnoresChangeState) {
  catalog::Ranked clean{.rank = 1, .name = "a"};
  iceaxe::mark_clean(clean);
  const catalog::Ranked pending{.rank = 1, .name = "a"};
  ASSERT_NE(iceaxe::is_modified(clean), iceaxe::is_modified(pending));
  EXPECT_TRUE(clean == pending);
  EXPECT_TRUE((clean <=> pending) == 0);
  EXPECT_TRUE(clean < (catalog::Ranked{.rank = 2, .name = ""}));
  EXPECT_FALSE(clean == (catalog::Ranked{.rank = 1, .name = "b"}));
}

}  // namespace
}  // namespace model_test
