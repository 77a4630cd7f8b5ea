#!/usr/bin/env bash
# Shinrai reliability run: nothing acknowledged may be lost, nothing stored twice, whatever happens under load.
#
#   bench/reliability.sh            build, then 20 clients post feedback through the API for 60 s while the database is
#                                   stopped and started again and the app is killed (kill -9) and started again
#
# The app runs against a PostgreSQL server of its own (Debian's `postgresql` package, installed with apt-get when
# missing and run as the `postgres` OS user when this runs as root), data under target/reliability/, on loopback only.
# Every request carries a unique external id; at the end the ids acknowledged with 2xx are compared with the ids stored.
# Prints (and writes to target/reliability/results.md): requests sent, 2xx, 4xx, 5xx, no answer, rows stored, rows lost
# (acknowledged but not stored) and duplicated (stored more than once); the run fails unless lost and duplicated are 0.
#
# Settings (environment): CLIENTS (20), SECONDS_TOTAL (60), DB_DOWN_AT (15), DB_UP_AT (25), KILL_AT (35), PORT (18091),
# DB_PORT (15442), REQUEST_TIMEOUT (30 s per request), SKIP_BUILD=1 to use the jar already built.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-20}
SECONDS_TOTAL=${SECONDS_TOTAL:-60}
DB_DOWN_AT=${DB_DOWN_AT:-15}
DB_UP_AT=${DB_UP_AT:-25}
KILL_AT=${KILL_AT:-35}
PORT=${PORT:-18091}
REQUEST_TIMEOUT=${REQUEST_TIMEOUT:-30}
DB_PORT=${DB_PORT:-15442}
OUT=$(pwd)/target/reliability
JAR=target/shinrai-0.1.0-SNAPSHOT.jar
BASE=http://127.0.0.1:$PORT
ADMIN_PASSWORD=reliability-admin-password
DB_PASSWORD=reliability-db-$RANDOM$RANDOM
RUN=REL-$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log() { printf '== %s %s\n' "$(date +%T)" "$*"; }

for tool in java curl; do
	command -v $tool >/dev/null || { echo "$tool is missing"; exit 2; }
done
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PG_BIN" ] || ! command -v psql >/dev/null; then
	[ "$(id -u)" = 0 ] || { echo "PostgreSQL is missing: apt-get install postgresql"; exit 2; }
	log "Installing PostgreSQL (apt-get install postgresql)"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
	PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
# PostgreSQL refuses to run as root: then it runs as the postgres user the package creates
as_db() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

