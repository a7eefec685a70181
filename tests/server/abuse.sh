#!/usr/bin/env bash
# `glasstls server` and `client` against peers that misbehave at the TCP level:
# deadlines cut off silent and dripping clients, our client gives up on a silent
# server, and a fatal alert reaches a peer that keeps sending (no reset).
# 127.0.0.1 only, every wait bounded, everything started is stopped on exit.
# Usage: abuse.sh GLASSTLS_BINARY
set -u
G=${1:?usage: abuse.sh path/to/glasstls}
HERE=$(cd "$(dirname "$0")" && pwd)
RAW="python3 $HERE/rawpeer.py"
W=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
pass=0 fail=0
ok() { echo "PASS server_abuse: $1"; pass=$((pass+1)); }
bad() { echo "FAIL server_abuse: $1"; sed 's/^/  | /' "$2" | tail -20; fail=$((fail+1)); }

"$G" pki --out "$W/pki" --pass pass:secret >/dev/null || { echo "FAIL server_abuse: glasstls pki"; exit 1; }
P=$W/pki
LOG=$W/server.log
"$G" server --port 0 --cert $P/server.pem --key $P/server.key --ca $P/ca.pem \
  --handshake-timeout 2 --timeout 30 >"$LOG" 2>&1 &
PIDS+=($!)
PORT=
for _ in $(seq 100); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$LOG" | cut -d: -f2); [ -n "$PORT" ] && break; sleep 0.1; done
[ -n "$PORT" ] || { bad "server did not start" "$LOG"; exit 1; }

