#!/usr/bin/env bash
# Two Shinrai instances on one PostgreSQL behind nginx, a mixed load for 60 s, one instance killed with kill -9
# midway; reports requests, errors, lost sessions and rows stored against rows acknowledged.
#
#   bench/cluster.sh            # builds the jar first (./mvnw -q -DskipTests package)
#   SKIP_BUILD=1 bench/cluster.sh
#
# Needs Debian's postgresql and nginx packages (installed when missing, as root), python3, curl and a JDK.
# Everything listens on 127.0.0.1 only; all state lives under target/cluster/. About 2-3 minutes.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$ROOT/target/cluster
PG_PORT=${PG_PORT:-25433}
APP_PORTS=(${APP1_PORT:-28181} ${APP2_PORT:-28182})
LB_PORT=${LB_PORT:-28180}
DURATION=${DURATION:-60}
KILL_AT=${KILL_AT:-30}
PASSWORD='cluster-bench-password'
DB_PASSWORD='cluster-bench-db'
USERS=(cl-user-1 cl-user-2 cl-user-3 cl-user-4 cl-user-5 cl-user-6 cl-user-7 cl-user-8)
IMPORT_ROWS=${IMPORT_ROWS:-20000}
PIDS=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

need_package() { # command package
	if ! command -v "$1" >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/"$1" >/dev/null 2>&1; then
		log "installing $2"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
	fi
}

