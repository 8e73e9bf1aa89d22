// Models through a real server: each table is created by hand, rows are inserted with
// every stored field bound through FieldIo, read back with read_models and compared field
// by field; the server's own text of tricky values is checked too, so both sides agree on
// the value and not only on the bytes. Then the ways reading and binding fail.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "model/models.hpp"
#include "support/same.hpp"

namespace model_test::roundtrip {

using namespace std::chrono_literals;
using std::chrono::local_days;
using std::chrono::local_time;
using std::chrono::microseconds;
using std::chrono::sys_days;
using std::chrono::sys_time;
using std::chrono::year_month_day;
using Bytes = std::vector<std::byte>;
using Json = nlohmann::json;

struct Scalars : iceaxe::TableBase {
  std::int32_t id = 0;
  bool flag = false;
  std::int16_t small = 0;
  std::int32_t medium = 0;
  std::int64_t large = 0;
  float single = 0;
  double ratio = 0;
  std::string label;
  Bytes blob;
  iceaxe::Uuid token;
  iceaxe::Numeric amount;
  Status status = Status::draft;
};
ICEAXE_TABLE(Scalars, (id, {.primary_key = true}), flag, small, medium, large, single, ratio, label,
             blob, token, amount, status)

struct Times : iceaxe::TableBase {
  std::int32_t id = 0;
  year_month_day day = 1970y / 1 / 1;
  iceaxe::TimeOfDay clock;
  sys_time<microseconds> instant;
  local_time<microseconds> wall;
  microseconds duration{};
  iceaxe::Interval span;
};
ICEAXE_TABLE(Times, (id, {.primary_key = true}), day,
             (clock, {.postgres_config = iceaxe::PostgresTime{}}),
             (instant, {.postgres_config = iceaxe::PostgresDateTime{.timezone = true}}),
             (wall, {.postgres_config = iceaxe::PostgresDateTime{}}), duration, span)

struct Nullables : iceaxe::TableBase {
  std::int32_t id = 0;
  std::optional<bool> flag;
  std::optional<std::int16_t> small;
  std::optional<std::int32_t> medium;
  std::optional<std::int64_t> large;
  std::optional<double> ratio;
  std::optional<std::string> label;
  std::optional<Bytes> blob;
  std::optional<iceaxe::Uuid> token;
  std::optional<iceaxe::Numeric> amount;
  std::optional<Status> status;
  std::optional<year_month_day> day;
  std::optional<iceaxe::TimeOfDay> clock;
  std::optional<sys_time<microseconds>> instant;
  std::optional<local_time<microseconds>> wall;
  std::optional<microseconds> duration;
  std::optional<iceaxe::Interval> span;
  std::optional<std::vector<std::string>> tags;
  std::optional<Json> doc;
};
ICEAXE_TABLE(Nullables, (id, {.primary_key = true}), flag, small, medium, large, ratio, label, blob,
             token, amount, status, day, clock, instant, wall, duration, span, tags, doc)

struct Arrays : iceaxe::TableBase {
  std::int32_t id = 0;
  std::vector<bool> flags;
  std::vector<std::int16_t> smalls;
  std::vector<std::int32_t> mediums;
  std::vector<std::int64_t> larges;
  std::vector<float> singles;
  std::vector<double> ratios;
  std::vector<std::string> tags;
  std::vector<Bytes> blobs;
  std::vector<iceaxe::Uuid> tokens;
  std::vector<iceaxe::Numeric> amounts;
  std::vector<year_month_day> days;
  std::vector<iceaxe::TimeOfDay> clocks;
  std::vector<sys_time<microseconds>> instants;
  std::vector<local_time<microseconds>> walls;
  std::vector<microseconds> durations;
  std::vector<iceaxe::Interval> spans;
  std::vector<Status> statuses;
  std::vector<std::optional<std::int32_t>> sparse;
  std::vector<std::optional<std::string>> sparse_tags;
  std::vector<std::optional<Status>> sparse_statuses;
  std::optional<std::vector<std::int64_t>> maybe;
};
ICEAXE_TABLE(Arrays, (id, {.primary_key = true}), flags, smalls, mediums, larges, singles, ratios,
             tags, blobs, tokens, amounts, days, clocks, instants, walls, durations, spans,
             statuses, sparse, sparse_tags, sparse_statuses, maybe)

struct Documents : iceaxe::TableBase {
  std::int32_t id = 0;
  Json payload;
  Json raw_payload;
  Address address;
  std::optional<Address> maybe_address;
  std::vector<Address> addresses;
  std::optional<Json> extra;
  std::vector<Json> events;
};
ICEAXE_TABLE(Documents, (id, {.primary_key = true}), payload,
             (raw_payload, {.postgres_config = iceaxe::PostgresJson{.binary = false}}),
             (address, {.is_json = true}), (maybe_address, {.is_json = true}),
             (addresses, {.is_json = true}), extra, events)

namespace {

using iceaxe::test::same;

// For failure messages (gtest would print a JSON value as a container of itself forever).
template <class T>
std::string show(const T& value) {
  if constexpr (std::is_same_v<T, Json>) {
    return value.dump();
  } else if constexpr (std::is_same_v<T, Address>) {
    return Json(value).dump();
  } else if constexpr (iceaxe::pg::is_optional_v<T>) {
    return value ? show(*value) : "nullopt";
  } else if constexpr (iceaxe::test::is_element_vector<T>) {
    std::string out = "{";
    for (const auto& element : value) {
      out += show(static_cast<const typename T::value_type&>(element)) + ",";
    }
    return out + "}";
  } else {
    return ::testing::PrintToString(value);
  }
}

template <iceaxe::Model T>
void expect_same_fields(const T& actual, const T& expected) {
  iceaxe::for_each_field<T>([&](const auto& field) {
    if (!field.stored()) return;
    EXPECT_TRUE(same(field.get(actual), field.get(expected)))
        << iceaxe::model<T>->type_name << "." << field.name << ": got " << show(field.get(actual))
        << ", expected " << show(field.get(expected));
  });
}

Bytes every_byte() {
  Bytes bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<std::byte>(i));
  return bytes;
}

class ModelRoundTrip : public DatabaseTest {
 protected:
  // Inserts `rows`, reads the table back ordered by id, and compares every stored field.
  template <iceaxe::Model T>
  void expect_round_trip(const std::vector<T>& rows) {
    insert(rows);
    const std::vector<T> back = load<T>("id");
    ASSERT_EQ(back.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      SCOPED_TRACE("row " + std::to_string(i));
      expect_same_fields(back[i], rows[i]);
    }
  }

