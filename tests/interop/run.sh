#!/usr/bin/env bash
# Interop: glasstls against real peers (openssl s_server/s_client, gnutls-serv/
# gnutls-cli, curl), all on 127.0.0.1 with ports picked free by the OS, every
# wait bounded by `timeout`, every server stopped on exit.
# Usage: run.sh GLASSTLS_BINARY
set -u
G=${1:?usage: run.sh path/to/glasstls}
W=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
pass=0 fail=0
ok() { echo "PASS interop: $1"; pass=$((pass+1)); }
bad() { echo "FAIL interop: $1"; echo "  --- output:"; sed 's/^/  | /' "$2" | tail -25; fail=$((fail+1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
# Starts our server in the background; sets PORT and LOG.
start_ours() {
  LOG=$W/server.$RANDOM.log
  "$G" server --port 0 --cert "$W/pki/server.pem" --key "$W/pki/server.key" --ca "$W/pki/ca.pem" \
    --max-connections 1 --timeout 10 "$@" >"$LOG" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$LOG" | cut -d: -f2); [ -n "$PORT" ] && return 0; sleep 0.1; done
  return 1
}
stop_last() { kill "${pids[-1]}" 2>/dev/null; wait "${pids[-1]}" 2>/dev/null; }
REQ=$'GET / HTTP/1.0\r\n\r\n'

"$G" pki --out "$W/pki" --pass pass:secret >/dev/null || { echo "FAIL interop: glasstls pki"; exit 1; }
"$G" pki --out "$W/other" --pass pass:secret >/dev/null
P=$W/pki

# --- our client against reference servers --------------------------------------
for v in 1.3 1.2; do
  port=$(free_port)
  openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key -CAfile $P/ca.pem \
    -Verify 1 -verify_return_error -www -tls${v/./_} >$W/ossl.log 2>&1 &
  pids+=($!); wait_port $port
  out=$W/c.out
  printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port --p12 $P/client.p12 --pass pass:secret --ca $P/ca.pem >$out 2>&1
  rc=$?
  if [ $rc = 0 ] && grep -q "protocol        TLS $v" $out && grep -q "200 ok" $out; then ok "glasstls client (.p12) -> openssl s_server -Verify 1, TLS $v"; else bad "glasstls client -> openssl s_server TLS $v (rc $rc)" $out; fi
  stop_last
done

port=$(free_port)
openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key -CAfile $P/ca.pem \
  -Verify 1 -verify_return_error -www -keylogfile $W/srv.keys >$W/ossl.log 2>&1 &
pids+=($!); wait_port $port
out=$W/c12.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port --tls1.2 --p12 $P/client.p12 --pass pass:secret \
  --ca $P/ca.pem --keylog $W/cli.keys >$out 2>&1
rc=$?
stop_last
if [ $rc = 0 ] && grep -q "protocol        TLS 1.2" $out && cmp -s <(sort $W/cli.keys) <(grep -v '^#' $W/srv.keys | sort) && grep -q CLIENT_RANDOM $W/cli.keys; then ok "glasstls client --tls1.2 -> openssl s_server (dual-version server); both key logs hold the same master secret"; else bad "glasstls client --tls1.2 key log vs openssl s_server (rc $rc)" $out; fi

for v in 1.3 1.2; do
  port=$(free_port)
  gnutls-serv --port $port --x509certfile $P/server.pem --x509keyfile $P/server.key --x509cafile $P/ca.pem \
    --require-client-cert --http --priority "NORMAL:-VERS-ALL:+VERS-TLS$v" >$W/gnu.log 2>&1 &
  pids+=($!); wait_port $port
  out=$W/g.out
  printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port --p12 $P/client.p12 --pass pass:secret --ca $P/ca.pem >$out 2>&1
  rc=$?
  if [ $rc = 0 ] && grep -q "protocol        TLS $v" $out && grep -q "CN=glasstls test client" $out; then ok "glasstls client -> gnutls-serv --require-client-cert, TLS $v"; else bad "glasstls client -> gnutls-serv TLS $v (rc $rc)" $out; fi
  stop_last
done

# --- reference clients against our server -----------------------------------------
for v in 1.3 1.2; do
  start_ours
  out=$W/s.out
  printf '%s' "$REQ" | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -tls${v/./_} -cert $P/client.pem \
    -key $P/client.key -CAfile $P/ca.pem -verify_return_error -ign_eof >$out 2>&1
  if grep -q "client certificate: CN=glasstls test client" $out && grep -q "protocol: TLS $v" $out; then ok "openssl s_client -cert -> glasstls server --verify require, TLS $v"; else bad "openssl s_client -> glasstls server TLS $v" $out; cat $LOG >>$out; fi
  stop_last
done

for v in 1.3 1.2; do
  start_ours
  out=$W/gc.out
  printf '%s' "$REQ" | timeout 20 gnutls-cli 127.0.0.1 -p $PORT --x509cafile $P/ca.pem --x509certfile $P/client.pem \
    --x509keyfile $P/client.key --priority "NORMAL:-VERS-ALL:+VERS-TLS$v" --verify-hostname localhost >$out 2>&1
  if grep -q "client certificate: CN=glasstls test client" $out && grep -q "protocol: TLS $v" $out; then ok "gnutls-cli -> glasstls server --verify require, TLS $v"; else bad "gnutls-cli -> glasstls server TLS $v" $out; cat $LOG >>$out; fi
  stop_last
done

for v in 1.3 1.2; do
  start_ours
  out=$W/curl.out
  flags="--tlsv1.3"; [ $v = 1.2 ] && flags="--tlsv1.2 --tls-max 1.2"
  timeout 20 curl -sS $flags --cacert $P/ca.pem --cert $P/client.p12:secret --cert-type P12 https://localhost:$PORT/ >$out 2>&1
  if grep -q "client certificate: CN=glasstls test client" $out && grep -q "protocol: TLS $v" $out; then ok "curl --cert client.p12 --cert-type P12 -> glasstls server, TLS $v"; else bad "curl -> glasstls server TLS $v" $out; cat $LOG >>$out; fi
  stop_last
done

# --- post-handshake client authentication (RFC 8446 4.6.2) ---------------------------
start_ours --verify none
out=$W/pha.out
printf 'GET /pha HTTP/1.0\r\n\r\n' | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -enable_pha -cert $P/client.pem \
  -key $P/client.key -CAfile $P/ca.pem -ign_eof >$out 2>&1
sleep 0.3
if grep -q "client certificate: CN=glasstls test client" $out && grep -q "post-handshake authentication: client certificate CN=glasstls test client" $LOG; then ok "post-handshake auth: glasstls server asks openssl s_client -enable_pha after the handshake"; else cat $LOG >>$out; bad "post-handshake auth with openssl s_client" $out; fi
stop_last

start_ours --verify none
out=$W/pha2.out
(printf 'GET /pha HTTP/1.0\r\n\r\n'; sleep 3) | timeout 20 gnutls-cli 127.0.0.1 -p $PORT --post-handshake-auth \
  --x509cafile $P/ca.pem --x509certfile $P/client.pem --x509keyfile $P/client.key >$out 2>&1
sleep 0.3
if grep -q "client certificate: CN=glasstls test client" $out && grep -q "post-handshake authentication: client certificate CN=glasstls test client" $LOG; then ok "post-handshake auth: glasstls server asks gnutls-cli --post-handshake-auth after the handshake"; else cat $LOG >>$out; bad "post-handshake auth with gnutls-cli" $out; fi
stop_last

# Our client answering a post-handshake CertificateRequest: openssl s_server sends one
# when 'c' arrives on its stdin (a fifo here), after the handshake is done.
port=$(free_port)
mkfifo $W/ctl
(sleep 3; echo c; sleep 5; echo Q) >$W/ctl &
pids+=($!)
openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key -CAfile $P/ca.pem -tls1_3 \
  <$W/ctl >$W/sph.log 2>&1 &
pids+=($!); wait_port $port
out=$W/cph.out
(sleep 6; printf 'bye\n') | timeout 20 "$G" client 127.0.0.1:$port --p12 $P/client.p12 --pass pass:secret --ca $P/ca.pem >$out 2>&1
rc=$?
sleep 1
if [ $rc = 0 ] && grep -q "depth=0 O = glasstls, CN = glasstls test client" $W/sph.log && grep -q "SSL_do_handshake -> 1" $W/sph.log; then ok "post-handshake auth: glasstls client answers openssl s_server's 'c' request with its certificate"; else cat $W/sph.log >>$out; bad "post-handshake auth, our client vs openssl s_server (rc $rc)" $out; fi
stop_last

# --- secrets agree with a real peer's key log ----------------------------------------
for v in 1.2 1.3; do
  rm -f $W/ours.keys $W/ossl.keys
  start_ours --keylog $W/ours.keys
  out=$W/kl.out
  printf '%s' "$REQ" | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -tls${v/./_} -cert $P/client.pem \
    -key $P/client.key -CAfile $P/ca.pem -keylogfile $W/ossl.keys -ign_eof >$out 2>&1
  stop_last
  sort $W/ours.keys 2>/dev/null | grep -v '^#' >$W/a; grep -v '^#' $W/ossl.keys 2>/dev/null | sort >$W/b
  want=CLIENT_RANDOM; [ $v = 1.3 ] && want=CLIENT_HANDSHAKE_TRAFFIC_SECRET
  if [ -s $W/a ] && grep -q "^$want " $W/a && cmp -s $W/a $W/b; then ok "TLS $v key log of glasstls server equals openssl s_client's ($(wc -l <$W/a) lines)"; else { echo "ours:"; cat $W/a; echo "openssl:"; cat $W/b; } >>$out; bad "TLS $v key log comparison" $out; fi
done

# --- refusals, seen from both sides ------------------------------------------------
start_ours
out=$W/neg1.out
printf '%s' "$REQ" | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -cert $W/other/client.pem -key $W/other/client.key \
  -CAfile $P/ca.pem -ign_eof >$out 2>&1
sleep 0.3
if grep -qi "alert unknown ca" $out && grep -q "unknown_ca" $LOG; then ok "client certificate from an unknown CA: our server sends unknown_ca and openssl reports it"; else bad "unknown CA refusal" $out; cat $LOG; fi
stop_last

port=$(free_port)
openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key -CAfile $P/ca.pem \
  -Verify 1 -verify_return_error -www -tls1_3 >$W/ossl.log 2>&1 &
pids+=($!); wait_port $port
out=$W/neg2.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port --ca $P/ca.pem >$out 2>&1
rc=$?
if [ $rc != 0 ] && grep -q "certificate_required" $out && grep -q "no client certificate is configured" $out; then ok "no client certificate -> openssl s_server: certificate_required, explained"; else bad "no client certificate vs openssl (rc $rc)" $out; fi
stop_last

start_ours
out=$W/neg3.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$PORT --ca $P/ca.pem >$out 2>&1
rc=$?
sleep 0.3
if [ $rc != 0 ] && grep -q "certificate_required" $out && grep -q "sent no certificate" $LOG; then ok "no client certificate -> glasstls server: certificate_required on both sides"; else bad "no client certificate vs our server (rc $rc)" $out; cat $LOG; fi
stop_last

echo "$pass passed, $fail failed"
[ $fail = 0 ]
