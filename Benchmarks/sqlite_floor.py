#!/usr/bin/env python3
"""The floor under a traveller import on SQLite (issue 16): how long SQLite itself takes to store
what `imdms movements import` stores, whatever the Swift code around it does.

    python3 Benchmarks/sqlite_floor.py [ROWS ...]

For each size (default 1,000,000 crossings; ROWS/PEOPLE for movements_incremental.py's timeline):
  1. writes movements_compare.py's synthetic extract and imports it with the release build (timed);
  2. runs DuckDB's version of the same work on the file (movements_compare.py's script, timed);
  3. copies the store, takes the crossings and the BORDER_CROSSINGS values out again (VACUUM, so
     the file is as compact as before they went in), and puts them back through Python's sqlite3
     the way BulkWriter does: multi-row INSERTs of bound values in the store's key order, 32,000
     values a statement, one transaction each, ON CONFLICT DO NOTHING for the crossings, journal
     mode WAL, synchronous FULL (SQLite's default, as IMDMS runs), foreign keys on, a 64 MB page
     cache. No CSV is read, nothing pseudonymised or derived: the two stores alone.
  4. for the data model the issue's last goal would need (not IMDMS's): the same crossings packed,
     one row per person (their crossings as one text, as the derivation reads them), and appended
     as an extract's chunks of 10,000 crossings (no index by person to insert into) — the same
     connection settings.
Prints one table row per size. Python's sqlite3 may be an older SQLite than the one IMDMS links.
"""
import importlib.util, json, os, shutil, sqlite3, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

def module(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, name + ".py"))
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded

compare = module("movements_compare")
BIND_LIMIT = 32_000

def connect(path):
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ["journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "cache_size = -65536"]:
        db.execute("PRAGMA " + pragma)
    return db

def columns(db, table):
    return [row[1] for row in db.execute(f'PRAGMA table_info("{table}")') if row[1] != "id"]

def put_back(db, table, cols, rows, suffix=""):
    """Multi-row INSERTs of bound values in one transaction; seconds to commit."""
    per = BIND_LIMIT // len(cols)
    group = "(" + ", ".join("?" * len(cols)) + ")"
    head = f'INSERT INTO "{table}" (' + ", ".join(f'"{c}"' for c in cols) + ") VALUES "
    start = time.time()
    db.execute("BEGIN IMMEDIATE")
    for i in range(0, len(rows), per):
        chunk = rows[i:i + per]
        db.execute(head + ", ".join([group] * len(chunk)) + suffix, [v for row in chunk for v in row])
    db.execute("COMMIT")
    return time.time() - start

def floor(store):
    """Seconds SQLite takes to store the import's crossings and BORDER_CROSSINGS values again."""
    path = os.path.join(store, "imdms.sqlite")
    db = connect(path)
    movement_columns, observation_columns = columns(db, "movements"), columns(db, "observations")
    crossings = db.execute(f'SELECT {", ".join(movement_columns)} FROM movements ORDER BY person, crossed_at, border_post, direction').fetchall()
    values = db.execute(f"SELECT {', '.join(observation_columns)} FROM observations WHERE dataset_id = 'BORDER_CROSSINGS' ORDER BY id").fetchall()
    db.execute("DELETE FROM movements")
    db.execute("DELETE FROM observations WHERE dataset_id = 'BORDER_CROSSINGS'")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    db.close()
    db = connect(path)
    stored = put_back(db, "movements", movement_columns, crossings, " ON CONFLICT DO NOTHING")
    cells = put_back(db, "observations", observation_columns, values)
    checked = db.execute("SELECT COUNT(*) FROM movements").fetchone()[0]
    assert checked == len(crossings), (checked, len(crossings))
    # Packed: one row per person; and appended: the extract's crossings in chunks.
    texts, person, current = [], None, []
    for row in crossings:
        if row[0] != person:
            if current: texts.append((person, "\x1e".join(current)))
            person, current = row[0], []
        current.append("\x1f".join("" if v is None else str(v) for v in row[1:]))
    if current: texts.append((person, "\x1e".join(current)))
    db.execute("CREATE TABLE floor_packed (person INTEGER PRIMARY KEY, crossings TEXT NOT NULL)")
    db.execute("CREATE TABLE floor_chunks (batch INTEGER NOT NULL, seq INTEGER NOT NULL, crossings TEXT NOT NULL, PRIMARY KEY (batch, seq))")
    packed = put_back(db, "floor_packed", ["person", "crossings"], texts)
    lines = ["\x1f".join("" if v is None else str(v) for v in row) for row in crossings]
    chunks = [(1, i // 10_000, "\x1e".join(lines[i:i + 10_000])) for i in range(0, len(lines), 10_000)]
    appended = put_back(db, "floor_chunks", ["batch", "seq", "crossings"], chunks)
    db.close()
    return len(crossings), stored, len(values), cells, packed, appended

def main():
    sizes = sys.argv[1:] or ["1000000"]
    subprocess.run(["swift", "build", "-c", "release", "--product", "imdms"], cwd=ROOT, check=True, capture_output=True)
    imdms = os.path.join(ROOT, ".build", "release", "imdms")
    print("| crossings | IMDMS import (s) | SQLite alone: crossings (s) | BORDER_CROSSINGS values | (s) | SQLite alone (s) | DuckDB (s) | SQLite alone ÷ DuckDB | IMDMS ÷ DuckDB |"
          " crossings packed per person (s) | appended in chunks (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        work = tempfile.mkdtemp(prefix="imdms-floor-")
        extract = os.path.join(work, "extract.csv")
        if "/" in size:
            incremental = module("movements_incremental")
            rows, people = (int(x) for x in size.split("/"))
            incremental.generate(extract, os.path.join(work, "none.csv"), rows, people, cut=incremental.END)
        else:
            compare.generate(extract, int(size))
        key = os.path.join(work, "key")
        with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
            f.write(os.urandom(32))
        store = os.path.join(work, "data")
        ours = compare.peak_of([imdms, "movements", "import", extract, "--data", store, "--format", "json"],
                               env=dict(os.environ, IMDMS_PSEUDONYM_KEY_FILE=key))
        duck = compare.peak_of([sys.executable, "-c", compare.DUCKDB, extract])
        os.remove(extract)  # made-up names; the store keeps none
        crossings, stored, values, cells, packed, appended = floor(store)
        alone = stored + cells
        print(f"| {crossings:,} | {ours['seconds']:.1f} | {stored:.1f} | {values:,} | {cells:.1f} | {alone:.1f} | {duck['seconds']:.1f} | "
              f"{alone / duck['seconds']:.1f}× | {ours['seconds'] / duck['seconds']:.1f}× | {packed:.2f} | {appended:.2f} |", flush=True)
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
