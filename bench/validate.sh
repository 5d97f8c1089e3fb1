#!/usr/bin/env bash
# What this measures (a plain script, no criterion): how fast `pcds validate` checks a large
# file, against two baselines, on the same bytes.
#
#   1. raw parse        serde_json::from_slice::<Value> of the file and nothing else
#                       (validator/examples/parse_only.rs): the floor for any Rust JSON tool;
#   2. pcds validate    the full validation, `--format json`, every layer of checks;
#   3. check-jsonschema the Python JSON Schema tool, against spec/schema/release-package-schema.json:
#                       schema checks only, no semantic rules.
#
# The input is a synthetic release package of about 200 MB from `pcds generate` (realistic,
# valid placement data; see crates/pcds-cli/src/generate/). Each tool runs once under
# `/usr/bin/time -v`; the table gives wall-clock seconds, throughput (MB = 10^6 bytes) and peak
# resident memory, then full validation's throughput as a share of raw parsing's.
#
# Environment:
#   PCDS_BENCH_RELEASES  how many releases to generate (default 23500, about 200 MB)
#   TMPDIR               where the dataset, timings and the check-jsonschema virtualenv go
#   CARGO_TARGET_DIR     where cargo builds (default: target/ in the repository)
#
# Exit status: 0 when every measurement ran; 2 when a tool is missing or a step failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tmp="${TMPDIR:-/tmp}"
releases="${PCDS_BENCH_RELEASES:-23500}"
file="$tmp/pcds-bench.json"
schema="$root/spec/schema/release-package-schema.json"
bin="${CARGO_TARGET_DIR:-$root/target}/release"

if ! [[ "$releases" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: PCDS_BENCH_RELEASES must be a positive whole number, not \`$releases\`" >&2
    exit 2
fi

cd "$root"
echo "building pcds and the parse_only baseline (release profile)" >&2
cargo build --release -p pcds-cli >&2
cargo build --release -p pcds-validator --example parse_only >&2

echo "generating $releases releases into $file" >&2
"$bin/pcds" generate --releases "$releases" --out "$file" >&2
bytes="$(wc -c <"$file" | tr -d ' ')"

# shellcheck source=bench/measure.sh
source "$here/measure.sh"

measure "raw parse" "0" "$bin/examples/parse_only" "$file"
measure "pcds validate" "0 1" "$bin/pcds" validate --format json "$file"

# check-jsonschema from PyPI, in a throwaway virtualenv unless it is already on PATH.
checker=""
venv="$tmp/pcds-bench-venv"
if command -v check-jsonschema >/dev/null 2>&1; then
    checker="$(command -v check-jsonschema)"
elif [[ -x "$venv/bin/check-jsonschema" ]]; then
    checker="$venv/bin/check-jsonschema"
elif command -v python3 >/dev/null 2>&1 \
    && python3 -m venv "$venv" >&2 \
    && "$venv/bin/python" -m pip install --quiet check-jsonschema >&2; then
    checker="$venv/bin/check-jsonschema"
else
    echo "warning: could not install check-jsonschema into $venv; skipping it" >&2
fi
if [[ -n "$checker" ]]; then
    measure "check-jsonschema" "0 1" "$checker" --schemafile "$schema" "$file"
fi

echo
printf 'input: %s (%s releases, %s bytes)\n\n' "$file" "$releases" "$bytes"
printf '%-18s %10s %10s %15s %6s\n' "tool" "seconds" "MB/s" "peak RSS (MB)" "exit"
parse_wall=""
validate_wall=""
for row in "${rows[@]}"; do
    IFS='|' read -r name wall rss status <<<"$row"
    awk -v n="$name" -v w="$wall" -v b="$bytes" -v r="$rss" -v s="$status" 'BEGIN {
        rate = (w > 0) ? sprintf("%.1f", b / 1e6 / w) : "-"
        printf "%-18s %10.2f %10s %15.1f %6s\n", n, w, rate, r * 1024 / 1e6, s
    }'
    case "$name" in
        "raw parse") parse_wall="$wall" ;;
        "pcds validate") validate_wall="$wall" ;;
    esac
done
echo
awk -v p="$parse_wall" -v v="$validate_wall" 'BEGIN {
    if (p > 0 && v > 0)
        printf "full validation runs at %.1f%% of raw parse throughput (%.1fx the time)\n", 100 * p / v, v / p
    else
        print "full validation vs raw parse: too fast to compare at this size; raise PCDS_BENCH_RELEASES"
}'