  // The server's text of `expression` in row `id` of `table`.
  std::string server_text(std::string_view table, std::string_view expression, std::int32_t id) {
    return conn().fetch_value<std::string>("SELECT (" + std::string(expression) + ")::text FROM " +
                                               std::string(table) + " WHERE id = $1",
                                           id);
  }

  // The descriptor's SQL types are the server's names of the hand-made table's types.
  template <iceaxe::Model T>
  void expect_server_types() {
    std::vector<std::string> server;
    for (const auto& row :
         conn().fetch("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                      "$1::text::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                      std::string(iceaxe::table_name<T>))) {
      server.push_back(row.template get<std::string>(0));
    }
    std::vector<std::string> declared;
    for (const iceaxe::ColumnInfo& column : iceaxe::model<T>->columns) {
      declared.push_back(column.sql_type);
    }
    EXPECT_EQ(declared, server);
  }
};

TEST_F(ModelRoundTrip, Scalars) {
  conn().execute(std::string(create_status_type));
  conn().execute(
      "CREATE TABLE scalars (id integer PRIMARY KEY, flag boolean NOT NULL, small smallint NOT "
      "NULL, medium integer NOT NULL, large bigint NOT NULL, single real NOT NULL, ratio double "
      "precision NOT NULL, label text NOT NULL, blob bytea NOT NULL, token uuid NOT NULL, "
      "amount numeric NOT NULL, status status NOT NULL)");
  const std::vector<Scalars> rows = {
      {.id = 1,
       .flag = true,
       .small = std::numeric_limits<std::int16_t>::min(),
       .medium = std::numeric_limits<std::int32_t>::min(),
       .large = std::numeric_limits<std::int64_t>::min(),
       .single = -HUGE_VALF,
       .ratio = std::numeric_limits<double>::quiet_NaN(),
       .label = "",
       .blob = {},
       .token = iceaxe::Uuid(),
       .amount = iceaxe::Numeric("12345678901234567890.123456789"),
       .status = Status::in_progress},
      {.id = 2,
       .flag = false,
       .small = std::numeric_limits<std::int16_t>::max(),
       .medium = std::numeric_limits<std::int32_t>::max(),
       .large = std::numeric_limits<std::int64_t>::max(),
       .single = std::numeric_limits<float>::denorm_min(),
       .ratio = -0.0,
       .label = "żółw 🐢 it's \"quoted\" \\ {}",
       .blob = every_byte(),
       .token = iceaxe::Uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
       .amount = iceaxe::Numeric::nan(),
       .status = Status::live},
      {.id = 3,
       .single = 0.1f,
       .ratio = 0.1,
       .label = std::string(100'000, 'x'),
       .blob = {std::byte{0}},
       .token = iceaxe::Uuid::random(),
       .amount = iceaxe::Numeric("-0.001000"),
       .status = Status::draft},
      {.id = 4, .ratio = HUGE_VAL, .amount = iceaxe::Numeric::infinity(true)},
  };
  expect_round_trip(rows);
  expect_server_types<Scalars>();

  EXPECT_EQ(server_text("scalars", "amount", 1), "12345678901234567890.123456789");
  EXPECT_EQ(server_text("scalars", "amount", 2), "NaN");
  EXPECT_EQ(server_text("scalars", "amount", 3), "-0.001000");  // scale kept
  EXPECT_EQ(server_text("scalars", "amount", 4), "-Infinity");
  EXPECT_EQ(server_text("scalars", "status", 1), "in-progress");
  EXPECT_EQ(server_text("scalars", "large", 1), "-9223372036854775808");
  EXPECT_EQ(server_text("scalars", "ratio", 1), "NaN");
  EXPECT_EQ(server_text("scalars", "ratio", 2), "-0");
  EXPECT_EQ(server_text("scalars", "single", 1), "-Infinity");
  EXPECT_EQ(server_text("scalars", "token", 2), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(server_text("scalars", "length(label)", 2), "25");  // characters, not bytes
  EXPECT_EQ(server_text("scalars", "md5(blob)", 2),
            conn().fetch_value<std::string>("SELECT md5(string_agg(set_byte('\\x00'::bytea, 0, "
                                            "i), '' ORDER BY i)) FROM generate_series(0, 255) i"));
}

TEST_F(ModelRoundTrip, DatesTimesAndIntervals) {
  conn().execute(
      "CREATE TABLE times (id integer PRIMARY KEY, day date NOT NULL, clock time NOT NULL, "
      "instant timestamptz NOT NULL, wall timestamp NOT NULL, duration interval NOT NULL, span "
      "interval NOT NULL)");
  const auto moon_landing = sys_days(1969y / 7 / 20) + 20h + 17min + 40s + 123456us;
  const std::vector<Times> rows = {
      {.id = 1,
       .day = 1969y / 7 / 20,
       .clock = iceaxe::TimeOfDay{24h},
       .instant = moon_landing,
       .wall = local_time<microseconds>(moon_landing.time_since_epoch()),
       .duration = -90s,
       .span = {.months = 14, .days = -3, .microseconds = 14'706'789'000}},
      {.id = 2,
       .day = 0y / 12 / 31,
       .clock = iceaxe::TimeOfDay{},
       .instant = sys_days(2000y / 1 / 1) - 1us,
       .wall = local_days(1y / 1 / 1),
       .duration = 36h + 1us,
       .span = {}},
  };
  expect_round_trip(rows);
  expect_server_types<Times>();

  EXPECT_EQ(server_text("times", "day", 1), "1969-07-20");
  EXPECT_EQ(server_text("times", "day", 2), "0001-12-31 BC");
  EXPECT_EQ(server_text("times", "clock", 1), "24:00:00");
  EXPECT_EQ(server_text("times", "instant", 1), "1969-07-20 20:17:40.123456+00");
  EXPECT_EQ(server_text("times", "instant", 2), "1999-12-31 23:59:59.999999+00");
  EXPECT_EQ(server_text("times", "wall", 1), "1969-07-20 20:17:40.123456");
  EXPECT_EQ(server_text("times", "duration", 1), "-00:01:30");
  EXPECT_EQ(server_text("times", "duration", 2), "36:00:00.000001");
  EXPECT_EQ(server_text("times", "span", 1), "1 year 2 mons -3 days +04:05:06.789");
}

TEST_F(ModelRoundTrip, NullablesAreNullWhenEmptyAndZeroValuesAreNotNull) {
  conn().execute(std::string(create_status_type));
  conn().execute(
      "CREATE TABLE nullables (id integer PRIMARY KEY, flag boolean, small smallint, medium "
      "integer, large bigint, ratio double precision, label text, blob bytea, token uuid, "
      "amount numeric, status status, day date, clock time, instant timestamptz, wall "
      "timestamp, duration interval, span interval, tags text[], doc jsonb)");
  const std::vector<Nullables> rows = {
      {.id = 1},
      {.id = 2,
       .flag = false,
       .small = 0,
       .medium = 0,
       .large = 0,
       .ratio = 0.0,
       .label = "",
       .blob = Bytes{},
       .token = iceaxe::Uuid(),
       .amount = iceaxe::Numeric(0),
       .status = Status::draft,
       .day = 1970y / 1 / 1,
       .clock = iceaxe::TimeOfDay{},
       .instant = sys_time<microseconds>{},
       .wall = local_time<microseconds>{},
       .duration = 0us,
       .span = iceaxe::Interval{},
       .tags = std::vector<std::string>{},
       .doc = Json(nullptr)},  // the JSON null, not SQL NULL
  };
  expect_round_trip(rows);
  expect_server_types<Nullables>();

  const std::string count_nulls =
      "num_nulls(flag, small, medium, large, ratio, label, blob, token, amount, status, day, "
      "clock, instant, wall, duration, span, tags, doc)";
  EXPECT_EQ(server_text("nullables", count_nulls, 1), "18");
  EXPECT_EQ(server_text("nullables", count_nulls, 2), "0");
  EXPECT_EQ(server_text("nullables", "doc", 2), "null");
  EXPECT_EQ(server_text("nullables", "tags", 2), "{}");
}

TEST_F(ModelRoundTrip, ArraysWithNullElementsEmptyArraysAndEnums) {
  conn().execute(std::string(create_status_type));
  conn().execute(
      "CREATE TABLE arrays (id integer PRIMARY KEY, flags boolean[] NOT NULL, smalls smallint[] "
      "NOT NULL, mediums integer[] NOT NULL, larges bigint[] NOT NULL, singles real[] NOT NULL, "
      "ratios double precision[] NOT NULL, tags text[] NOT NULL, blobs bytea[] NOT NULL, "
      "tokens uuid[] NOT NULL, amounts numeric[] NOT NULL, days date[] NOT NULL, clocks time[] "
      "NOT NULL, instants timestamptz[] NOT NULL, walls timestamp[] NOT NULL, durations "
      "interval[] NOT NULL, spans interval[] NOT NULL, statuses status[] NOT NULL, sparse "
      "integer[] NOT NULL, sparse_tags text[] NOT NULL, sparse_statuses status[] NOT NULL, "
      "maybe bigint[])");
  const std::vector<Arrays> rows = {
      {.id = 1},  // every array empty, `maybe` NULL
      {.id = 2,
       .flags = {true, false},
       .smalls = {-32768, 32767},
       .mediums = {1, -2, 3},
       .larges = {std::numeric_limits<std::int64_t>::min(), 0},
       .singles = {0.5f, -HUGE_VALF},
       .ratios = {0.1, std::nan(""), -0.0},
       .tags = {"a,b", "}", "\"", "", "NULL", "żółw", "back\\slash"},
       .blobs = {{}, every_byte()},
       .tokens = {iceaxe::Uuid(), iceaxe::Uuid::random()},
       .amounts = {iceaxe::Numeric("1.50"), iceaxe::Numeric::nan(),
                   iceaxe::Numeric("-12345678901234567890.5")},
       .days = {1969y / 7 / 20, 0y / 1 / 1},
       .clocks = {iceaxe::TimeOfDay{24h}, iceaxe::TimeOfDay{1us}},
       .instants = {sys_time<microseconds>{}, sys_days(2038y / 1 / 19) + 3h + 14min + 8s},
       .walls = {local_time<microseconds>{1us}},
       .durations = {1s, -1us},
       .spans = {{.months = 1, .days = -1}},
       .statuses = {Status::draft, Status::in_progress, Status::draft},
       .sparse = {1, std::nullopt, 3},
       .sparse_tags = {std::nullopt, "NULL", "x"},
       .sparse_statuses = {std::nullopt, Status::live},
       .maybe = std::vector<std::int64_t>{}},
      {.id = 3, .maybe = std::vector<std::int64_t>{1, 2}},
  };
  expect_round_trip(rows);
  expect_server_types<Arrays>();

  EXPECT_EQ(server_text("arrays", "cardinality(tags)", 1), "0");
  EXPECT_EQ(server_text("arrays", "maybe IS NULL", 1), "true");
  EXPECT_EQ(server_text("arrays", "maybe", 2), "{}");
  EXPECT_EQ(server_text("arrays", "tags", 2), R"({"a,b","}","\"","","NULL",żółw,"back\\slash"})");
  EXPECT_EQ(server_text("arrays", "sparse", 2), "{1,NULL,3}");
  EXPECT_EQ(server_text("arrays", "sparse_tags", 2), R"({NULL,"NULL",x})");
  EXPECT_EQ(server_text("arrays", "statuses", 2), "{draft,in-progress,draft}");
  EXPECT_EQ(server_text("arrays", "sparse_statuses", 2), "{NULL,live}");
  EXPECT_EQ(server_text("arrays", "amounts", 2), "{1.50,NaN,-12345678901234567890.5}");
}

TEST_F(ModelRoundTrip, JsonColumnsAndJsonDocuments) {
  conn().execute(
      "CREATE TABLE documents (id integer PRIMARY KEY, payload jsonb NOT NULL, raw_payload json "
      "NOT NULL, address jsonb NOT NULL, maybe_address jsonb, addresses jsonb NOT NULL, extra "
      "jsonb, events jsonb[] NOT NULL)");
  const std::vector<Documents> rows = {
      {.id = 1,
       .payload = {{"a", {1, 2.5, nullptr, true}}, {"żółw", "🐢"}, {"o", {{"k", "v"}}}},
       .raw_payload = {{"b", 1}, {"a", {1, 2}}},
       .address = {.city = "Oslo", .zip = 150},
       .maybe_address = std::nullopt,
       .addresses = {},
       .extra = std::nullopt,
       .events = {}},
      {.id = 2,
       .payload = Json(nullptr),  // a non-optional member holds the JSON null
       .raw_payload = "it's a \"string\"",
       .address = {},
       .maybe_address = Address{.city = "Bergen", .zip = 5003},
       .addresses = {{.city = "A", .zip = 1}, {.city = "B", .zip = 2}},
       .extra = Json(nullptr),
       .events = {Json::object(), Json{1, "x"}}},
  };
  expect_round_trip(rows);
  expect_server_types<Documents>();

  EXPECT_EQ(server_text("documents", "pg_typeof(raw_payload)", 1), "json");
  EXPECT_EQ(server_text("documents", "payload", 1),
            R"({"a": [1, 2.5, null, true], "o": {"k": "v"}, "żółw": "🐢"})");
  EXPECT_EQ(server_text("documents", "payload IS NULL", 2), "false");
  EXPECT_EQ(server_text("documents", "jsonb_typeof(payload)", 2), "null");
  EXPECT_EQ(server_text("documents", "address", 1), R"({"zip": 150, "city": "Oslo"})");
  EXPECT_EQ(server_text("documents", "maybe_address IS NULL", 1), "true");
  EXPECT_EQ(server_text("documents", "addresses", 1), "[]");
  EXPECT_EQ(server_text("documents", "addresses->1->>'city'", 2), "B");
  EXPECT_EQ(server_text("documents", "extra IS NULL", 1), "true");
  EXPECT_EQ(server_text("documents", "extra = 'null'::jsonb", 2), "true");
}

TEST_F(ModelRoundTrip, JsonNullInAnOptionalDocumentReadsAsNullopt) {
  const std::vector<Documents> back = iceaxe::detail::read_models<Documents>(conn().fetch(
      "SELECT 1, '{}'::jsonb, '{}'::json, '{\"city\": \"\", \"zip\": 0}'::jsonb, "
      "'null'::jsonb AS maybe_address, '[]'::jsonb, 'null'::jsonb AS extra, '{}'::jsonb[]"));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_FALSE(back[0].maybe_address.has_value());  // a JSON null is no Address
  EXPECT_EQ(back[0].extra, Json(nullptr));          // an optional<json> keeps it
}

TEST_F(ModelRoundTrip, HostileTextIsStoredVerbatim) {
  conn().execute(std::string(create_status_type));
  conn().execute(std::string(create_contact_table));
  const std::vector<Contact> rows = {
      {.id = 1, .name = "'; DROP TABLE contact; --", .nickname = "\"contact\""},
      {.id = 2, .name = "$1", .tags = {"$2", "'); DROP TABLE contact; --", "{\"}"}},
      {.id = 3, .name = "Robert'); DROP TABLE students;--", .payload = {{"'", "\"; DROP"}}},
      {.id = 4, .name = "\\' OR 1=1 --", .address = {.city = "' OR ''='", .zip = 0}},
  };
  expect_round_trip(rows);
  EXPECT_EQ(conn().fetch_value<std::int64_t>("SELECT count(*) FROM contact"), 4);
  EXPECT_EQ(
      conn().fetch_value<std::int32_t>("SELECT id FROM contact WHERE name = $1", std::string("$1")),
      2);
}

TEST_F(ModelRoundTrip, ExcludedFieldsAreNeitherWrittenNorRead) {
  conn().execute(std::string(create_status_type));
  conn().execute(std::string(create_contact_table));
  insert(std::vector<Contact>{{.id = 1, .name = "Ann", .cache = "not stored"}});
  const std::vector<Contact> back = load<Contact>("id");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].name, "Ann");
  EXPECT_EQ(back[0].cache, "");
}

TEST_F(ModelRoundTrip, ReadsFromAGivenFirstColumn) {
  conn().execute(std::string(create_status_type));
  conn().execute(std::string(create_contact_table));
  insert(std::vector<Contact>{{.id = 7, .name = "Ann", .age = 30}});
  const iceaxe::pg::Result result = conn().fetch("SELECT 'leading'::text, 1.5::float8, " +
                                                 stored_columns<Contact>() + " FROM contact");
  const std::vector<Contact> back = iceaxe::detail::read_models<Contact>(result, 2);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].id, 7);
  EXPECT_EQ(back[0].name, "Ann");
  EXPECT_EQ(back[0].age, 30);
}

