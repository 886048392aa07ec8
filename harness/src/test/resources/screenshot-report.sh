#!/usr/bin/env bash
# Renders a poolbench report.html in headless Chromium and saves a full-page screenshot, to check
# by eye that the inline SVG charts show. Installs nothing: needs /usr/bin/chromium (Debian:
# apt-get install chromium) or CHROMIUM=/path/to/chrome. Not part of CI.
#   harness/src/test/resources/screenshot-report.sh results/reference/report.html /tmp/report.png [1400x3000]
set -euo pipefail
html=${1:?usage: screenshot-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]}
png=${2:?usage: screenshot-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]}
size=${3:-1400x3000}
chrome=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $chrome ]]; then
  echo "screenshot-report: $chrome not found; install chromium or set CHROMIUM (skipped, nothing checked)" >&2
  exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size="${size/x/,}" \
  --screenshot="$(realpath -m "$png")" "file://$(realpath "$html")" 2>/dev/null
[[ -s $png ]] && echo "screenshot-report: wrote $png"
