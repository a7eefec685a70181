#!/usr/bin/env bash
# Regenerates the screenshots of the HTML report in docs/ (1400 px wide) from
# three seeded demo runs: TLS 1.3 and TLS 1.2 with the client's Certificate
# selected, and --fail unknown-ca with the server's alert selected.
# Usage: scripts/html_screenshots.sh path/to/glasstls
set -euo pipefail
G=$(realpath "${1:?usage: html_screenshots.sh path/to/glasstls}")
docs=$(cd "$(dirname "$0")/../docs" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

shot() {  # name height pick-regex demo-args...
  local name=$1 H=$2 pick=$3
  shift 3
  (cd "$dir" && "$G" demo --seed 7 "$@" --html "$dir/$name.html" >/dev/null 2>&1) || true
  # The arrow to select: the first whose line matches `pick`.
  local n
  n=$(grep -oE "data-arrow=\"[0-9]+\" data-kind=\"[a-z]+\" title=\"[^\"]*\">.{0,300}" "$dir/$name.html" |
      { grep -E "$pick" || true; } | head -1 | sed -E 's/data-arrow="([0-9]+)".*/\1/')
  rm -rf "$dir/profile"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --user-data-dir="$dir/profile" --host-resolver-rules='MAP * ~NOTFOUND' \
    --window-size=1400,"$H" --screenshot="$dir/$name.png" "file://$dir/$name.html#show-${n:-1}" 2>/dev/null
  # Fewer colours keep each PNG well under 300 KB (pngquant, when installed).
  if command -v pngquant >/dev/null; then pngquant --force --quality 60-85 --output "$docs/html-report-$name.png" "$dir/$name.png"
  else cp "$dir/$name.png" "$docs/html-report-$name.png"; fi
  echo "$docs/html-report-$name.png: $(stat -c %s "$docs/html-report-$name.png") bytes (arrow ${n:-1})"
}

shot tls13 1250 'sends</span><span class="mid"><span class="aname">Certificate<'
shot tls12 1250 'sends</span><span class="mid"><span class="aname">Certificate<' --tls1.2
shot fail-unknown-ca 1500 'alert fatal' --fail unknown-ca
