#pragma once

// PostgreSQL column types a field can be given explicitly (FieldOptions::explicit_type):
// the same set as Python iceaxe's ColumnType.

#include <string_view>

namespace iceaxe {

enum class ColumnType {
  smallint,
  integer,
  bigint,
  decimal,
  numeric,
  real,
  double_precision,
  serial,
  bigserial,
  smallserial,
  money,
  char_,
  varchar,
  text,
  bytea,
  date,
  time_without_time_zone,
  time_with_time_zone,
  timestamp_without_time_zone,
  timestamp_with_time_zone,
  interval,
  boolean,
  point,
  line,
  lseg,
  box,
  path,
  polygon,
  circle,
  cidr,
  inet,
  macaddr,
  macaddr8,
  bit,
  bit_varying,
  tsvector,
  tsquery,
  uuid,
  xml,
  json,
  jsonb,
  int4range,
  numrange,
  tsrange,
  tstzrange,
  daterange,
  oid,
};

// The type as PostgreSQL spells it ("double precision", "timestamp with time zone").
constexpr std::string_view sql_name(ColumnType type) noexcept {
  switch (type) {
    case ColumnType::smallint:
      return "smallint";
    case ColumnType::integer:
      return "integer";
    case ColumnType::bigint:
      return "bigint";
    case ColumnType::decimal:
      return "decimal";
    case ColumnType::numeric:
      return "numeric";
    case ColumnType::real:
      return "real";
    case ColumnType::double_precision:
      return "double precision";
    case ColumnType::serial:
      return "serial";
    case ColumnType::bigserial:
      return "bigserial";
    case ColumnType::smallserial:
      return "smallserial";
    case ColumnType::money:
      return "money";
    case ColumnType::char_:
      return "char";
    case ColumnType::varchar:
      return "character varying";
    case ColumnType::text:
      return "text";
    case ColumnType::bytea:
      return "bytea";
    case ColumnType::date:
      return "date";
    case ColumnType::time_without_time_zone:
      return "time without time zone";
    case ColumnType::time_with_time_zone:
      return "time with time zone";
    case ColumnType::timestamp_without_time_zone:
      return "timestamp without time zone";
    case ColumnType::timestamp_with_time_zone:
      return "timestamp with time zone";
    case ColumnType::interval:
      return "interval";
    case ColumnType::boolean:
      return "boolean";
    case ColumnType::point:
      return "point";
    case ColumnType::line:
      return "line";
    case ColumnType::lseg:
      return "lseg";
    case ColumnType::box:
      return "box";
    case ColumnType::path:
      return "path";
    case ColumnType::polygon:
      return "polygon";
    case ColumnType::circle:
      return "circle";
    case ColumnType::cidr:
      return "cidr";
    case ColumnType::inet:
      return "inet";
    case ColumnType::macaddr:
      return "macaddr";
    case ColumnType::macaddr8:
      return "macaddr8";
    case ColumnType::bit:
      return "bit";
    case ColumnType::bit_varying:
      return "bit varying";
    case ColumnType::tsvector:
      return "tsvector";
    case ColumnType::tsquery:
      return "tsquery";
    case ColumnType::uuid:
      return "uuid";
    case ColumnType::xml:
      return "xml";
    case ColumnType::json:
      return "json";
    case ColumnType::jsonb:
      return "jsonb";
    case ColumnType::int4range:
      return "int4range";
    case ColumnType::numrange:
      return "numrange";
    case ColumnType::tsrange:
      return "tsrange";
    case ColumnType::tstzrange:
      return "tstzrange";
    case ColumnType::daterange:
      return "daterange";
    case ColumnType::oid:
      return "oid";
  }
  return {};
}

}  // namespace iceaxe
