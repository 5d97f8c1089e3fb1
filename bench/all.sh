#!/usr/bin/env bash
# Every benchmark in one run, one after another on the same machine, so their figures can be
# read side by side: validation against the raw-parse floor in three shapes, idle and busy
# (shapes.sh), full validation against check-jsonschema (validate.sh), compiling records against
# ocdsmerge-rs (compile.sh), and the publishing server's ingest and feed (serve.sh). Each
# script's table is printed under its name; what each measures is said at the top of it.
#
# Environment: what each script reads (PCDS_BENCH_RELEASES, PCDS_BENCH_SECONDS, TMPDIR,
# CARGO_TARGET_DIR), and PCDS_BENCH_SKIP, a space-separated list of scripts to leave out
# (`PCDS_BENCH_SKIP=validate` skips check-jsonschema, the slowest by far).
#
# Exit status: 0 when every script ran; otherwise the first failing script's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
skip=" ${PCDS_BENCH_SKIP:-} "
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ)"
for script in shapes validate compile serve; do
    if [[ "$skip" == *" $script "* ]]; then
        echo
        echo "== bench/$script.sh: skipped (PCDS_BENCH_SKIP)"
        continue
    fi
    echo
    echo "== bench/$script.sh"
    "$here/$script.sh"
done
