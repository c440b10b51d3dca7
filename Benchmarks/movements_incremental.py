#!/usr/bin/env python3
"""Adding a small extract to a large movement store (issue 16): time and database growth.

    python3 Benchmarks/movements_incremental.py [ROWS] [--people N] [--share SHARE] [--repeat N] [--postgres URL] [--keep]

Writes a synthetic timeline (the people of movements_compare.py's generator, each making a random
number of crossings — about ROWS / N each — from a random start in 2019-2023), split by time into
a base extract (everything before 2024) and a new one: the first crossings of 2024, as many as
SHARE % of the base (default 2.5, the issue's figure; crossings at the cut's minute all go in) —
the same people carrying on, and some new ones. Then, with the release build:
  1. `imdms movements import` of the base into a fresh store (SQLite, or a fresh PostgreSQL database);
  2. the same command for the new extract into that store (on PostgreSQL after VACUUM (ANALYZE),
     which autovacuum would have done long before the next extract);
and reports each one's time, peak memory and the database's size before and after, the rows and
values the second import stored (new derived values, values moved to the revision history) and
the people it read again. `--repeat N`: both imports N times, each into a fresh store, and the
median of the N ratios (the machine's speed drifts by a fifth from one minute to the next).
Default: 2,590,000 rows, 60,000 people.
"""
import datetime, importlib.util, json, os, random, shutil, sqlite3, statistics, subprocess, sys, tempfile, csv

HERE = os.path.dirname(os.path.abspath(__file__))
def module(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, name + ".py"))
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded
compare, kill = module("movements_compare"), module("movements_kill")

START, CUT, END = datetime.datetime(2019, 1, 1), datetime.datetime(2024, 1, 1), datetime.datetime(2024, 2, 15)

