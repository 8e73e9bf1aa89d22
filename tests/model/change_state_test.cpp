// Change state: which stored fields differ from the values an object was loaded (or marked
// clean) with. Value semantics: in-place edits count, assigning the same value back is no
// change, copies and moves carry the state, and the objects of one load are independent.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/models.hpp"

namespace model_test {
namespace {

using iceaxe::is_modified;
using iceaxe::mark_clean;
using iceaxe::modified_fields;
using Names = std::vector<std::string_view>;

const Names every_stored_field = {"id",   "name",    "age",     "nickname", "status",
                                  "tags", "payload", "address", "score"};

// ---- objects never loaded ----------------------------------------------------------------

TEST(ChangeStateUnloaded, DefaultConstructedObjectHasEveryStoredFieldModified) {
  const Contact contact;
  EXPECT_TRUE(is_modified(contact));
  EXPECT_EQ(modified_fields(contact), every_stored_field);  // `cache` is excluded
}

TEST(ChangeStateUnloaded, DesignatedInitializedObjectHasEveryStoredFieldModified) {
  const Contact contact{.id = 1, .name = "Ann", .age = 30};
  EXPECT_EQ(modified_fields(contact), every_stored_field);
}

TEST(ChangeStateUnloaded, MarkCleanTakesTheCurrentValues) {
  Contact contact{.id = 1, .name = "Ann"};
  mark_clean(contact);
  EXPECT_FALSE(is_modified(contact));
  EXPECT_TRUE(modified_fields(contact).empty());
  contact.age = 30;
  EXPECT_EQ(modified_fields(contact), Names{"age"});
  EXPECT_TRUE(iceaxe::detail::modified_field_set(contact).test(2));
  EXPECT_EQ(iceaxe::detail::modified_field_set(contact).count(), 1u);
}

TEST(ChangeStateUnloaded, MarkCleanAllCleansTheObjectsGivenAndNoOthers) {
  std::vector<Contact> contacts(3);
  Contact* const some[] = {&contacts[0], &contacts[1]};
  iceaxe::detail::mark_clean_all<Contact>(some);
  EXPECT_FALSE(is_modified(contacts[0]));
  EXPECT_FALSE(is_modified(contacts[1]));
  EXPECT_EQ(modified_fields(contacts[2]), every_stored_field);
  contacts[0].name = "Ann";  // one block, separate snapshots
  EXPECT_EQ(modified_fields(contacts[0]), Names{"name"});
  EXPECT_FALSE(is_modified(contacts[1]));
}

TEST(ChangeStateUnloaded, ExcludedFieldsAreNeverModified) {
  Contact contact;
  mark_clean(contact);
  contact.cache = "recomputed";
  EXPECT_FALSE(is_modified(contact));
}

TEST(ChangeStateUnloaded, ModifiedFieldsAreInDeclarationOrder) {
  Contact contact;
  mark_clean(contact);
  contact.score = 2;
  contact.name = "Ann";
  contact.id = 5;
  EXPECT_EQ(modified_fields(contact), (Names{"id", "name", "score"}));
}

// Doubles are compared by their bits, as the server stores them: -0.0 is a change from 0.0
// (float8 keeps the sign: '-0'), and a NaN assigned over the same NaN is no change.
TEST(ChangeStateUnloaded, DoublesCompareByTheirBits) {
  Contact contact{.score = 0.0};
  mark_clean(contact);
  contact.score = -0.0;
  EXPECT_EQ(modified_fields(contact), Names{"score"});
  contact.score = 0.0;
  EXPECT_FALSE(is_modified(contact));

  contact.score = std::numeric_limits<double>::quiet_NaN();
  mark_clean(contact);
  contact.score = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(is_modified(contact));
  contact.score = -std::numeric_limits<double>::quiet_NaN();  // another NaN
  EXPECT_EQ(modified_fields(contact), Names{"score"});
}

// ---- loaded objects ----------------------------------------------------------------------

class ChangeState : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    conn().execute(std::string(create_status_type));
  }

