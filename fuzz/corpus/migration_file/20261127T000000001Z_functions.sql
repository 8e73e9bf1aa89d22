-- Written by hand: a trigger function in PL/pgSQL and a SQL-standard function body.
-- revision: 20261127T000000001Z
-- down_revision: 20261126T101500000Z
-- message: touch trigger (v2)
-- use_transaction: true
-- Note: the body uses dollar quotes.
-- migrate:up
CREATE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE s text := $$;'$$ || E'it\'s; fine';
BEGIN
  NEW."updated_at" := now(); -- it's
  RETURN NEW;
END
$body$;

CREATE OR REPLACE FUNCTION "sign_of"(a int, "end" int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
  SELECT 2;
END;

DO $$
BEGIN
  PERFORM 1; /* nested /* comment; */ still */
END
$$;
-- migrate:down
DROP FUNCTION "sign_of"(int, int);
DROP FUNCTION "touch"();
