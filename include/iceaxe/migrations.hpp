#pragma once

// Migrations: the schema the models describe, the database's, their difference as SQL
// revision files, applying and rolling them back, create_all, and the command line.

#include "iceaxe/migrations/cli.hpp"
#include "iceaxe/migrations/create_all.hpp"
#include "iceaxe/migrations/diff.hpp"
#include "iceaxe/migrations/introspect.hpp"
#include "iceaxe/migrations/migrate.hpp"
#include "iceaxe/migrations/model_schema.hpp"
#include "iceaxe/migrations/revision_file.hpp"
#include "iceaxe/migrations/schema.hpp"
#include "iceaxe/migrations/schema_sql.hpp"
#include "iceaxe/migrations/sql_splitter.hpp"
