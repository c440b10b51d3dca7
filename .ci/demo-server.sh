#!/usr/bin/env bash
# Sourced by the CI scripts that need a running `imdms serve --demo` (SQLite, the whole demo):
# `start_demo_server PORT` builds imdms, starts it on loopback in a new data folder, waits for
# /healthz, and sets $imdms (the binary), $data (the folder) and $server (the process); the
# caller's exit stops it and removes the folder.
start_demo_server() {
  local port="$1"
  swift build --product imdms >/dev/null
  imdms="$(swift build --show-bin-path)/imdms"
  data="$(mktemp -d)"
  "$imdms" serve --demo --data "$data" --port "$port" >"$data/server.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0
    kill -0 "$server" 2>/dev/null || { cat "$data/server.log"; echo "the server stopped"; exit 1; }
    sleep 1
  done
  echo "the server did not answer within 300 s"; exit 1
}
