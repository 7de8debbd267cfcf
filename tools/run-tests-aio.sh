# Sourced by tools/run-tests: the integration tests against a cloud that
# tools/aio brings up for them and takes down afterwards.
#
# The test cloud is this checkout's own: data in .aio-tests, virtualenv in
# .venv-aio (an editable install of THIS checkout, not whatever a shared
# /opt/nova-clone-aio/venv points at), API ports from 15000 up and its own
# RabbitMQ vhost. A developer's cloud on the default ports and vhost keeps
# running untouched, and CI (a clean machine) gets the same layout.
# Any AIO_* variable set by the caller wins.

# Default ports of tools/aio (keystone placement glance nova-api
# nova-novncproxy).
AIO_BASE_PORTS="5000 8778 9292 8774 6080"

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port_offset() {
    # The first offset at which all four API ports are free: a second
    # checkout's test run may hold 15000...
    local offset port busy
    for offset in 10000 11000 12000 13000 14000; do
        busy=""
        for port in $AIO_BASE_PORTS; do
            port_in_use $((port + offset)) && busy=1 && break
        done
        [ -z "$busy" ] && { echo "$offset"; return 0; }
    done
    echo "no free port set for the test cloud (tried 15000..19292)" >&2
    return 1
}

aio() {
    "$PY" "$TOP/tools/aio" "$@"
}

aio_test_settings() {
    export AIO_DATA_DIR=${AIO_DATA_DIR:-$TOP/.aio-tests}
    export AIO_VENV=${AIO_VENV:-$TOP/.venv-aio}
    # A per-checkout vhost: oslo.messaging's queues are named after the
    # topic alone, so two clouds on one vhost steal each other's messages.
    local tag
    tag=$(printf '%s' "$TOP" | sha1sum | cut -c1-8)
    export AIO_RABBIT_VHOST=${AIO_RABBIT_VHOST:-nova_clone_tests_$tag}
    # Only used with AIO_DB=mysql|postgresql: keeps other clouds' databases.
    export AIO_DB_PREFIX=${AIO_DB_PREFIX:-nct${tag}_}
    # Real QEMU guests where libvirtd can run (test_libvirt_cloud), else
    # the fake driver, and that test skips saying so.
    export AIO_DRIVER=${AIO_DRIVER:-auto}
    # Stop what a killed earlier run left behind before probing the ports.
    if [ -d "$AIO_DATA_DIR/run" ]; then
        aio down >/dev/null 2>&1 || true
    fi
    if [ -z "${AIO_KEYSTONE_PORT:-}" ]; then
        local offset
        offset=$(pick_port_offset) || return 1
        export AIO_KEYSTONE_PORT=$((5000 + offset))
        export AIO_PLACEMENT_PORT=$((8778 + offset))
        export AIO_GLANCE_PORT=$((9292 + offset))
        export AIO_NOVA_API_PORT=$((8774 + offset))
        export AIO_NOVNC_PORT=$((6080 + offset))
    fi
}

aio_test_down() {
    log "tools/aio down (the test cloud)"
    aio down || true
}

show_aio_logs() {
    aio status || true
    aio logs -n 40 nova-compute || true
    aio logs -n 20 libvirtd 2>/dev/null || true
    aio logs || true
}

run_integration() {
    # :param 1: the tox executable.
    local tox=$1 rc=0
    aio_test_settings || return 1
    trap aio_test_down EXIT
    # NOTE: without these an interrupted run would skip the EXIT trap
    # and leave the daemons running.
    trap 'exit 130' INT
    trap 'exit 143' TERM
    log "tools/aio up: data $AIO_DATA_DIR, venv $AIO_VENV," \
        "keystone :$AIO_KEYSTONE_PORT, nova-api :$AIO_NOVA_API_PORT," \
        "vhost $AIO_RABBIT_VHOST"
    if ! aio up; then
        log "tools/aio up FAILED: the integration tests cannot run"
        show_aio_logs
        return 1
    fi
    export NOVA_AIO_OPENRC=$AIO_DATA_DIR/openrc-demo
    log "running tox -e integration against the test cloud"
    "$tox" -e integration || rc=$?
    if [ $rc -ne 0 ]; then
        log "integration tests failed; the cloud's logs:"
        show_aio_logs
    fi
    return $rc
}
