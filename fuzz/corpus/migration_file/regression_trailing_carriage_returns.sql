-- revision: 1
-- down_revision:
-- migrate:up
SELECT 1;
-- migrate:down
SELECT 2; 