TEST_F(ModelRoundTrip, ReadsTheSameThroughLibpqsPublicCalls) {
  conn().execute(std::string(create_status_type));
  conn().execute(std::string(create_contact_table));
  insert(std::vector<Contact>{{.id = 7, .name = "Ann", .age = 30}, {.id = 8, .name = "Bo"}});
  const iceaxe::pg::Result result =
      conn().fetch("SELECT " + stored_columns<Contact>() + " FROM contact ORDER BY id");
  const std::vector<Contact> direct = iceaxe::detail::read_models<Contact>(result);
  // The reader's other path, taken when a result's layout is not the one Cells expects.
  const iceaxe::pg::Cells cells(result.native_handle(), iceaxe::pg::Cells::Access::public_calls);
  const iceaxe::detail::ModelReader<Contact> reader(cells, 0);
  iceaxe::detail::SnapshotBlock<Contact> snapshots(2);
  std::vector<Contact> through_calls(2);
  for (int row = 0; row < 2; ++row) {
    reader.read(row, through_calls[row], snapshots.slot(row));
    snapshots.attach(through_calls[row], row);
  }
  ASSERT_EQ(direct.size(), 2u);
  EXPECT_TRUE(direct == through_calls);
  EXPECT_FALSE(iceaxe::is_modified(through_calls[1]));
  through_calls[1].age = 5;
  EXPECT_EQ(iceaxe::modified_fields(through_calls[1]), std::vector<std::string_view>{"age"});
}