APP_PID=
cleanup() {
	[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
	[ -f "$OUT/pg/postmaster.pid" ] && as_db "$PG_BIN/pg_ctl" -D "$OUT/pg" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

cleanup
rm -rf "$OUT"
mkdir -p "$OUT/pg" "$OUT/clients"
chmod 700 "$OUT/pg"
[ "$(id -u)" = 0 ] && chown postgres: "$OUT/pg"

if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$JAR" ]; then
	log "Building"
	./mvnw -q -DskipTests package
fi

log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$DB_PORT, data in $OUT/pg"
printf '%s\n' "$DB_PASSWORD" > "$OUT/pg.pw"
chmod 600 "$OUT/pg.pw"
[ "$(id -u)" = 0 ] && chown postgres: "$OUT/pg.pw"
as_db "$PG_BIN/initdb" -D "$OUT/pg" -U postgres -A scram-sha-256 --pwfile="$OUT/pg.pw" -E UTF8 --locale=C.UTF-8 >/dev/null
rm -f "$OUT/pg.pw"
db_start() {
	as_db "$PG_BIN/pg_ctl" -D "$OUT/pg" -l "$OUT/pg/server.log" -w \
		-o "-p $DB_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
}
db_stop() {
	as_db "$PG_BIN/pg_ctl" -D "$OUT/pg" -m fast -w stop >/dev/null
}
db_start
export PGHOST=127.0.0.1 PGPORT=$DB_PORT PGUSER=postgres PGPASSWORD=$DB_PASSWORD PGDATABASE=postgres
psql -qAt -c "create database shinrai"
printf 'durability: fsync=%s synchronous_commit=%s full_page_writes=%s\n' "$(psql -qAt -c 'show fsync')" \
	"$(psql -qAt -c 'show synchronous_commit')" "$(psql -qAt -c 'show full_page_writes')"

app_start() {
	SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:$DB_PORT/shinrai SPRING_DATASOURCE_USERNAME=postgres \
	SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD SHINRAI_ADMIN_PASSWORD=$ADMIN_PASSWORD SERVER_PORT=$PORT \
	SHINRAI_IMPORT_DIRECTORY=$OUT/imports \
		java -Xmx512m -jar "$JAR" --logging.level.root=WARN >> "$OUT/app.log" 2>&1 &
	APP_PID=$!
	until curl -sf -o /dev/null "$BASE/actuator/health"; do
		kill -0 "$APP_PID" 2>/dev/null || { echo "the app did not start:"; tail -50 "$OUT/app.log"; exit 1; }
		sleep 0.2
	done
}
log "Starting Shinrai on $BASE"
app_start

# one client: posts entries with unique external ids until the end, one line "<id> <status>" per request
# (status 000: no answer, e.g. while the app is down)
client() {
	local n=0 id code end=$1 client=$2
	while [ "$(date +%s)" -lt "$end" ]; do
		n=$((n + 1))
		id=$RUN-$client-$n
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time "$REQUEST_TIMEOUT" -u "admin:$ADMIN_PASSWORD" \
			-H 'Content-Type: application/json' "$BASE/api/v1/feedback" -d "{\"externalId\":\"$id\",
			\"customerRef\":\"REL-C-$((RANDOM % 200))\",\"customerName\":\"Reliability customer\",\"segment\":\"SMB\",
			\"receivedAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"channel\":\"EMAIL\",\"category\":\"SERVICE\",
			\"ratings\":{\"quality\":$((RANDOM % 5 + 1))},\"comment\":\"reliability $id\"}" || true)
		echo "$id ${code:-000}" >> "$OUT/clients/$client.log"
		# no answer at all (the app is being restarted): do not spin
		[ "${code:-000}" = 000 ] && sleep 0.2
	done
}

start=$(date +%s)
end=$((start + SECONDS_TOTAL))
log "$CLIENTS clients posting for $SECONDS_TOTAL s"
client_pids=()
for c in $(seq 1 "$CLIENTS"); do
	client "$end" "$c" &
	client_pids+=($!)
done
at() { while [ "$(($(date +%s) - start))" -lt "$1" ]; do sleep 0.2; done; }

at "$DB_DOWN_AT"; log "Stopping the database"; db_stop
at "$DB_UP_AT"; log "Starting the database"; db_start
at "$KILL_AT"; log "kill -9 of the app (pid $APP_PID)"; kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
log "Starting the app again"; restart_began=$(date +%s); app_start
log "The app answers again after $(($(date +%s) - restart_began)) s"
wait "${client_pids[@]}" 2>/dev/null || true
log "Clients done"

cat "$OUT"/clients/*.log > "$OUT/requests.txt"
psql -qAt -d shinrai -c "select external_id from feedback where external_id like '$RUN-%'" | sort > "$OUT/stored.txt"
awk '$2 ~ /^2/ {print $1}' "$OUT/requests.txt" | sort > "$OUT/acknowledged.txt"
sent=$(wc -l < "$OUT/requests.txt")
ok=$(awk '$2 ~ /^2/' "$OUT/requests.txt" | wc -l)
client_errors=$(awk '$2 ~ /^4/' "$OUT/requests.txt" | wc -l)
server_errors=$(awk '$2 ~ /^5/' "$OUT/requests.txt" | wc -l)
unanswered=$(awk '$2 == "000"' "$OUT/requests.txt" | wc -l)
stored=$(wc -l < "$OUT/stored.txt")
lost=$(comm -23 "$OUT/acknowledged.txt" "$OUT/stored.txt" | wc -l)
duplicated=$(uniq -d "$OUT/stored.txt" | wc -l)
unacknowledged_stored=$(comm -13 "$OUT/acknowledged.txt" <(uniq "$OUT/stored.txt") | wc -l)
statuses=$(awk '{print $2}' "$OUT/requests.txt" | sort | uniq -c | awk '{printf "%s×%s ", $2, $1}')

{
	echo "| requests sent | 2xx | 4xx | 5xx | no answer | rows stored | lost | duplicated | stored without a 2xx |"
	echo "|---|---|---|---|---|---|---|---|---|"
	echo "| $sent | $ok | $client_errors | $server_errors | $unanswered | $stored | $lost | $duplicated | $unacknowledged_stored |"
	echo
	echo "Statuses: $statuses"
	echo "$CLIENTS clients, $SECONDS_TOTAL s; database stopped at ${DB_DOWN_AT} s and started at ${DB_UP_AT} s; app killed"
	echo "(kill -9) at ${KILL_AT} s and started again. PostgreSQL $(psql -qAt -c 'show server_version'), $(nproc) cores,"
	echo "load average before the run $LOAD_BEFORE."
} | tee "$OUT/results.md"

[ "$lost" = 0 ] && [ "$duplicated" = 0 ] || { echo "FAILED: lost or duplicated rows"; exit 1; }
[ "$ok" -gt 0 ] || { echo "FAILED: no request was acknowledged, so nothing was checked (see $OUT/app.log)"; exit 1; }
