-- revision: 20261124T080000000Z
-- down_revision:
-- message: create office
-- use_transaction: true
-- migrate:up
CREATE TYPE "mood" AS ENUM ('calm', 'busy');

CREATE TABLE "office" (
  "id" bigserial NOT NULL,
  "name" text NOT NULL,
  "mood" "mood" DEFAULT 'calm',
  "moods" "mood"[]
);

ALTER TABLE "office" ADD CONSTRAINT "office_pkey" PRIMARY KEY (id);
ALTER TABLE "office" ADD CONSTRAINT "office_name_check" CHECK (name <> '');
-- migrate:down
DROP TABLE "office";
DROP TYPE "mood";
