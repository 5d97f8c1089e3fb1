#!/usr/bin/env bash
# Installs what the headless browser checks need on a Debian 12 (bookworm) machine:
#   - chromium-headless-shell (apt), the browser itself
#   - playwright-core (npm), in $PCDS_TOOLS/node, to drive it (it downloads no browser)
# Idempotent: each step is skipped when its result is already present. Prints the Chromium
# path on its last line.
#
# Env: PCDS_TOOLS (default $HOME/.local/pcds-tools), PLAYWRIGHT_CORE_VERSION (default 1.65.1),
#      SKIP_PLAYWRIGHT=1, SKIP_CHROMIUM=1.
set -euo pipefail

tools="${PCDS_TOOLS:-$HOME/.local/pcds-tools}"
playwright_version="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"

log() { printf '[browser-install] %s\n' "$*" >&2; }
die() { printf '[browser-install] error: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ "${SKIP_CHROMIUM:-0}" = "1" ]; then
  log "skipping chromium-headless-shell"
elif [ "$(dpkg-query -W -f='${Status}' chromium-headless-shell 2>/dev/null || true)" = "install ok installed" ]; then
  log "chromium-headless-shell already installed"
else
  log "installing chromium-headless-shell"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium-headless-shell
fi

node_prefix="$tools/node"
pw_dir="$node_prefix/node_modules/playwright-core"
if [ "${SKIP_PLAYWRIGHT:-0}" = "1" ]; then
  log "skipping playwright-core"
elif ! command -v npm >/dev/null; then
  die "npm not found: install Node.js with npm"
elif [ -f "$pw_dir/package.json" ] &&
     [ "$(node -p "require('$pw_dir/package.json').version" 2>/dev/null || true)" = "$playwright_version" ]; then
  log "playwright-core $playwright_version already installed"
else
  log "installing playwright-core $playwright_version into $node_prefix"
  mkdir -p "$node_prefix"
  npm install --prefix "$node_prefix" --no-audit --no-fund --no-save "playwright-core@$playwright_version" >/dev/null
fi

for c in /usr/bin/chromium-headless-shell /usr/bin/chromium; do
  if [ -x "$c" ]; then echo "$c"; exit 0; fi
done
[ "${SKIP_CHROMIUM:-0}" = "1" ] && { echo "none"; exit 0; }
die "no Chromium after installing"
