-- revision: 20261126T101500000Z
-- down_revision: 20261125T193012123Z
-- message: index person name
-- use_transaction: false
-- migrate:up
CREATE INDEX CONCURRENTLY "person_name_idx" ON "person" ("name");
CREATE UNIQUE INDEX CONCURRENTLY "person_lower_name" ON "person" (lower("name")) WHERE "name" <> '';
ALTER TYPE "mood" ADD VALUE 'tired' AFTER 'calm';
-- migrate:down
DROP INDEX CONCURRENTLY "person_lower_name";
DROP INDEX CONCURRENTLY "person_name_idx";