TEST_F(ModelRoundTrip, EmptyResultGivesNoObjects) {
  conn().execute(std::string(create_status_type));
  conn().execute(std::string(create_contact_table));
  EXPECT_TRUE(load<Contact>("id").empty());
}

// ---- reading errors ----------------------------------------------------------------------

class ModelReadErrors : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    // One label more than ICEAXE_ENUM(Status, ...) knows.
    conn().execute("CREATE TYPE status AS ENUM ('draft', 'live', 'in-progress', 'archived')");
  }

  // A SELECT of one valid Contact row, with `column` given by `expression` instead.
  static std::string contact_select(std::string_view column = {},
                                    std::string_view expression = {}) {
    const std::pair<std::string_view, std::string_view> columns[] = {
        {"id", "1"},
        {"name", "'Ann'::text"},
        {"age", "30"},
        {"nickname", "NULL::text"},
        {"status", "'live'::status"},
        {"tags", "ARRAY['a']::text[]"},
        {"payload", "'{}'::jsonb"},
        {"address", R"('{"city": "Oslo", "zip": 150}'::jsonb)"},
        {"score", "1.5::float8"},
    };
    std::string sql = "SELECT ";
    for (const auto& [name, value] : columns) {
      if (sql.size() > 7) sql += ", ";
      sql += std::string(name == column ? expression : value) + " AS " + std::string(name);
    }
    return sql;
  }

  // The message of the ValueError reading `sql` into Contacts throws.
  std::string read_error(const std::string& sql) {
    try {
      iceaxe::detail::read_models<Contact>(conn().fetch(sql));
    } catch (const iceaxe::ValueError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no ValueError reading: " << sql;
    return {};
  }
};

