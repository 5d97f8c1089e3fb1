#!/usr/bin/env bash
# What this measures (a plain script, no criterion): `pcds validate` against the raw-parse
# floor on the same bytes, in the three shapes data arrives in, on one thread and on every
# core, with the machine idle and with a competing CPU load, all in one run.
#
#   shapes   pretty   a release package as `pcds generate` writes it (indented);
#            minified the same package on one line;
#            lines    the same releases as JSON Lines, one release a line;
#   layers   raw parse       serde_json into a Value, one document or one line after another
#                            (validator/examples/parse_only.rs): the floor for any Rust JSON tool;
#            validate 1      `pcds validate --threads 1 --format json`;
#            validate N      `pcds validate --format json` (one thread a core);
#   load     idle, then busy: one process spinning on a core for the whole measurement.
#
# Prints one table: seconds and peak RSS of each, validate's throughput as a share of raw
# parse's on the same shape and load, and N threads against one.
#
# Environment:
#   PCDS_BENCH_RELEASES  how many releases to generate (default 23500, about 200 MB)
#   TMPDIR               where the datasets and timings go
#   CARGO_TARGET_DIR     where cargo builds (default: target/ in the repository)
#
# Exit status: 0 when every measurement ran; 2 when a tool is missing or a step failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tmp="${TMPDIR:-/tmp}"
releases="${PCDS_BENCH_RELEASES:-23500}"
bin="${CARGO_TARGET_DIR:-$root/target}/release"

if ! [[ "$releases" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: PCDS_BENCH_RELEASES must be a positive whole number, not \`$releases\`" >&2
    exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "error: python3 is missing; it writes the minified and JSON Lines shapes" >&2
    exit 2
fi

cd "$root"
echo "building pcds and the parse_only baseline (release profile)" >&2
cargo build --release -p pcds-cli >&2
cargo build --release -p pcds-validator --example parse_only >&2

pretty="$tmp/pcds-shapes-pretty.json"
minified="$tmp/pcds-shapes-minified.json"
lines="$tmp/pcds-shapes-lines.jsonl"
echo "generating $releases releases in three shapes" >&2
"$bin/pcds" generate --releases "$releases" --out "$pretty" >&2
python3 - "$pretty" "$minified" "$lines" <<'PY'
import json, sys
pretty, minified, lines = sys.argv[1:]
with open(pretty, encoding="utf-8") as f:
    package = json.load(f)
with open(minified, "w", encoding="utf-8") as f:
    json.dump(package, f, separators=(",", ":"), ensure_ascii=False)
with open(lines, "w", encoding="utf-8") as f:
    for release in package["releases"]:
        f.write(json.dumps(release, separators=(",", ":"), ensure_ascii=False))
        f.write("\n")
PY

# shellcheck source=bench/measure.sh
source "$here/measure.sh"

cores="$(nproc)"
spinner=""
stop_load() {
    if [[ -n "$spinner" ]]; then
        kill "$spinner" 2>/dev/null || true
        wait "$spinner" 2>/dev/null || true
        spinner=""
    fi
}
trap stop_load EXIT

for load in idle busy; do
    if [[ "$load" == busy ]]; then
        # One core kept busy by another process for as long as the measurements take.
        bash -c 'while :; do :; done' &
        spinner=$!
    fi
    for shape in pretty minified lines; do
        case "$shape" in
            pretty) file="$pretty" ;;
            minified) file="$minified" ;;
            lines) file="$lines" ;;
        esac
        measure "$load $shape parse" "0" "$bin/examples/parse_only" "$file"
        measure "$load $shape validate 1" "0 1" "$bin/pcds" validate --threads 1 --format json --no-progress "$file"
        measure "$load $shape validate N" "0 1" "$bin/pcds" validate --format json --no-progress "$file"
    done
    stop_load
done

declare -A wall rss
for row in "${rows[@]}"; do
    IFS='|' read -r name w r _ <<<"$row"
    wall["$name"]="$w"
    rss["$name"]="$r"
done

echo
printf 'input: %s releases; pretty %s MB, minified %s MB, JSON Lines %s MB; %s cores\n\n' "$releases" \
    "$(( $(wc -c <"$pretty") / 1000000 ))" "$(( $(wc -c <"$minified") / 1000000 ))" \
    "$(( $(wc -c <"$lines") / 1000000 ))" "$cores"
printf '%-6s %-9s %9s %9s %9s %11s %11s %9s %13s\n' "load" "shape" "parse s" "1 thr s" "N thr s" \
    "1 ÷ parse" "N ÷ parse" "N vs 1" "peak N (MB)"
for load in idle busy; do
    for shape in pretty minified lines; do
        p="${wall["$load $shape parse"]}"
        one="${wall["$load $shape validate 1"]}"
        many="${wall["$load $shape validate N"]}"
        peak="${rss["$load $shape validate N"]}"
        awk -v l="$load" -v s="$shape" -v p="$p" -v o="$one" -v n="$many" -v r="$peak" 'BEGIN {
            printf "%-6s %-9s %9.2f %9.2f %9.2f %11.2f %11.2f %8.2fx %13.1f\n",
                l, s, p, o, n, (o > 0 ? p / o : 0), (n > 0 ? p / n : 0), (n > 0 ? o / n : 0), r * 1024 / 1e6
        }'
    done
done
echo
echo "÷ parse: validate's throughput as a share of raw parsing's, same shape and load (1.00 = as fast as parsing)"
