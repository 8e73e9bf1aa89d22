-- revision: 2026_bad
-- down_revision: 20261124T080000000Z
-- migrate:up
SELECT 'unterminated;
-- migrate:down
/* unterminated
