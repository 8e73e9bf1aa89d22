"""The asyncpg side of the benchmark suite: the C++ suite's workloads through asyncpg.

asyncpg is the driver Python iceaxe runs on, so these figures are the Python baseline
that bench/README.md compares iceaxe for C++ against. Each workload (W1..W9) runs the
same SQL over the tables of bench/schema.sql, which this script loads first (it drops and
recreates them). Statements go through asyncpg's ordinary API, which prepares them once
and caches them. Every case runs once untimed as a warm-up, then a few timed
repetitions (time.perf_counter, any per-repetition setup left out); the figure reported
is the median time of one operation: one lookup for W1, one statement or COPY otherwise.

Needs Debian's packages only (apt-get install -y python3-asyncpg), and a server reached
through the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) or
DATABASE_URL. Run it against a throwaway cluster:

    pg_virtualenv -t /usr/bin/python3 bench/asyncpg_bench.py [--quick] [--json FILE]

--quick runs one repetition of the smallest size of each workload (a smoke run);
--json FILE also writes the results as [{"name": ..., "seconds": ...}, ...].
"""

import argparse
import asyncio
import datetime
import json
import os
import pathlib
import statistics
import time

import asyncpg

SCHEMA = pathlib.Path(__file__).resolve().parent / "schema.sql"
TABLE_ROWS = 100_000

EMPLOYEE_COLUMNS = "id, name, age, salary, created_at, office_id"
GET_BY_PK = f"SELECT {EMPLOYEE_COLUMNS} FROM bench_employee WHERE id = $1"
SELECT_LIMIT = f"SELECT {EMPLOYEE_COLUMNS} FROM bench_employee LIMIT $1"
SELECT_THREE = "SELECT id, name, salary FROM bench_employee"
JOIN = (
    "SELECT e.id, e.name, e.age, e.salary, e.created_at, e.office_id, o.id, o.name, o.city"
    " FROM bench_employee e JOIN bench_office o ON o.id = e.office_id WHERE e.id <= 10000"
)
SELECT_ANY = f"SELECT {EMPLOYEE_COLUMNS} FROM bench_employee WHERE id = ANY($1::int8[])"
UNNEST_ROWS = (
    "SELECT * FROM unnest($1::text[], $2::int4[], $3::float8[], $4::timestamptz[])"
)
INSERT = f"INSERT INTO bench_write (name, age, salary, created_at) {UNNEST_ROWS} RETURNING id"
UPDATE = (
    "UPDATE bench_write SET age = u.age FROM unnest($1::int8[], $2::int4[]) AS u(id, age)"
    " WHERE bench_write.id = u.id"
)
UPSERT = (
    f"INSERT INTO bench_upsert (name, age, salary, created_at) {UNNEST_ROWS}"
    " ON CONFLICT (name) DO UPDATE SET age = EXCLUDED.age, salary = EXCLUDED.salary"
    " RETURNING id"
)
WRITE_COLUMNS = ["name", "age", "salary", "created_at"]

BASE_TIME = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


class Employee:
    """A plain object per row, standing in for a full ORM model in W2."""

    __slots__ = ("id", "name", "age", "salary", "created_at", "office_id")

    def __init__(self, id, name, age, salary, created_at, office_id):
        self.id = id
        self.name = name
        self.age = age
        self.salary = salary
        self.created_at = created_at
        self.office_id = office_id


def write_rows(count, prefix="employee number "):
    """The rows W5, W6, W7 and W9 write, as (name, age, salary, created_at) tuples."""
    return [
        (f"{prefix}{i}", 20 + i % 50, i * 1.5, BASE_TIME + datetime.timedelta(seconds=i))
        for i in range(count)
    ]


def as_columns(rows):
    """Row tuples turned into the four column lists that the unnest statements take."""
    return [list(column) for column in zip(*rows)]


async def measure(op, reps, setup=None):
    """Median seconds of one op() call over reps timed runs, after one untimed warm-up.

    setup(), if given, runs before every call, untimed.
    """
    times = []
    for rep in range(reps + 1):
        if setup:
            await setup()
        start = time.perf_counter()
        await op()
        elapsed = time.perf_counter() - start
        if rep:
            times.append(elapsed)
    return statistics.median(times)


# Each workload is an async generator of (name, seconds per operation) pairs.


async def w1_get(conn, reps, quick):
    lookups = 20_000
    ids = [1 + (i * 7919) % TABLE_ROWS for i in range(lookups)]

    async def op():
        for pk in ids:
            await conn.fetchrow(GET_BY_PK, pk)

    yield f"W1_get/asyncpg/{lookups}", await measure(op, reps) / lookups


