-- revision: 20261130T000000000Z
-- down_revision: 20261129T000000000Z
-- message:
-- use_transaction: true
-- migrate:up

-- migrate:down
