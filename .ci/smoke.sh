#!/usr/bin/env bash
# Runs the product as a user would: an import that fails and stores nothing, one that succeeds,
# then `imdms serve --demo` and the pages it prints the URL of.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product imdms >/dev/null
bin="$(swift build --show-bin-path)/imdms"
work="$(mktemp -d)"
trap 'if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

cat > "$work/bad.csv" <<'CSV'
DATAFLOW,BORDER_POST,DIRECTION,CITIZENSHIP,SEX,AGE,PURPOSE,TIME_PERIOD,OBS_VALUE
BORDER_CROSSINGS,XXX,ARR,LSO,F,_T,_T,2022-11,10
BORDER_CROSSINGS,MSB,ARR,LSO,F,_T,_T,2022-11,10
CSV
head -n 1 "$work/bad.csv" > "$work/good.csv"
tail -n 1 "$work/bad.csv" >> "$work/good.csv"
if "$bin" import "$work/bad.csv" --dataset BORDER_CROSSINGS --data "$work/import" 2>"$work/err"; then
  echo "a faulty file was accepted"; exit 1
fi
grep -q "row 2, column BORDER_POST, value 'XXX'" "$work/err"
"$bin" import "$work/good.csv" --dataset BORDER_CROSSINGS --data "$work/import" | grep -q "Stored 1 observations"
IMDMS_NEW_PASSWORD="maloti-river-7-bridge" "$bin" user add thabo --role producer --org MOHA --data "$work/import" | grep -q "Created producer 'thabo' of MOHA"
"$bin" audit verify --data "$work/import" | grep -q "audit trail intact: 5 entries"
# Someone with write access to the database file, but not the audit key beside it, rewrites an
# entry and recomputes the whole SHA-256 chain and the head: the key's seals give it away.
python3 - "$work/import/imdms.sqlite" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = [list(r) for r in db.execute("SELECT sequence, at, actor, action, subject, before, after, previous_hash, hash FROM audit_log ORDER BY sequence")]
rows[1][6] = "dataset BORDER_CROSSINGS, 0 observations"
for i, r in enumerate(rows):
    if i > 0: r[7] = rows[i - 1][8]
    fields = [str(r[0]), r[1], r[2], r[3], r[4], r[5] if r[5] is not None else "\0", r[6] if r[6] is not None else "\0", r[7]]
    r[8] = hashlib.sha256("|".join(f"{len(f.encode())}:{f}" for f in fields).encode()).hexdigest()
    db.execute("UPDATE audit_log SET after = ?, previous_hash = ?, hash = ? WHERE sequence = ?", (r[6], r[7], r[8], r[0]))
db.execute("UPDATE settings SET value = ? WHERE key = 'audit_head'", (f"{rows[-1][0]}:{rows[-1][8]}",))
db.commit()
PY
if "$bin" audit verify --data "$work/import" > "$work/verify.txt"; then echo "a rewritten audit trail verified"; cat "$work/verify.txt"; exit 1; fi
grep -q "entry #2 .* does not carry the audit key's seal" "$work/verify.txt"

port=18080
"$bin" serve --demo --data "$work/demo" --port "$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  grep -q "IMDMS is running: open http://127.0.0.1:$port/" "$work/serve.log" && curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 1
done
grep -q "First login: user 'admin'" "$work/serve.log"
# Pages go to files first: `curl | grep -q` fails with a write error when grep stops reading early.
curl -sf "http://127.0.0.1:$port/" -o "$work/home.html"
grep -q 'href="/datasets/BORDER_CROSSINGS"' "$work/home.html"
grep -q 'id="dashboard"' "$work/home.html"
curl -sf "http://127.0.0.1:$port/datasets/BORDER_CROSSINGS" -o "$work/table.html"
grep -q '<th scope="row">Maseru Bridge</th><td>' "$work/table.html"
curl -sf "http://127.0.0.1:$port/reports/quarterly-bulletin" -o "$work/bulletin.html"
grep -q 'arrivals and' "$work/bulletin.html"
"$bin" report quarterly-bulletin --format xlsx -o "$work/bulletin.xlsx" --data "$work/demo" | grep -q "Wrote Quarterly migration statistics bulletin"
"$bin" report trafficking --period 2024 --format csv -o "$work/tip.csv" --data "$work/demo" | grep -q "Wrote"
grep -q "^TABLE," "$work/tip.csv"
curl -sf "http://127.0.0.1:$port/sdmx/2.1/dataflow" -o "$work/flows.xml"
grep -q '<str:Dataflow id="BORDER_CROSSINGS"' "$work/flows.xml"
curl -sf "http://127.0.0.1:$port/sdmx/2.1/data/BORDER_CROSSINGS/MSB.ARR....?startPeriod=2024-12&endPeriod=2024-12&format=csv" -o "$work/msb.csv"
grep -q '^LS_BOS:BORDER_CROSSINGS(1.0),MSB,ARR,' "$work/msb.csv"
curl -sf "http://127.0.0.1:$port/reports/mgi-scorecard" -o "$work/scorecard.html"
grep -q "overall migration governance score was" "$work/scorecard.html"
"$bin" report mgi-scorecard --format xlsx -o "$work/scorecard.xlsx" --data "$work/demo" | grep -q "Wrote Migration governance scorecard"
curl -sf "http://127.0.0.1:$port/api/reports" -o "$work/reports.json"
grep -q '"id":"mgi-scorecard"' "$work/reports.json"
# The server's first release round makes the demo's reports in the background: wait for its feed entry.
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/releases.atom" -o "$work/releases.atom" && grep -q "<entry>" "$work/releases.atom" && break
  sleep 1
done
grep -q "/quarterly-bulletin" "$work/releases.atom"
curl -sf "http://127.0.0.1:$port/developers" -o "$work/developers.html"
grep -q '/openapi.json' "$work/developers.html"
token="$("$bin" token add smoke --role viewer --data "$work/demo" --quiet | tail -n 1)"
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/datasets" -o "$work/datasets.json"
grep -q '"id":"BORDER_CROSSINGS"' "$work/datasets.json"
echo "smoke passed"
