#!/usr/bin/env bash
# Shinrai benchmark: generates the reference data set, loads it through the real CSV import, and measures every row
# of the performance targets in docs/architecture.md against the running app over HTTP on loopback.
#
#   bench/run.sh            quick check: 1 000 customers, 10 000 entries (about 1.5 minutes)
#   bench/run.sh full       reference size: 100 000 customers, 1 000 000 entries (about 7.5 minutes)
#   bench/run.sh scale      the pages at 1 000 000 customers / 10 000 000 entries and, in the same run, at the
#                           reference size, with their ratios (bench/scale.sh; several hours on 2 cores)
#   bench/run.sh huge       one run of the whole benchmark at 1 000 000 customers / 10 000 000 entries
#   bench/run.sh full insights   the same data, but only the import with its baselines, the dashboard and the
#                           insight pages (no API load, no recomputation): target/bench/results-insights.md
#
# Needs a JDK 17+, psql, hey, wrk, curl, bc and python3 (apt-get install postgresql-client hey wrk curl bc).
# Results: target/bench/results.md, with the EXPLAIN (ANALYZE, BUFFERS) of the slowest statements of each page in
# target/bench/explain-*.txt. Only loopback addresses are used.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${1:-small}
ROWS=${2:-all}
case "$ROWS" in
	all|insights) ;;
	*) echo "usage: bench/run.sh [small|full] [all|insights]"; exit 2 ;;
esac
[ "$SIZE" = scale ] && exec "$(dirname "$0")/scale.sh"
case "$SIZE" in
	small) CUSTOMERS=1000; ENTRIES=10000; REQUESTS=200; LOAD_SECONDS=10 ;;
	full) CUSTOMERS=100000; ENTRIES=1000000; REQUESTS=300; LOAD_SECONDS=30 ;;
	huge) CUSTOMERS=1000000; ENTRIES=10000000; REQUESTS=300; LOAD_SECONDS=30 ;;
	*) echo "usage: bench/run.sh [small|full|huge|scale] [all|insights]"; exit 2 ;;
esac
SEED=${SEED:-42}
PORT=${PORT:-18080}
DB_PORT=${DB_PORT:-15432}
HEAP=${HEAP:-512m}
OUT=${OUT:-target/bench}
ADMIN_PASSWORD=bench-admin-password
BASE=http://127.0.0.1:$PORT
BENCH=$(cd "$(dirname "$0")" && pwd)
JAR=target/shinrai-0.1.0-SNAPSHOT.jar

for tool in psql hey wrk curl bc python3 jcmd; do
	command -v $tool >/dev/null || { echo "$tool is missing (apt-get install postgresql-client hey wrk curl bc)"; exit 2; }
