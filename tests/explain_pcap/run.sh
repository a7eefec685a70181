#!/usr/bin/env bash
# `glasstls explain` on real captures: openssl s_client <-> s_server mutual TLS on
# loopback (TLS 1.3 captured by dumpcap as pcapng on lo, TLS 1.2 by tcpdump on
# "any" as pcap with Linux cooked SLL2 headers, TLS 1.3 over ::1 by tcpdump on lo),
# secrets from -keylogfile. Every decrypted handshake message is compared with
# tshark's decode of the same capture and key log: same types and lengths in the
# same order, the same client certificate (DER), both Finished checked against the
# key log's secrets, the reports valid. Then two refused clients in one capture
# (no certificate; a certificate from another CA): the connection list without
# --stream, and each "likely cause". A capture that dropped packets is redone.
# Exit 77 (skipped, with the reason) when this user may not capture on loopback.
# Usage: run.sh /path/to/glasstls [--keep DIR]  (DIR keeps the captures and key logs)
set -uo pipefail
G=${1:?usage: run.sh /path/to/glasstls}
KEEP=${3:-}
W=$(mktemp -d /tmp/glasstls-pcap-XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$W"
}
trap cleanup EXIT
[ -n "${DEBUG_KEEP:-}" ] && trap - EXIT
fails=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # wait_for FILE PATTERN SECONDS
  for _ in $(seq $(($3 * 10))); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
for tool in openssl tshark tcpdump dumpcap python3; do
  command -v $tool >/dev/null || { echo "FAIL: $tool is missing (scripts/setup.sh installs it)"; exit 1; }
done

"$G" pki --out "$W/pki" --seed 11 --name pcap > "$W/pki.txt" 2>&1 || { echo "FAIL: pki"; cat "$W/pki.txt"; exit 1; }

# A capture tool that may not capture here (not root, no CAP_NET_RAW): a visible skip.
permission_skip() {  # permission_skip LOG TOOL
  if grep -qiE "permission|not permitted|privileges" "$1"; then
    echo "SKIP: no permission to capture on loopback ($2: $(grep -iE "permission|not permitted|privileges" "$1" | head -1)); run as root"
    exit 77
  fi
}

# capture VERSION TOOL OUT: one mutual-TLS connection, captured and key-logged.
capture() {
  local ver=$1 tool=$2 out=$3 host=${4:-127.0.0.1} port
  port=$(free_port)
  if [ "$tool" = dumpcap ]; then
    dumpcap -q -i lo -f "tcp port $port" -w "$out.cap" > "$out.cap.log" 2>&1 &
  elif [ "$tool" = tcpdump-lo ]; then
    tcpdump -B 8192 -Z "$(id -un)" -i lo --immediate-mode -U -w "$out.cap" "tcp port $port" > "$out.cap.log" 2>&1 &
  else
    tcpdump -B 8192 -Z "$(id -un)" -i any -y LINUX_SLL2 --immediate-mode -U -w "$out.cap" "tcp port $port" > "$out.cap.log" 2>&1 &
  fi
  local cpid=$!
  PIDS+=($cpid)
  if ! wait_for "$out.cap.log" "listening on|Capturing on" 10; then
    permission_skip "$out.cap.log" $tool
    fail "$tool did not start: $(cat "$out.cap.log")"; return 1
  fi
  openssl s_server -accept "$host:$port" -cert "$W/pki/server.pem" -key "$W/pki/server.key" \
    -CAfile "$W/pki/ca.pem" -Verify 2 -www -naccept 1 "-$ver" > "$out.server.log" 2>&1 &
  local spid=$!
  PIDS+=($spid)
  wait_for "$out.server.log" "ACCEPT" 10 || { fail "s_server did not start"; return 1; }
  printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client -connect "$host:$port" \
    -cert "$W/pki/client.pem" -key "$W/pki/client.key" -CAfile "$W/pki/ca.pem" \
    -keylogfile "$out.keylog" -ign_eof "-$ver" > "$out.client.log" 2>&1
  for _ in $(seq 50); do kill -0 $spid 2>/dev/null || break; sleep 0.1; done
  kill $spid 2>/dev/null
  sleep 0.5  # the last segments reach the capture
  kill -INT $cpid 2>/dev/null
  for _ in $(seq 50); do kill -0 $cpid 2>/dev/null || break; sleep 0.1; done
  kill $cpid 2>/dev/null
  permission_skip "$out.cap.log" $tool
  [ -s "$out.cap" ] && [ -s "$out.keylog" ] || { fail "$ver: no capture or key log"; return 1; }
  if dropped "$out.cap.log"; then echo "note: $tool dropped packets (a loaded machine): capturing again"; return 3; fi
}

