# Shared by the bench scripts (sourced, not run): time and peak memory of one command.
#
# measure NAME ALLOWED_EXIT_CODES COMMAND...: runs the command once under `/usr/bin/time -v`,
# its standard output discarded, and appends "NAME|wall seconds|peak RSS in KB|exit" to the
# `rows` array. Exit codes outside ALLOWED (e.g. "0 1") stop the script with exit status 2.
# Needs `tmp` set to a scratch directory.

if [[ ! -x /usr/bin/time ]]; then
    echo "error: \`/usr/bin/time\` is missing; it measures time and peak memory" >&2
    echo "hint: install the Debian package \`time\`" >&2
    exit 2
fi

rows=()

# Seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss".
seconds() {
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

measure() {
    local name="$1" allowed="$2"
    shift 2
    local log="$tmp/pcds-bench-${name// /-}.time" status=0
    echo "measuring $name" >&2
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$log.stderr" || status=$?
    if [[ " $allowed " != *" $status "* ]]; then
        echo "error: $name exited with status $status" >&2
        sed 's/^/  /' "$log.stderr" | tail -n 20 >&2
        exit 2
    fi
    local wall rss
    wall="$(seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")")"
    rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")"
    rows+=("$name|$wall|$rss|$status")
}