done
mkdir -p "$OUT"
rm -rf "$OUT/data" "$OUT/data-server" "$OUT"/*.txt "$OUT"/*.sql "$OUT"/*.copy
RESULTS=$OUT/results.md
[ "$ROWS" = insights ] && RESULTS=$OUT/results-insights.md
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

log() { printf '\n== %s\n' "$*"; }
seconds() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
verdict() { # condition (bc) → met / missed
	if [ "$(echo "$1" | bc -l)" = 1 ]; then echo met; else echo "**missed**"; fi
}
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }

log "Building"
./mvnw -q -DskipTests package

log "Generating $CUSTOMERS customers / $ENTRIES entries (seed $SEED, ending today)"
start=$(seconds)
java -cp "$JAR" -Dloader.main=io.shinrai.demo.DemoDataCommand \
	org.springframework.boot.loader.launch.PropertiesLauncher \
	--customers "$CUSTOMERS" --entries "$ENTRIES" --seed "$SEED" --out "$OUT/reference.csv"
generate_s=$(elapsed "$start" "$(seconds)")
rows=$(($(wc -l < "$OUT/reference.csv") - 1))

log "Starting Shinrai on port $PORT (-Xmx$HEAP, embedded PostgreSQL on $DB_PORT)"
# the embedded server also writes its log to a file, so that the statements of one page can be captured
java -Xmx"$HEAP" -jar "$JAR" --server.port="$PORT" \
	--shinrai.embedded-database.data-directory="$OUT/data" --shinrai.embedded-database.port="$DB_PORT" \
	--shinrai.embedded-database.settings.logging-collector=on \
	--shinrai.embedded-database.settings.log-directory=log \
	--shinrai.embedded-database.settings.log-filename=postgresql.log \
	--shinrai.embedded-database.settings.log-parameter-max-length=-1 \
	--shinrai.admin.password="$ADMIN_PASSWORD" --spring.servlet.multipart.max-file-size=2GB \
	--spring.servlet.multipart.max-request-size=2GB --logging.level.root=WARN > "$OUT/app.log" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null || true' EXIT
until curl -sf "$BASE/actuator/health" >/dev/null; do
	kill -0 $APP_PID 2>/dev/null || { echo "the app did not start:"; tail -50 "$OUT/app.log"; exit 1; }
	sleep 1
done
export PGHOST=127.0.0.1 PGPORT=$DB_PORT PGUSER=postgres PGDATABASE=postgres
# the embedded server takes only its generated password (docs/operations.md)
export PGPASSWORD=$(cat "$OUT/data-server/password")
PG_LOG=$OUT/data/log/postgresql.log

# a signed-in browser session for the pages
COOKIES=$OUT/cookies.txt
csrf() { curl -s -b "$COOKIES" -c "$COOKIES" "$BASE$1" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
token=$(csrf /login)
curl -s -o /dev/null -b "$COOKIES" -c "$COOKIES" --data-urlencode "username=admin" \
	--data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "_csrf=$token" "$BASE/login"
# the session cookie, whatever its name (SESSION with the sessions in the database)
SESSION_COOKIE=$(awk '$6 == "SESSION" || $6 == "JSESSIONID" {print $6 "=" $7}' "$COOKIES" | tail -1)
signed_in=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $SESSION_COOKIE" "$BASE/")
[ "$signed_in" = 200 ] || { echo "signing in failed (the dashboard answered $signed_in): the pages would measure redirects"; exit 1; }

log "Importing $rows rows through /import"
( while kill -0 $APP_PID 2>/dev/null; do
	jcmd $APP_PID GC.heap_info 2>/dev/null | awk '/garbage-first heap|used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}'
	sleep 0.5
done ) > "$OUT/heap.txt" &
HEAP_PID=$!
token=$(csrf /import)
start=$(seconds)
location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$COOKIES" -c "$COOKIES" \
	-F "_csrf=$token" -F "file=@$OUT/reference.csv;type=text/csv" "$BASE/import")
import_id=${location##*/}
while true; do
	progress=$(curl -s -b "$COOKIES" "$BASE/import/$import_id/progress")
	case "$progress" in *'"RUNNING"'*) sleep 0.5 ;; *) break ;; esac
done
import_s=$(elapsed "$start" "$(seconds)")
kill $HEAP_PID 2>/dev/null || true
echo "$progress" > "$OUT/import-result.json"
heap_max_mb=$(sed 's/K$//' "$OUT/heap.txt" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}')
job_s=$(psql -qAt -c "select extract(epoch from finished_at - started_at) from feedback_import where id = $import_id")

log "Waiting for the comment terms of every entry to be counted (in the background, after the import)"
start=$(seconds)
until [ "$(psql -qAt -c 'select count(*) from insight_term_pending')" = 0 ]; do sleep 1; done
terms_s=$(elapsed "$start" "$(seconds)")

log "Baselines: plain COPY of the same rows"
# 1. the rows as the import stored them, into a table like feedback with the same indexes and constraints
psql -qAt -c "\\copy (select * from feedback where import_id = $import_id order by id) to '$OUT/feedback.copy'"
copy_ms=$(psql -qAt <<SQL | awk '/^Time:/ {print $2}' | tail -1
create table bench_copy_baseline (like feedback including all);
\timing on
\copy bench_copy_baseline from '$OUT/feedback.copy'
SQL
)
psql -qAt -c "drop table bench_copy_baseline"
# 2. the CSV file as text into a table without indexes (a lower bound no importer storing typed, indexed rows meets)
text_copy_ms=$(psql -qAt <<SQL | awk '/^Time:/ {print $2}' | tail -1
create temporary table copy_text (external_id text, customer_ref text, customer_name text, segment text,
  received_at text, channel text, category text, transparency text, consistency text, communication text,
  quality text, "values" text, nps text, csat text, ces text, incidents text, comment text);
\timing on
\copy copy_text from '$OUT/reference.csv' with (format csv, header true, encoding 'UTF8')
SQL
)
copy_s=$(echo "$copy_ms / 1000" | bc -l)
text_copy_s=$(echo "$text_copy_ms / 1000" | bc -l)

