#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on loopback for the tests; sourced by scripts/test.sh.
# Sets FPA_TEST_PG_URL; call pg_stop when done. For benches, a durable server: FPA_PG_FSYNC=on
# (more server options in FPA_PG_OPTIONS, e.g. "-c shared_buffers=1GB"). PostgreSQL refuses to
# run as root, so as root the server runs as the `postgres` user over a temporary folder that user owns.
pg_start() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then
    echo "PostgreSQL 未安装：跳过 PostgreSQL 测试" >&2
    return 0
  fi
  PG_TMP=$(mktemp -d /tmp/fpa-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_TMP"
    as=(runuser -u postgres --)
  fi
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${as[@]}" "$bindir/initdb" -D "$PG_TMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  "${as[@]}" "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_TMP -c fsync=${FPA_PG_FSYNC:-off} ${FPA_PG_OPTIONS:-}" start >/dev/null \
    || { cat "$PG_TMP/server.log" >&2; return 1; }
  PG_BINDIR=$bindir
  PG_AS=("${as[@]}")
  export FPA_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL 测试服务器已启动：127.0.0.1:$PG_PORT"
}

pg_stop() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
    "${PG_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}
