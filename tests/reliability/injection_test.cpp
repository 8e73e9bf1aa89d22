// Hostile input through every DBConnection call: values with quotes, backslashes, `$1`,
// semicolons and SQL comments round-trip exactly and never execute; NUL bytes are refused
// before anything is sent; invalid UTF-8 fails clearly; 10 MB values round-trip or fail
// clearly; tables and enum labels with quotes, semicolons and dots in their names are created
// by create_all and then written and read by every call.

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "iceaxe/migrations/create_all.hpp"
#include "reliability/support.hpp"

namespace reliability_test {

// Labels that PostgreSQL's array literal syntax and SQL string literals treat specially.
enum class Tone { plain, quoted, backslash, null_word, braces };
ICEAXE_ENUM(Tone, plain, (quoted, "it's \"quoted\""), (backslash, "back\\slash"),
            (null_word, "NULL"), (braces, "{a,b}; DROP TABLE orm_item; --"))

// Rows as column arrays (no array field): the unnest path.
struct QuotedItem : iceaxe::TableBase {
  static constexpr std::string_view table_name = "rel.\"item\" 'q'; DROP TABLE orm_item; --";
  std::optional<std::int64_t> id;
  std::string label;
  std::int32_t score = 0;
  std::optional<Tone> tone;
};
ICEAXE_TABLE(QuotedItem, (id, {.primary_key = true}), (label, {.unique = true}),
             (score, {.check_expression = "score >= 0"}), (tone, {.index = true}))

// Rows as multi-row VALUES (array fields), referencing the other table.
struct QuotedTag : iceaxe::TableBase {
  static constexpr std::string_view table_name = "rel 'tag\"; --";
  std::optional<std::int64_t> id;
  std::optional<std::int64_t> item_id;
  std::vector<Tone> tones;
  std::vector<std::optional<std::string>> words;
};
ICEAXE_TABLE(QuotedTag, (id, {.primary_key = true}),
             (item_id, {.foreign_key = "rel.\"item\" 'q'; DROP TABLE orm_item; --.id"}), tones,
             words)

// A text primary key: hostile values as keys.
struct Phrase : iceaxe::TableBase {
  static constexpr std::string_view table_name = "rel 'phrase'";
  std::string text;
  std::string note;
};
ICEAXE_TABLE(Phrase, (text, {.primary_key = true}), note)

namespace {

using iceaxe::select;
using orm_test::E;
using orm_test::Employee;
using orm_test::I;
using orm_test::Item;

constexpr auto& Q = iceaxe::columns<QuotedItem>;
constexpr auto& T = iceaxe::columns<QuotedTag>;
constexpr auto& P = iceaxe::columns<Phrase>;

// Every one distinct, none empty.
const std::vector<std::string>& hostile_values() {
  static const std::vector<std::string> values = {
      "'",
      "''",
      "\"",
      "\\",
      "\\'",
      "'\\",
      "\\\\'",
      "$1",
      "$2::text",
      "$$",
      "$tag$ SELECT 1 $tag$",
      ";",
      "'); DROP TABLE orm_item; --",
      "\"); DROP TABLE orm_item; --",
      "x'; DELETE FROM orm_employee WHERE ''='",
      "' OR '1'='1",
      "E'\\x41'",
      "U&'\\0041'",
      "%_\\%",
      "{\"a\",NULL}",
      "NULL",
      "null",
      "-- comment",
      "/* open comment",
      "*/",
      "\n\r\t\b\f\v",
      "\x7f",
      "żółw 🐢 \u00a0\u200b",
      "SELECT pg_sleep(10)",
  };
  return values;
}

// `n` letters that do not compress (PostgreSQL would compress repeated ones below an index
// row's limit).
std::string incompressible(std::size_t n, std::uint32_t seed) {
  std::string out(n, ' ');
  for (char& c : out) {
    seed = seed * 1'664'525u + 1'013'904'223u;
    c = static_cast<char>('a' + (seed >> 24) % 26);
  }
  return out;
}

class ReliabilityInjection : public ReliabilityTest {
 protected:
  // The test schema's tables: none dropped, none added.
  std::vector<std::string> tables() {
    std::vector<std::string> out;
    for (const iceaxe::pg::Row row : other_connection().fetch(
             "SELECT relname::text FROM pg_class WHERE relkind = 'r' AND relnamespace = "
             "current_schema()::regnamespace ORDER BY 1")) {
      out.push_back(row.get<std::string>(0));
    }
    return out;
  }
  void create_quoted_tables() {
    const std::vector<iceaxe::ModelRef> models = {iceaxe::model<QuotedItem>,
                                                  iceaxe::model<QuotedTag>, iceaxe::model<Phrase>};
    iceaxe::migrations::create_all(db(), models);
  }
};

TEST_F(ReliabilityInjection, HostileTextRoundTripsThroughColumnArrays) {
  const std::vector<std::string>& values = hostile_values();
  const std::vector<std::string> tables_before = tables();
  std::vector<Item> rows;
  for (std::size_t i = 0; i < values.size(); ++i) {
    rows.push_back(orm_test::item(static_cast<std::int64_t>(i + 1), values[i], 1));
    rows.back().doc = {{values[i], values[i]}};
  }
  db().insert(rows);

  for (std::size_t i = 0; i < values.size(); ++i) {
    SCOPED_TRACE(values[i]);
    const std::optional<Item> got = db().get<Item>(static_cast<std::int64_t>(i + 1));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->label, values[i]);
    EXPECT_EQ(got->doc, rows[i].doc);
    const std::vector<Item> found = db().exec(select<Item>().where(I.label == values[i]));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].id, static_cast<std::int64_t>(i + 1));
    // A configuration argument written into the SQL as a literal.
    const auto joined =
        db().exec(select(iceaxe::func::string_agg(I.label, values[i])).where(I.id.in_({1, 2})));
    ASSERT_EQ(joined.size(), 1u);
    EXPECT_TRUE(joined[0] == values[0] + values[i] + values[1] ||
                joined[0] == values[1] + values[i] + values[0])
        << joined[0].value_or("NULL");
  }
  EXPECT_EQ(db().exec(select(I.id).where(I.label.in_(values))).size(), values.size());

  // update: each label becomes its neighbour's, so every value travels again.
  std::vector<Item> loaded = db().exec(select<Item>().order_by(I.id));
  for (std::size_t i = 0; i < loaded.size(); ++i) loaded[i].label = values[(i + 1) % values.size()];
  for (std::size_t i = 0; i < loaded.size(); ++i) loaded[i].label += "~";
  db().update(loaded);
  // upsert: the same, by conflict on the key.
  std::vector<Item> again = rows;
  for (Item& row : again) row.label = "<" + row.label + ">";
  db().upsert(again, {.conflict_fields = {I.id}, .update_fields = {I.label}});
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(db().get<Item>(static_cast<std::int64_t>(i + 1))->label, "<" + values[i] + ">");
  }
  // delete_ through a query.
  EXPECT_EQ(db().exec(iceaxe::delete_<Item>().where(I.label == "<" + values[12] + ">")), 1u);
  EXPECT_EQ(count_rows("orm_item"), static_cast<std::int64_t>(values.size() - 1));
  EXPECT_EQ(tables(), tables_before);
}