  // Contacts 1..count read from the server (names "name 1"..., age 20 + id, no nickname,
  // tags {a, b}, payload {"k": [1, 2]}, address Oslo 150), with `score` as given.
  std::vector<Contact> load_contacts(int count, std::string_view score = "0.0") {
    return iceaxe::detail::read_models<Contact>(conn().fetch(
        "SELECT i, 'name ' || i, 20 + i, NULL::text, 'live'::status, "
        "ARRAY['a', 'b']::text[], '{\"k\": [1, 2]}'::jsonb, "
        "'{\"city\": \"Oslo\", \"zip\": 150}'::jsonb, (" +
            std::string(score) + ")::float8 FROM generate_series(1, $1) AS i ORDER BY i",
        count));
  }

  Contact load_one() { return load_contacts(1).at(0); }
};

TEST_F(ChangeState, LoadedObjectsAreClean) {
  const std::vector<Contact> contacts = load_contacts(3);
  ASSERT_EQ(contacts.size(), 3u);
  for (const Contact& contact : contacts) {
    EXPECT_FALSE(is_modified(contact));
    EXPECT_TRUE(modified_fields(contact).empty());
  }
  EXPECT_EQ(contacts[2].name, "name 3");
}

TEST_F(ChangeState, AssigningADifferentValueMarksExactlyThatField) {
  Contact contact = load_one();
  contact.age = 99;
  EXPECT_EQ(modified_fields(contact), Names{"age"});
  contact.status = Status::draft;
  EXPECT_EQ(modified_fields(contact), (Names{"age", "status"}));
}

TEST_F(ChangeState, AssigningTheSameValueBackIsNoChange) {
  Contact contact = load_one();
  contact.name = "someone else";
  contact.score = 1.5;
  ASSERT_EQ(modified_fields(contact), (Names{"name", "score"}));
  contact.name = "name 1";
  contact.score = 0.0;
  EXPECT_FALSE(is_modified(contact));
}

TEST_F(ChangeState, InPlaceVectorEditsAreChanges) {
  Contact contact = load_one();
  contact.tags.push_back("c");
  EXPECT_EQ(modified_fields(contact), Names{"tags"});
  contact.tags.pop_back();
  EXPECT_FALSE(is_modified(contact));
  contact.tags[1] = "z";  // same length, one element changed
  EXPECT_EQ(modified_fields(contact), Names{"tags"});
  contact.tags[1] = "b";
  EXPECT_FALSE(is_modified(contact));
  contact.tags.clear();
  EXPECT_EQ(modified_fields(contact), Names{"tags"});
}

TEST_F(ChangeState, InPlaceJsonEditsAreChanges) {
  Contact contact = load_one();
  contact.payload["k"].push_back(3);
  EXPECT_EQ(modified_fields(contact), Names{"payload"});
  contact.payload["k"].erase(2);
  EXPECT_FALSE(is_modified(contact));
  contact.payload["k"][0] = "one";
  EXPECT_EQ(modified_fields(contact), Names{"payload"});
  contact.payload = {{"k", {1, 2}}};
  EXPECT_FALSE(is_modified(contact));
}

TEST_F(ChangeState, EditingAFieldOfAJsonDocumentIsAChange) {
  Contact contact = load_one();
  contact.address.zip = 151;
  EXPECT_EQ(modified_fields(contact), Names{"address"});
  contact.address.zip = 150;
  EXPECT_FALSE(is_modified(contact));
  contact.address.city += "!";
  EXPECT_EQ(modified_fields(contact), Names{"address"});
}

TEST_F(ChangeState, OptionalSetAndReset) {
  Contact contact = load_one();  // nickname NULL
  contact.nickname = "Nick";
  EXPECT_EQ(modified_fields(contact), Names{"nickname"});
  contact.nickname.reset();
  EXPECT_FALSE(is_modified(contact));
  contact.nickname = "";  // an empty string is not NULL
  EXPECT_EQ(modified_fields(contact), Names{"nickname"});

  contact.nickname = "Nick";
  mark_clean(contact);
  contact.nickname.reset();
  EXPECT_EQ(modified_fields(contact), Names{"nickname"});
}

TEST_F(ChangeState, AValueTheCodecRefusesCountsAsModified) {
  Contact contact = load_one();
  contact.tags.push_back(std::string("nul\0byte", 8));
  EXPECT_EQ(modified_fields(contact), Names{"tags"});
}