cleanup() {
	set +e
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
	[ -n "${PGBIN:-}" ] && [ -d "$WORK/pgdata" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1
	wait 2>/dev/null
}
trap cleanup EXIT

need_package initdb postgresql
need_package nginx nginx-light
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

if [ -z "${SKIP_BUILD:-}" ]; then
	log "building the jar"
	./mvnw -q -DskipTests package
fi
JAR=$(ls target/shinrai-*.jar | grep -v original | head -1)

rm -rf "$WORK"
mkdir -p "$WORK"/{nginx,out,imports-1,imports-2}
chmod 755 "$WORK"

log "starting PostgreSQL ($("$PGBIN/postgres" --version)) on 127.0.0.1:$PG_PORT"
install -d -o postgres -g postgres "$WORK/pgdata"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pgdata/postgres.log" -w \
	-o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$WORK/pgdata -c max_connections=100" start >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create user shinrai password '$DB_PASSWORD'" \
	-c "create database shinrai owner shinrai" >/dev/null
sql() { PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U shinrai -d shinrai -Atqc "$1"; }

STARTED=$SECONDS
log "starting two instances at once on the empty database (ports ${APP_PORTS[*]})"
for i in 0 1; do
	n=$((i + 1))
	SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/shinrai" \
	SPRING_DATASOURCE_USERNAME=shinrai SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD \
	SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=15 \
	SHINRAI_ADMIN_PASSWORD=$PASSWORD SERVER_PORT=${APP_PORTS[$i]} SERVER_ADDRESS=127.0.0.1 \
	SHINRAI_IMPORT_DIRECTORY=$WORK/imports-$n SHINRAI_IMPORT_SILENCE_LIMIT=20s SHINRAI_IMPORT_CHECK_INTERVAL=5s \
		java -Xmx384m -jar "$JAR" >"$WORK/app-$n.log" 2>&1 &
	PIDS+=($!)
done
for port in "${APP_PORTS[@]}"; do
	for _ in $(seq 1 600); do
		curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break
		sleep 1
	done
	curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null || { log "instance on $port did not start"; tail -n 40 "$WORK"/app-*.log; exit 1; }
done
log "both instances up after $((SECONDS - STARTED)) s: admins created $(sql "select count(*) from app_user where username = 'admin'") (one expected)"

cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
user root;
error_log $WORK/nginx/error.log warn;
events { worker_connections 512; }
http {
	client_body_temp_path $WORK/nginx/body;
	proxy_temp_path $WORK/nginx/proxy;
	fastcgi_temp_path $WORK/nginx/fastcgi;
	uwsgi_temp_path $WORK/nginx/uwsgi;
	scgi_temp_path $WORK/nginx/scgi;
	log_format lb '\$msec \$http_x_request_id \$request_method \$uri \$status "\$upstream_addr" "\$upstream_status" \$request_time';
	access_log $WORK/nginx/access.log lb;
	client_max_body_size 60m;
	upstream shinrai {
		server 127.0.0.1:${APP_PORTS[0]} max_fails=1 fail_timeout=10s;
		server 127.0.0.1:${APP_PORTS[1]} max_fails=1 fail_timeout=10s;
		keepalive 16;
		# shorter than Tomcat's keep-alive, so nginx never reuses a connection the instance is closing
		keepalive_timeout 10s;
	}
	server {
		listen 127.0.0.1:$LB_PORT;
		location / {
			proxy_pass http://shinrai;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$http_host;
			proxy_connect_timeout 2s;
			proxy_read_timeout 60s;
			# passive failover; POST and other non-idempotent requests are only retried when they were never sent
			proxy_next_upstream error timeout http_502 http_503;
			add_header X-Upstream \$upstream_addr always;
		}
	}
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -g "daemon off; pid $WORK/nginx.pid;" &
PIDS+=($!)
for _ in $(seq 1 20); do curl -fs "http://127.0.0.1:$LB_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 0.5; done

log "creating the load's users through the admin page"
python3 - "$LB_PORT" "$PASSWORD" "${USERS[@]}" <<'EOF'
import http.client, re, sys
from urllib.parse import urlencode
port, password, users = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
conn, cookies = http.client.HTTPConnection("127.0.0.1", port), {}
def call(method, path, fields=None):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if fields is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=urlencode(fields) if fields is not None else None, headers=headers)
    r = conn.getresponse(); text = r.read().decode()
    for h, v in r.getheaders():
        if h.lower() == "set-cookie":
            name, _, rest = v.partition("="); cookies[name] = rest.split(";", 1)[0]
    return r.status, r.getheader("Location", ""), text
csrf = lambda page: re.search(r'name="_csrf"\s+value="([^"]+)"', page).group(1)
_, _, page = call("GET", "/login")
status, location, _ = call("POST", "/login", {"username": "admin", "password": password, "_csrf": csrf(page)})
assert status == 302 and "/login" not in location, (status, location)
for user in users + ["cl-api", "cl-importer"]:
    _, _, page = call("GET", "/admin/users")
    status, location, _ = call("POST", "/admin/users", {"_csrf": csrf(page), "username": user, "displayName": user,
        "role": "MANAGER", "password": password, "passwordRepeated": password})
    assert status == 302, (user, status, location)
EOF

log "writing the import file ($IMPORT_ROWS rows)"
python3 - "$WORK/import.csv" "$IMPORT_ROWS" <<'EOF'
import random, sys
path, rows = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("external_id,customer_ref,customer_name,segment,received_at,channel,category,transparency,consistency,"
            "communication,quality,values,nps,csat,ces,incidents,comment\r\n")
    for n in range(rows):
        ref = f"CL-{rng.randrange(500):05d}"
        day = f"2026-{rng.randrange(1, 11):02d}-{rng.randrange(1, 28):02d}"
        f.write(f"CL-IMP-{n},{ref},Cluster customer {ref},SMB,{day},EMAIL,PRODUCT,{rng.randrange(1, 6)},,,"
                f"{rng.randrange(1, 6)},,{rng.randrange(11)},,,,imported row {n}\r\n")
EOF

VICTIM_PORT=${APP_PORTS[1]}
log "load for ${DURATION}s through nginx on 127.0.0.1:$LB_PORT; kill -9 of the instance on $VICTIM_PORT at ${KILL_AT}s"
python3 bench/cluster-load.py --port "$LB_PORT" --users "${USERS[@]}" --api-user cl-api --import-user cl-importer \
	--password "$PASSWORD" --duration "$DURATION" --kill-at "$KILL_AT" --csv "$WORK/import.csv" \
	--kill-command "kill -9 ${PIDS[1]}; until curl -s -o /dev/null --max-time 1 http://127.0.0.1:$VICTIM_PORT/; [ \$? -eq 7 ]; do sleep 0.05; done" --out "$WORK/out"
log "load done; checking what was stored"

# acknowledged rows against stored rows
sql "create table cluster_ack (kind text, key text)"
PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U shinrai -d shinrai -qc "\\copy cluster_ack from '$WORK/out/acknowledged.tsv'"
JOB=$(python3 -c "import json; print(json.load(open('$WORK/out/summary.json'))['import'].get('job', ''))")
sql "select 'api', count(*), count(f.id) from cluster_ack a left join feedback f on f.external_id = a.key where a.kind = 'api'
	union all select 'form', count(*), count(f.id) from cluster_ack a left join feedback f on f.id = a.key::bigint where a.kind = 'form'
	union all select 'import', coalesce((select imported from feedback_import where id = nullif('$JOB', '')::bigint), 0),
	    (select count(*) from feedback where external_id like 'CL-IMP-%')" >"$WORK/out/rows.txt"
sql "select status from feedback_import where id = nullif('$JOB', '')::bigint" >"$WORK/out/import-status.txt" || true
sql "select count(*) from feedback where external_id like 'CL-API-%'" >"$WORK/out/api-stored.txt"
sql "select count(*) from feedback where comment like 'cluster form %'" >"$WORK/out/form-stored.txt"

python3 - "$WORK" "$VICTIM_PORT" <<'EOF' | tee "$WORK/results.md"
import csv, json, sys
work, victim = sys.argv[1], sys.argv[2]
summary = json.load(open(f"{work}/out/summary.json"))
requests = list(csv.DictReader(open(f"{work}/out/requests.tsv"), delimiter="\t"))
lb = {}
for line in open(f"{work}/nginx/access.log"):
    parts = line.split(" ")
    lb[parts[1]] = line.split('"')[1]  # upstream addresses tried, e.g. "127.0.0.1:18182, 127.0.0.1:18181"
killed, dead = summary["killed_at"], summary["dead_at"]
expected = {"page": {200}, "form": {200}, "login": {200, 302}, "form-post": {302}, "api-post": {201},
            "import": {302}, "import-progress": {200}}
errors, in_flight = [], []
for r in requests:
    status = int(r["status"])
    if status in expected[r["kind"]]:
        continue
    tried = lb.get(r["id"], "")
    # failed by the kill: sent to the killed instance before it was gone, and cut off (502, or cut) by its end
    if (tried.endswith(f":{victim}") or not tried) and float(r["started"]) <= dead and float(r["ended"]) >= killed \
            and status in (502, -1):
        in_flight.append(r)
    else:
        errors.append(r)
retried = sum(1 for r in requests if "," in lb.get(r["id"], ""))
rows = [line.split("|") for line in open(f"{work}/out/rows.txt").read().split()]
served = summary["users_served_before_kill"]
victims = sorted(u for u, ups in served.items() if any(up.endswith(f":{victim}") for up in ups))
duration = summary["ended"] - summary["started"]
print("| figure | value |")
print("|---|---|")
print(f"| requests | {len(requests)} in {duration:.0f} s ({len(requests) / duration:.0f}/s) |")
print(f"| by kind | " + ", ".join(f"{k} {sum(1 for r in requests if r['kind'] == k)}" for k in expected) + " |")
print(f"| failed while in flight on the killed instance | {len(in_flight)} (" +
      ", ".join(f"{r['method']} {r['path']}" for r in in_flight) + ") |")
print(f"| errors otherwise | {len(errors)} " + (("(" + "; ".join(
    f"{r['method']} {r['path']} {r['status']}" for r in errors[:10]) + ")") if errors else "") + " |")
print(f"| requests retried on the other instance by nginx | {retried} |")
print(f"| users signed in on the killed instance before the kill | {len(victims)} of {len(served)} |")
print(f"| lost sessions (users sent to the sign-in page) | {len(summary['lost_sessions'])} {summary['lost_sessions'] or ''} |")
for kind, acknowledged, stored in rows:
    lost = int(acknowledged) - int(stored)
    print(f"| {kind} rows: acknowledged / stored of them / lost | {acknowledged} / {stored} / {lost} |")
imp = summary["import"]
print(f"| import job | {imp.get('progress', {}).get('status', 'none')}, progress read from "
      f"{', '.join(imp.get('progress_served_by', []))} |")
EOF
log "results in $WORK/results.md"
