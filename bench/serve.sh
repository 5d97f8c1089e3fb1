#!/usr/bin/env bash
# What this measures (a plain script, no criterion): the reference publishing server, built in
# release mode, on a database seeded through its own publishing API.
#
#   1. ingest       `pcds publish` of a synthetic release package (from `pcds generate`) in
#                   batches of 500: every release validated by the full validator and stored
#                   with a synced commit per batch. Reported as validated releases stored per
#                   second (wall clock, client and server on the same machine).
#   2. feed pages   wrk against a full feed page (500 releases) and against the last page (the
#                   empty page harvesters poll): requests per second and latency percentiles.
#
# Environment:
#   PCDS_BENCH_RELEASES  releases to publish (default 20000)
#   PCDS_BENCH_SECONDS   seconds per wrk run (default 20)
#   TMPDIR               where the database and dataset go
#   CARGO_TARGET_DIR     where cargo builds (default: target/ in the repository)
#
# Needs wrk (Debian package `wrk`); the script installs it with apt-get when it can.
# Exit status: 0 when every measurement ran; 2 when a tool is missing or a step failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tmp="${TMPDIR:-/tmp}"
releases="${PCDS_BENCH_RELEASES:-20000}"
seconds="${PCDS_BENCH_SECONDS:-20}"
bin="${CARGO_TARGET_DIR:-$root/target}/release"
work="$tmp/pcds-bench-serve"
port=18731

if ! [[ "$releases" =~ ^[1-9][0-9]*$ && "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: PCDS_BENCH_RELEASES and PCDS_BENCH_SECONDS must be positive whole numbers" >&2
    exit 2
fi
if ! command -v wrk >/dev/null; then
    echo "wrk is missing: installing the Debian package" >&2
    if ! { apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wrk >/dev/null 2>&1; }; }; then
        echo "error: \`wrk\` is missing and could not be installed" >&2
        echo "hint: install the Debian package \`wrk\`" >&2
        exit 2
    fi
fi

cd "$root"
echo "building pcds (release profile)" >&2
cargo build --release -p pcds-cli >&2

rm -rf "$work" && mkdir -p "$work"
"$bin/pcds" generate --releases "$releases" --out "$work/data.json" >&2
token="$("$bin/pcds" serve token create --db "$work/pcds.sqlite" --publisher "Benchmark" --prefix ocds-pcdsgn-)"
"$bin/pcds" serve --db "$work/pcds.sqlite" --addr "127.0.0.1:$port" --level partnership \
    >"$work/serve.out" 2>"$work/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q listening "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done

start=$(date +%s.%N)
"$bin/pcds" publish "$work/data.json" --to "http://127.0.0.1:$port" --token "$token" --batch 500 >&2
end=$(date +%s.%N)
ingest=$(awk -v n="$releases" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }')
elapsed=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')

last=$(curl -s "http://127.0.0.1:$port/feed/0.json" >/dev/null; "$bin/pcds" harvest "http://127.0.0.1:$port/" --out "$work/pool" >/dev/null 2>&1; sed -n 's/.*"next": "\(.*\)".*/\1/p' "$work/pool/127.0.0.1_$port/state.json")
full="http://127.0.0.1:$port/feed/0.json"
page_bytes=$(curl -s "$full" | wc -c | tr -d ' ')

run_wrk() {
    wrk --latency -t2 -c16 -d"${seconds}s" "$1" | awk '
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
        END { printf "%s req/s, p50 %s, p99 %s", rps, p50, p99 }'
}
echo "wrk: full page" >&2
full_result=$(run_wrk "$full")
echo "wrk: last page" >&2
last_result=$(run_wrk "$last")

echo
echo "| measurement | result |"
echo "|---|---|"
echo "| ingest: $releases releases, batches of 500 | $ingest validated releases stored per second ($elapsed s) |"
echo "| full feed page (500 releases, $page_bytes bytes) | $full_result |"
echo "| last feed page (the poll) | $last_result |"
echo
echo "machine: $(nproc) cores; wrk -t2 -c16 -d${seconds}s on the same machine"
