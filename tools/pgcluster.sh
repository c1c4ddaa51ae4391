#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS cluster for camgap's tests, listening only on a Unix
# socket in its own directory (no TCP port to collide with another cluster or leak to the
# network), with trust authentication for that socket and a database camgap_test.
#
#   tools/pgcluster.sh start   start it (nothing to do when it already runs); prints
#                              CAMGAP_TEST_PG=postgresql:///camgap_test?host=DIR&user=postgres
#   tools/pgcluster.sh env     prints `export CAMGAP_TEST_PG=…` for a running cluster
#   tools/pgcluster.sh stop    stops it and removes its directory (nothing to do when absent)
#
# The directory is $CAMGAP_PG_DIR, by default /tmp/camgap-pg-UID. Run as root, the server runs
# as the postgres user (PostgreSQL refuses to run as root), which then owns the directory.
set -euo pipefail
bin=${CAMGAP_PG_BIN:-/usr/lib/postgresql/15/bin}
dir=${CAMGAP_PG_DIR:-/tmp/camgap-pg-$(id -u)}
data="$dir/data"
uri="postgresql:///camgap_test?host=$dir&user=postgres"

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() {
  [ -f "$data/PG_VERSION" ] && as_server "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

start() {
  if ! running; then
    rm -rf "$data"
    mkdir -p "$dir"
    chmod 700 "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    as_server "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # The server inherits pg_ctl's descriptors: both go to a file, so a caller reading this
    # script's output through a pipe sees it end when the script does.
    as_server "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -c fsync=off" start >"$dir/pg_ctl.log" 2>&1 </dev/null ||
      { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; exit 1; }
  fi
  if ! as_server "$bin/psql" -h "$dir" -U postgres -d camgap_test -Atqc 'SELECT 1' >/dev/null 2>&1; then
    as_server "$bin/createdb" -h "$dir" -U postgres camgap_test
  fi
  as_server "$bin/psql" -h "$dir" -U postgres -d camgap_test -qc 'SET client_min_messages = warning; CREATE EXTENSION IF NOT EXISTS postgis' \
    >/dev/null
  echo "CAMGAP_TEST_PG=$uri"
}

stop() {
  if running; then as_server "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env)
    running || { echo "pgcluster: no cluster running in $dir" >&2; exit 1; }
    echo "export CAMGAP_TEST_PG='$uri'"
    ;;
  *) echo "usage: tools/pgcluster.sh start|stop|env" >&2; exit 1 ;;
esac
