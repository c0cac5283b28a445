# Source this file: starts a throwaway PostgreSQL on 127.0.0.1 and exports NEWSGRAPH_TEST_PG.
# Debian's postgresql package (installed when missing); a temporary data directory, trust auth,
# a free port; `pg_throwaway_stop` (also run on exit) stops it and removes the directory.

pg_throwaway_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    return 1
}

pg_throwaway_start() {
    local bin
    if ! bin=$(pg_throwaway_bin); then
        echo "installing PostgreSQL (Debian package postgresql)..." >&2
        if [ "$(id -u)" = 0 ]; then
            (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
        else
            (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
        fi
        bin=$(pg_throwaway_bin) || { echo "PostgreSQL is not available" >&2; return 1; }
    fi
    PG_THROWAWAY_DIR=$(mktemp -d /tmp/newsgraph-pg.XXXXXX)
    PG_THROWAWAY_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    local runas=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_THROWAWAY_DIR"
        runas=(runuser -u postgres --)
    fi
    "${runas[@]}" "$bin/initdb" -D "$PG_THROWAWAY_DIR/data" -U newsgraph --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$PG_THROWAWAY_DIR/initdb.log" 2>&1 \
        || { cat "$PG_THROWAWAY_DIR/initdb.log" >&2; return 1; }
    "${runas[@]}" "$bin/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PG_THROWAWAY_PORT -k $PG_THROWAWAY_DIR -c fsync=off" \
        start >/dev/null || { cat "$PG_THROWAWAY_DIR/server.log" >&2; return 1; }
    "${runas[@]}" "$bin/createdb" -h 127.0.0.1 -p "$PG_THROWAWAY_PORT" -U newsgraph newsgraph_test
    export NEWSGRAPH_TEST_PG="postgresql://newsgraph@127.0.0.1:$PG_THROWAWAY_PORT/newsgraph_test"
    PG_THROWAWAY_BIN=$bin
    PG_THROWAWAY_RUNAS=("${runas[@]}")
    trap pg_throwaway_stop EXIT
    echo "PostgreSQL for tests: $NEWSGRAPH_TEST_PG" >&2
}

pg_throwaway_stop() {
    if [ -n "${PG_THROWAWAY_DIR:-}" ] && [ -d "$PG_THROWAWAY_DIR" ]; then
        "${PG_THROWAWAY_RUNAS[@]}" "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$PG_THROWAWAY_DIR"
        PG_THROWAWAY_DIR=
    fi
}
