#!/usr/bin/env python3
"""Traveller records end to end, IMDMS against DuckDB on the same synthetic CSV.

    python3 Benchmarks/movements_compare.py 1000000 [5000000 2950000/60000 ...] [--postgres URL]

A size ROWS/PEOPLE uses movements_incremental.py's timeline instead: PEOPLE people, each with a
random number of crossings (about half of ROWS are kept: those past mid-February 2024 are cut).

For each size: writes a synthetic border extract (people who commute, emigrate, immigrate and
visit, 2019-2023, with invented names, document numbers and dates of birth), then times and
measures the peak memory of
  - `imdms movements import` (release build; parse, pseudonymise, store in SQLite, derive
    BORDER_CROSSINGS, BORDER_CROSSINGS_DAILY, MIGRATION_FLOWS and VISITOR_STAYS and store them), and
  - DuckDB doing the same monthly and daily aggregations and the 12/16-month rule written with
    prefix sums of the time spent inside and an ASOF join at the window's end (no range join; not
    the visitors' stays, which IMDMS computes in the same pass),
each in its own process, and checks both find the same long-term arrivals and departures.
"""
import csv, json, os, random, resource, shutil, subprocess, sys, tempfile, time, datetime

POSTS = ["Maseru Bridge", "Caledonspoort", "Van Rooyens Gate", "Qacha's Nek", "Tele Bridge", "Peka Bridge", "Maputsoe Bridge", "Sani Pass"]
PURPOSES = ["Returning resident", "Tourism", "Study", "Visit", "Work", "Business", "Transit"]
FOREIGN = ["ZAF", "ZWE", "GBR", "CHN", "BWA", "MWI", "NGA", "IND", "USA"]
START, END = datetime.datetime(2019, 1, 1), datetime.datetime(2023, 12, 31, 23, 0)

def gap(rnd, kind, away):
    """Time to a person's next crossing, by the kind of traveller and whether they are away from home."""
    if kind == "commuter": days = rnd.uniform(0.3, 6)
    elif kind == "circular": days = rnd.uniform(200, 420) if away else rnd.uniform(5, 40)
    elif kind == "emigrant": days = rnd.uniform(380, 700) if away else rnd.uniform(3, 20)
    elif kind == "immigrant": days = rnd.uniform(400, 900) if not away else rnd.uniform(3, 30)
    else: days = rnd.uniform(2, 60) if not away else rnd.uniform(30, 400)
    return datetime.timedelta(days=days, minutes=rnd.randint(1, 600))

def generate(path, rows, seed=7):
    rnd = random.Random(seed)
    written = 0
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["crossing_time", "port_of_entry", "direction", "document_type", "document_number", "surname", "given_names",
                    "sex", "date_of_birth", "nationality", "country_of_residence", "purpose"])
        person = 0
        while written < rows:
            person += 1
            nat = "LSO" if rnd.random() < 0.8 else rnd.choice(FOREIGN)
            kind = rnd.choices(["commuter", "circular", "emigrant", "immigrant", "visitor"], [0.45, 0.2, 0.1, 0.05, 0.2])[0]
            doc = "P%09d" % person
            sex = rnd.choice("FM")
            dob = datetime.date(rnd.randint(1945, 2015), rnd.randint(1, 12), rnd.randint(1, 28))
            t = START + datetime.timedelta(minutes=rnd.randint(0, 60 * 24 * 700))
            inside = nat == "LSO"
            while t < END and written < rows:
                direction = "OUT" if inside else "IN"
                w.writerow([t.strftime("%Y-%m-%dT%H:%M"), rnd.choice(POSTS), direction, "Passport", doc, "Surname%d" % (person % 997),
                            "Given%d" % (person % 991), sex, dob.isoformat(), nat, nat, rnd.choice(PURPOSES)])
                written += 1
                inside = not inside
                t += gap(rnd, kind, away=not inside if nat == "LSO" else inside)
    return person

