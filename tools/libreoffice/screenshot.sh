#!/usr/bin/env bash
# Renders the top-left of the Placements sheet of a generated dataset written as the
# spreadsheet template (`pcds export-sheet`), printed by LibreOffice headless with each sheet
# on one page, to docs/src/images/template-placements.png for the council guide.
# Run from the repository root after `cargo build`: tools/libreoffice/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/libreoffice/install.sh
pcds=${PCDS:-target/debug/pcds}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$pcds" generate --releases 40 --seed 3 --out "$work/data.json" 2>/dev/null
"$pcds" export-sheet "$work/data.json" --output "$work/workbook.xlsx" 2>/dev/null
soffice -env:UserInstallation="file://$work/profile" --headless \
  --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
  --outdir "$work" "$work/workbook.xlsx" >/dev/null 2>&1
pages=$(pdfinfo "$work/workbook.pdf" | awk '/^Pages:/ {print $2}')
for page in $(seq 1 "$pages"); do
  # The Placements sheet: its first column is Process and its header names the agreement type.
  text=$(pdftotext -f "$page" -l "$page" "$work/workbook.pdf" -)
  if [ "$(printf '%s\n' "$text" | head -n 1)" = "Process" ] && printf '%s\n' "$text" | grep -q "^Agreement type"; then
    pdftoppm -f "$page" -l "$page" -r 110 -x 0 -y 0 -W 1500 -H 230 -png -singlefile \
      "$work/workbook.pdf" "$work/page"
    mkdir -p docs/src/images
    cp "$work/page.png" docs/src/images/template-placements.png
    echo "wrote docs/src/images/template-placements.png"
    exit 0
  fi
done
echo "no page of the Placements sheet found" >&2
exit 1
