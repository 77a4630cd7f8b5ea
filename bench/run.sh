#!/usr/bin/env bash
# Shinrai benchmark: generates the reference data set, loads it through the real CSV import, and measures
# every row of DESIGN.md's performance table against the running app over HTTP on loopback.
#
#   bench/run.sh            quick check: 1 000 customers, 10 000 entries (a few minutes)
#   bench/run.sh full       reference size: 100 000 customers, 1 000 000 entries
#
# Needs: a JDK 17+, psql, hey (apt-get install postgresql-client hey). Results: target/bench/results.md
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${1:-small}
case "$SIZE" in
	small) CUSTOMERS=1000; ENTRIES=10000; REQUESTS=300 ;;
	full) CUSTOMERS=100000; ENTRIES=1000000; REQUESTS=1000 ;;
	*) echo "usage: bench/run.sh [small|full]"; exit 2 ;;
esac
SEED=${SEED:-42}
PORT=${PORT:-18080}
DB_PORT=${DB_PORT:-15432}
OUT=target/bench
ADMIN_PASSWORD=bench-admin-password
BASE=http://127.0.0.1:$PORT
mkdir -p "$OUT"
rm -rf "$OUT/data" "$OUT"/*.txt
RESULTS=$OUT/results.md
JAR=target/shinrai-0.1.0-SNAPSHOT.jar

for tool in psql hey curl bc python3 jcmd; do
	command -v $tool >/dev/null || { echo "$tool is missing (apt-get install postgresql-client hey curl)"; exit 2; }
done

log() { printf '\n== %s\n' "$*"; }
seconds() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }

log "Building"
./mvnw -q -DskipTests package

log "Generating $CUSTOMERS customers / $ENTRIES entries (seed $SEED)"
start=$(seconds)
java -cp "$JAR" -Dloader.main=io.shinrai.dashboard.demo.DemoDataCommand \
	org.springframework.boot.loader.launch.PropertiesLauncher \
	--customers "$CUSTOMERS" --entries "$ENTRIES" --seed "$SEED" --out "$OUT/reference.csv"
generate_s=$(elapsed "$start" "$(seconds)")
rows=$(($(wc -l < "$OUT/reference.csv") - 1))

log "Starting Shinrai on port $PORT (embedded PostgreSQL on $DB_PORT)"
java -Xmx1g -jar "$JAR" --server.port="$PORT" \
	--shinrai.embedded-database.data-directory="$OUT/data" --shinrai.embedded-database.port="$DB_PORT" \
	--shinrai.admin.password="$ADMIN_PASSWORD" --spring.servlet.multipart.max-file-size=2GB \
	--spring.servlet.multipart.max-request-size=2GB --logging.level.root=WARN > "$OUT/app.log" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null || true' EXIT
until curl -sf "$BASE/actuator/health" >/dev/null; do
	kill -0 $APP_PID 2>/dev/null || { echo "the app did not start:"; tail -50 "$OUT/app.log"; exit 1; }
	sleep 1
done
export PGHOST=127.0.0.1 PGPORT=$DB_PORT PGUSER=postgres PGDATABASE=postgres

# a signed-in browser session for the pages
JAR_COOKIES=$OUT/cookies.txt
csrf() { curl -s -b "$JAR_COOKIES" -c "$JAR_COOKIES" "$BASE$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
token=$(csrf /login)
curl -s -o /dev/null -b "$JAR_COOKIES" -c "$JAR_COOKIES" --data-urlencode "username=admin" \
	--data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "_csrf=$token" "$BASE/login"
SESSION=$(awk '$6 == "JSESSIONID" {print $7}' "$JAR_COOKIES")

log "Importing $rows rows through /import"
heap_log=$OUT/heap.txt
( while kill -0 $APP_PID 2>/dev/null; do
	jcmd $APP_PID GC.heap_info 2>/dev/null | awk '/garbage-first heap|used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}'
	sleep 0.5
done ) > "$heap_log" &
HEAP_PID=$!
token=$(csrf /import)
start=$(seconds)
location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$JAR_COOKIES" -c "$JAR_COOKIES" \
	-F "_csrf=$token" -F "file=@$OUT/reference.csv;type=text/csv" "$BASE/import")
import_id=${location##*/}
while true; do
	progress=$(curl -s -b "$JAR_COOKIES" "$BASE/import/$import_id/progress")
	case "$progress" in *'"RUNNING"'*) sleep 0.5 ;; *) break ;; esac
done
import_s=$(elapsed "$start" "$(seconds)")
kill $HEAP_PID 2>/dev/null || true
echo "$progress" > "$OUT/import-result.json"
heap_max_mb=$(sed 's/K$//' "$heap_log" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}')

log "Baseline: plain COPY of the same rows"
copy_ms=$(psql -qAt <<SQL | awk '/^Time:/ {print $2}' | tail -1
create temporary table copy_baseline (external_id text, customer_ref text, customer_name text, segment text,
  received_at text, channel text, category text, transparency text, consistency text, communication text,
  quality text, "values" text, nps text, csat text, ces text, incidents text, comment text);
\timing on
\copy copy_baseline from '$OUT/reference.csv' with (format csv, header true, encoding 'UTF8')
SQL
)
copy_s=$(echo "$copy_ms / 1000" | bc -l)

