#!/usr/bin/env bash
# What this measures (a plain script, no criterion): `pcds analyse` on a pooled dataset of
# several hundred thousand releases across many councils, against `pcds validate` of the same
# bytes as the reference, both built in release mode and run under `/usr/bin/time -v`.
#
#   1. pcds validate   the full validation of the pool (streams, flat memory): the reference;
#   2. pcds analyse    the JSON report of the same pool, and of a quarter of it, so the table
#                      shows how time and memory grow with the pool.
#
# The pool is a synthetic release package from `pcds generate` (33 councils, realistic
# placement processes; see crates/pcds-cli/src/generate/), with a planted Friday afternoon
# premium (`--friday-premium`); the script prints the premium the report measured beside it.
#
# Environment:
#   PCDS_BENCH_RELEASES  releases in the pool (default 300000, about 2.7 GB)
#   PCDS_BENCH_PREMIUM   the planted Friday afternoon premium, in percent (default 10)
#   TMPDIR               where the datasets, reports and timings go
#   CARGO_TARGET_DIR     where cargo builds (default: target/ in the repository)
#
# Exit status: 0 when every measurement ran; 2 when a tool is missing or a step failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tmp="${TMPDIR:-/tmp}"
releases="${PCDS_BENCH_RELEASES:-300000}"
premium="${PCDS_BENCH_PREMIUM:-10}"
bin="${CARGO_TARGET_DIR:-$root/target}/release"

if ! [[ "$releases" =~ ^[1-9][0-9]*$ && "$premium" =~ ^[1-9][0-9]?$ ]]; then
    echo "error: PCDS_BENCH_RELEASES must be a positive whole number and PCDS_BENCH_PREMIUM 1 to 99" >&2
    exit 2
fi
# shellcheck source=bench/measure.sh
source "$here/measure.sh"

cd "$root"
echo "building pcds (release profile)" >&2
cargo build --release -p pcds-cli >&2

quarter=$((releases / 4))
full="$tmp/pcds-bench-pool.json"
part="$tmp/pcds-bench-pool-quarter.json"
echo "generating $releases and $quarter releases" >&2
"$bin/pcds" generate --releases "$releases" --friday-premium "$premium" --out "$full" >&2
"$bin/pcds" generate --releases "$quarter" --friday-premium "$premium" --out "$part" >&2
bytes="$(wc -c <"$full" | tr -d ' ')"

measure "pcds validate" "0 1" "$bin/pcds" validate --no-progress --format json "$full"
measure "analyse, quarter" "0" "$bin/pcds" analyse --no-progress --format json --out "$tmp/pcds-bench-report-quarter" "$part"
measure "analyse" "0" "$bin/pcds" analyse --no-progress --format json --out "$tmp/pcds-bench-report" "$full"

echo
printf 'input: %s (%s releases, %s bytes); a quarter of it: %s releases\n\n' "$full" "$releases" "$bytes" "$quarter"
printf '%-18s %10s %15s\n' "run" "seconds" "peak RSS (MB)"
validate_wall=""
analyse_wall=""
for row in "${rows[@]}"; do
    IFS='|' read -r name wall rss _ <<<"$row"
    awk -v n="$name" -v w="$wall" -v r="$rss" 'BEGIN { printf "%-18s %10.2f %15.1f\n", n, w, r * 1024 / 1e6 }'
    case "$name" in
        "pcds validate") validate_wall="$wall" ;;
        "analyse") analyse_wall="$wall" ;;
    esac
done
echo
awk -v v="$validate_wall" -v a="$analyse_wall" 'BEGIN {
    if (v > 0) printf "analyse takes %.2fx the time of validate on the same pool\n", a / v
}'
python3 - "$tmp/pcds-bench-report/report.json" "$premium" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
table = next(t for s in report["sections"] for t in s["tables"] if t["id"] == "friday-afternoon-premium")
rows = [r["values"] for r in table["rows"] if not r.get("suppressed")]
if not rows:
    print("no like group has enough Friday afternoon referrals to measure the premium")
else:
    biggest = max(rows, key=lambda r: r["fridayAfternoonChildren"] + r["mondayToThursdayChildren"])
    print("planted Friday afternoon premium {}%; measured {}% ({} {} {}, n = {} and {})".format(
        sys.argv[2], biggest["premiumPercentage"], biggest["placementType"], biggest["ageBand"],
        biggest["needLevel"], biggest["fridayAfternoonChildren"], biggest["mondayToThursdayChildren"]))
PY
