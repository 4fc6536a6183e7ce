#!/usr/bin/env bash
# A disposable PostgreSQL 15 cluster for tests and CI.
#   start: initdb (once) + start on a free port; prints DATABASE_URL=… on stdout, nothing else.
#          Use: export "$(packages/db/scripts/pg-throwaway.sh start)"
#   halt:  stops the server but keeps the cluster: the next start brings the same data back on the
#          same port, so a client holding the URL can reconnect by itself (outage tests).
#   stop:  stops the cluster and deletes its folder.
#   freeze / thaw: SIGSTOP / SIGCONT the server and every one of its processes: a server that keeps
#          its connections open and never answers (hung-server tests).
# PG_BIN overrides the binaries' folder, PG_THROWAWAY_DIR the cluster's folder; PG_THROWAWAY_OPTIONS
# adds server settings (the benchmark's memory and checkpoint sizes: "-c shared_buffers=2GB …").
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

port_free() {
  node -e 'require("net").createServer().once("error", () => process.exit(1)).listen(Number(process.argv[1]), "127.0.0.1", function () { this.close(); })' "$1"
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
    # A halted cluster comes back on its recorded port while that port is still free.
    port="$(cat "$DIR/port" 2>/dev/null || true)"
    if [ -z "$port" ] || ! port_free "$port"; then port="$(free_port)"; fi
    # Settings that only trade durability for speed: fine for a cluster that is thrown away.
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -w -l "$DIR/log" \
      -o "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_THROWAWAY_OPTIONS:-}" \
      start >&2 || { cat "$DIR/log" >&2; exit 1; }
    echo "$port" >"$DIR/port"
    url_of
    ;;
  halt)
    if [ -f "$DATA/PG_VERSION" ]; then as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2; fi
    ;;
  freeze | thaw)
    signal=STOP
    [ "$1" = thaw ] && signal=CONT
    postmaster="$(head -n 1 "$DATA/postmaster.pid")"
    # The postmaster and its children (backends, checkpointer, …), by pid.
    kill -s "$signal" "$postmaster" $(ps -o pid= --ppid "$postmaster")
    ;;
  stop)
    if [ -f "$DATA/PG_VERSION" ]; then as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast stop >&2 || true; fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|halt|freeze|thaw|stop" >&2
    exit 2
    ;;
esac