TEST_F(ReliabilityInjection, HostileTextRoundTripsThroughMultiRowValues) {
  const std::vector<std::string>& values = hostile_values();
  std::vector<Employee> people;
  for (const std::string& value : values) {
    people.push_back(orm_test::employee(value, 1));
    people.back().nickname = value;
    people.back().tags = values;
    people.back().payload = {{value, values}};
  }
  db().insert(people);
  std::vector<Employee> loaded = db().exec(select<Employee>().order_by(E.id));
  ASSERT_EQ(loaded.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    SCOPED_TRACE(values[i]);
    EXPECT_EQ(loaded[i].name, values[i]);
    EXPECT_EQ(loaded[i].nickname, values[i]);
    EXPECT_EQ(loaded[i].tags, values);
    EXPECT_EQ(loaded[i].payload, people[i].payload);
    EXPECT_EQ(db().exec(select(E.id).where(E.nickname == values[i])).size(), 1u);
    EXPECT_EQ(db().exec(select(E.id).where(iceaxe::func::any(E.tags) == values[i])).size(),
              values.size());
  }
  for (Employee& e : loaded) {
    std::ranges::reverse(e.tags);
    e.nickname = *e.nickname + "'";
  }
  db().update(loaded);
  std::vector<Employee> reread = db().exec(select<Employee>().order_by(E.id));
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(reread[i].nickname, values[i] + "'");
    EXPECT_EQ(reread[i].tags.front(), values.back());
  }
  EXPECT_EQ(count_rows("orm_item"), 0) << "orm_item is still there";
}