async def w2_select(conn, reps, quick):
    for n in sizes([1000, 10_000, 100_000], quick):
        async def records():
            await conn.fetch(SELECT_LIMIT, n)

        async def objects():
            [Employee(*row) for row in await conn.fetch(SELECT_LIMIT, n)]

        yield f"W2_select/asyncpg/{n}", await measure(records, reps)
        yield f"W2_select/asyncpg_objects/{n}", await measure(objects, reps)


async def w3_columns(conn, reps, quick):
    async def op():
        await conn.fetch(SELECT_THREE)

    yield f"W3_columns/asyncpg/{TABLE_ROWS}", await measure(op, reps)


async def w4_join(conn, reps, quick):
    async def op():
        await conn.fetch(JOIN)

    yield "W4_join/asyncpg/10000", await measure(op, reps)


async def w5_insert(conn, reps, quick):
    for n in sizes([1000, 10_000, 100_000], quick):
        columns = as_columns(write_rows(n))

        async def setup():
            await conn.execute("TRUNCATE bench_write")

        async def op():
            await conn.fetch(INSERT, *columns)

        yield f"W5_insert/asyncpg/{n}", await measure(op, reps, setup)


async def w6_update(conn, reps, quick):
    for n in sizes([1000, 10_000], quick):
        columns = as_columns(write_rows(n))
        update = {}

        async def setup():
            await conn.execute("TRUNCATE bench_write")
            ids = [row["id"] for row in await conn.fetch(INSERT, *columns)]
            update["args"] = (ids, [age + 1 for age in columns[1]])

        async def op():
            await conn.execute(UPDATE, *update["args"])

        yield f"W6_update/asyncpg/{n}", await measure(op, reps, setup)


async def w7_upsert(conn, reps, quick):
    rows = 10_000
    existing = as_columns(write_rows(rows // 2, prefix="upsert "))
    columns = as_columns(write_rows(rows, prefix="upsert "))
    columns[1] = [age + 1 for age in columns[1]]

    async def setup():
        await conn.execute("TRUNCATE bench_upsert")
        await conn.execute(
            f"INSERT INTO bench_upsert (name, age, salary, created_at) {UNNEST_ROWS}",
            *existing,
        )

    async def op():
        await conn.fetch(UPSERT, *columns)

    yield f"W7_upsert/asyncpg/{rows}", await measure(op, reps, setup)


async def w8_any(conn, reps, quick):
    for k in sizes([10, 1000, 10_000], quick):
        ids = list(range(1, TABLE_ROWS + 1, TABLE_ROWS // k))[:k]

        async def op():
            await conn.fetch(SELECT_ANY, ids)

        yield f"W8_any/asyncpg/{k}", await measure(op, reps)


async def w9_copy(conn, reps, quick):
    rows = write_rows(TABLE_ROWS)

    async def setup():
        await conn.execute("TRUNCATE bench_write")

    async def op():
        await conn.copy_records_to_table("bench_write", records=rows, columns=WRITE_COLUMNS)

    yield f"W9_copy/asyncpg/{TABLE_ROWS}", await measure(op, reps, setup)


WORKLOADS = [w1_get, w2_select, w3_columns, w4_join, w5_insert, w6_update, w7_upsert,
             w8_any, w9_copy]


def sizes(all_sizes, quick):
    return all_sizes[:1] if quick else all_sizes


async def load_schema(conn):
    """Runs bench/schema.sql one statement at a time (VACUUM refuses a multi-statement string)."""
    for statement in SCHEMA.read_text().split(";\n"):
        if statement.strip():
            await conn.execute(statement)


def format_time(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:10.1f} us"
    return f"{seconds * 1e3:10.3f} ms"


def print_row(name, seconds):
    workload, _, rest = name.partition("/")
    variant, _, size = rest.rpartition("/")
    print(f"{workload:<12} {variant:<17} {size:>8} {format_time(seconds)}", flush=True)


async def run(reps, quick):
    conn = await asyncpg.connect(os.environ.get("DATABASE_URL"))
    try:
        await load_schema(conn)
        print(f"{'workload':<12} {'variant':<17} {'size':>8} {'median/op':>13}")
        results = []
        for workload in WORKLOADS:
            async for name, seconds in workload(conn, reps, quick):
                print_row(name, seconds)
                results.append({"name": name, "seconds": seconds})
        return results
    finally:
        await conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="one repetition of the smallest sizes (smoke run)")
    parser.add_argument("--reps", type=int, default=5,
                        help="timed repetitions per case (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args()
    reps = 1 if args.quick else args.reps
    results = asyncio.run(run(reps, args.quick))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
