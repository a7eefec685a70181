#!/usr/bin/env bash
# Resumption interop (TLS 1.3 tickets, TLS 1.2 RFC 5077 tickets), mutual TLS throughout, on 127.0.0.1 with
# free ports, every wait bounded by `timeout`, every server stopped on exit:
#  - glasstls client --reconnect / --sess-out / --sess-in against openssl s_server
#    and gnutls-serv; the session file is mode 0600;
#  - openssl s_client -sess_out/-sess_in and gnutls-cli --resume against glasstls
#    server; the resumed connection reports the client identity from the ticket;
#  - glasstls against itself, and --tickets 0 turning resumption off;
#  - TLS 1.2: glasstls client --tls1.2 against openssl s_server -tls1_2, and
#    openssl s_client -tls1_2 -sess_out/-sess_in against glasstls server;
#    gnutls-cli --resume (TLS 1.2 only) against glasstls server --verify require and
#    glasstls client --tls1.2 --reconnect against gnutls-serv --require-client-cert.
# Usage: resume.sh GLASSTLS_BINARY
set -u
G=${1:?usage: resume.sh path/to/glasstls}
W=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
pass=0 fail=0
ok() { echo "PASS resume: $1"; pass=$((pass+1)); }
bad() { echo "FAIL resume: $1"; echo "  --- output:"; sed 's/^/  | /' "$2" | tail -30; fail=$((fail+1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
start_ours() {  # start_ours MAX_CONNECTIONS [server options]; sets PORT and LOG
  local n=$1; shift
  LOG=$W/server.$RANDOM.log
  "$G" server --port 0 --cert "$P/server.pem" --key "$P/server.key" --ca "$P/ca.pem" \
    --max-connections "$n" --timeout 10 "$@" >"$LOG" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$LOG" 2>/dev/null | cut -d: -f2); [ -n "$PORT" ] && return 0; sleep 0.1; done
  return 1
}
stop_last() { kill "${pids[-1]}" 2>/dev/null; wait "${pids[-1]}" 2>/dev/null; }
REQ=$'GET / HTTP/1.0\r\n\r\n'
CLIENT=(--p12 "$W/pki/client.p12" --pass pass:secret --ca "$W/pki/ca.pem")

"$G" pki --out "$W/pki" --pass pass:secret >/dev/null || { echo "FAIL resume: glasstls pki"; exit 1; }
P=$W/pki

# --- our client against openssl s_server ------------------------------------------
port=$(free_port)
openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key -CAfile $P/ca.pem \
  -Verify 1 -verify_return_error -www -tls1_3 >$W/ossl.log 2>&1 &
pids+=($!); wait_port $port
out=$W/reconnect.out
timeout 30 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --reconnect 3 </dev/null >$out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "3 of 3 reconnections resumed" $out; then ok "glasstls client --reconnect 3 -> openssl s_server -Verify 1: all resumed"; else bad "glasstls client --reconnect -> openssl s_server (rc $rc)" $out; fi

out=$W/sessout.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --sess-out $W/sess.bin >$out 2>&1; rc=$?
mode=$(stat -c %a $W/sess.bin 2>/dev/null)
if [ $rc = 0 ] && [ "$mode" = 600 ] && grep -q "session saved" $out; then ok "glasstls client --sess-out writes a 0600 session file"; else bad "glasstls client --sess-out (rc $rc, mode $mode)" $out; fi
out=$W/sessin.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --sess-in $W/sess.bin >$out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "resumed from a session ticket" $out && grep -q "200 ok" $out; then ok "glasstls client --sess-in -> openssl s_server resumes"; else bad "glasstls client --sess-in -> openssl s_server (rc $rc)" $out; fi
# A corrupt session file is refused with a reason, not a crash.
head -c 30 $W/sess.bin >$W/bad.bin
out=$W/badsess.out
timeout 20 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --sess-in $W/bad.bin </dev/null >$out 2>&1; rc=$?
if [ $rc = 2 ] && grep -q "sess-in .*bad.bin" $out; then ok "glasstls client --sess-in with a truncated file: clear error"; else bad "truncated --sess-in file (rc $rc)" $out; fi
stop_last

# --- openssl s_client against our server ------------------------------------------
start_ours 2 --verify require
out1=$W/s1.out out2=$W/s2.out
printf '%s' "$REQ" | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -tls1_3 -cert $P/client.pem \
  -key $P/client.key -CAfile $P/ca.pem -verify_return_error -ign_eof -sess_out $W/ossl.sess >$out1 2>&1
printf '%s' "$REQ" | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -tls1_3 -cert $P/client.pem \
  -key $P/client.key -CAfile $P/ca.pem -verify_return_error -ign_eof -sess_in $W/ossl.sess >$out2 2>&1
sleep 0.3; stop_last; cat $LOG >>$out2
if grep -q "^Reused, TLSv1.3" $out2 && grep -q "client certificate CN=glasstls test client.*(resumed)" $out2 &&
   grep -q "New Session Ticket arrived" $out1; then
  ok "openssl s_client -sess_out/-sess_in -> glasstls server --verify require: resumed, identity from the ticket"
else bad "openssl s_client -sess_in -> glasstls server" $out2; fi

# --tickets 0: no ticket, so nothing to resume.
start_ours 1 --verify require --tickets 0
printf '%s' "$REQ" | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -tls1_3 -cert $P/client.pem \
  -key $P/client.key -CAfile $P/ca.pem -ign_eof -sess_out $W/none.sess >$out1 2>&1
stop_last
if grep -q "^New, TLSv1.3" $out1 && ! grep -q "New Session Ticket arrived" $out1 && [ ! -s $W/none.sess ]; then
  ok "glasstls server --tickets 0: no ticket reaches openssl s_client"; else bad "--tickets 0" $out1; fi

# --- our client against our server, and gnutls ---------------------------------------
start_ours 4 --verify require
out=$W/self.out
timeout 30 "$G" client 127.0.0.1:$PORT "${CLIENT[@]}" --reconnect 3 </dev/null >$out 2>&1; rc=$?
stop_last
if [ $rc = 0 ] && grep -q "3 of 3 reconnections resumed" $out && grep -c "(resumed)" $LOG | grep -q 3; then ok "glasstls client --reconnect 3 -> glasstls server: resumed, server logs the ticket's identity"; else cat $LOG >>$out; bad "glasstls self resumption (rc $rc)" $out; fi

start_ours 2 --verify require
out=$W/gnutls-cli.out
timeout 20 gnutls-cli --resume --x509cafile $P/ca.pem --x509certfile $P/client.pem \
  --x509keyfile $P/client.key -p $PORT 127.0.0.1 --sni-hostname localhost </dev/null >$out 2>&1
sleep 0.3; stop_last; cat $LOG >>$out
if grep -q "This is a resumed session" $out && grep -q "(resumed)" $out; then ok "gnutls-cli --resume -> glasstls server --verify require: resumed"; else bad "gnutls-cli --resume -> glasstls server" $out; fi

port=$(free_port)
gnutls-serv --port $port --x509certfile $P/server.pem --x509keyfile $P/server.key --x509cafile $P/ca.pem \
  --require-client-cert --http --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3" >$W/gnu.log 2>&1 &
pids+=($!); wait_port $port
out=$W/g.out
timeout 30 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --reconnect 2 </dev/null >$out 2>&1; rc=$?
stop_last
if [ $rc = 0 ] && grep -q "2 of 2 reconnections resumed" $out; then ok "glasstls client --reconnect 2 -> gnutls-serv --require-client-cert: resumed"; else bad "glasstls client -> gnutls-serv resumption (rc $rc)" $out; fi

# --- TLS 1.2 session tickets (RFC 5077) ---------------------------------------------
port=$(free_port)
openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key -CAfile $P/ca.pem \
  -Verify 1 -verify_return_error -www -tls1_2 >$W/ossl12.log 2>&1 &
pids+=($!); wait_port $port
out=$W/reconnect12.out
timeout 30 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --tls1.2 --reconnect 2 </dev/null >$out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "2 of 2 reconnections resumed" $out; then ok "TLS 1.2: glasstls client --reconnect 2 -> openssl s_server -tls1_2 -Verify 1: all resumed"; else bad "TLS 1.2: glasstls client --reconnect -> openssl s_server (rc $rc)" $out; fi
out=$W/sessout12.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --tls1.2 --sess-out $W/sess12.bin >$out 2>&1; rc=$?
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --tls1.2 --sess-in $W/sess12.bin >>$out 2>&1; rc2=$?
if [ $rc = 0 ] && [ $rc2 = 0 ] && grep -q "session saved" $out && grep -q "resumed from a session ticket" $out &&
   grep -q "Reused, TLSv1.2" $out; then ok "TLS 1.2: glasstls client --sess-out/--sess-in -> openssl s_server resumes"; else bad "TLS 1.2: glasstls client --sess-in -> openssl s_server (rc $rc/$rc2)" $out; fi
stop_last

start_ours 2 --verify require
out1=$W/s12a.out out2=$W/s12b.out
printf '%s' "$REQ" | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -tls1_2 -cert $P/client.pem \
  -key $P/client.key -CAfile $P/ca.pem -verify_return_error -ign_eof -sess_out $W/ossl12.sess >$out1 2>&1
printf '%s' "$REQ" | timeout 20 openssl s_client -connect 127.0.0.1:$PORT -tls1_2 -cert $P/client.pem \
  -key $P/client.key -CAfile $P/ca.pem -verify_return_error -ign_eof -sess_in $W/ossl12.sess >$out2 2>&1
sleep 0.3; stop_last; cat $LOG >>$out2
if grep -q "^New, TLSv1.2" $out1 && grep -q "TLS session ticket:" $out1 && grep -q "^Reused, TLSv1.2" $out2 &&
   grep -q "Extended master secret: yes" $out2 && grep -q "client certificate CN=glasstls test client.*(resumed)" $out2; then
  ok "TLS 1.2: openssl s_client -sess_out/-sess_in -> glasstls server --verify require: resumed, identity from the ticket"
else cat $out1 >>$out2; bad "TLS 1.2: openssl s_client -sess_in -> glasstls server" $out2; fi

# GnuTLS, TLS 1.2 only, client certificates both ways.
start_ours 2 --verify require
out=$W/gnutls-cli12.out
timeout 20 gnutls-cli --resume --priority NORMAL:-VERS-TLS1.3 --x509cafile $P/ca.pem --x509certfile $P/client.pem \
  --x509keyfile $P/client.key -p $PORT 127.0.0.1 --sni-hostname localhost </dev/null >$out 2>&1
sleep 0.3; stop_last; cat $LOG >>$out
# The second connection in the server's log: TLS 1.2, EMS, resumed from the ticket with the client's identity.
second=$(sed -n '/^\[2\] handshake complete/,/^\[2\] closed/p' $LOG)
if grep -q "This is a resumed session" $out && grep -q "protocol *TLS 1.2" <<<"$second" &&
   grep -q "extended master secret *yes" <<<"$second" && grep -q "resumed from a session ticket" <<<"$second" &&
   grep -q "client certificate CN=glasstls test client.*(resumed)" <<<"$second"; then
  ok "TLS 1.2: gnutls-cli --resume -> glasstls server --verify require: resumed with EMS, identity from the ticket"
else bad "TLS 1.2: gnutls-cli --resume -> glasstls server" $out; fi

port=$(free_port)
gnutls-serv --port $port --x509certfile $P/server.pem --x509keyfile $P/server.key --x509cafile $P/ca.pem \
  --require-client-cert --http --priority "NORMAL:-VERS-ALL:+VERS-TLS1.2" >$W/gnu12.log 2>&1 &
pids+=($!); wait_port $port
out=$W/g12.out
timeout 30 "$G" client 127.0.0.1:$port "${CLIENT[@]}" --tls1.2 --reconnect 2 </dev/null >$out 2>&1; rc=$?
stop_last
if [ $rc = 0 ] && grep -q "2 of 2 reconnections resumed" $out && [ "$(grep -c "resumed (TLS 1.2" $out)" = 2 ] &&
   grep -q "extended master secret *yes" $out; then
  ok "TLS 1.2: glasstls client --reconnect 2 -> gnutls-serv --require-client-cert: all resumed"
else bad "TLS 1.2: glasstls client -> gnutls-serv resumption (rc $rc)" $out; fi

echo "resume interop: $pass passed, $fail failed"
[ $fail = 0 ]