TEST_F(ChangeState, CopiesCarryTheStateAndAreIndependent) {
  std::vector<Contact> contacts = load_contacts(2);
  Contact copy = contacts[0];
  EXPECT_FALSE(is_modified(copy));  // a copy of a clean object is clean
  copy.age = 1;
  EXPECT_EQ(modified_fields(copy), Names{"age"});
  EXPECT_FALSE(is_modified(contacts[0]));  // the original is untouched

  contacts[1].name = "changed";
  const Contact pending = contacts[1];  // a copy of a modified object is modified alike
  EXPECT_EQ(modified_fields(pending), Names{"name"});
  contacts[1].name = "name 2";
  EXPECT_FALSE(is_modified(contacts[1]));
  EXPECT_EQ(modified_fields(pending), Names{"name"});
}

TEST_F(ChangeState, MovesCarryTheState) {
  std::vector<Contact> contacts = load_contacts(2);
  const Contact moved = std::move(contacts[0]);
  EXPECT_FALSE(is_modified(moved));

  contacts[1].age = 7;
  const Contact moved_pending = std::move(contacts[1]);
  EXPECT_EQ(modified_fields(moved_pending), Names{"age"});
}

TEST_F(ChangeState, VectorReallocationAndSortingKeepLoadedObjectsClean) {
  std::vector<Contact> contacts = load_contacts(3);
  contacts.reserve(contacts.capacity() * 4 + 1);  // moves every element
  contacts.push_back(Contact{.id = 4});
  std::ranges::sort(contacts, [](const Contact& a, const Contact& b) { return a.id > b.id; });
  ASSERT_EQ(contacts.front().id, 4);
  EXPECT_EQ(modified_fields(contacts.front()), every_stored_field);
  for (std::size_t i = 1; i < contacts.size(); ++i) {
    EXPECT_FALSE(is_modified(contacts[i])) << contacts[i].id;
    EXPECT_EQ(contacts[i].name, "name " + std::to_string(contacts[i].id));
  }
}

TEST_F(ChangeState, CopyAndMoveAssignmentReplaceTheState) {
  std::vector<Contact> contacts = load_contacts(3);
  Contact fresh;
  fresh = contacts[0];
  EXPECT_FALSE(is_modified(fresh));

  contacts[1] = Contact{.id = 2, .name = "name 2", .age = 22};  // a never-loaded value
  EXPECT_EQ(modified_fields(contacts[1]), every_stored_field);

  Contact target;
  target = std::move(contacts[2]);
  EXPECT_FALSE(is_modified(target));
}

TEST_F(ChangeState, MarkCleanMakesTheEditedValuesTheSnapshot) {
  Contact contact = load_one();
  contact.age = 50;
  mark_clean(contact);
  EXPECT_FALSE(is_modified(contact));
  contact.age = 21;  // the loaded value is now a change
  EXPECT_EQ(modified_fields(contact), Names{"age"});
}

TEST_F(ChangeState, TwoLoadsHaveIndependentSnapshots) {
  std::vector<Contact> first = load_contacts(2);
  std::vector<Contact> second = load_contacts(2);
  second[0].name = "x";
  EXPECT_FALSE(is_modified(first[0]));
  mark_clean(second[0]);
  first[0].name = "x";
  EXPECT_EQ(modified_fields(first[0]), Names{"name"});  // first's snapshot is unchanged
  EXPECT_FALSE(is_modified(second[0]));
  EXPECT_FALSE(is_modified(first[1]));  // objects of one load do not share a state
  EXPECT_FALSE(is_modified(second[1]));
}

TEST_F(ChangeState, NaNLoadedAndAssignedAgainIsNoChange) {
  Contact contact = load_contacts(1, "'NaN'").at(0);
  ASSERT_TRUE(std::isnan(contact.score));
  contact.score = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(is_modified(contact));
}

TEST_F(ChangeState, NegativeZeroLoadedIsKept) {
  Contact contact = load_contacts(1, "'-0'").at(0);
  EXPECT_TRUE(std::signbit(contact.score));
  contact.score = 0.0;
  EXPECT_EQ(modified_fields(contact), Names{"score"});
}

}  // namespace
}  // namespace model_test
