#!/usr/bin/env bash
# What this measures (a plain script, no criterion): `pcds compile` of a large release package
# into a record package, against ocdsmerge-rs on the same bytes in the same run.
#
#   1. pcds compile   the whole command: read the package, spill its releases to a temporary
#                     SQLite file, compile each process by the OCDS merge rules on every core,
#                     and write the record package (pretty-printed) record by record;
#   2. ocdsmerge-rs   the OCDS merge library in Rust (PyPI `ocdsmerge-rs`), driven from Python
#                     by bench/ocdsmerge_compile.py: load the package, group by ocid, merge
#                     each process, write the record package (compact JSON).
#
# The input is a synthetic release package from `pcds generate`. Each tool runs once under
# `/usr/bin/time -v`; the table gives wall-clock seconds and peak resident memory, then the
# ratios of the two.
#
# Environment:
#   PCDS_BENCH_RELEASES  how many releases to generate (default 20000, about 180 MB)
#   TMPDIR               where the dataset, outputs and the ocdsmerge-rs virtualenv go
#   CARGO_TARGET_DIR     where cargo builds (default: target/ in the repository)
#
# Exit status: 0 when every measurement ran; 2 when a tool is missing or a step failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tmp="${TMPDIR:-/tmp}"
releases="${PCDS_BENCH_RELEASES:-20000}"
file="$tmp/pcds-bench-compile.json"
bin="${CARGO_TARGET_DIR:-$root/target}/release"

if ! [[ "$releases" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: PCDS_BENCH_RELEASES must be a positive whole number, not \`$releases\`" >&2
    exit 2
fi

cd "$root"
echo "building pcds (release profile)" >&2
cargo build --release -p pcds-cli >&2

echo "generating $releases releases into $file" >&2
"$bin/pcds" generate --releases "$releases" --out "$file" >&2
bytes="$(wc -c <"$file" | tr -d ' ')"

venv="$tmp/pcds-bench-ocdsmerge"
if ! [[ -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import ocdsmerge_rs" 2>/dev/null; then
    echo "installing ocdsmerge-rs into $venv" >&2
    if ! { python3 -m venv "$venv" >&2 && "$venv/bin/python" -m pip install --quiet ocdsmerge-rs >&2; }; then
        echo "error: could not install ocdsmerge-rs from PyPI into $venv" >&2
        exit 2
    fi
fi

# shellcheck source=bench/measure.sh
source "$here/measure.sh"

measure "pcds compile" "0" "$bin/pcds" compile "$file" -o "$tmp/pcds-bench-records.json"
measure "ocdsmerge-rs" "0" "$venv/bin/python" "$here/ocdsmerge_compile.py" "$file" "$tmp/pcds-bench-ocdsmerge.json"

echo
printf 'input: %s (%s releases, %s bytes)\n\n' "$file" "$releases" "$bytes"
printf '%-14s %10s %10s %15s\n' "tool" "seconds" "MB/s" "peak RSS (MB)"
declare -A wall rss
for row in "${rows[@]}"; do
    IFS='|' read -r name w r _ <<<"$row"
    wall[$name]="$w"
    rss[$name]="$r"
    awk -v n="$name" -v w="$w" -v b="$bytes" -v r="$r" 'BEGIN {
        printf "%-14s %10.2f %10.1f %15.1f\n", n, w, (w > 0 ? b / 1e6 / w : 0), r * 1024 / 1e6
    }'
done
echo
awk -v p="${wall[pcds compile]}" -v o="${wall[ocdsmerge-rs]}" -v pr="${rss[pcds compile]}" -v orr="${rss[ocdsmerge-rs]}" 'BEGIN {
    printf "pcds compile is %.2fx as fast as ocdsmerge-rs, in %.3f of its peak memory\n", o / p, pr / orr
}'
rm -f "$tmp/pcds-bench-records.json" "$tmp/pcds-bench-ocdsmerge.json"