TEST_F(ModelReadErrors, TheValidRowReads) {
  const auto back = iceaxe::detail::read_models<Contact>(conn().fetch(contact_select()));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_TRUE(back[0] == (Contact{.id = 1,
                                  .name = "Ann",
                                  .age = 30,
                                  .status = Status::live,
                                  .tags = {"a"},
                                  .payload = Json::object(),
                                  .address = {.city = "Oslo", .zip = 150},
                                  .score = 1.5}));
}

TEST_F(ModelReadErrors, NullIntoANonOptionalFieldNamesTheFieldAndColumn) {
  const std::string message = read_error(contact_select("age", "NULL::int4"));
  EXPECT_NE(message.find("Contact.age: "), std::string::npos) << message;
  EXPECT_NE(message.find("\"age\""), std::string::npos) << message;
  EXPECT_NE(message.find("NULL"), std::string::npos) << message;
}

TEST_F(ModelReadErrors, WrongColumnTypeNamesTheColumn) {
  std::string message = read_error(contact_select("age", "'30'::text"));
  EXPECT_NE(message.find("\"age\""), std::string::npos) << message;
  EXPECT_NE(message.find("integer"), std::string::npos) << message;
  message = read_error(contact_select("age", "30::int8"));  // could hold what int32 cannot
  EXPECT_NE(message.find("\"age\""), std::string::npos) << message;
  message = read_error(contact_select("address", "'{}'::text"));
  EXPECT_NE(message.find("\"address\""), std::string::npos) << message;
}

