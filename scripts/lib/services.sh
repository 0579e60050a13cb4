# Services the tests and benchmarks need, installed and started when missing. Sourced by scripts/*.sh.

PG_PORT="${PORTAL_PG_PORT:-55432}"
PG_DIR="${PORTAL_PG_DIR:-/tmp/portal-pg-$PG_PORT}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql postgresql-contrib)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)   # the build bundles front-end packages (Directory.Build.targets)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)   # the cluster tests put nginx in front of two nodes
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}"
    as_root apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# A private cluster in a temp folder, so the tests never touch the machine's own.
start_postgres() {
  local bin; bin=$(pg_bin)
  local run_as=(); [ "$(id -u)" = 0 ] && run_as=(su postgres -s /bin/bash -c)
  run() { if [ ${#run_as[@]} -gt 0 ]; then "${run_as[@]}" "$*"; else bash -c "$*"; fi; }
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then
    mkdir -p "$PG_DIR" && [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
    run "$bin/initdb -D $PG_DIR -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null || return 1
  fi
  if ! run "$bin/pg_ctl -D $PG_DIR status" >/dev/null 2>&1; then
    run "$bin/pg_ctl -D $PG_DIR -l $PG_DIR/server.log -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on\" -w start" >/dev/null || {
      echo "PostgreSQL did not start; log:"; tail -20 "$PG_DIR/server.log"; return 1; }
  fi
  run "$bin/psql -h 127.0.0.1 -p $PG_PORT -U postgres -qc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='portal') THEN CREATE ROLE portal LOGIN SUPERUSER PASSWORD 'portal'; END IF; END \\\$\\\$;\"" >/dev/null || return 1
  export PORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=portal;Password=portal"
  echo "PostgreSQL on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  local bin; bin=$(pg_bin)
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$bin/pg_ctl -D $PG_DIR -m fast stop" >/dev/null 2>&1
  else "$bin/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1; fi
}
