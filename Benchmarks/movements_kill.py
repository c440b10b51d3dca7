#!/usr/bin/env python3
"""Kill the traveller intake at random moments; the re-run must end where an uninterrupted run ends.

    python3 Benchmarks/movements_kill.py ROWS TRIALS [--postgres URL] [--seed S] [--incremental]

Writes a synthetic extract of ROWS crossings (the generator of movements_compare.py), imports it
once without interruption (release build, `imdms movements import`) and fingerprints the result:
every stored crossing, every current derived value (BORDER_CROSSINGS, BORDER_CROSSINGS_DAILY,
MIGRATION_FLOWS, VISITOR_STAYS) and the number of extracts still pending. Then, TRIALS times, in a
fresh store: starts the same import, sends SIGKILL after a random delay between 0 and 1.1 × the
uninterrupted time, notes what the kill left (nothing, crossings without their statistics, or a
finished import), runs the import once more to completion and compares the fingerprint (with the
derivation's kept checkpoints and cells). With --postgres, each store is a fresh database on that
server (URL of a maintenance database). With --incremental, the extract is movements_incremental.py's
timeline: every store first holds the base extract (imported once, then copied), and the import
that is killed is the new extract's — the incremental derivation.
"""
import hashlib, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, time, importlib.util, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
IMDMS = os.path.join(ROOT, ".build", "release", "imdms")
spec = importlib.util.spec_from_file_location("compare", os.path.join(HERE, "movements_compare.py"))
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)

# Crossings with their person's pseudonym and number (D93): the numbers must be the same too.
MOVEMENTS = ("SELECT n.pseudonym, CAST(m.person AS TEXT), m.crossed_at, m.border_post, m.direction, m.attributes "
             "FROM movements m JOIN movement_persons n ON n.id = m.person ORDER BY n.pseudonym, m.crossed_at, m.border_post, m.direction")
PERSONS = "SELECT CAST(id AS TEXT), pseudonym FROM movement_persons ORDER BY id"
DERIVED = ("SELECT o.dataset_id, o.series_key, o.period, o.value FROM observations o JOIN submissions s ON s.id = o.submission_id "
           "WHERE s.channel = 'system' AND s.status <> 'superseded' ORDER BY 1, 2, 3")
PENDING = "SELECT COUNT(*) FROM movement_batches WHERE added > 0 AND derived_at IS NULL"
# Each person's checkpoint: where the settled crossings end, the status after them, whether open,
# the crossings kept after it (D82, in their own table since D92) and when the statistics can next change (D83).
KEPT = ("SELECT 'person', CAST(p.person AS TEXT), p.settled_until || '|' || CASE WHEN p.resident IS NULL THEN '-' WHEN p.resident THEN '1' ELSE '0' END || '|' || "
        "COALESCE(k.crossings, '-') || '|' || COALESCE(p.changes_at, '-'), CASE WHEN p.open THEN '1' ELSE '0' END "
        "FROM movement_people p LEFT JOIN movement_kept k ON k.person = p.person UNION ALL "
        "SELECT kind, cell, CAST(value AS TEXT), '' FROM movement_cells ORDER BY 1, 2")


class SQLiteStore:
    def __init__(self, work, name):
        self.data = os.path.join(work, name)

    def env(self):
        return {"IMDMS_DATA_DIR": self.data}

    def rows(self, query):
        path = os.path.join(self.data, "imdms.sqlite")
        if not os.path.exists(path):
            return []
        con = sqlite3.connect(path)
        try:
            return [tuple("" if v is None else str(v) for v in r) for r in con.execute(query)]
        except sqlite3.OperationalError:
            return []  # killed before the tables existed
        finally:
            con.close()

    def drop(self):
        shutil.rmtree(self.data, ignore_errors=True)

    def copy(self, work, name):
        other = SQLiteStore(work, name)
        shutil.copytree(self.data, other.data)
        return other


