#!/usr/bin/env bash
# The HTML report of real in-memory mTLS handshakes (TLS 1.3 and 1.2) opens in
# headless Chromium, its DOM holds every handshake message name, and the page
# makes no request at all: checked in the file's text and in Chromium's net log.
# Chromium runs in its own empty network namespace (unshare -n) when possible,
# so neither the page nor the browser's own background services reach a network.
# Usage: chromium_test.sh path/to/test_inspect
set -uo pipefail
test_inspect=${1:?usage: chromium_test.sh path/to/test_inspect}
fail() { echo "inspect_html: FAIL: $*" >&2; exit 1; }

command -v chromium >/dev/null || fail "chromium is not installed (Debian package 'chromium'; scripts/setup.sh installs it)"
command -v python3 >/dev/null || fail "python3 is missing"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

GLASS_INSPECT_OUT=$dir "$test_inspect" -tc='inspect: sample HTML reports for the browser test' >"$dir/gen.log" 2>&1 ||
  { cat "$dir/gen.log" >&2; fail "test_inspect could not write the sample reports"; }

# Chromium isolated from every network when the kernel lets us; the resolver
# rule keeps it from even trying DNS.
isolate=()
if unshare -n true 2>/dev/null; then isolate=(unshare -n); else
  echo "inspect_html: note: unshare -n not permitted here; relying on --host-resolver-rules" >&2
fi

run_chromium() {  # html netlog dom
  rm -rf "$dir/profile"
  timeout 25 "${isolate[@]}" chromium --headless --disable-gpu --no-sandbox --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
    --host-resolver-rules='MAP * ~NOTFOUND' --user-data-dir="$dir/profile" \
    --log-net-log="$2" --net-log-capture-mode=Everything --dump-dom "file://$1" >"$3" 2>"$dir/chromium.err"
  local rc=$?
  [ $rc -eq 0 ] || { tail -20 "$dir/chromium.err" >&2; fail "chromium exited with $rc on $1"; }
}

# Prints the URLs the page itself asked for (browser background services have
# the initiator "not an origin"; anything a page loads carries its origin).
page_requests() {  # netlog html
  python3 - "$1" "$2" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
own = "file://" + sys.argv[2]
for e in log.get("events", []):
    if types.get(e.get("type")) != "URL_REQUEST_START_JOB":
        continue
    p = e.get("params", {})
    url = p.get("url")
    if url and p.get("initiator") != "not an origin" and url != own:
        print(url)
PY
}

# The check must be able to see a request: a page that makes three.
cat >"$dir/leaky.html" <<'HTML'
<!DOCTYPE html><html><head><link rel="stylesheet" href="https://example.invalid/a.css"></head>
<body><img src="http://127.0.0.1:9/x.png"><script>fetch('http://127.0.0.1:9/f')</script></body></html>
HTML
run_chromium "$dir/leaky.html" "$dir/leaky.netlog" "$dir/leaky.dom"
n=$(page_requests "$dir/leaky.netlog" "$dir/leaky.html" | wc -l)
[ "$n" -ge 2 ] || fail "the net log check saw $n requests from a page that makes 3: it would miss a leak"

for v in tls13 tls12; do
  html=$dir/$v.html
  [ -s "$html" ] || fail "$v.html was not written"
  # Nothing in the file may point outside it.
  for bad in 'http:' 'https:' '//' '@import' 'url(' 'src=' '<link' '<iframe' '<object' '<embed'; do
    if grep -qiF -- "$bad" "$html"; then fail "$v.html contains '$bad'"; fi
  done
  if grep -oE 'href="[^"]*"' "$html" | grep -vq '^href="#'; then fail "$v.html has a non-fragment link"; fi
  run_chromium "$html" "$dir/$v.netlog" "$dir/$v.dom"
  grep -q '</html>' "$dir/$v.dom" || fail "chromium did not render $v.html"
  count=0
  while IFS= read -r name; do
    [ -n "$name" ] || continue
    grep -qF ">$name<" "$dir/$v.dom" || fail "the rendered $v page lacks the message name '$name'"
    count=$((count + 1))
  done <"$dir/$v.names"
  [ "$count" -ge 6 ] || fail "only $count message names listed for $v"
  leaks=$(page_requests "$dir/$v.netlog" "$html")
  [ -z "$leaks" ] || fail "the $v page made requests: $leaks"
  echo "inspect_html: $v ok ($count message names rendered, no request from the page)"
done
echo "inspect_html: PASS"