DUCKDB = r"""
import duckdb, sys, json, time
con = duckdb.connect()
con.execute("PRAGMA threads=2")
con.execute("PRAGMA disable_progress_bar")
start = time.time()
con.execute(f'''CREATE TABLE m AS SELECT regexp_replace(upper(document_number), '[^A-Z0-9]', '', 'g') || '|' || nationality AS person,
  strptime(crossing_time, '%Y-%m-%dT%H:%M') AS t, direction = 'IN' AS arr, nationality, sex, port_of_entry, purpose,
  date_diff('year', CAST(date_of_birth AS DATE), CAST(strptime(crossing_time, '%Y-%m-%dT%H:%M') AS DATE))
    - CASE WHEN strftime(strptime(crossing_time, '%Y-%m-%dT%H:%M'), '%m-%d') < strftime(CAST(date_of_birth AS DATE), '%m-%d') THEN 1 ELSE 0 END AS age
  FROM read_csv('{sys.argv[1]}', header=true, all_varchar=true)''')
crossings = con.execute('''SELECT count(*) FROM (SELECT strftime(t, '%Y-%m'), port_of_entry, arr, nationality, sex,
  CASE WHEN age < 15 THEN 'Y0T14' WHEN age < 25 THEN 'Y15T24' WHEN age < 35 THEN 'Y25T34' WHEN age < 45 THEN 'Y35T44'
       WHEN age < 55 THEN 'Y45T54' WHEN age < 65 THEN 'Y55T64' ELSE 'Y_GE65' END, purpose, count(*) FROM m GROUP BY ALL)''').fetchone()[0]
daily = con.execute('''SELECT count(*) FROM (SELECT CAST(t AS DATE), port_of_entry, arr, count(*) FROM m GROUP BY ALL)''').fetchone()[0]
# The 12/16-month rule with prefix sums (no range join): F = time spent inside up to each crossing,
# a running sum; the window's end W = least(t + 16 months, end of data) found by an ASOF join on the
# same person's last crossing at or before W; inside = F(W) - F(t), outside = (W - t) - inside.
con.execute('''CREATE TABLE seq AS
  WITH e AS (SELECT max(t) + INTERVAL 60 SECOND AS e FROM m),
  ordered AS (SELECT m.*, row_number() OVER w AS i, coalesce(lead(t) OVER w, e.e) AS next_t FROM m, e WINDOW w AS (PARTITION BY person ORDER BY t))
  SELECT *, coalesce(sum(CASE WHEN arr THEN epoch(next_t) - epoch(t) ELSE 0 END)
                     OVER (PARTITION BY person ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS f
  FROM ordered''')
con.execute('''CREATE TABLE d AS
  WITH e AS (SELECT max(t) + INTERVAL 60 SECOND AS e FROM m),
  w AS (SELECT seq.*, least(t + INTERVAL 16 MONTH, e.e) AS w FROM seq, e),
  spans AS (
    SELECT c.person, c.i, c.t, c.arr, c.nationality,
      k.f + CASE WHEN k.arr THEN epoch(c.w) - epoch(k.t) ELSE 0 END - c.f AS inside, epoch(c.w) - epoch(c.t) AS span
    FROM w c ASOF JOIN seq k ON c.person = k.person AND c.w >= k.t),
  decided AS (SELECT *, CASE WHEN inside >= 365 * 86400 THEN TRUE WHEN span - inside >= 365 * 86400 THEN FALSE END AS decided FROM spans),
  status AS (SELECT *, coalesce(last_value(decided IGNORE NULLS) OVER (PARTITION BY person ORDER BY i ROWS UNBOUNDED PRECEDING), nationality = 'LSO') AS after
             FROM decided)
  SELECT *, coalesce(lag(after) OVER (PARTITION BY person ORDER BY i), nationality = 'LSO') AS before FROM status''')
arrivals, departures = con.execute('''SELECT count(*) FILTER (WHERE arr AND NOT before AND after), count(*) FILTER (WHERE NOT arr AND before AND NOT after) FROM d''').fetchone()
print(json.dumps({"seconds": time.time() - start, "cells": crossings, "daily": daily, "arrivals": arrivals, "departures": departures}))
"""

