#!/usr/bin/env bash
# Runs schemathesis against /openapi.json of a running `imdms serve --demo` (SQLite, demo data),
# with a data manager's API token so the token-only operations are exercised too. Fails on any
# 5xx and on any response that contradicts the document (status, content type, body, headers),
# and on schema-violating requests the API accepts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/tools.sh
swift build --product imdms >/dev/null
imdms="$(swift build --show-bin-path)/imdms"
data="$(mktemp -d)"
port=18093
log="$data/server.log"
"$imdms" serve --demo --data "$data" --port "$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; echo "the server stopped"; exit 1; }
  sleep 1
done
token="$("$imdms" token add schemathesis --role data_manager --data "$data" --quiet | tail -n 1)"
st run "http://127.0.0.1:$port/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection \
  --max-examples 50 --seed 20261129 --no-color
echo "schemathesis: no failures"
