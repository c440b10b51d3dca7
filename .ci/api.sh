#!/usr/bin/env bash
# Runs schemathesis against /openapi.json of a running `imdms serve --demo` (SQLite, demo data),
# with a data manager's API token so the token-only operations are exercised too. Fails on any
# 5xx and on any response that contradicts the document (status, content type, body, headers),
# and on schema-violating requests the API accepts.
# A request may take up to 60 s: the server is a debug build and shares two cores with the
# attacker in CI; a slow answer is not a fault schemathesis checks for (5xx and contradictions are).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/tools.sh
source .ci/demo-server.sh
port=18093
start_demo_server "$port"
token="$("$imdms" token add schemathesis --role data_manager --data "$data" --quiet | tail -n 1)"
st run "http://127.0.0.1:$port/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection \
  --max-examples 50 --seed 20261129 --no-color --request-timeout 60
echo "schemathesis: no failures"