log "VACUUM ANALYZE (the state autovacuum reaches shortly after an import)"
start=$(seconds)
psql -qAt -c "vacuum analyze"
vacuum_s=$(elapsed "$start" "$(seconds)")

log "Waiting for the reference trust of every customer (the customers list sorted by trust, docs/scaling.md)"
start=$(seconds)
until [ "$(psql -qAt -c "select (select count(*) from trust_reference) > 0
		and (select count(*) from customer_trust_sums where reference_trust is null) < 2500")" = t ]; do sleep 2; done
reference_s=$(elapsed "$start" "$(seconds)")
psql -qAt -c "vacuum analyze customer_trust_sums"

latency() { # name, then hey arguments; prints "p50 p95 p99 rps errors" in ms
	local name=$1; shift
	hey "$@" > "$OUT/$name.txt"
	awk '$1 == "50%" {p50 = $3 * 1000} $1 == "95%" {p95 = $3 * 1000} $1 == "99%" {p99 = $3 * 1000}
		/Requests\/sec/ {rps = $2}
		$1 ~ /^\[[0-9]+\]$/ {code = substr($1, 2, 3); if (code !~ /^[23]/) err += $2}
		/^Error distribution/ {errors = 1} errors && /^ *\[[0-9]+\]/ {err += substr($1, 2) + 0}
		END {printf "%.1f %.1f %.1f %.0f %d\n", p50, p95, p99, rps, err}' "$OUT/$name.txt"
}

page() { # name, path: warms up, then one client, REQUESTS requests (the server time of one request)
	hey -n 20 -c 1 -H "Cookie: $SESSION_COOKIE" "$BASE$2" > /dev/null
	latency "$1" -n "$REQUESTS" -c 1 -H "Cookie: $SESSION_COOKIE" "$BASE$2"
}

statements() { # name, path: the statements one request runs, as SQL psql can run, and EXPLAIN of the slowest
	psql -qAt -c "alter system set log_min_duration_statement = 0" -c "select pg_reload_conf()" > /dev/null
	sleep 0.5
	: > "$PG_LOG"
	curl -s -o /dev/null -H "Cookie: $SESSION_COOKIE" "$BASE$2"
	sleep 0.5
	psql -qAt -c "alter system reset log_min_duration_statement" -c "select pg_reload_conf()" > /dev/null
	python3 "$BENCH/logged-sql.py" "$PG_LOG" > "$OUT/$1.sql"
	python3 "$BENCH/logged-sql.py" "$PG_LOG" --explain 5 > "$OUT/$1-explain.sql"
	psql -q -f "$OUT/$1-explain.sql" > "$OUT/explain-$1.txt" 2>&1
}

sql_time() { # name: runs its SQL REQUESTS times in one session; prints "p50 p95 p99" of the per-run total in ms
	python3 - "$OUT/$1.sql" "$REQUESTS" <<'PY' | psql -q 2>&1 | python3 -c '
import sys
runs, current = [], 0.0
for line in sys.stdin:
    if line.startswith("Time: "):
        current += float(line.split()[1])
    elif line.startswith("RUN END"):
        runs.append(current); current = 0.0
    elif "ERROR" in line:
        sys.exit("the captured SQL failed: " + line)
runs.sort()
pick = lambda q: runs[min(len(runs) - 1, int(q * len(runs)))]
print("%.1f %.1f %.1f" % (pick(0.5), pick(0.95), pick(0.99)))'
import sys
sql = open(sys.argv[1]).read()
print("\\timing on")
for _ in range(int(sys.argv[2])):
    print(sql)
    print("\\echo RUN END")
PY
}