in_range() { awk -v t="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(t >= lo && t <= hi) }'; }

# A client that connects and sends nothing: the handshake deadline (2 s), not the
# idle --timeout (30 s), closes it.
r=$($RAW silent "$PORT" 15)
t=${r#closed }
if [ "${r%% *}" = closed ] && in_range "$t" 1.5 6; then ok "silent client cut off by --handshake-timeout 2 after ${t} s"
else echo "$r" >>"$LOG"; bad "silent client: $r" "$LOG"; fi

# One byte every 0.5 s: each byte resets an idle timer, never the handshake deadline.
r=$($RAW drip "$PORT" 15)
t=${r#closed }
if [ "${r%% *}" = closed ] && in_range "$t" 1.5 6; then ok "client dripping one byte per 0.5 s cut off by --handshake-timeout 2 after ${t} s"
else echo "$r" >>"$LOG"; bad "dripping client: $r" "$LOG"; fi
grep -q "handshake-timeout" "$LOG" || bad "the server log does not name the handshake deadline" "$LOG"

# Our client against a listener that accepts and never answers: --timeout covers
# the handshake (it used to wait in WAIT_SH forever).
$RAW listen "$W/lport" 20 &
PIDS+=($!)
for _ in $(seq 50); do [ -s "$W/lport" ] && break; sleep 0.1; done
start=$(date +%s.%N)
timeout 20 "$G" client 127.0.0.1:"$(cat "$W/lport")" --ca $P/ca.pem --timeout 2 </dev/null >"$W/cl.out" 2>&1
rc=$?
t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
if [ $rc = 1 ] && in_range "$t" 1.5 6 && grep -q "did not complete within --timeout 2 s" "$W/cl.out"; then
  ok "client gives up on a silent server at --timeout 2 (${t} s, WAIT_SH named)"
else bad "client against a silent server: rc $rc after ${t} s" "$W/cl.out"; fi

# A peer that keeps sending after the server failed the handshake still reads the
# alert: the server shuts down its side and drains instead of closing with
# unread bytes (which makes the kernel send a reset that destroys the alert).
r=$($RAW garbage "$PORT" 10)
if [ "$r" = "alert 2 10" ]; then ok "fatal alert (unexpected_message) reaches a peer that keeps sending; no reset"
else echo "raw peer saw: $r" >>"$LOG"; bad "alert after garbage: $r" "$LOG"; fi

# Ending a connection: on the peer's close_notify or its TCP FIN the server sends
# close_notify before closing (RFC 8446 6.1), and the peer sees it.
for how in notify fin; do
  r=$($RAW $how "$PORT" 10 "$P")
  if [ "$r" = close_notify ]; then ok "peer ends with $how: the server answers with close_notify"
  else echo "raw peer saw: $r" >>"$LOG"; bad "peer ends with $how: $r" "$LOG"; fi
done

# A second server with a short idle deadline: a client silent after the handshake
# gets close_notify at --timeout, not at the handshake deadline.
"$G" server --port 0 --cert $P/server.pem --key $P/server.key --ca $P/ca.pem \
  --handshake-timeout 30 --timeout 2 >"$W/idle.log" 2>&1 &
PIDS+=($!)
IPORT=
for _ in $(seq 100); do IPORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$W/idle.log" | cut -d: -f2); [ -n "$IPORT" ] && break; sleep 0.1; done
r=$($RAW idle "${IPORT:-1}" 15 "$P" 2>&1)
t=${r#close_notify }
if [ "${r%% *}" = close_notify ] && in_range "$t" 1.5 6 && grep -q "silent for --timeout 2 s" "$W/idle.log"; then
  ok "client silent after the handshake gets close_notify at --timeout 2 (${t} s)"
else echo "raw peer saw: $r" >>"$W/idle.log"; bad "idle client after the handshake: $r" "$W/idle.log"; fi

# A client that sends without ever reading the echo: the server stops reading
# while its reply is stuck (back-pressure), and the idle deadline ends it.
start=$(date +%s.%N)
timeout 30 python3 "$HERE/load.py" flood "${IPORT:-1}" 20 "$P" >"$W/flood.out" 2>&1
t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
if in_range "$t" 1.5 10 && grep -q "did not take our data for --timeout 2 s" "$W/idle.log"; then
  ok "echo flood that never reads: stalled at the server and closed after ${t} s ($(cat "$W/flood.out"))"
else cat "$W/flood.out" >>"$W/idle.log"; bad "echo flood lasted ${t} s" "$W/idle.log"; fi

# GET /pha over TLS 1.2: refused by the server itself, the page says why and the
# connection carries on (no alert).
(echo "GET /pha HTTP/1.0"; sleep 1) | timeout 15 "$G" client 127.0.0.1:"$PORT" --name localhost --ca $P/ca.pem \
  --p12 $P/client.p12 --pass pass:secret --tls1.2 --timeout 10 -q >"$W/pha12.out" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q "post-handshake authentication: not possible: it exists only in TLS 1.3" "$W/pha12.out" &&
   grep -q "client certificate: CN=" "$W/pha12.out"; then
  ok "GET /pha over TLS 1.2: the page says post-handshake authentication is TLS 1.3 only; no alert"
else cat "$LOG" >>"$W/pha12.out"; bad "GET /pha over TLS 1.2 (rc $rc)" "$W/pha12.out"; fi

# GET /pha over TLS 1.3 from a client that did not offer post_handshake_auth (openssl
# s_client offers it only with -enable_pha): the engine refuses locally, the page says
# why, and no alert ends the connection.
(printf 'GET /pha HTTP/1.0\r\n\r\n'; sleep 1) | timeout 15 openssl s_client -connect 127.0.0.1:"$PORT" \
  -tls1_3 -CAfile $P/ca.pem -cert $P/client.pem -key $P/client.key -quiet >"$W/pha13.out" 2>&1
if grep -q "post-handshake authentication: not possible: .*did not offer post_handshake_auth" "$W/pha13.out" &&
   ! grep -qi "alert" "$W/pha13.out"; then
  ok "GET /pha over TLS 1.3 without post_handshake_auth offered: the page says why; no alert"
else cat "$LOG" >>"$W/pha13.out"; bad "GET /pha over TLS 1.3 without post_handshake_auth" "$W/pha13.out"; fi

# Post-handshake authentication under a data flood: the client asks for GET /pha
# and then sends data instead of its certificate. The server stops reading past
# its cap and the PHA deadline (--handshake-timeout 2) ends the connection.
start=$(date +%s.%N)
timeout 20 python3 "$HERE/load.py" phaflood "$PORT" 12 "$P" >"$W/pha.out" 2>&1
t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
if in_range "$t" 1.5 8 && grep -q "not reading more" "$LOG" &&
   grep -q "did not answer the post-handshake CertificateRequest within 2 s" "$LOG"; then
  ok "PHA flood: reading stops at the cap and the PHA deadline closes the connection after ${t} s"
else cat "$W/pha.out" >>"$LOG"; bad "PHA flood: connection lasted ${t} s" "$LOG"; fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
