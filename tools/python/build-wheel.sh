#!/usr/bin/env bash
# Builds the `pcds` Python wheel (crates/pcds-python) and prints its path on the last line of
# standard output; everything else goes to standard error.
#
#   tools/python/build-wheel.sh [OUT_DIR]      # OUT_DIR: target/wheels by default
#
# Works from any directory (a relative OUT_DIR is taken from the caller's). maturin, pinned
# below, lives in a venv under ${PCDS_TOOLS:-$HOME/.local/pcds-tools}/maturin-venv, made on the
# first run and reused after. Cargo builds in the `python/` subdirectory of CARGO_TARGET_DIR
# (target/ when it is not set), with the dev profile unless PCDS_WHEEL_RELEASE=1: the checks that install the
# wheel do not need optimised code, and a debug build takes a fraction of the time. PYTHON names
# the interpreter for the venv (python3 by default); the wheel is abi3, for CPython 3.9 and
# later.
set -euo pipefail

MATURIN_VERSION=1.16.0

caller_dir=$PWD
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${1:-$root/target/wheels}
case $out in
    /*) ;;
    *) out=${caller_dir%/}/$out ;;
esac

venv=${PCDS_TOOLS:-$HOME/.local/pcds-tools}/maturin-venv
maturin=$venv/bin/maturin
if [[ $("$maturin" --version 2>/dev/null || true) != "maturin $MATURIN_VERSION" ]]; then
    echo "installing maturin $MATURIN_VERSION into $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "maturin==$MATURIN_VERSION" >&2
fi

profile=()
if [[ ${PCDS_WHEEL_RELEASE:-0} == 1 ]]; then
    profile=(--release)
fi

cd "$root"
# Its own target directory: maturin's cargo must never wait on (or make wait) another build of
# the workspace, such as the tests that call this script while other tests run cargo.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}/python"
# Build into a fresh directory, so the wheel built now is the only one to find there.
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# --strip: without it the debug build's symbols make a 280 MB module and a 70 MB wheel.
"$maturin" build --locked --strip "${profile[@]}" \
    --manifest-path crates/pcds-python/Cargo.toml \
    --interpreter "$venv/bin/python" \
    --out "$staging" >&2

wheels=("$staging"/*.whl)
if [[ ${#wheels[@]} -ne 1 || ! -f ${wheels[0]} ]]; then
    echo "error: expected one wheel from maturin, found: ${wheels[*]}" >&2
    exit 1
fi
mkdir -p "$out"
wheel=$out/$(basename "${wheels[0]}")
mv -f "${wheels[0]}" "$wheel"
echo "$wheel"
