#!/usr/bin/env bash
# Interop for the post-quantum hybrid X25519MLKEM768 against BoringSSL's bssl tool
# (an independent ML-KEM-768 and hybrid implementation), mutual TLS, both
# directions, plus HelloRetryRequest to the hybrid and the server's preference for it. Everything on 127.0.0.1 with
# OS-picked free ports, every wait bounded by `timeout`, every peer stopped on exit.
# bssl is looked up at ../shared/tools/bssl from the repository root (GLASS_BSSL
# overrides); without it the test says so and skips (ctest SKIP via exit 77).
# Usage: pq.sh GLASSTLS_BINARY
set -u
G=${1:?usage: pq.sh path/to/glasstls}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BSSL=${GLASS_BSSL:-$ROOT/../shared/tools/bssl}
if [ ! -x "$BSSL" ]; then
  echo "SKIP interop-pq: BoringSSL's bssl not found at $BSSL (set GLASS_BSSL to run these tests)"
  exit 77
fi
W=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
pass=0 fail=0
ok() { echo "PASS interop-pq: $1"; pass=$((pass+1)); }
bad() { echo "FAIL interop-pq: $1"; echo "  --- output:"; sed 's/^/  | /' "$2" | tail -25; fail=$((fail+1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
stop_last() { kill "${pids[-1]}" 2>/dev/null; wait "${pids[-1]}" 2>/dev/null; }
start_ours() {
  LOG=$W/server.$RANDOM.log
  "$G" server --port 0 --cert "$P/server.pem" --key "$P/server.key" --ca "$P/ca.pem" --verify require \
    --max-connections 1 --timeout 10 "$@" >"$LOG" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$LOG" | cut -d: -f2); [ -n "$PORT" ] && return 0; sleep 0.1; done
  return 1
}
REQ=$'GET / HTTP/1.0\r\n\r\n'

"$G" pki --out "$W/pki" --pass pass:secret >/dev/null || { echo "FAIL interop-pq: glasstls pki"; exit 1; }
P=$W/pki

# --- our client against bssl server -------------------------------------------------
client_vs_bssl() {  # name, glasstls client options..., then the expected key exchange line
  local name=$1 want=$2; shift 2
  local port; port=$(free_port)
  "$BSSL" server -accept "$port" -key "$P/server.key" -cert "$P/server.pem" -curves X25519MLKEM768 \
    -require-any-client-cert -www -loop >"$W/bssl.log" 2>&1 &
  pids+=($!); wait_port "$port"
  local out=$W/c.$RANDOM.out
  printf '%s' "$REQ" | timeout 20 "$G" client "127.0.0.1:$port" --p12 "$P/client.p12" --pass pass:secret \
    --ca "$P/ca.pem" "$@" >"$out" 2>&1
  local rc=$?
  stop_last
  if [ $rc = 0 ] && grep -q "key exchange    $want\$" "$out" && grep -q "ECDHE group: X25519MLKEM768" "$out" &&
     grep -q "Cert subject: O = glasstls, CN = glasstls test client" "$out"; then
    ok "$name"
  else
    cat "$W/bssl.log" >>"$out"; bad "$name (rc $rc)" "$out"
  fi
}
client_vs_bssl "glasstls client (default groups) -> bssl server -curves X25519MLKEM768 -require-any-client-cert" \
  "X25519MLKEM768"
client_vs_bssl "glasstls client --groups x25519,X25519MLKEM768 -> bssl server (HelloRetryRequest to the hybrid)" \
  "X25519MLKEM768 (after HelloRetryRequest)" --groups x25519,X25519MLKEM768

# --- bssl client against our server --------------------------------------------------
server_vs_bssl() {  # name, bssl -curves list, expected key exchange line, glasstls server options...
  local name=$1 curves=$2 want=$3; shift 3
  start_ours "$@" || { bad "$name: our server did not start" "$LOG"; return; }
  local out=$W/s.$RANDOM.out
  printf 'ping\n' | timeout 20 "$BSSL" client -connect "127.0.0.1:$PORT" -curves "$curves" \
    -cert "$P/client.pem" -key "$P/client.key" -root-certs "$P/ca.pem" -server-name localhost >"$out" 2>&1
  local rc=$?
  for _ in $(seq 30); do grep -q "closed" "$LOG" && break; sleep 0.1; done
  stop_last
  cat "$LOG" >>"$out"
  if [ $rc = 0 ] && grep -q "key exchange    $want\$" "$LOG" && grep -q "ECDHE group: X25519MLKEM768" "$out" &&
     grep -q "client certificate CN=glasstls test client" "$LOG"; then
    ok "$name"
  else
    bad "$name (rc $rc)" "$out"
  fi
}
server_vs_bssl "bssl client -curves X25519MLKEM768 -cert -> glasstls server --verify require" \
  X25519MLKEM768 "X25519MLKEM768"
# bssl sends shares for both; our server prefers the hybrid even when listed second.
server_vs_bssl "bssl client -curves X25519:X25519MLKEM768 -> glasstls server (prefers the hybrid)" \
  X25519:X25519MLKEM768 "X25519MLKEM768"

echo "interop-pq: $pass passed, $fail failed"
[ $fail = 0 ]
