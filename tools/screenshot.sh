#!/usr/bin/env bash
# Renders the sample audit report (camgap audit geodata/tiny --format html) in headless
# Chromium and writes docs/report.png, the picture README.md shows.
#
#   tools/screenshot.sh [BUNDLE [OUT.png [WIDTHxHEIGHT]]]
#
# Needs Debian's chromium (apt-get install chromium) and, for the Chinese names to show as
# characters rather than boxes, a CJK font (apt-get install fonts-noto-cjk). CAMGAP may name
# a built camgap binary; otherwise a release build is made.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=${1:-geodata/tiny}
out=${2:-docs/report.png}
size=${3:-1280x1500}

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "screenshot.sh: chromium not found (apt-get install chromium)" >&2
  exit 1
fi
if command -v fc-list >/dev/null && ! fc-list :lang=zh | grep -q .; then
  echo "screenshot.sh: warning: no CJK font; Chinese names will render as boxes (apt-get install fonts-noto-cjk)" >&2
fi

camgap=${CAMGAP:-}
if [ -z "$camgap" ]; then
  swift build -c release --product camgap >&2
  camgap="$(swift build -c release --show-bin-path)/camgap"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$camgap" audit "$bundle" --format html --out "$work/report.html"

# Chromium refuses to run as root inside its sandbox (containers, CI).
sandbox=()
[ "$(id -u)" -ne 0 ] || sandbox=(--no-sandbox)
mkdir -p "$(dirname "$out")"
"$chromium" --headless "${sandbox[@]}" --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --user-data-dir="$work/profile" --window-size="${size/x/,}" \
  --screenshot="$(realpath -m "$out")" "file://$work/report.html" >/dev/null 2>&1
[ -s "$out" ] || { echo "screenshot.sh: chromium wrote no screenshot" >&2; exit 1; }
echo "$out: $(wc -c <"$out") bytes from $bundle"
