#!/usr/bin/env bash
# Growth benchmark: the whole benchmark (bench/run.sh) at the reference size (100 000 customers, 1 000 000 entries)
# and at ten times that (1 000 000 customers, 10 000 000 entries), one after the other in the same run, each from an
# empty database loaded through the real CSV import; then the dashboard, the customers list sorted by trust and the
# customer page p95 at both sizes with their ratio (target: 10 M within 1.3× of 1 M), and the EXPLAIN (ANALYZE,
# BUFFERS) of each page's slowest statements at both sizes. Results: target/bench/scale/results.md, the runs'
# own results and explains in target/bench/scale/1m/ and target/bench/scale/10m/.
# Duration on the 2-core machine of docs/benchmarks.md: the import of 10 M rows dominates (see there).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=target/bench/scale
mkdir -p "$SCALE"
started=$(date +%s)
OUT=$SCALE/1m bench/run.sh full
OUT=$SCALE/10m bench/run.sh huge
p95() { # results file, row label: the p95 column of that row
	awk -F'|' -v row="$2" '$2 ~ row {gsub(/ /, "", $4); print $4; exit}' "$1"
}
{
	echo "# Growth: 10 000 000 entries / 1 000 000 customers against 1 000 000 / 100 000"
	echo
	echo "$(date -u +%Y-%m-%dT%H:%MZ) · $(nproc) cores · load before $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "| page | p95 at 1 M (ms) | p95 at 10 M (ms) | ratio | target | verdict |"
	echo "|---|---|---|---|---|---|"
	for row in 'dashboard `/`' 'customers sorted by trust' 'customer page \\(most entries\\)'; do
		small=$(p95 "$SCALE/1m/results.md" "$row")
		large=$(p95 "$SCALE/10m/results.md" "$row")
		r=$(echo "$large / $small" | bc -l)
		verdict=$([ "$(echo "$r <= 1.3" | bc -l)" = 1 ] && echo met || echo "**missed**")
		printf '| %s | %s | %s | %.2f× | ≤ 1.3× | %s |\n' "${row//\\/}" "$small" "$large" "$r" "$verdict"
	done
	echo
	echo "EXPLAIN (ANALYZE, BUFFERS) of each page's slowest statements: $SCALE/{1m,10m}/explain-*.txt."
	echo "The whole scale run took $(( $(date +%s) - started )) s."
} > "$SCALE/results.md"
cat "$SCALE/results.md"
