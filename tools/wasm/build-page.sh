#!/usr/bin/env bash
# Builds the browser validator page: the PCDS engine (crates/pcds-wasm) compiled to
# WebAssembly with Debian's Rust toolchain (which can build std for wasm32 here, where rustup
# cannot fetch the target), and its JavaScript glue from wasm-bindgen, into web/validate/pkg/.
# web/validate/ is then the whole page: `pcds serve` serves it at /validate/ and `pcds export`
# copies it into the static site.
#
#   tools/wasm/build-page.sh
#
# Installs what it needs first (tools/wasm/install.sh; each step only when missing).
# Environment:
#   CARGO_TARGET_DIR  the workspace's target directory; the wasm build uses its own
#                     subdirectory `wasm/` of it, so two toolchains never share artefacts
#   PCDS_TOOLS        where wasm-bindgen and playwright-core live (default ~/.local/pcds-tools)
# The last line printed on standard output is the page's directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${PCDS_TOOLS:-$HOME/.local/pcds-tools}"
target="${CARGO_TARGET_DIR:-$root/target}/wasm"
page="$root/web/validate"

"$here/install.sh" >&2

cd "$root"
# Debian's toolchain first in PATH for this build only; its linker is lld's wasm-ld.
PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
    CARGO_TARGET_DIR="$target" \
    cargo build --locked -j "${CARGO_BUILD_JOBS:-2}" --profile wasm \
    -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown -p pcds-wasm >&2

rm -rf "$page/pkg"
"$tools/bin/wasm-bindgen" --target web --no-typescript --remove-name-section \
    --remove-producers-section --out-dir "$page/pkg" \
    "$target/wasm32-unknown-unknown/wasm/pcds_wasm.wasm" >&2
echo "built $(du -h "$page/pkg/pcds_wasm_bg.wasm" | cut -f1) of WebAssembly into $page/pkg" >&2
echo "$page"
