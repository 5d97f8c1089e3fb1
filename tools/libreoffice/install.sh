#!/usr/bin/env bash
# Installs LibreOffice Calc without its GUI (Debian's libreoffice-calc-nogui) and poppler-utils,
# for the tests that open the spreadsheet template headless and for screenshot.sh. Does nothing
# when `soffice` and `pdftoppm` are already on PATH. Needs apt, as root.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui poppler-utils >/dev/null
command -v soffice >/dev/null