TEST_F(ReliabilityInjection, QuotedTableNamesAndEnumLabelsThroughCreateAllAndEveryCall) {
  create_quoted_tables();
  // The tables exist under exactly those names.
  for (const std::string_view name :
       {QuotedItem::table_name, QuotedTag::table_name, Phrase::table_name}) {
    EXPECT_EQ(other_connection().fetch_value<std::int64_t>(
                  "SELECT count(*) FROM pg_class WHERE relname = $1", std::string(name)),
              1)
        << name;
  }
  EXPECT_EQ(count_rows("orm_item"), 0) << "orm_item is still there";

  std::vector<QuotedItem> items(5);
  const Tone tones[] = {Tone::plain, Tone::quoted, Tone::backslash, Tone::null_word, Tone::braces};
  for (int i = 0; i < 5; ++i) {
    items[i].label = hostile_values()[i + 10];
    items[i].score = i;
    items[i].tone = tones[i];
  }
  items[0].tone.reset();
  db().insert(items);
  ASSERT_TRUE(items[4].id);

  std::vector<QuotedTag> tags(3);
  for (int i = 0; i < 3; ++i) {
    tags[i].item_id = items[i].id;
    tags[i].tones = {Tone::quoted, Tone::null_word, Tone::braces, Tone::backslash};
    tags[i].words = {"NULL", std::nullopt, "{\"}", "\\"};
  }
  db().insert(tags);

  // Reads: select with a join, get, refresh.
  const auto joined = db().exec(select(Q.label, T.tones)
                                    .join(iceaxe::table<QuotedTag>, T.item_id == Q.id)
                                    .where(Q.tone == Tone::backslash));
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(std::get<0>(joined[0]), items[2].label);
  EXPECT_EQ(std::get<1>(joined[0]), tags[2].tones);
  const std::optional<QuotedTag> tag = db().get<QuotedTag>(*tags[1].id);
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->words, tags[1].words);
  EXPECT_EQ(db().exec(select(Q.id).where(Q.tone == Tone::null_word)).size(), 1u);
  EXPECT_EQ(db().exec(select(Q.id).where(Q.tone == std::nullopt)).size(), 1u);

  // Writes: update, upsert, query update and delete, delete_, refresh.
  items[1].tone = Tone::braces;
  items[2].score = 42;
  db().update(items);
  tags[0].tones = {Tone::plain};
  db().update(tags);
  std::vector<QuotedItem> incoming(2);
  incoming[0].label = items[3].label;  // conflicts
  incoming[0].score = 7;
  incoming[1].label = "new'\"";
  incoming[1].tone = Tone::quoted;
  db().upsert(incoming, {.conflict_fields = {Q.label}, .update_fields = {Q.score}});
  EXPECT_EQ(incoming[0].id, items[3].id);
  EXPECT_EQ(db().exec(iceaxe::update<QuotedItem>()
                          .set(Q.tone, Tone::backslash)
                          .where(Q.label == incoming[1].label)),
            1u);
  db().refresh(items);
  EXPECT_EQ(items[1].tone, Tone::braces);
  EXPECT_EQ(items[2].score, 42);
  EXPECT_EQ(items[3].score, 7);
  EXPECT_EQ(db().get<QuotedTag>(*tags[0].id)->tones, std::vector<Tone>{Tone::plain});
  // Constraints under quoted names work: the CHECK, the UNIQUE, the foreign key.
  QuotedItem negative;
  negative.label = "negative";
  negative.score = -1;
  EXPECT_THROW(db().insert(negative), iceaxe::CheckViolation);
  QuotedItem twin;
  twin.label = items[0].label;
  EXPECT_THROW(db().insert(twin), iceaxe::UniqueViolation);
  EXPECT_THROW(db().delete_(items[0]), iceaxe::ForeignKeyViolation);
  db().delete_(tags);
  EXPECT_EQ(db().exec(iceaxe::delete_<QuotedItem>().where(Q.score >= 0)), 6u);
  EXPECT_EQ(count_rows(QuotedItem::table_name), 0);
  EXPECT_EQ(count_rows("orm_item"), 0) << "orm_item is still there";
}

