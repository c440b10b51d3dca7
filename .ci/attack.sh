#!/usr/bin/env bash
# The attacker suite against the product's public outputs: `imdms serve --demo` (SQLite, the whole
# demo, 2015–2025) is asked, anonymously, for every table, filter, period, range, report table and
# SDMX observation of each dataset with a disclosure threshold, in 2023 and 2024 (MIGRANT_STOCK in
# its census year); Tests/attacker/attack.py then tries to work out each protected value by
# differencing, combined differencing and linear programming, with the true values read through a
# data manager's token. Fails when any protected value is worked out or any published number is
# not the true one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/tools.sh
swift build --product imdms >/dev/null
imdms="$(swift build --show-bin-path)/imdms"
data="$(mktemp -d)"
port=18094
log="$data/server.log"
"$imdms" serve --demo --data "$data" --port "$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; echo "the server stopped"; exit 1; }
  sleep 1
done
token="$("$imdms" token add attacker --role data_manager --data "$data" --quiet | tail -n 1)"
python3 Tests/attacker/attack.py --server "http://127.0.0.1:$port" --token "$token" --years 2023,2024
echo "attacker: no protected value worked out"
