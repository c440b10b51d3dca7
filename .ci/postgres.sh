#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback for the tests, installing it from Debian if needed.
# Prints the admin URL on its last line. Safe to run again: an already running server is kept.
set -euo pipefail
PGPORT="${IMDMS_PGPORT:-55432}"
PGDATA="${IMDMS_PGDATA:-/tmp/imdms-pg-$PGPORT}"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

if ! su postgres -s /bin/sh -c "$BIN/pg_ctl -D '$PGDATA' status" >/dev/null 2>&1; then
  rm -rf "$PGDATA"
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  su postgres -s /bin/sh -c "$BIN/initdb -D '$PGDATA' -U postgres -A trust --no-sync" >&2
  su postgres -s /bin/sh -c "$BIN/pg_ctl -D '$PGDATA' -l '$PGDATA/server.log' -w start \
    -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200'" >&2
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres?tlsmode=disable"