log "Pages (one client, $REQUESTS requests each after 20 to warm up)"
if [ "$ROWS" = insights ]; then
	read -r dash50 dash95 dash99 dashrps dasherr < <(page dashboard /)
	read -r idrv50 idrv95 idrv99 idrvrps idrverr < <(page insights-drivers /insights/drivers)
	read -r ithm50 ithm95 ithm99 ithmrps ithmerr < <(page insights-themes /insights/themes)
	read -r ithy50 ithy95 ithy99 ithyrps ithyerr < <(page insights-themes-year "/insights/themes?from=$(date -d '-364 days' +%F)")
	read -r icon50 icon95 icon99 iconrps iconerr < <(page insights-consistency /insights/consistency)
	read -r iwrn50 iwrn95 iwrn99 iwrnrps iwrnerr < <(page insights-warnings /insights/warnings)
	rate=$(echo "$rows / $import_s" | bc -l)
	cat > "$RESULTS" <<MD
# Benchmark results, insight rows only ($SIZE: $CUSTOMERS customers, $rows entries, seed $SEED)

$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) ·
$(java -version 2>&1 | head -1) · app -Xmx$HEAP · PostgreSQL $(psql -qAt -c 'show server_version') (embedded) ·
load average before the run $load_before, after it $(cut -d' ' -f1-3 /proc/loadavg)

Pages: one client on loopback, $REQUESTS requests after 20 to warm up (the server time of a request).

