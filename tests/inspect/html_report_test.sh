#!/usr/bin/env bash
# The learning HTML report of three real demo runs (TLS 1.3, TLS 1.2, a failure):
#  - html_parity.py: same step numbers and key values as the text narration of
#    the run, one ladder arrow per message/CCS/data record/alert of the JSON
#    report, no external URL, a CSP with default-src 'none';
#  - headless Chromium opens each page with #selftest: the page's own script
#    clicks every arrow, checks that exactly its panel opens and that hovering
#    a field lights it and its bytes in the hex, measures every box for
#    overflowing text and writes the result into the DOM, read here with
#    --dump-dom; the net log shows no request from the page.
# Chromium runs in an empty network namespace when the kernel allows it.
# Usage: html_report_test.sh path/to/glasstls
set -uo pipefail
G=$(realpath "${1:?usage: html_report_test.sh path/to/glasstls}")
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "html_report: FAIL: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is not installed (Debian package 'chromium'; scripts/setup.sh installs it)"
command -v python3 >/dev/null || fail "python3 is missing"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
isolate=()
if unshare -n true 2>/dev/null; then isolate=(unshare -n); fi

page_requests() {  # netlog html: URLs the page itself asked for
  python3 - "$1" "$2" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
types = {v: k for k, v in log["constants"]["logEventTypes"].items()}
own = "file://" + sys.argv[2]
for e in log.get("events", []):
    p = e.get("params", {})
    if types.get(e.get("type")) == "URL_REQUEST_START_JOB" and p.get("initiator") != "not an origin":
        if p.get("url") and p["url"].split("#")[0] != own:
            print(p["url"])
PY
}

demo() {  # name demo-args...
  local name=$1
  shift
  # In the scratch folder: nothing the demo writes lands in the caller's.
  (cd "$dir" && timeout 60 "$G" demo --seed 7 "$@" --html "$dir/$name.html" --json "$dir/$name.json") >"$dir/$name.txt" 2>&1
  [ -s "$dir/$name.html" ] || { tail -5 "$dir/$name.txt" >&2; fail "$name: demo $* wrote no HTML"; }
  check "$name"
}

check() {  # name: $dir/name.{html,txt,json} from one run
  local name=$1
  want=$(python3 "$here/html_parity.py" "$dir/$name.html" "$dir/$name.txt" "$dir/$name.json") || fail "$name: parity with the text run"
  rm -rf "$dir/profile"
  timeout 30 "${isolate[@]}" chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-default-apps \
    --host-resolver-rules='MAP * ~NOTFOUND' --user-data-dir="$dir/profile" --window-size=1400,900 \
    --log-net-log="$dir/$name.netlog" --net-log-capture-mode=Everything \
    --dump-dom "file://$dir/$name.html#selftest" >"$dir/$name.dom" 2>"$dir/chromium.err" ||
    { tail -5 "$dir/chromium.err" >&2; fail "$name: chromium failed"; }
  python3 - "$dir/$name.dom" "$want" "$name" <<'PY' || exit 1
import html, json, re, sys
dom, want, name = open(sys.argv[1], encoding="utf-8").read(), json.loads(sys.argv[2]), sys.argv[3]
m = re.search(r'<pre id="selftest-result">(.*?)</pre>', dom, re.S)
if not m:
    sys.exit(f"html_report: FAIL: {name}: the self-test wrote no result (script blocked or broken)")
r = json.loads(html.unescape(m.group(1)))
errs = []
if r["arrows"] != want["arrows"]:
    errs.append(f"{r['arrows']} arrows in the DOM, {want['arrows']} transmissions in the JSON")
if r["kinds"] != want["kinds"]:
    errs.append(f"arrow kinds {r['kinds']} vs JSON {want['kinds']}")
if r["opened"] != r["arrows"] or r["failed"]:
    errs.append(f"clicking arrows {r['failed']} did not open exactly their panel")
if r["unlit"] or r["hovered"] == 0:
    errs.append(f"hovering a field did not highlight its bytes in panels {r['unlit']}")
if r["overflow"]:
    errs.append(f"{len(r['overflow'])} boxes overflow, e.g. {r['overflow'][:3]}")
if errs:
    sys.exit(f"html_report: FAIL: {name}: " + "; ".join(errs))
print(f"html_report: {name} ok: {r['arrows']} arrows {r['kinds']}, every panel opens, hover lights "
      f"fields and bytes in {r['hovered']}, no overflow, "
      f"{want['steps']} steps and {want['values']} key values as in the text")
PY
  leaks=$(page_requests "$dir/$name.netlog" "$dir/$name.html")
  [ -z "$leaks" ] || fail "$name: the page made requests: $leaks"
}

demo tls13 --keep "$dir/pki"
# The parity check must be able to fail: a page with one step renumbered, and
# one with a key value changed, are both rejected.
sed 's/data-step="7">7</data-step="8">8</' "$dir/tls13.html" >"$dir/bad-step.html"
v=$(grep -oE 'secret +early_secret = [0-9a-f]+' "$dir/tls13.txt" | head -1 | sed 's/.* = //')
[ -n "$v" ] || fail "no early_secret in the TLS 1.3 narration"
sed "s/$v/${v:0:20}0000${v:24}/g" "$dir/tls13.html" >"$dir/bad-value.html"
for bad in bad-step bad-value; do
  if python3 "$here/html_parity.py" "$dir/$bad.html" "$dir/tls13.txt" "$dir/tls13.json" 2>/dev/null >&2; then
    fail "html_parity.py accepted $bad.html"
  fi
done
demo tls12 --tls1.2
demo fail-unknown-ca --fail unknown-ca

# `client --explain --html` alone: only the client's view is recorded, so the
# server's messages are arrows seen from the receiving end.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
P=$dir/pki
timeout 30 "$G" server --port "$port" --cert "$P/server.pem" --key "$P/server.key" --ca "$P/ca.pem" \
  --max-connections 1 >"$dir/server.txt" 2>&1 &
spid=$!
for _ in $(seq 50); do grep -q listening "$dir/server.txt" && break; sleep 0.1; done
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca "$P/ca.pem" \
  --p12 "$P/client.p12" --pass pass:demo --explain --html "$dir/client.html" --json "$dir/client.json" \
  >"$dir/client.out" 2>"$dir/client.txt"
timeout 10 tail --pid "$spid" -f /dev/null || kill "$spid" 2>/dev/null
[ -s "$dir/client.html" ] || { tail -5 "$dir/client.txt" >&2; fail "client --explain --html wrote no HTML"; }
check client
echo "html_report: PASS"
