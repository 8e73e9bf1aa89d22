-- revision: 20261128T120000000Z
-- down_revision: 20261127T000000001Z
-- message: log inserts
-- use_transaction: true
-- migrate:up
CREATE RULE "r" AS ON INSERT TO "person" DO ALSO (INSERT INTO "log" VALUES (1); NOTIFY "person");
PREPARE p AS SELECT $1, $2 FROM t$1; SELECT a$$b, x$ FROM "t;x", U&'d\0061t\' AS "say ""hi""; '"
-- migrate:down
