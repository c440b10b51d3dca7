#!/usr/bin/env python3
"""The bulletin's aggregate queries on the same national-scale data in SQLite (the file the
Swift benchmark built), PostgreSQL (when IMDMS_BENCH_POSTGRES_URL is set and psql is on PATH)
and DuckDB (PyPI), median of five runs each, with the ratio to DuckDB.

Usage: python3 Benchmarks/duckdb_compare.py [/tmp/imdms-bench-national.sqlite]
"""
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

import duckdb

PATH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/imdms-bench-national.sqlite"
JOIN = "FROM observations o JOIN submissions s ON s.id = o.submission_id WHERE s.status = 'published'"
QUERIES = {
    "quarter: post x direction": f"SELECT o.k1, o.k2, SUM(o.value), COUNT(*) {JOIN} AND o.dataset_id = 'BORDER_CROSSINGS' "
                                 "AND o.period_start >= '2025-10-01' AND o.period_end <= '2025-12-31' GROUP BY o.k1, o.k2",
    "quarter: all dims (mixed-level path)": f"SELECT o.k1, o.k2, o.k3, o.k4, o.k5, o.k6, o.period, SUM(o.value), COUNT(*) {JOIN} "
                                 "AND o.dataset_id = 'BORDER_CROSSINGS' AND o.period_start >= '2025-10-01' AND o.period_end <= '2025-12-31' "
                                 "GROUP BY o.k1, o.k2, o.k3, o.k4, o.k5, o.k6, o.period",
    "8 quarters: period x direction": f"SELECT o.period, o.k2, SUM(o.value) {JOIN} AND o.dataset_id = 'BORDER_CROSSINGS' "
                                 "AND o.period_start >= '2024-01-01' AND o.period_end <= '2025-12-31' GROUP BY o.period, o.k2",
    "ten years: citizenship x sex": f"SELECT o.k3, o.k4, SUM(o.value) {JOIN} AND o.dataset_id = 'BORDER_CROSSINGS' GROUP BY o.k3, o.k4",
}


def timed(run, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    lite = sqlite3.connect(PATH)
    count = lite.execute("SELECT COUNT(*) FROM observations").fetchone()[0]
    print(f"{count} observations in {PATH}")
    duck = duckdb.connect()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for table, columns in [("submissions", "id, status, dataset_id"),
                               ("observations", "submission_id, dataset_id, k1, k2, k3, k4, k5, k6, period, period_start, period_end, value")]:
            path = os.path.join(folder, table + ".csv")
            with open(path, "w") as out:
                out.write(columns.replace(" ", "") + "\n")
                for row in lite.execute(f"SELECT {columns} FROM {table}"):
                    out.write(",".join("" if v is None else str(v) for v in row) + "\n")
            duck.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv_auto('{path}', header=true, all_varchar=false)")
    print(f"copied into DuckDB in {time.perf_counter() - started:.1f} s")
    postgres = os.environ.get("IMDMS_BENCH_POSTGRES_URL")
    print("| query | SQLite (ms) | PostgreSQL (ms) | DuckDB (ms) | SQLite ÷ DuckDB | PostgreSQL ÷ DuckDB |")
    print("|---|---|---|---|---|---|")
    for name, sql in QUERIES.items():
        t_lite = timed(lambda: lite.execute(sql).fetchall())
        t_duck = timed(lambda: duck.execute(sql).fetchall())
        t_pg = None
        if postgres:
            url = postgres.split("?")[0]
            def pg():
                subprocess.run(["psql", url, "-q", "-A", "-t", "-c", sql], check=True, stdout=subprocess.DEVNULL)
            pg()
            t_pg = timed(pg)
        pg_text = f"{t_pg * 1000:.0f}" if t_pg else "–"
        pg_ratio = f"{t_pg / t_duck:.1f}×" if t_pg else "–"
        print(f"| {name} | {t_lite * 1000:.0f} | {pg_text} | {t_duck * 1000:.0f} | {t_lite / t_duck:.1f}× | {pg_ratio} |")


if __name__ == "__main__":
    main()