def run(command, env=None):
    start = time.time()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.time() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed: {result.stderr[-2000:]}")
    return result.stdout, seconds

def peak_of(command, env=None):
    """Runs in a child of a fresh helper so ru_maxrss is that command's alone."""
    helper = ("import resource, subprocess, sys, json, time; s = time.time(); "
              "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
              "print(json.dumps({'rc': r.returncode, 'out': r.stdout, 'err': r.stderr[-3000:], 'seconds': time.time() - s, "
              "'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))")
    out, _ = run([sys.executable, "-c", helper] + command, env=env)
    data = json.loads(out)
    if data["rc"] != 0:
        sys.exit(f"{command} failed: {data['err']}")
    return data

def main():
    args = sys.argv[1:]
    postgres = None
    if "--postgres" in args:
        i = args.index("--postgres"); postgres = args[i + 1]; del args[i:i + 2]
    sizes = args or ["1000000"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(["swift", "build", "-c", "release", "--product", "imdms"], cwd=root, check=True, capture_output=True)
    imdms = os.path.join(root, ".build", "release", "imdms")
    print("| crossings | people | IMDMS (s) | IMDMS rows/s | IMDMS peak (MB) | DuckDB (s) | DuckDB peak (MB) | IMDMS ÷ DuckDB | long-term arrivals / departures (IMDMS = DuckDB) |"
          + (" IMDMS on PostgreSQL (s) | peak (MB) |" if postgres else ""))
    print("|---|---|---|---|---|---|---|---|---|" + ("---|---|" if postgres else ""))
    for size in sizes:
        work = tempfile.mkdtemp(prefix="imdms-movements-")
        path = os.path.join(work, "extract.csv")
        if "/" in size:
            import importlib.util
            spec = importlib.util.spec_from_file_location("incremental", os.path.join(os.path.dirname(os.path.abspath(__file__)), "movements_incremental.py"))
            incremental = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(incremental)
            rows, people = (int(x) for x in size.split("/"))
            size = incremental.generate(path, os.path.join(work, "none.csv"), rows, people, cut=incremental.END)[0]
        else:
            size = int(size)
            people = generate(path, size)
        key = os.path.join(work, "key")
        with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
            f.write(os.urandom(32))
        env = dict(os.environ, IMDMS_PSEUDONYM_KEY_FILE=key)
        ours = peak_of([imdms, "movements", "import", path, "--data", os.path.join(work, "data"), "--format", "json"], env=env)
        lines = ours["out"].splitlines()
        summary = json.loads("\n".join(lines[lines.index("{"):len(lines) - lines[::-1].index("}")]))
        duck = peak_of([sys.executable, "-c", DUCKDB, path])
        theirs = json.loads(duck["out"].strip().splitlines()[-1])
        same = (summary["longTermArrivals"], summary["longTermDepartures"]) == (theirs["arrivals"], theirs["departures"])
        pg = ""
        if postgres:
            import importlib.util
            spec = importlib.util.spec_from_file_location("kill", os.path.join(os.path.dirname(os.path.abspath(__file__)), "movements_kill.py"))
            kill = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(kill)
            store = kill.PostgresStore(postgres, work, "compare")
            theirs_pg = peak_of([imdms, "movements", "import", path, "--format", "json"], env=dict(env, **store.env()))
            pg = f" {theirs_pg['seconds']:.1f} | {theirs_pg['peak_mb']:.0f} |"
            store.drop()
        print(f"| {size:,} | {people:,} | {ours['seconds']:.1f} | {size / ours['seconds']:,.0f} | {ours['peak_mb']:.0f} | {duck['seconds']:.1f} | "
              f"{duck['peak_mb']:.0f} | {ours['seconds'] / duck['seconds']:.1f}× | {summary['longTermArrivals']:,} / {summary['longTermDepartures']:,} "
              f"({'equal' if same else 'DuckDB: %d / %d' % (theirs['arrivals'], theirs['departures'])}) |" + pg, flush=True)
        shutil.rmtree(work, ignore_errors=True)  # the extract (made-up names) and the store

if __name__ == "__main__":
    main()