TEST_F(ModelReadErrors, UnknownEnumLabelNamesTheLabel) {
  const std::string message = read_error(contact_select("status", "'archived'::status"));
  EXPECT_NE(message.find("'archived'"), std::string::npos) << message;
  EXPECT_NE(message.find("\"status\""), std::string::npos) << message;
}

TEST_F(ModelReadErrors, TwoDimensionalArrayIsRefused) {
  const std::string message =
      read_error(contact_select("tags", "ARRAY[['a', 'b'], ['c', 'd']]::text[]"));
  EXPECT_NE(message.find("multi-dimensional"), std::string::npos) << message;
  EXPECT_NE(message.find("\"tags\""), std::string::npos) << message;
}

TEST_F(ModelReadErrors, NullElementIntoANonOptionalElementIsRefused) {
  const std::string message = read_error(contact_select("tags", "ARRAY['a', NULL]::text[]"));
  EXPECT_NE(message.find("NULL"), std::string::npos) << message;
  EXPECT_NE(message.find("\"tags\""), std::string::npos) << message;
}

TEST_F(ModelReadErrors, JsonThatDoesNotConvertToTheStructIsRefused) {
  std::string message = read_error(contact_select("address", R"('{"city": 5}'::jsonb)"));
  EXPECT_NE(message.find("\"address\""), std::string::npos) << message;
  message = read_error(contact_select("address", "'null'::jsonb"));  // not optional
  EXPECT_NE(message.find("\"address\""), std::string::npos) << message;
}