latency() { # name, then hey arguments; prints "p50 p95 p99 rps errors" in ms
	local name=$1; shift
	hey "$@" > "$OUT/$name.txt"
	awk '$1 == "50%" {p50 = $3 * 1000} $1 == "95%" {p95 = $3 * 1000} $1 == "99%" {p99 = $3 * 1000}
		/Requests\/sec/ {rps = $2}
		$1 ~ /^\[[0-9]+\]$/ {code = substr($1, 2, 3); if (code !~ /^[23]/) err += $2}
		/^Error distribution/ {errors = 1} errors && /^ *\[[0-9]+\]/ {err += substr($1, 2) + 0}
		END {printf "%.1f %.1f %.1f %.0f %d\n", p50, p95, p99, rps, err}' "$OUT/$name.txt"
}

log "Pages"
customer_id=$(psql -qAt -c "select customer_id from feedback group by customer_id order by count(*) desc limit 1")
read -r dash50 dash95 dash99 dashrps dasherr < <(latency dashboard -n "$REQUESTS" -c 4 -H "Cookie: JSESSIONID=$SESSION" "$BASE/")
read -r list50 list95 list99 listrps listerr < <(latency customers -n "$REQUESTS" -c 4 -H "Cookie: JSESSIONID=$SESSION" "$BASE/customers?sort=trust")
read -r cust50 cust95 cust99 custrps custerr < <(latency customer -n "$REQUESTS" -c 4 -H "Cookie: JSESSIONID=$SESSION" "$BASE/customers/$customer_id")


log "Log feedback through the API at 20 concurrent clients"
cat > "$OUT/feedback.json" <<JSON
{"customerRef":"BENCH-1","customerName":"Bench Customer","segment":"SMB","receivedAt":"2026-01-15T09:00:00Z",
 "channel":"EMAIL","category":"SERVICE","ratings":{"quality":4,"communication":2},"nps":8,"comment":"benchmark"}
JSON
read -r log50 log95 log99 logrps logerr < <(latency log-feedback -n $((REQUESTS * 4)) -c 20 -m POST \
	-H "Authorization: Basic $(printf 'admin:%s' "$ADMIN_PASSWORD" | base64)" -T application/json -D "$OUT/feedback.json" "$BASE/api/v1/feedback")

log "Half-life change: background recomputation"
policy=$(curl -s -u "admin:$ADMIN_PASSWORD" "$BASE/api/v1/scoring-policy")
body=$(echo "$policy" | python3 -c '
import json, sys
p = json.load(sys.stdin)
keep = ["weights", "priorStrength", "priorMean", "severities", "lowThreshold", "highThreshold", "riskWindowDays",
        "atRiskCount", "acknowledgeWithinHours"]
body = {k: p[k] for k in keep}
body.update(halfLifeDays=60 if p["halfLifeDays"] != 60 else 90, reason="benchmark: half-life change",
            basedOnVersion=p["version"])
print(json.dumps(body))')
start=$(seconds)
curl -s -o /dev/null -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -d "$body" "$BASE/api/v1/scoring-policy"
read -r during50 during95 during99 duringrps duringerr < <(latency dashboard-during-recompute -n 100 -c 2 -H "Cookie: JSESSIONID=$SESSION" "$BASE/")
until curl -s -u "admin:$ADMIN_PASSWORD" "$BASE/api/v1/scoring-policy" | grep -q '"recomputation":null'; do sleep 0.5; done
recompute_s=$(elapsed "$start" "$(seconds)")

rate=$(echo "$rows / $import_s" | bc -l)
cat > "$RESULTS" <<MD
# Benchmark results ($SIZE: $CUSTOMERS customers, $rows entries, seed $SEED)

$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) ·
$(java -version 2>&1 | head -1) · PostgreSQL $(psql -qAt -c 'show server_version')

| what | p50 ms | p95 ms | p99 ms | throughput | errors | target |
|---|---|---|---|---|---|---|
| dashboard \`/\` | $dash50 | $dash95 | $dash99 | $dashrps req/s | $dasherr | p95 ≤ 150 ms, ≤ 2× its SQL |
| customers sorted by trust | $list50 | $list95 | $list99 | $listrps req/s | $listerr | p95 ≤ 150 ms |
| customer page | $cust50 | $cust95 | $cust99 | $custrps req/s | $custerr | p95 ≤ 100 ms |
| log feedback (API, 20 clients) | $log50 | $log95 | $log99 | $logrps req/s | $logerr | p99 ≤ 100 ms, no errors |
| dashboard during recomputation | $during50 | $during95 | $during99 | $duringrps req/s | $duringerr | usable |

| what | measured | target |
|---|---|---|
| generate CSV | $(printf '%.1f' "$generate_s") s | |
| CSV import | $(printf '%.1f' "$import_s") s, $(printf '%.0f' "$rate") rows/s | ≥ 20 000 rows/s |
| plain COPY of the same rows | $(printf '%.1f' "$copy_s") s | |
| import / COPY | $(printf '%.2f' "$(echo "$import_s / $copy_s" | bc -l)")× | ≤ 3× |
| heap used during import (max) | $heap_max_mb MB | ≤ 512 MB |
| half-life recomputation | $(printf '%.1f' "$recompute_s") s | ≤ 30 s |

Import result: $(cat "$OUT/import-result.json")
MD
log "Results"
cat "$RESULTS"
