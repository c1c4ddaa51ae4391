#!/usr/bin/env bash
# Prints an HTML report of camgap to PDF with headless Chromium: the summary on the first
# page, then the zone atlas, one page per zone below target (the report's print
# stylesheet lays it out; A4).
#
#   tools/report-pdf.sh REPORT.html [OUT.pdf]
#
# Needs Debian's chromium (apt-get install chromium; tools/setup.sh installs it).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: tools/report-pdf.sh REPORT.html [OUT.pdf]" >&2
  exit 1
fi
report=$(realpath "$1")
out=$(realpath -m "${2:-${1%.html}.pdf}")
[ -f "$report" ] || { echo "report-pdf.sh: $1: no such file" >&2; exit 1; }
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "report-pdf.sh: chromium not found (apt-get install chromium)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Chromium refuses to run as root inside its sandbox (containers, CI).
sandbox=()
[ "$(id -u)" -ne 0 ] || sandbox=(--no-sandbox)
rm -f "$out"
"$chromium" --headless "${sandbox[@]}" --disable-gpu --user-data-dir="$work/profile" \
  --no-pdf-header-footer --print-to-pdf="$out" "file://$report" >/dev/null 2>&1
[ -s "$out" ] || { echo "report-pdf.sh: chromium wrote no PDF" >&2; exit 1; }
pages=$(command -v pdfinfo >/dev/null && pdfinfo "$out" | awk '/^Pages:/ {print $2}' || echo "?")
echo "$out: $pages pages from $1"
