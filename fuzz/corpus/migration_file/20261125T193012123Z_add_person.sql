-- revision: 20261125T193012123Z
-- down_revision: 20261124T080000000Z
-- message: add person
-- use_transaction: true
-- migrate:up
CREATE TABLE "person" (
  "id" bigserial NOT NULL,
  "office_id" bigint,
  "name" varchar(20) NOT NULL
);

ALTER TABLE "person" ADD CONSTRAINT "person_pkey" PRIMARY KEY (id);
ALTER TABLE "person" ADD CONSTRAINT "person_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "office" ("id") ON DELETE CASCADE;
ALTER TABLE "person" ADD CONSTRAINT "person_name_key" UNIQUE ("name");
-- migrate:down
DROP TABLE "person";