| what | p50 ms | p95 ms | p99 ms | throughput | errors | target |
|---|---|---|---|---|---|---|
| dashboard \`/\` (with its key-drivers section) | $dash50 | $dash95 | $dash99 | $dashrps req/s | $dasherr | p95 ≤ 150 ms |
| insights: key drivers (90 days) | $idrv50 | $idrv95 | $idrv99 | $idrvrps req/s | $idrverr | p95 ≤ 500 ms |
| insights: themes (90 days) | $ithm50 | $ithm95 | $ithm99 | $ithmrps req/s | $ithmerr | p95 ≤ 300 ms |
| insights: themes (a year) | $ithy50 | $ithy95 | $ithy99 | $ithyrps req/s | $ithyerr | p95 ≤ 500 ms |
| insights: consistency (90 days) | $icon50 | $icon95 | $icon99 | $iconrps req/s | $iconerr | p95 ≤ 1000 ms |
| insights: early warnings | $iwrn50 | $iwrn95 | $iwrn99 | $iwrnrps req/s | $iwrnerr | p95 ≤ 150 ms |

| what | measured |
|---|---|
| CSV import, upload to done | $(printf '%.1f' "$import_s") s, $(printf '%.0f' "$rate") rows/s (the job itself: $(printf '%.1f' "$job_s") s) |
| plain COPY of the stored rows into a table like feedback (same indexes) | $(printf '%.1f' "$copy_s") s (import ÷ COPY: $(ratio "$import_s" "$copy_s")×) |
| plain COPY of the CSV as text into a table without indexes | $(printf '%.1f' "$text_copy_s") s |
| comment terms counted, import done to caught up | $(printf '%.1f' "$terms_s") s |
| VACUUM ANALYZE after the import | $(printf '%.1f' "$vacuum_s") s |
| reference trust of every customer ready after that | $(printf '%.1f' "$reference_s") s |

The whole run took $(( $(date +%s) - started )) s.
MD
	log "Results"
	cat "$RESULTS"
	exit 0
fi
customer_id=$(psql -qAt -c "select customer_id from feedback group by customer_id order by count(*) desc, customer_id limit 1")
read -r dash50 dash95 dash99 dashrps dasherr < <(page dashboard /)
read -r list50 list95 list99 listrps listerr < <(page customers "/customers?sort=trust")
read -r cust50 cust95 cust99 custrps custerr < <(page customer "/customers/$customer_id")
read -r low50 low95 low99 lowrps lowerr < <(page customers-low "/customers?sort=trust&band=LOW")
read -r deep50 deep95 deep99 deeprps deeperr < <(page customers-deep "/customers?sort=trust&page=200")
read -r idrv50 idrv95 idrv99 idrvrps idrverr < <(page insights-drivers /insights/drivers)
read -r ithm50 ithm95 ithm99 ithmrps ithmerr < <(page insights-themes /insights/themes)
read -r ithy50 ithy95 ithy99 ithyrps ithyerr < <(page insights-themes-year "/insights/themes?from=$(date -d '-364 days' +%F)")
read -r icon50 icon95 icon99 iconrps iconerr < <(page insights-consistency /insights/consistency)
read -r iwrn50 iwrn95 iwrn99 iwrnrps iwrnerr < <(page insights-warnings /insights/warnings)

log "The same pages' own SQL, run directly with psql on the same database"
statements dashboard /
statements customers "/customers?sort=trust"
statements customer "/customers/$customer_id"
read -r dsql50 dsql95 dsql99 < <(sql_time dashboard)
read -r lsql50 lsql95 lsql99 < <(sql_time customers)
read -r csql50 csql95 csql99 < <(sql_time customer)
dash_statements=$(grep -c ';$' "$OUT/dashboard.sql")

log "Log feedback through the API at 20 concurrent clients for $LOAD_SECONDS s (after 20 s of the same load to warm up)"
AUTH=$(printf 'admin:%s' "$ADMIN_PASSWORD" | base64)
export CUSTOMERS AUTH
wrk -t 2 -c 20 -d 20s -s "$BENCH/log-feedback.lua" "$BASE" > /dev/null
wrk -t 2 -c 20 -d "${LOAD_SECONDS}s" --timeout 10s -s "$BENCH/log-feedback.lua" "$BASE" > "$OUT/log-feedback.txt"
read -r log50 log95 log99 logrps logerr < <(awk '/^RESULT/ {print $2, $3, $4, $5, $6}' "$OUT/log-feedback.txt")

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
# the dashboard, read one request after the other until the new basis serves
: > "$OUT/dashboard-during-recomputation.txt"
until curl -s -u "admin:$ADMIN_PASSWORD" "$BASE/api/v1/scoring-policy" | grep -q '"recomputation":null'; do
	curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $SESSION_COOKIE" "$BASE/" \
		>> "$OUT/dashboard-during-recomputation.txt"
done
recompute_s=$(elapsed "$start" "$(seconds)")
read -r during50 during95 duringmax duringn duringerr < <(python3 - "$OUT/dashboard-during-recomputation.txt" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
times = sorted(float(t) * 1000 for _, t in rows)
errors = sum(1 for code, _ in rows if not code.startswith(("2", "3")))
pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else 0
print("%.1f %.1f %.1f %d %d" % (pick(0.5), pick(0.95), times[-1] if times else 0, len(times), errors))
PY
)

rate=$(echo "$rows / $import_s" | bc -l)
cat > "$RESULTS" <<MD
# Benchmark results ($SIZE: $CUSTOMERS customers, $rows entries, seed $SEED)

$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) ·
$(java -version 2>&1 | head -1) · app -Xmx$HEAP · PostgreSQL $(psql -qAt -c 'show server_version') (embedded) ·
load average before the run $load_before

Pages: one client on loopback, $REQUESTS requests after 20 to warm up (the server time of a request).
"Own SQL": the statements one request ran, captured from PostgreSQL's log with their parameters and run
$REQUESTS times by psql in one session on the same database (sum of the statements' times per run).

| what | p50 ms | p95 ms | p99 ms | throughput | errors | target | verdict |
|---|---|---|---|---|---|---|---|
| dashboard \`/\` | $dash50 | $dash95 | $dash99 | $dashrps req/s | $dasherr | p95 ≤ 150 ms | $(verdict "$dash95 <= 150 && $dasherr == 0") |
| its own SQL ($dash_statements statements) | $dsql50 | $dsql95 | $dsql99 | | | | |
| dashboard ÷ its SQL | $(ratio "$dash50" "$dsql50")× | $(ratio "$dash95" "$dsql95")× | | | | ≤ 2× | $(verdict "$dash95 <= 2 * $dsql95") |
| customers sorted by trust | $list50 | $list95 | $list99 | $listrps req/s | $listerr | p95 ≤ 150 ms | $(verdict "$list95 <= 150 && $listerr == 0") |
| its own SQL | $lsql50 | $lsql95 | $lsql99 | | | | |
| customers, band LOW | $low50 | $low95 | $low99 | $lowrps req/s | $lowerr | (no target) | |
| customers, page 201 | $deep50 | $deep95 | $deep99 | $deeprps req/s | $deeperr | (no target) | |
| customer page (most entries) | $cust50 | $cust95 | $cust99 | $custrps req/s | $custerr | p95 ≤ 100 ms | $(verdict "$cust95 <= 100 && $custerr == 0") |
| its own SQL | $csql50 | $csql95 | $csql99 | | | | |
| insights: key drivers (90 days) | $idrv50 | $idrv95 | $idrv99 | $idrvrps req/s | $idrverr | p95 ≤ 500 ms | $(verdict "$idrv95 <= 500 && $idrverr == 0") |
| insights: themes (90 days) | $ithm50 | $ithm95 | $ithm99 | $ithmrps req/s | $ithmerr | p95 ≤ 300 ms | $(verdict "$ithm95 <= 300 && $ithmerr == 0") |
| insights: themes (a year) | $ithy50 | $ithy95 | $ithy99 | $ithyrps req/s | $ithyerr | p95 ≤ 500 ms | $(verdict "$ithy95 <= 500 && $ithyerr == 0") |
| insights: consistency (90 days) | $icon50 | $icon95 | $icon99 | $iconrps req/s | $iconerr | p95 ≤ 1000 ms | $(verdict "$icon95 <= 1000 && $iconerr == 0") |
| insights: early warnings | $iwrn50 | $iwrn95 | $iwrn99 | $iwrnrps req/s | $iwrnerr | p95 ≤ 150 ms | $(verdict "$iwrn95 <= 150 && $iwrnerr == 0") |
| log feedback (API, 20 clients, ${LOAD_SECONDS} s) | $log50 | $log95 | $log99 | $logrps req/s | $logerr | p99 ≤ 100 ms, no errors | $(verdict "$log99 <= 100 && $logerr == 0") |
| dashboard during recomputation ($duringn requests, one after the other) | $during50 | $during95 | max $duringmax | | $duringerr | usable | $(verdict "$duringn > 0 && $duringerr == 0") |

| what | measured | target | verdict |
|---|---|---|---|
| generate CSV | $(printf '%.1f' "$generate_s") s | | |
| CSV import, upload to done | $(printf '%.1f' "$import_s") s, $(printf '%.0f' "$rate") rows/s (the job itself: $(printf '%.1f' "$job_s") s) | ≥ 20 000 rows/s | $(verdict "$rate >= 20000") |
| plain COPY of the stored rows into a table like feedback (same indexes) | $(printf '%.1f' "$copy_s") s | | |
| import ÷ that COPY | $(ratio "$import_s" "$copy_s")× | ≤ 3× | $(verdict "$import_s <= 3 * $copy_s") |
| plain COPY of the CSV as text into a table without indexes | $(printf '%.1f' "$text_copy_s") s (the import takes $(ratio "$import_s" "$text_copy_s")× as long) | (lower bound) | |
| heap used during import (max, of -Xmx$HEAP) | $heap_max_mb MB | ≤ 512 MB | $(verdict "$heap_max_mb <= 512") |
| VACUUM ANALYZE after the import | $(printf '%.1f' "$vacuum_s") s | | |
| comment terms counted, import done to caught up | $(printf '%.1f' "$terms_s") s | (background) | |
| half-life recomputation | $(printf '%.1f' "$recompute_s") s | ≤ 30 s | $(verdict "$recompute_s <= 30") |

Import result: $(cat "$OUT/import-result.json")

The whole run took $(( $(date +%s) - started )) s. EXPLAIN (ANALYZE, BUFFERS) of each page's slowest statements:
$OUT/explain-dashboard.txt, explain-customers.txt, explain-customer.txt.
MD
log "Results"
cat "$RESULTS"
