-- The benchmark's tables, shared by iceaxe_bench (C++) and asyncpg_bench.py.
DROP TABLE IF EXISTS bench_employee, bench_office, bench_write, bench_upsert CASCADE;
CREATE TABLE bench_office (
  id bigserial PRIMARY KEY, name text NOT NULL, city text NOT NULL);
INSERT INTO bench_office (name, city)
  SELECT 'office ' || g, 'city ' || g % 10 FROM generate_series(1, 100) g;
CREATE TABLE bench_employee (
  id bigserial PRIMARY KEY, name text NOT NULL, age integer NOT NULL,
  salary double precision NOT NULL, created_at timestamptz NOT NULL,
  office_id bigint NOT NULL REFERENCES bench_office);
INSERT INTO bench_employee (name, age, salary, created_at, office_id)
  SELECT 'employee number ' || g, 20 + g % 50, g * 1.5, now() - g * interval '1 minute',
         1 + g % 100
  FROM generate_series(1, 100000) g;
CREATE TABLE bench_write (
  id bigserial PRIMARY KEY, name text NOT NULL, age integer NOT NULL,
  salary double precision NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE bench_upsert (
  id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, age integer NOT NULL,
  salary double precision NOT NULL, created_at timestamptz NOT NULL);
VACUUM ANALYZE bench_office, bench_employee, bench_write, bench_upsert;