# The capture tool's own count of packets the kernel dropped (tcpdump, dumpcap).
dropped() {
  grep -qE "^[1-9][0-9]* packets dropped by kernel" "$1" ||
    grep -qE "received/dropped on interface .*: [0-9]+/[1-9]" "$1"
}
capture_retry() {  # capture with up to three attempts when packets were dropped
  local rc
  for _ in 1 2 3; do
    rm -f "$3".*
    capture "$@"; rc=$?
    [ $rc -ne 3 ] && return $rc
  done
  fail "$1: packets dropped in three captures"; return 1
}

# check VERSION PREFIX: glasstls explain against tshark on one capture.
check() {
  local ver=$1 p=$2
  "$G" explain "$p.cap" --keylog "$p.keylog" --json "$p.json" --html "$p.html" > "$p.txt" 2>&1
  local rc=$?
  [ $rc -eq 0 ] && pass "$ver: explain exits 0" || { fail "$ver: explain exit $rc"; tail -30 "$p.txt"; }
  # Sent messages as "type length", in order, from our JSON.
  python3 - "$p.json" > "$p.ours" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1]))["events"]:
    if e["kind"] == "message" and e["direction"] == "sent":
        print(e["message"]["type"], len(e["message"]["hex"]) // 2 - 4)
PY
  tshark -r "$p.cap" -o "tls.keylog_file:$p.keylog" -Y tls.handshake -T fields \
    -e tls.handshake.type -e tls.handshake.length 2>/dev/null |
    python3 -c '
import sys
for line in sys.stdin:
    f = line.rstrip("\n").split("\t")
    for t, l in zip(f[0].split(","), f[1].split(",")):
        print(t, l)' > "$p.tshark"
  if [ -s "$p.ours" ] && diff -u "$p.tshark" "$p.ours" > "$p.diff"; then
    pass "$ver: $(wc -l < "$p.ours") handshake messages, same types and lengths in the same order as tshark"
  else
    fail "$ver: messages differ from tshark's"; cat "$p.diff"
  fi
  # The client's certificate as tshark decrypted it is the one in our client Certificate.
  local cport
  cport=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["meta"]["title"]; print(t.split(": ")[1].split(" -> ")[0].rsplit(":",1)[1])' "$p.json")
  local cert
  cert=$(tshark -r "$p.cap" -o "tls.keylog_file:$p.keylog" -Y "tls.handshake.type == 11 && tcp.srcport == $cport" \
    -T fields -e tls.handshake.certificate 2>/dev/null | head -1 | cut -d, -f1 | tr -d ':')
  if [ -n "$cert" ] && python3 - "$p.json" "$cert" <<'PY'
import json, sys
want = sys.argv[2].lower()
for e in json.load(open(sys.argv[1]))["events"]:
    if e["kind"] == "message" and e["side"] == "client" and e["direction"] == "sent" and e["message"]["type"] == 11:
        sys.exit(0 if want in e["message"]["hex"] else 1)
sys.exit(1)
PY
  then pass "$ver: the client certificate equals tshark's"; else fail "$ver: client certificate (tshark: ${cert:0:40}...)"; fi
  local subj
  subj=$(echo "$cert" | xxd -r -p | openssl x509 -inform der -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
  grep -qF "client certificate: $subj" "$p.txt" && pass "$ver: summary names the client subject $subj" ||
    fail "$ver: summary lacks 'client certificate: $subj'"
  [ "$(grep -c 'verify_data equals the value recomputed' "$p.txt")" -eq 2 ] &&
    pass "$ver: both Finished verified from the key log" || fail "$ver: Finished checks"
  grep -q "state .*--Finished.*--> CONNECTED" "$p.txt" && grep -qE "\[server\] state .*CONNECTED" "$p.txt" &&
    pass "$ver: both sides' states end CONNECTED" || fail "$ver: inferred states"
  grep -q 'HTTP/1.0 200 ok' "$p.txt" && pass "$ver: the server's reply is decrypted" || fail "$ver: reply not decrypted"
  grep -q '<html' "$p.html" && pass "$ver: HTML report written" || fail "$ver: HTML report"
  python3 "$(dirname "$0")/../inspect/validate_json.py" "$(dirname "$0")/../../inspect/schema/events.schema.json" \
    "$p.json" > "$p.schema" 2>&1 && pass "$ver: JSON report valid against the events schema" ||
    { fail "$ver: JSON schema"; cat "$p.schema"; }
}

capture_retry tls1_3 dumpcap "$W/t13" && check "TLS 1.3" "$W/t13"
capture_retry tls1_2 tcpdump "$W/t12" && check "TLS 1.2" "$W/t12"
# IPv6 loopback captured by tcpdump on lo: pcap with Ethernet headers.
capture_retry tls1_3 tcpdump-lo "$W/t6" "[::1]" && check "TLS 1.3 over IPv6" "$W/t6"
grep -q "client \[::1\]:[0-9]* -> server \[::1\]" "$W/t6.txt" &&
  pass "IPv6: endpoints named" || fail "IPv6 endpoints"
grep -q "ServerKeyExchange" "$W/t12.txt" && pass "TLS 1.2: ServerKeyExchange narrated" || fail "TLS 1.2 narrative"
grep -q "CLIENT_HANDSHAKE_TRAFFIC_SECRET" "$W/t13.keylog" && pass "TLS 1.3 key log has traffic secrets" || fail "keylog"

# Without the key log: the plaintext part, then a clear stop and exit 1.
"$G" explain "$W/t13.cap" > "$W/nokeys.txt" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "the key log has no CLIENT_HANDSHAKE_TRAFFIC_SECRET" "$W/nokeys.txt" &&
  pass "no key log: stops at the encrypted part with the reason, exit 1" || { fail "no key log (exit $rc)"; tail "$W/nokeys.txt"; }
# Not a capture: a clear error.
echo "not a capture" > "$W/bad.cap"
"$G" explain "$W/bad.cap" > "$W/bad.txt" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "cannot read the capture" "$W/bad.txt" && pass "a non-capture file is refused clearly" ||
  fail "bad capture (exit $rc): $(cat "$W/bad.txt")"

# Two refused clients in one capture (TLS 1.3): no certificate, then a certificate
# from a CA the server does not trust. Without --stream the connections are listed.
"$G" pki --out "$W/other" --seed 12 --name other > "$W/other.txt" 2>&1 || fail "second pki"
capture_refused() {
  local port cpid spid cert args
  rm -f "$W"/fail.*
  port=$(free_port)
  dumpcap -q -i lo -f "tcp port $port" -w "$W/fail.cap" > "$W/fail.cap.log" 2>&1 &
  cpid=$!; PIDS+=($cpid)
  wait_for "$W/fail.cap.log" "Capturing on" 10 || fail "dumpcap did not start"
  openssl s_server -accept "127.0.0.1:$port" -cert "$W/pki/server.pem" -key "$W/pki/server.key" \
    -CAfile "$W/pki/ca.pem" -Verify 2 -verify_return_error -www -naccept 2 -tls1_3 > "$W/fail.server.log" 2>&1 &
  spid=$!; PIDS+=($spid)
  wait_for "$W/fail.server.log" "ACCEPT" 10 || fail "s_server did not start"
  for cert in none other; do
    args=()
    [ $cert = other ] && args=(-cert "$W/other/client.pem" -key "$W/other/client.key")
    printf 'GET / HTTP/1.0\r\n\r\n' | timeout 10 openssl s_client -connect "127.0.0.1:$port" "${args[@]}" \
      -CAfile "$W/pki/ca.pem" -keylogfile "$W/fail.keylog" -ign_eof -tls1_3 > "$W/fail.$cert.log" 2>&1
  done
  sleep 0.5; kill -INT $cpid 2>/dev/null
  for _ in $(seq 50); do kill -0 $cpid 2>/dev/null || break; sleep 0.1; done
  kill $spid 2>/dev/null
  if dropped "$W/fail.cap.log"; then echo "note: dumpcap dropped packets: capturing again"; return 3; fi
}
for _ in 1 2 3; do capture_refused; [ $? -ne 3 ] && break; done
"$G" explain "$W/fail.cap" --keylog "$W/fail.keylog" > "$W/list.txt" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q -- "--stream 1 " "$W/list.txt" && grep -q -- "--stream 2 " "$W/list.txt" &&
  pass "two connections and no --stream: both listed, exit 2" || { fail "connection list (exit $rc)"; cat "$W/list.txt"; }
"$G" explain "$W/fail.cap" --keylog "$W/fail.keylog" --stream 1 > "$W/nocert.txt" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "likely cause: the server requires a client certificate and the client sent none" "$W/nocert.txt" &&
  grep -qE "\[server\] alert +sends a fatal alert: certificate_required" "$W/nocert.txt" &&
  pass "no client certificate: certificate_required decrypted and diagnosed, exit 1" ||
  { fail "no-cert diagnosis (exit $rc)"; sed -n '/^Summary/,$p' "$W/nocert.txt"; }
"$G" explain "$W/fail.cap" --keylog "$W/fail.keylog" --stream 2 > "$W/unknown.txt" 2>&1; rc=$?
[ $rc -eq 1 ] && grep -q "likely cause: the server refused the client's certificate (unknown_ca)" "$W/unknown.txt" &&
  grep -q "the chain ends at CN=glasstls Test CA other" "$W/unknown.txt" &&
  pass "client certificate from an unknown CA: diagnosed with the CA names, exit 1" ||
  { fail "unknown-CA diagnosis (exit $rc)"; sed -n '/^Summary/,$p' "$W/unknown.txt"; }

if [ -n "$KEEP" ]; then mkdir -p "$KEEP" && cp "$W"/t1[23].cap "$W"/t1[23].keylog "$W"/fail.cap "$W"/fail.keylog "$KEEP"/; fi
echo "explain_pcap: $fails failure(s)"
[ $fails -eq 0 ]
