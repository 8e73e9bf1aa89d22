-- revision: 20261129T000000000Z
-- down_revision: 20261128T120000000Z
-- message: crlf été
-- use_transaction: false

-- migrate:up
SELECT 1;

SELECT $_1$;$_1$, $ü$;$ü$
-- migrate:down
SELECT 2;
