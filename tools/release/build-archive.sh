#!/usr/bin/env bash
# Builds a release archive of the `pcds` binary, for people who should not need a Rust
# toolchain to use PCDS: the binary, shell completions, the manual page, the README and the
# licence, in `pcds-VERSION-TARGET.tar.gz`, with its SHA-256 beside it in `.sha256` (checked
# with `sha256sum -c`).
#
#   tools/release/build-archive.sh [OUT_DIR]      (default: dist/)
#
# Environment:
#   PCDS_PROFILE      the cargo profile to build with: release (default) or dev
#   CARGO_TARGET_DIR  where cargo builds (default: target/ in the repository)
#   PCDS_BIN          an already built `pcds` to package instead of building one
#
# The last line printed on standard output is the archive's path.
# Exit status: 0 when the archive and its checksum were written; 2 when a step failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/dist}"
profile="${PCDS_PROFILE:-release}"
case "$profile" in
    release) dir=release ;;
    dev) dir=debug ;;
    *) echo "error: PCDS_PROFILE must be release or dev, not \`$profile\`" >&2; exit 2 ;;
esac
target_dir="${CARGO_TARGET_DIR:-$root/target}"

cd "$root"
if [[ -n "${PCDS_BIN:-}" ]]; then
    bin="$PCDS_BIN"
else
    cargo build --locked --profile "$profile" -p pcds-cli >&2
    bin="$target_dir/$dir/pcds"
fi
version="$("$bin" --version | awk '{print $2}')"
host="$(rustc -vV | awk '/^host:/ {print $2}')"
name="pcds-$version-$host"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/completions" "$stage/$name/man"
cp "$bin" "$stage/$name/pcds"
"$bin" completions bash >"$stage/$name/completions/pcds.bash"
"$bin" completions zsh >"$stage/$name/completions/_pcds"
"$bin" completions fish >"$stage/$name/completions/pcds.fish"
"$bin" completions powershell >"$stage/$name/completions/_pcds.ps1"
"$bin" man >"$stage/$name/man/pcds.1"
cp README.md LICENSE "$stage/$name/"

mkdir -p "$out"
archive="$out/$name.tar.gz"
# Sorted names, fixed owner and times: the same binary always gives the same archive.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' \
    -C "$stage" -cf - "$name" | gzip -n >"$archive"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "wrote $archive and its .sha256" >&2
echo "$archive"
