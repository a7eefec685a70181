#!/usr/bin/env bash
# The learning HTML report of three real demo runs (TLS 1.3, TLS 1.2, a failure):
#  - html_parity.py: same step numbers and key values as the text narration of
#    the run, one ladder arrow per message/CCS/data record/alert of the JSON
#    report, no external URL, a CSP with default-src 'none';
#  - headless Chromium opens each page with #selftest: the page's own script
#    clicks every arrow, checks that exactly its panel opens, measures every
#    box for overflowing text and writes the result into the DOM, read here
#    with --dump-dom; the net log shows no request from the page.
# Chromium runs in an empty network namespace when the kernel allows it.
# Usage: html_report_test.sh path/to/glasstls
set -uo pipefail
G=${1:?usage: html_report_test.sh path/to/glasstls}
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

check() {  # name demo-args...
  local name=$1
  shift
  timeout 60 "$G" demo --seed 7 "$@" --html "$dir/$name.html" --json "$dir/$name.json" >"$dir/$name.txt" 2>&1
  [ -s "$dir/$name.html" ] || { tail -5 "$dir/$name.txt" >&2; fail "$name: demo $* wrote no HTML"; }
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
if r["overflow"]:
    errs.append(f"{len(r['overflow'])} boxes overflow, e.g. {r['overflow'][:3]}")
if errs:
    sys.exit(f"html_report: FAIL: {name}: " + "; ".join(errs))
print(f"html_report: {name} ok: {r['arrows']} arrows {r['kinds']}, every panel opens, no overflow, "
      f"{want['steps']} steps and {want['values']} key values as in the text")
PY
  leaks=$(page_requests "$dir/$name.netlog" "$dir/$name.html")
  [ -z "$leaks" ] || fail "$name: the page made requests: $leaks"
}

check tls13
check tls12 --tls1.2
check fail-unknown-ca --fail unknown-ca
echo "html_report: PASS"