class PostgresStore:
    def __init__(self, maintenance, work, name, template=None):
        self.maintenance = maintenance
        self.name = "imdms_kill_" + name.replace("-", "_")
        self.data = os.path.join(work, name)
        u = urllib.parse.urlparse(maintenance)
        self.url = u._replace(path="/" + self.name).geturl()
        self.psql(maintenance, f"DROP DATABASE IF EXISTS {self.name}")
        self.psql(maintenance, f"CREATE DATABASE {self.name}" + (f" TEMPLATE {template.name}" if template else ""))
        if template: shutil.copytree(template.data, self.data)

    def copy(self, work, name):
        return PostgresStore(self.maintenance, work, name, template=self)

    @staticmethod
    def psql(url, query):
        plain = url.split("?")[0]
        out = subprocess.run(["psql", plain, "-At", "-F", "\t", "-c", query], capture_output=True, text=True)
        if out.returncode != 0:
            if "does not exist" in out.stderr:
                return []
            raise RuntimeError(out.stderr)
        return [tuple(line.split("\t")) for line in out.stdout.splitlines()]

    def env(self):
        return {"IMDMS_DATA_DIR": self.data, "IMDMS_DATABASE_URL": self.url}

    def rows(self, query):
        return self.psql(self.url, query)

    def drop(self):
        self.psql(self.maintenance, f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        shutil.rmtree(self.data, ignore_errors=True)


def fingerprint(store):
    def digest(rows):
        h = hashlib.sha256()
        for r in rows:
            h.update(("\t".join(r) + "\n").encode())
        return h.hexdigest()[:16], len(rows)
    pending = store.rows(PENDING)
    return {"movements": digest(store.rows(MOVEMENTS)), "persons": digest(store.rows(PERSONS)), "derived": digest(store.rows(DERIVED)),
            "kept": digest(store.rows(KEPT)),
            "pending": int(pending[0][0]) if pending else 0}


def command(extract):
    return [IMDMS, "movements", "import", extract, "--format", "json"]


def main():
    args = sys.argv[1:]
    postgres = None
    seed = 1
    if "--postgres" in args:
        i = args.index("--postgres"); postgres = args[i + 1]; del args[i:i + 2]
    if "--seed" in args:
        i = args.index("--seed"); seed = int(args[i + 1]); del args[i:i + 2]
    incremental = "--incremental" in args
    if incremental: args.remove("--incremental")
    rows, trials = int(args[0]), int(args[1])
    rnd = random.Random(seed)
    work = tempfile.mkdtemp(prefix="imdms-kill-")
    extract = os.path.join(work, "extract.csv")
    key = os.path.join(work, "key")
    with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as f:
        f.write(os.urandom(32))
    base = dict(os.environ, IMDMS_PSEUDONYM_KEY_FILE=key)
    fresh = (lambda name: PostgresStore(postgres, work, name)) if postgres else (lambda name: SQLiteStore(work, name))
    make = fresh
    if incremental:
        spec = importlib.util.spec_from_file_location("incremental", os.path.join(HERE, "movements_incremental.py"))
        generator = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generator)
        first = os.path.join(work, "base.csv")
        counts = generator.generate(first, extract, rows, max(1_000, rows // 43))
        template = fresh("template")
        subprocess.run(command(first), env=dict(base, **template.env()), check=True, capture_output=True)
        make = lambda name: template.copy(work, name)
        print(f"base extract {counts[0]} crossings stored once; the killed import adds {counts[1]}", flush=True)
    else:
        compare.generate(extract, rows)

    reference = make("reference")
    before = fingerprint(reference)["movements"][1]  # the base extract's crossings (incremental), else 0
    start = time.time()
    subprocess.run(command(extract), env=dict(base, **reference.env()), check=True, capture_output=True)
    full = time.time() - start
    expected = fingerprint(reference)
    reference.drop()
    print(f"{'PostgreSQL' if postgres else 'SQLite'}, {rows} crossings: uninterrupted import {full:.1f} s; "
          f"{expected['movements'][1]} crossings, {expected['derived'][1]} derived values, {expected['pending']} pending", flush=True)
    left = {"nothing stored": 0, "crossings, statistics pending": 0, "crossings and statistics": 0}
    failures = 0
    for trial in range(trials):
        store = make(f"trial-{trial}")
        delay = rnd.uniform(0, 1.1 * full)
        process = subprocess.Popen(command(extract), env=dict(base, **store.env()), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait()
            finished = False
        after_kill = fingerprint(store)
        if after_kill["movements"][1] == before:
            state = "nothing stored"
        elif after_kill["pending"] > 0:
            state = "crossings, statistics pending"
        else:
            state = "crossings and statistics"
        left[state] += 1
        rerun = subprocess.run(command(extract), env=dict(base, **store.env()), capture_output=True, text=True)
        result = fingerprint(store)
        same = result == expected and rerun.returncode == 0
        failures += 0 if same else 1
        print(f"trial {trial + 1}: {'finished' if finished else f'killed at {delay:.1f} s'} → {state}; after one re-run: "
              f"{'same' if same else 'DIFFERENT ' + str(result) + ' ' + rerun.stderr[-300:]}", flush=True)
        store.drop()
    print(f"{trials} trials, {failures} different; left by the kill: " + ", ".join(f"{k} {v}" for k, v in left.items()))
    if incremental: template.drop()
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