def generate(base_path, new_path, rows, people, share=None, seed=11, cut=CUT):
    """Each person: a kind, a start, a number of crossings; rows before `cut` to the base, the first
    `share` % of the base's count after it to the new extract (in the order they were made; None:
    every row after it)."""
    rnd = random.Random(seed)
    later = []
    per_person = max(2, int(4.1 * rows / people))  # crossings past the end are cut: about half are
    counts = [0, 0]
    header = ["crossing_time", "port_of_entry", "direction", "document_type", "document_number", "surname", "given_names",
              "sex", "date_of_birth", "nationality", "country_of_residence", "purpose"]
    with open(base_path, "w", newline="") as bf, open(new_path, "w", newline="") as nf:
        writers = [csv.writer(bf), csv.writer(nf)]
        for w in writers: w.writerow(header)
        put = lambda part, row: writers[0].writerow(row) if part == 0 else later.append(row)
        for person in range(1, people + 1):
            nat = "LSO" if rnd.random() < 0.8 else rnd.choice(compare.FOREIGN)
            kind = rnd.choices(["commuter", "circular", "emigrant", "immigrant", "visitor"], [0.45, 0.2, 0.1, 0.05, 0.2])[0]
            doc, sex = "P%09d" % person, rnd.choice("FM")
            dob = datetime.date(rnd.randint(1945, 2015), rnd.randint(1, 12), rnd.randint(1, 28))
            t = START + datetime.timedelta(minutes=rnd.randint(0, int((END - START).total_seconds() // 60)))
            inside = nat == "LSO"
            for _ in range(rnd.randint(1, per_person)):
                if t >= END: break
                direction = "OUT" if inside else "IN"
                part = 0 if t < cut else 1
                put(part, [t.strftime("%Y-%m-%dT%H:%M"), rnd.choice(compare.POSTS), direction, "Passport", doc,
                                        "Surname%d" % (person % 997), "Given%d" % (person % 991), sex, dob.isoformat(), nat, nat,
                                        rnd.choice(compare.PURPOSES)])
                counts[part] += 1
                inside = not inside
                t += compare.gap(rnd, kind, away=not inside if nat == "LSO" else inside)
        wanted = len(later) if share is None else min(len(later), max(1, round(counts[0] * share / 100)))
        cutoff = sorted(row[0] for row in later)[wanted - 1] if wanted else ""  # ISO minutes sort as times
        new_rows = [row for row in later if row[0] <= cutoff]
        writers[1].writerows(new_rows)
        counts[1] = len(new_rows)
    return counts

def size_mb(store):
    if isinstance(store, kill.PostgresStore):
        return int(store.rows(f"SELECT pg_database_size('{store.name}')")[0][0]) / 1e6
    total = 0
    for name in os.listdir(store.data):
        if name.startswith("imdms.sqlite"): total += os.path.getsize(os.path.join(store.data, name))
    return total / 1e6

def count(store, query):
    rows = store.rows(query)
    return int(rows[0][0]) if rows else 0

def main():
    args = sys.argv[1:]
    postgres, people = None, 60_000
    if "--postgres" in args:
        i = args.index("--postgres"); postgres = args[i + 1]; del args[i:i + 2]
    keep = "--keep" in args
    if keep: args.remove("--keep")
    repeat = 1
    if "--repeat" in args:
        i = args.index("--repeat"); repeat = int(args[i + 1]); del args[i:i + 2]
    share = 2.5
    if "--share" in args:
        i = args.index("--share"); share = float(args[i + 1]); del args[i:i + 2]
    if "--people" in args:
        i = args.index("--people"); people = int(args[i + 1]); del args[i:i + 2]
    rows = int(args[0]) if args else 2_590_000
    subprocess.run(["swift", "build", "-c", "release", "--product", "imdms"], cwd=kill.ROOT, check=True, capture_output=True)
    work = tempfile.mkdtemp(prefix="imdms-incremental-")
    base, new = os.path.join(work, "base.csv"), os.path.join(work, "new.csv")
    counts = generate(base, new, rows, people, share)
    key = os.path.join(work, "key")
    with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
        f.write(os.urandom(32))
    def fresh_store():
        return kill.PostgresStore(postgres, work, "incremental") if postgres else kill.SQLiteStore(work, "incremental")
    store = fresh_store()
    env = dict(os.environ, IMDMS_PSEUDONYM_KEY_FILE=key, **store.env())
    print(f"{'PostgreSQL' if postgres else 'SQLite'}: base extract {counts[0]:,} crossings, new extract {counts[1]:,} "
          f"({100 * counts[1] / counts[0]:.1f} %)", flush=True)
    ratios = []
    for attempt in range(repeat):
        if attempt > 0:
            # Each time a fresh store, as the first: the same two extracts, the same commands.
            store.drop()
            store = fresh_store()
        results = []
        for name, path in [("base", base), ("new", new)]:
            if name == "new" and postgres:
                # The store as the next extract finds it days later: autovacuum has been through the base's
                # 2.5M new rows (it starts within a minute and took 10-20 s here). Racing it made the new
                # extract 2.8 s in one run and 3.8 s in another.
                store.rows("VACUUM (ANALYZE)")
                print("PostgreSQL: VACUUM (ANALYZE) after the base import, as autovacuum does within a minute", flush=True)
            before = size_mb(store) if os.path.exists(store.data) else 0
            values_before = count(store, "SELECT COUNT(*) FROM observations") if name == "new" else 0
            run = compare.peak_of([kill.IMDMS, "movements", "import", path, "--format", "json"], env=env)
            if keep: print(run["err"][-1500:])
            lines = run["out"].splitlines()
            summary = json.loads("\n".join(lines[lines.index("{"):len(lines) - lines[::-1].index("}")]))
            after = size_mb(store)
            stored = count(store, "SELECT COUNT(*) FROM observations") - values_before
            history = count(store, "SELECT COUNT(*) FROM observation_revisions")
            results.append((name, run["seconds"], run["peak_mb"], after - before, summary, stored, history))
            print(f"{name}: {run['seconds']:.1f} s, peak {run['peak_mb']:.0f} MB, database +{after - before:.1f} MB (now {after:.0f} MB); "
                  f"{summary['added']:,} crossings added, {summary['people']:,} people ({summary.get('peopleRead', 0):,} read), "
                  f"derived values +{stored:,} current, {history:,} in the revision history; "
                  f"long-term arrivals / departures {summary['longTermArrivals']:,} / {summary['longTermDepartures']:,}", flush=True)
        ratios.append(100 * results[1][1] / results[0][1])
        print(f"new extract ÷ base import: {ratios[-1]:.1f} % of the time", flush=True)
    if repeat > 1:
        print(f"new extract ÷ base import over {repeat} runs: {', '.join(f'{r:.1f}' for r in ratios)} %; median {statistics.median(ratios):.1f} %")
    if keep:
        print(f"kept: {work}")
        return
    store.drop()
    shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
