#!/usr/bin/env bash
# The examples (examples/client.cpp, server.cpp) against each other and against
# openssl s_server -Verify 1 / s_client -cert, with a PKI and .p12 files made by
# openssl.   examples.sh DIR_WITH_example_client_AND_example_server
set -uo pipefail
EX=$1
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$W"; }
trap cleanup EXIT
fails=0
pass() { echo "PASS examples: $1"; }
fail() { echo "FAIL examples: $1"; shift; for f in "$@"; do echo "--- $f"; cat "$f"; done; fails=$((fails + 1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
# Starts example_server on a free port; sets $port once it is listening.
start_server() {
  timeout 60 "$EX/example_server" 0 "$W/server.p12" secret "$W/ca.pem" >"$W/server.out" 2>&1 &
  pids+=($!)
  port=""
  for _ in $(seq 100); do
    port=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$W/server.out" | grep -o '[0-9]*$')
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  return 1
}

bash "$HERE/make_pki.sh" "$W" || { echo "FAIL examples: openssl could not make the PKI"; exit 1; }

# 1. Our client against our server.
start_server || fail "example_server did not start" "$W/server.out"
timeout 20 "$EX/example_client" localhost "$port" "$W/client.p12" secret "$W/ca.pem" >"$W/c1.out" 2>&1
rc=$?
sleep 0.2
if [ $rc -eq 0 ] && grep -q '^hello .*CN=alice' "$W/c1.out" && grep -q '^client: .*CN=alice' "$W/server.out"; then
  pass "example_client (client.p12) <-> example_server: the server printed the client's subject"
else
  fail "example_client <-> example_server (rc=$rc)" "$W/c1.out" "$W/server.out"
fi

# 2. openssl s_client -cert against our server; and without a certificate it is refused.
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect 127.0.0.1:"$port" -quiet \
  -cert "$W/client.pem" -key "$W/client.key" -CAfile "$W/ca.pem" -verify_return_error >"$W/c2.out" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q '^hello .*CN=alice' "$W/c2.out"; then
  pass "openssl s_client -cert -> example_server"
else
  fail "openssl s_client -cert -> example_server (rc=$rc)" "$W/c2.out" "$W/server.out"
fi
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect 127.0.0.1:"$port" -quiet \
  -CAfile "$W/ca.pem" >"$W/c3.out" 2>&1
rc=$?
sleep 0.2
if [ $rc -ne 0 ] && ! grep -q '^hello' "$W/c3.out" && grep -q 'alert certificate required' "$W/c3.out" &&
   grep -q 'handshake failed: the client sent no certificate' "$W/server.out"; then
  pass "openssl s_client without a certificate is refused (certificate_required) and the server says why"
else
  fail "openssl s_client without a certificate (rc=$rc)" "$W/c3.out" "$W/server.out"
fi

# 3. Our client against openssl s_server -Verify 1 (TLS 1.3, then TLS 1.2).
for v in tls1_3 tls1_2; do
  p=$(free_port)
  timeout 30 openssl s_server -accept 127.0.0.1:"$p" -Verify 1 -verify_return_error -"$v" \
    -cert "$W/server.pem" -key "$W/server.key" -CAfile "$W/ca.pem" -www >"$W/s_$v.out" 2>&1 &
  pids+=($!)
  wait_port "$p" || fail "openssl s_server -$v did not start" "$W/s_$v.out"
  timeout 20 "$EX/example_client" localhost "$p" "$W/client.p12" secret "$W/ca.pem" >"$W/c_$v.out" 2>&1
  rc=$?
  want=$([ $v = tls1_3 ] && echo TLSv1.3 || echo TLSv1.2)
  if [ $rc -eq 0 ] && grep -q 'HTTP/1.0 200 ok' "$W/c_$v.out" && grep -q "Protocol  : $want" "$W/c_$v.out" &&
     grep -q 'Subject: CN *= *alice' "$W/c_$v.out"; then
    pass "example_client -> openssl s_server -Verify 1 -$v: s_server saw the client certificate"
  else
    fail "example_client -> openssl s_server -Verify 1 -$v (rc=$rc)" "$W/c_$v.out" "$W/s_$v.out"
  fi
done

# 4. A wrong .p12 password: the client says so and does not connect.
timeout 20 "$EX/example_client" localhost "$port" "$W/client.p12" wrong "$W/ca.pem" >"$W/c4.out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -qi 'wrong password' "$W/c4.out"; then
  pass "example_client with a wrong .p12 password explains the failure"
else
  fail "example_client with a wrong password (rc=$rc)" "$W/c4.out"
fi

[ $fails -eq 0 ] && echo "examples: all passed" || echo "examples: $fails failed"
exit $fails