TEST_F(ReliabilityInjection, HostileValuesAsPrimaryKeys) {
  create_quoted_tables();
  std::vector<Phrase> phrases;
  for (const std::string& value : hostile_values()) phrases.push_back({.text = value, .note = "n"});
  db().insert(phrases);
  for (const std::string& value : hostile_values()) {
    SCOPED_TRACE(value);
    const std::optional<Phrase> got = db().get<Phrase>(value);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->text, value);
  }
  for (Phrase& phrase : phrases) phrase.note = phrase.text;
  db().update(phrases);
  db().refresh(phrases);
  for (const Phrase& phrase : phrases) EXPECT_EQ(phrase.note, phrase.text);
  db().delete_(std::span(phrases).first(10));
  EXPECT_EQ(count_rows(Phrase::table_name),
            static_cast<std::int64_t>(hostile_values().size() - 10));
  EXPECT_FALSE(db().get<Phrase>(hostile_values()[0]));
}

TEST_F(ReliabilityInjection, QuotedOutputAndColumnNames) {
  // Column names come from C++ members; names of output columns and of raw tables' columns
  // can hold anything.
  std::vector<Item> rows = {orm_test::item(1, "a", 1), orm_test::item(2, "b", 2)};
  db().insert(rows);
  const std::string name = "n\"; DROP TABLE orm_item; --'";
  const auto counted =
      db().exec(select(I.label, iceaxe::alias(name, iceaxe::func::count(I.id)))
                    .group_by(I.label)
                    .order_by(iceaxe::alias<std::int64_t>(name), iceaxe::Order::desc));
  EXPECT_EQ(counted.size(), 2u);

  iceaxe::pg::Connection& conn = db().conn();
  const std::string column = "it's \"col\"; --";
  conn.execute("CREATE TABLE raw_quoted (" + iceaxe::pg::quote_identifier(column) + " text)");
  iceaxe::pg::CopyWriter copy = conn.copy_in("raw_quoted", {column});
  copy.write_row(std::string("copied"));
  EXPECT_EQ(copy.finish(), 1u);
  const iceaxe::pg::Result result = conn.fetch("SELECT * FROM raw_quoted");
  EXPECT_EQ(result.front().get<std::string>(column), "copied");
  EXPECT_EQ(count_rows("orm_item"), 2);
}

TEST_F(ReliabilityInjection, NulBytesAreRefusedBeforeAnythingIsSent) {
  std::vector<Item> rows = {orm_test::item(1, "a", 1), orm_test::item(2, "b", 2)};
  db().insert(rows);
  const std::string nul("nul\0byte", 8);
  orm_test::LogCapture log;
  db().transaction([&] {
    std::vector<Item> bad = {orm_test::item(3, "ok", 1), orm_test::item(4, nul, 1)};
    try {
      db().insert(bad);
      ADD_FAILURE() << "no exception";
    } catch (const iceaxe::ValueError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("Item.label (object 1 of the call)"), std::string::npos) << what;
      EXPECT_NE(what.find("NUL"), std::string::npos) << what;
    }
    rows[1].label = nul;
    EXPECT_THROW(db().update(rows), iceaxe::ValueError);
    EXPECT_THROW(db().upsert(bad, {.conflict_fields = {I.id}, .update_fields = {I.label}}),
                 iceaxe::ValueError);
    EXPECT_THROW(db().exec(select<Item>().where(I.label == nul)), iceaxe::ValueError);
    Employee e = orm_test::employee("x", 1);
    e.tags = {"fine", nul};
    try {
      db().insert(e);
      ADD_FAILURE() << "no exception";
    } catch (const iceaxe::ValueError& error) {
      EXPECT_NE(std::string(error.what()).find("Employee.tags"), std::string::npos) << error.what();
    }
    // Inside JSON the NUL is an escape (\u0000) that jsonb refuses: refused here too.
    Item in_json = orm_test::item(5, "json", 1);
    in_json.doc = {{"k", nul}};
    try {
      db().insert(in_json);
      ADD_FAILURE() << "no exception";
    } catch (const iceaxe::ValueError& error) {
      EXPECT_NE(std::string(error.what()).find("Item.doc"), std::string::npos) << error.what();
    }
    Item in_key = orm_test::item(6, "json key", 1);
    in_key.doc = {{nul, 1}};
    EXPECT_THROW(db().insert(in_key), iceaxe::ValueError);
    // Nothing reached the server: the transaction is healthy.
    EXPECT_EQ(db().conn().transaction_status(), iceaxe::pg::TransactionStatus::in_transaction);
  });
  for (const std::string& sql : log.statements()) {
    EXPECT_TRUE(sql == "BEGIN" || sql.ends_with("COMMIT")) << sql;
  }
  EXPECT_EQ(db().get<Item>(2)->label, "b");
  EXPECT_EQ(count_rows("orm_item"), 2);
}

