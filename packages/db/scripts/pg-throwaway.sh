#!/usr/bin/env bash
# A disposable PostgreSQL 15 cluster for tests and CI.
#   start: initdb (once) + start on a free port; prints DATABASE_URL=… on stdout, nothing else.
#          Use: export "$(packages/db/scripts/pg-throwaway.sh start)"
#   stop:  stops the cluster and deletes its folder.
# PG_BIN overrides the binaries' folder, PG_THROWAWAY_DIR the cluster's folder.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DIR="${PG_THROWAWAY_DIR:-/tmp/atlas-pg-throwaway}"
DATA="$DIR/data"

# PostgreSQL refuses to run as root: then run it as the postgres user, who must own the folder.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url_of() {
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$(cat "$DIR/port")/postgres"
}

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

case "${1:-}" in
  start)
    if [ -f "$DIR/port" ] && as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      url_of
      exit 0
    fi
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    if [ ! -f "$DATA/PG_VERSION" ]; then
      as_pg "$PG_BIN/initdb" -D "$DATA" --locale=C.UTF-8 -E UTF8 -U postgres --auth=trust >"$DIR/initdb.log" 2>&1 ||
        { cat "$DIR/initdb.log" >&2; exit 1; }
    fi
    port="$(free_port)"
    # Settings that only trade durability for speed: fine for a cluster that is thrown away.
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -w -l "$DIR/log" \
      -o "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >&2 || { cat "$DIR/log" >&2; exit 1; }
    echo "$port" >"$DIR/port"
    url_of
    ;;
  stop)
    if [ -f "$DATA/PG_VERSION" ]; then as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast stop >&2 || true; fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
