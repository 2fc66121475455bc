#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and CI: never a system service, never a fixed port.
#   scripts/postgres.sh start DIR   initdb into DIR/data (trust auth, loopback only), start on a free 127.0.0.1 port, print
#                                   the Npgsql connection string on stdout (also written to DIR/connection)
#   scripts/postgres.sh stop DIR    stop it (fast shutdown)
#   scripts/postgres.sh kill DIR    stop it at once (immediate shutdown: what a crash looks like to clients)
#   scripts/postgres.sh restart DIR start it again on the same port after stop or kill
# Finds the server binaries of Debian's postgresql package (/usr/lib/postgresql/*/bin) or on PATH. Run as root, the server
# runs as the user postgres (PostgreSQL refuses root). Exit 3 when no PostgreSQL is installed.
set -euo pipefail
command=${1:?usage: postgres.sh start|stop|kill|restart DIR}
dir=${2:?usage: postgres.sh start|stop|kill|restart DIR}

bin=""
for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bin=$candidate; done
[ -z "$bin" ] && command -v initdb >/dev/null 2>&1 && bin=$(dirname "$(command -v initdb)")
[ -z "$bin" ] && { echo "postgres.sh: no PostgreSQL server binaries (initdb) on this machine; apt-get install postgresql" >&2; exit 3; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ctl_() { # ARGS...
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 "$@" >/dev/null
}

case "$command" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    port=""
    for _ in $(seq 1 50); do # a random port nothing on 127.0.0.1 answers on
      candidate=$((20000 + RANDOM % 40000))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
    done
    [ -z "$port" ] && { echo "postgres.sh: no free loopback port found" >&2; exit 1; }
    echo "$port" > "$dir/port"
    pg_ctl_ -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=on -c max_connections=200" start
    connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    echo "$connection" > "$dir/connection"
    echo "$connection"
    ;;
  restart)
    port=$(cat "$dir/port")
    pg_ctl_ -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=on -c max_connections=200" start
    ;;
  stop) pg_ctl_ -m fast stop ;;
  kill) pg_ctl_ -m immediate stop ;;
  *) echo "postgres.sh: unknown command '$command'" >&2; exit 2 ;;
esac