TEST_F(ReliabilityInjection, InvalidUtf8FailsClearlyAndWritesNothing) {
  const std::string bad = "caf\xc3 \xff";
  std::vector<Item> rows = {orm_test::item(1, "ok", 1), orm_test::item(2, bad, 1)};
  try {
    db().insert(rows);
    FAIL() << "no exception";
  } catch (const iceaxe::CharacterNotInRepertoire& e) {
    EXPECT_EQ(e.sqlstate(), "22021");
    EXPECT_NE(e.message().find("invalid byte sequence for encoding \"UTF8\""), std::string::npos);
  }
  Employee e = orm_test::employee(bad, 1);
  EXPECT_THROW(db().insert(e), iceaxe::CharacterNotInRepertoire);
  EXPECT_THROW(db().exec(select<Item>().where(I.label == bad)), iceaxe::CharacterNotInRepertoire);
  // JSON is checked here, naming the field.
  Item in_json = orm_test::item(3, "json", 1);
  in_json.doc = {{"k", bad}};
  try {
    db().insert(in_json);
    FAIL() << "no exception";
  } catch (const iceaxe::ValueError& error) {
    EXPECT_NE(std::string(error.what()).find("Item.doc"), std::string::npos) << error.what();
  }
  EXPECT_EQ(count_rows("orm_item"), 0);
  EXPECT_EQ(count_rows("orm_employee"), 0);
  EXPECT_FALSE(db().conn().is_broken());
  db().insert(rows[0]);
  EXPECT_EQ(count_rows("orm_item"), 1);
}

TEST_F(ReliabilityInjection, TenMegabyteValuesRoundTripOrFailClearly) {
  const std::string big = incompressible(10 << 20, 1);
  const std::string other = incompressible(10 << 20, 2);
  std::vector<Item> rows = {orm_test::item(1, big, 1), orm_test::item(2, "small", 2)};
  db().insert(rows);
  EXPECT_EQ(db().get<Item>(1)->label, big);
  const std::vector<Item> found = db().exec(select<Item>().where(I.label == big));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 1);
  rows[0].label = other;
  db().update(rows);
  EXPECT_EQ(db().get<Item>(1)->label, other);
  std::vector<Item> again = {orm_test::item(2, big, 3)};
  db().upsert(again, {.conflict_fields = {I.id}, .update_fields = {I.label}});
  EXPECT_EQ(db().get<Item>(2)->label, big);

  Employee e = orm_test::employee("big", 1);
  e.tags = {"a", big};
  db().insert(e);
  EXPECT_EQ(db().get<Employee>(*e.id)->tags, e.tags);

  // Failing with a 10 MB value: the error is short, the value shortened.
  std::vector<Item> failing = {orm_test::item(3, big, -1)};
  try {
    db().insert(failing);
    FAIL() << "no exception";
  } catch (const iceaxe::CheckViolation& e) {
    EXPECT_LT(std::string_view(e.what()).size(), 5000u);
  }
  // Too big for an index (a unique or key column): the server's limit, clearly.
  create_quoted_tables();
  Phrase huge{.text = big, .note = "too big a key"};
  EXPECT_THROW(db().insert(huge), iceaxe::ProgramLimitExceeded);
  EXPECT_EQ(count_rows(Phrase::table_name), 0);
  EXPECT_EQ(count_rows("orm_item"), 2);
}

}  // namespace
}  // namespace reliability_test
