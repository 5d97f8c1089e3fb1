#!/usr/bin/env bash
# Installs what a wasm32-unknown-unknown build of this workspace needs on a
# Debian 12 (bookworm) machine where `rustup target add` cannot be used:
#   - Debian's Rust 1.96 (rustc-web, cargo-web, rust-web-src) to build std from source
#   - lld-22, whose wasm-ld-22 links the wasm output
#   - wasm-bindgen-cli, matching the wasm-bindgen crate version, in $HOME/.local/pcds-tools
#   - headless Chromium and playwright-core, by tools/browser/install.sh
# Idempotent: each step is skipped when its result is already present.
#
# Usage: tools/wasm/install.sh [WASM_BINDGEN_VERSION]
#   The wasm-bindgen version is taken from the argument, else $WASM_BINDGEN_VERSION,
#   else the `wasm-bindgen` entry of the workspace's Cargo.lock.
# Env: PCDS_TOOLS (default $HOME/.local/pcds-tools), CARGO_BUILD_JOBS (default 2),
#      PLAYWRIGHT_CORE_VERSION (default 1.65.1), SKIP_PLAYWRIGHT=1, SKIP_CHROMIUM=1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tools="${PCDS_TOOLS:-$HOME/.local/pcds-tools}"
jobs="${CARGO_BUILD_JOBS:-2}"
playwright_version="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"
min_rustc="1.96.0"

log() { printf '[wasm-install] %s\n' "$*"; }
die() { printf '[wasm-install] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

version_ge() { # version_ge A B: true when A >= B
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]
}

debian_rustc_version() {
  /usr/bin/rustc --version 2>/dev/null | awk '{print $2}'
}

# --- 1. Debian packages -------------------------------------------------------
apt_packages=(rustc-web cargo-web rust-web-src lld-22)

missing=()
for p in "${apt_packages[@]}"; do
  pkg_installed "$p" || missing+=("$p")
done
need_upgrade=0
if pkg_installed rustc-web && ! version_ge "$(debian_rustc_version)" "$min_rustc"; then
  need_upgrade=1
fi

if [ "${#missing[@]}" -gt 0 ] || [ "$need_upgrade" = "1" ]; then
  # rustc-web 1.96 is in bookworm-security; bookworm main only has 1.85,
  # so the package lists must be fresh.
  log "apt-get update"
  as_root apt-get update -qq
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  if [ "$need_upgrade" = "1" ]; then
    log "upgrading rustc-web to >= $min_rustc"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      rustc-web cargo-web rust-web-src libstd-rust-web-dev
  fi
else
  log "apt packages already installed: ${apt_packages[*]}"
fi

rv="$(debian_rustc_version)"
version_ge "$rv" "$min_rustc" || die "/usr/bin/rustc is $rv, need >= $min_rustc (rustc-web from bookworm-security)"
[ -f /usr/lib/rustlib/src/rust/library/std/Cargo.toml ] || die "rust-src missing at /usr/lib/rustlib/src/rust/library"
command -v wasm-ld-22 >/dev/null || die "wasm-ld-22 not found (package lld-22)"

# --- 2. wasm-bindgen-cli --------------------------------------------------------
wbg_version="${1:-${WASM_BINDGEN_VERSION:-}}"
if [ -z "$wbg_version" ] && [ -f "$repo/Cargo.lock" ]; then
  wbg_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$repo/Cargo.lock")"
fi
[ -n "$wbg_version" ] || die "no wasm-bindgen version: pass it as an argument or set WASM_BINDGEN_VERSION"

wbg="$tools/bin/wasm-bindgen"
if [ -x "$wbg" ] && [ "$("$wbg" --version 2>/dev/null || true)" = "wasm-bindgen $wbg_version" ]; then
  log "wasm-bindgen-cli $wbg_version already installed"
else
  command -v cargo >/dev/null || die "cargo not found on PATH"
  log "installing wasm-bindgen-cli $wbg_version into $tools (cargo -j $jobs; takes ~8 min on 2 cores)"
  # Without --locked on purpose: the crate's published lock is not always buildable.
  CARGO_INSTALL_ROOT="$tools" cargo install -j "$jobs" --force wasm-bindgen-cli --version "=$wbg_version"
fi

# --- 3. headless Chromium and playwright-core -----------------------------------
chromium_bin="$(bash "$repo/tools/browser/install.sh")"
pw_dir="$tools/node/node_modules/playwright-core"

# --- Summary --------------------------------------------------------------------
cat <<EOF
[wasm-install] done
  debian rustc     /usr/bin/rustc   ($(/usr/bin/rustc --version))
  debian cargo     /usr/bin/cargo   ($(/usr/bin/cargo --version))
  rust-src         /usr/lib/rustlib/src/rust -> $(readlink -f /usr/lib/rustlib/src/rust)
  wasm linker      $(command -v wasm-ld-22) -> $(readlink -f "$(command -v wasm-ld-22)")
  wasm-bindgen     $wbg ($("$wbg" --version))
  playwright-core  $([ -d "$pw_dir" ] && echo "$pw_dir" || echo "not installed")
  chromium         ${chromium_bin}

Build (Debian's toolchain first in PATH for this command only):
  PATH=/usr/bin:\$PATH RUSTC_BOOTSTRAP=1 \\
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \\
  cargo build -j $jobs --release -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown -p CRATE
Bindings:
  $wbg --target web --remove-name-section --remove-producers-section --out-dir pkg \\
    target/wasm32-unknown-unknown/release/CRATE.wasm
EOF