TEST_F(ModelReadErrors, TooFewColumnsIsAUsageError) {
  try {
    iceaxe::detail::read_models<Contact>(conn().fetch("SELECT 1 AS id, 'Ann'::text AS name"));
    ADD_FAILURE() << "no UsageError";
  } catch (const iceaxe::UsageError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("Contact"), std::string::npos) << message;
    EXPECT_NE(message.find("9"), std::string::npos) << message;
  }
  // Counted from the first column read.
  EXPECT_THROW(iceaxe::detail::read_models<Contact>(conn().fetch(contact_select()), 1),
               iceaxe::UsageError);
}

TEST_F(ModelReadErrors, TextFormatResultIsRefused) {
  // execute() without parameters uses the simple protocol: rows come as text.
  const std::string sql = contact_select();
  EXPECT_THROW(iceaxe::detail::read_models<Contact>(conn().execute(sql)), iceaxe::ValueError);
}

// ---- binding errors ----------------------------------------------------------------------

// The message of the ValueError binding `object`'s fields throws.
template <iceaxe::Model T>
std::string bind_error(const T& object) {
  try {
    bind_fields(object);
  } catch (const iceaxe::ValueError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ValueError";
  return {};
}

TEST(ModelBindErrors, NulByteInTextNamesModelAndField) {
  const std::string message = bind_error(Contact{.name = std::string("a\0b", 3)});
  EXPECT_EQ(message.rfind("Contact.name: ", 0), 0u) << message;
  EXPECT_NE(message.find("NUL"), std::string::npos) << message;
  EXPECT_EQ(bind_error(Contact{.tags = {"ok", std::string(1, '\0')}}).rfind("Contact.tags: ", 0),
            0u);
  EXPECT_EQ(bind_error(Contact{.nickname = std::string(1, '\0')}).rfind("Contact.nickname: ", 0),
            0u);
}

TEST(ModelBindErrors, EnumValueNotInItsDeclarationNamesModelAndField) {
  const std::string message = bind_error(Contact{.status = static_cast<Status>(42)});
  EXPECT_EQ(message.rfind("Contact.status: ", 0), 0u) << message;
  EXPECT_NE(message.find("42"), std::string::npos) << message;
}

TEST(ModelBindErrors, UnsendableValuesNameModelAndField) {
  EXPECT_EQ(bind_error(Contact{.payload = {{"x", std::nan("")}}}).rfind("Contact.payload: ", 0),
            0u);
  EXPECT_EQ(bind_error(Times{.day = 2023y / 2 / 29}).rfind("Times.day: ", 0), 0u);
  EXPECT_EQ(bind_error(Times{.clock = iceaxe::TimeOfDay{25h}}).rfind("Times.clock: ", 0), 0u);
  EXPECT_EQ(bind_error(Documents{.address = {.city = "\xff"}}).rfind("Documents.address: ", 0), 0u);
}

}  // namespace
}  // namespace model_test::roundtrip
