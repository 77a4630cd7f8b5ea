#!/usr/bin/env bash
# Read-only pages from a real streaming replica: a primary and a `pg_basebackup -R` standby of Debian's PostgreSQL,
# one Shinrai instance with SHINRAI_DATASOURCE_REPLICA_URL pointing at the standby. Checks which server serves a list
# page, a form page and the page a form redirects to, and reports the standby's replay lag.
#
#   bench/replica.sh            # builds the jar first
#   SKIP_BUILD=1 bench/replica.sh
#
# Loopback only; state under target/replica/. About a minute and a half.
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=$(pwd)/target/replica
PRIMARY_PORT=${PRIMARY_PORT:-25441}
STANDBY_PORT=${STANDBY_PORT:-25442}
APP_PORT=${APP_PORT:-28191}
PASSWORD='replica-bench-password'
DB_PASSWORD='replica-bench-db'
APP_PID=

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/pg_basebackup >/dev/null 2>&1; then
	log "installing postgresql"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() { runuser -u postgres -- "$@"; }

cleanup() {
	set +e
	[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
	for dir in standby primary; do
		[ -d "$WORK/$dir" ] && as_postgres "$PGBIN/pg_ctl" -D "$WORK/$dir" -m fast stop >/dev/null 2>&1
	done
}
trap cleanup EXIT

if [ -z "${SKIP_BUILD:-}" ]; then
	log "building the jar"
	./mvnw -q -DskipTests package
fi
JAR=$(ls target/shinrai-*.jar | grep -v original | head -1)

rm -rf "$WORK"
mkdir -p "$WORK"
chmod 755 "$WORK"
install -d -o postgres -g postgres "$WORK/primary"
log "primary on 127.0.0.1:$PRIMARY_PORT"
as_postgres "$PGBIN/initdb" -D "$WORK/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$WORK/primary" -l "$WORK/primary/postgres.log" -w -o \
	"-c listen_addresses=127.0.0.1 -c port=$PRIMARY_PORT -c unix_socket_directories=$WORK/primary -c wal_level=replica" start >/dev/null
psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -qc "create user shinrai password '$DB_PASSWORD'" \
	-c "create database shinrai owner shinrai" >/dev/null

log "standby from pg_basebackup -R on 127.0.0.1:$STANDBY_PORT"
install -d -o postgres -g postgres -m 700 "$WORK/standby"
as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$WORK/standby" -R -X stream
as_postgres "$PGBIN/pg_ctl" -D "$WORK/standby" -l "$WORK/standby/postgres.log" -w -o \
	"-c listen_addresses=127.0.0.1 -c port=$STANDBY_PORT -c unix_socket_directories=$WORK/standby -c hot_standby_feedback=on" start >/dev/null
standby() { psql -h 127.0.0.1 -p "$STANDBY_PORT" -U postgres -d shinrai -Atqc "$1"; }
primary() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d shinrai -Atqc "$1"; }
[ "$(standby 'select pg_is_in_recovery()')" = t ] || { log "the standby is not in recovery"; exit 1; }

log "Shinrai on 127.0.0.1:$APP_PORT, read-only pages from the standby"
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/shinrai?ApplicationName=shinrai-primary" \
SPRING_DATASOURCE_USERNAME=shinrai SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD \
SHINRAI_DATASOURCE_REPLICA_URL="jdbc:postgresql://127.0.0.1:$STANDBY_PORT/shinrai?ApplicationName=shinrai-replica" \
SHINRAI_ADMIN_PASSWORD=$PASSWORD SERVER_PORT=$APP_PORT SERVER_ADDRESS=127.0.0.1 \
	java -Xmx384m -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$APP_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done

python3 - "$APP_PORT" "$PASSWORD" "$STANDBY_PORT" "$PRIMARY_PORT" <<'EOF' | tee "$WORK/results.md"
import http.client, json, re, subprocess, sys, time, uuid, base64
from urllib.parse import urlencode
port, password, standby_port, primary_port = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
conn, cookies = http.client.HTTPConnection("127.0.0.1", port, timeout=60), {}

def call(method, path, fields=None, headers=None, body=None):
    headers = dict(headers or {})
    headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if fields is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(fields)
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse(); text = r.read().decode()
    for h, v in r.getheaders():
        if h.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            cookies[name] = rest.split(";", 1)[0]
    return r.status, r.getheader("Location", ""), text

def sql(port, query):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "shinrai", "-Atqc", query],
                          check=True, capture_output=True, text=True).stdout.strip()

def standby_now():
    return sql(standby_port, "select now()")

def replica_used_since(moment):
    # the replica pool's connections (application_name shinrai-replica) that ran a statement since then
    return int(sql(standby_port, "select count(*) from pg_stat_activity where application_name = 'shinrai-replica' "
                                 f"and query_start >= '{moment}'"))

csrf = lambda page: re.search(r'name="_csrf"\s+value="([^"]+)"', page).group(1)
_, _, page = call("GET", "/login")
status, location, _ = call("POST", "/login", {"username": "admin", "password": password, "_csrf": csrf(page)})
assert status == 302 and "/login" not in location, (status, location)
cookies.pop("shinrai-primary", None)  # the sign-in was a post: forget it, as 10 s later the browser would

# some data, through the API on the primary
auth = {"Authorization": "Basic " + base64.b64encode(f"admin:{password}".encode()).decode(),
        "Content-Type": "application/json"}
api = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
for n in range(20):
    api.request("POST", "/api/v1/feedback", headers=auth, body=json.dumps({
        "externalId": f"RP-{uuid.uuid4().hex}", "customerRef": f"RP-{n % 5}", "customerName": f"Replica {n % 5}",
        "segment": "SMB", "receivedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "channel": "EMAIL",
        "category": "PRODUCT", "ratings": {"quality": 1 + n % 5}, "nps": n % 11}))
    response = api.getresponse(); response.read()
    assert response.status == 201, response.status

rows = []
def served(label, method, path, expect_replica, fields=None):
    moment = standby_now()
    status, location, _ = call(method, path, fields)
    on_replica = replica_used_since(moment) > 0
    rows.append((label, f"{method} {path}", status, "replica" if on_replica else "primary",
                 "ok" if on_replica == expect_replica else "WRONG"))
    return status, location

served("dashboard", "GET", "/", True)
served("customers list", "GET", "/customers", True)
served("feedback list", "GET", "/feedback", True)
served("form page", "GET", "/customers/new", False)
_, _, form = call("GET", "/customers/new")
cookies.pop("shinrai-primary", None)
status, location = served("form post", "POST", "/customers", False, {
    "_csrf": csrf(form), "reference": f"RP-NEW-{uuid.uuid4().hex[:6]}", "name": "Replica check", "segment": "SMB",
    "email": "", "language": "en"})
if location:
    served("page the form redirects to (within 10 s)", "GET", location.replace(f"http://127.0.0.1:{port}", ""), False)
cookies.pop("shinrai-primary", None)
served("customers list again (cookie gone)", "GET", "/customers", True)

lag = sql(primary_port, "select coalesce(max(extract(epoch from replay_lag) * 1000), 0)::numeric(10,2) from pg_stat_replication")
behind = sql(standby_port, "select pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())")
print("| page | request | status | served by | check |")
print("|---|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(str(c) for c in row) + " |")
print()
print(f"standby replay lag (pg_stat_replication.replay_lag, last write): {lag} ms; WAL received but not replayed: {behind} bytes")
if any(r[4] != "ok" for r in rows):
    sys.exit(1)
EOF
log "results in $WORK/results.md"
