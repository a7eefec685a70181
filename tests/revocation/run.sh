#!/usr/bin/env bash
# Revocation end to end, all on 127.0.0.1 with free ports and bounded waits:
#  - CRLs made by `openssl ca -gencrl` accepted / refused by `glasstls verify --crl`,
#    in leaf and chain mode, DER and PEM, expired and missing CRLs;
#  - our server with --crl refuses a revoked client with certificate_revoked (our
#    client sees that alert) and accepts the good one, TLS 1.3 and 1.2;
#  - `openssl s_server -crl_check -CRL FILE` against our client, same setup;
#  - our client with --crl refusing a server whose certificate is revoked;
#  - `glasstls pki --revoke` writes a CRL that openssl and our server both honour.
# Usage: run.sh GLASSTLS_BINARY
set -u
G=${1:?usage: run.sh path/to/glasstls}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
pass=0 fail=0
ok() { echo "PASS revocation: $1"; pass=$((pass+1)); }
bad() { echo "FAIL revocation: $1"; echo "  --- output:"; sed 's/^/  | /' "$2" | tail -25; fail=$((fail+1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
REQ=$'GET / HTTP/1.0\r\n\r\n'

bash "$HERE/openssl_ca.sh" "$W/ca" || { echo "FAIL revocation: openssl_ca.sh"; exit 1; }
C=$W/ca

# --- glasstls verify --crl with openssl-made CRLs ---------------------------------
"$G" verify --ca $C/ca.pem --purpose client --crl $C/crl.pem $C/good.pem >$W/v1 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "^OK" $W/v1 && grep -q "revocation (leaf): not revoked, checked with 1 CRL" $W/v1; then ok "verify --crl accepts a certificate the openssl CRL does not list"; else bad "verify good (rc $rc)" $W/v1; fi
"$G" verify --ca $C/ca.pem --purpose client --crl $C/crl.pem $C/revoked.pem >$W/v2 2>&1; rc=$?
if [ $rc = 1 ] && grep -q "leaf CN=revoked client is revoked (keyCompromise) since .* by the CRL of CN=Revocation Test CA (TLS alert certificate_revoked)" $W/v2; then ok "verify --crl refuses the revoked certificate with reason, date and CRL issuer"; else bad "verify revoked (rc $rc)" $W/v2; fi
openssl crl -in $C/crl.pem -outform DER -out $W/crl.der
"$G" verify --ca $C/ca.pem --purpose client --crl $W/crl.der $C/revoked.pem >$W/v3 2>&1; rc=$?
if [ $rc = 1 ] && grep -q "certificate_revoked" $W/v3; then ok "verify --crl reads a DER CRL"; else bad "verify DER CRL (rc $rc)" $W/v3; fi
"$G" verify --ca $C/ca.pem --purpose client --crl $C/crl-expired-empty.pem $C/good.pem >$W/v4 2>&1; rc=$?
if [ $rc = 1 ] && grep -q "revocation status of leaf CN=good client is unknown: the CRL of CN=Revocation Test CA expired 2020-01-08T00:00:00Z" $W/v4 && grep -q certificate_unknown $W/v4; then ok "verify: an expired CRL leaves the status unknown, which fails"; else bad "verify expired CRL (rc $rc)" $W/v4; fi
"$G" verify --ca $C/ca.pem --purpose client --crl-check leaf $C/good.pem >$W/v5 2>&1; rc=$?
if [ $rc = 1 ] && grep -q "no CRL from CN=Revocation Test CA covers this certificate" $W/v5; then ok "verify --crl-check without a CRL: no CRL covers the certificate"; else bad "verify missing CRL (rc $rc)" $W/v5; fi
"$G" verify --ca $C/ca.pem --untrusted $C/inter.pem --purpose client --crl $C/inter-crl.pem --crl $C/crl-inter-revoked.pem $C/sub.pem >$W/v6 2>&1; rc=$?
"$G" verify --ca $C/ca.pem --untrusted $C/inter.pem --purpose client --crl $C/inter-crl.pem --crl $C/crl-inter-revoked.pem --crl-check chain $C/sub.pem >$W/v7 2>&1; rc7=$?
if [ $rc = 0 ] && [ $rc7 = 1 ] && grep -q "intermediate CN=Revocation Test Intermediate is revoked (cACompromise)" $W/v7; then ok "leaf mode ignores a revoked intermediate, --crl-check chain refuses it"; else bad "verify chain mode (rc $rc / $rc7)" $W/v7; fi
# openssl agrees on the same inputs.
openssl verify -crl_check_all -CAfile $C/ca.pem -untrusted $C/inter.pem -CRLfile $C/inter-crl.pem -CRLfile $C/crl-inter-revoked.pem $C/sub.pem >$W/o7 2>&1; orc=$?
if [ $orc != 0 ] && grep -q "certificate revoked" $W/o7; then ok "openssl verify -crl_check_all agrees the chain is revoked"; else bad "openssl verify chain (rc $orc)" $W/o7; fi

# --- our server with --crl, our client --------------------------------------------
start_ours() {  # extra server options...
  LOG=$W/server.$RANDOM.log
  "$G" server --port 0 --cert $C/server.pem --key $C/server.key --ca $C/ca.pem --verify require \
    --max-connections 1 --timeout 10 "$@" >"$LOG" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$LOG" | cut -d: -f2); [ -n "$PORT" ] && return 0; sleep 0.1; done
  return 1
}
stop_last() { kill "${pids[-1]}" 2>/dev/null; wait "${pids[-1]}" 2>/dev/null; }

for v in 1.3 1.2; do
  start_ours --crl $C/crl.pem --tls$v
  out=$W/r$v.out
  printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$PORT --cert $C/revoked.pem --key $C/revoked.key --ca $C/ca.pem --name localhost >$out 2>&1
  rc=$?
  timeout 10 tail --pid "${pids[-1]}" -f /dev/null
  if [ $rc != 0 ] && grep -q "alert certificate_revoked (44)" $out && grep -q "likely cause: revocation: the server says our certificate is revoked" $out \
     && grep -q "we aborted the handshake with alert certificate_revoked (44): leaf CN=revoked client is revoked (keyCompromise)" $LOG; then
    ok "glasstls server --crl refuses a revoked client with certificate_revoked, our client sees it, TLS $v"
  else cat $LOG >>$out; bad "glasstls server --crl, revoked client, TLS $v (rc $rc)" $out; fi
  stop_last
  start_ours --crl $C/crl.pem --tls$v
  out=$W/g$v.out
  printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$PORT --cert $C/good.pem --key $C/good.key --ca $C/ca.pem --name localhost >$out 2>&1
  rc=$?
  if [ $rc = 0 ] && grep -q "client certificate: O=glasstls tests,CN=good client" $out && grep -q "chain validation: OK" $out; then ok "glasstls server --crl accepts the client the CRL does not list, TLS $v"; else cat $LOG >>$out; bad "glasstls server --crl, good client, TLS $v (rc $rc)" $out; fi
  stop_last
done
start_ours --crl $C/crl-expired-empty.pem
out=$W/e.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$PORT --cert $C/good.pem --key $C/good.key --ca $C/ca.pem --name localhost >$out 2>&1
rc=$?
timeout 10 tail --pid "${pids[-1]}" -f /dev/null
if [ $rc != 0 ] && grep -q "certificate_unknown" $out && grep -q "has no known revocation status" $LOG; then ok "glasstls server with only an expired CRL refuses the client (status unknown, certificate_unknown)"; else cat $LOG >>$out; bad "server expired CRL (rc $rc)" $out; fi
stop_last

# --- openssl s_server -crl_check against our client -------------------------------
for who in revoked good; do
  port=$(free_port)
  openssl s_server -accept 127.0.0.1:$port -cert $C/server.pem -key $C/server.key -CAfile $C/ca.pem \
    -crl_check -CRL $C/crl.pem -Verify 1 -verify_return_error -www >$W/ossl.$who.log 2>&1 &
  pids+=($!); wait_port $port
  out=$W/os.$who.out
  printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port --cert $C/$who.pem --key $C/$who.key --ca $C/ca.pem --name localhost >$out 2>&1
  rc=$?
  if [ $who = revoked ]; then
    if [ $rc != 0 ] && grep -q "certificate_revoked" $out; then ok "openssl s_server -crl_check refuses our client's revoked certificate (certificate_revoked)"; else cat $W/ossl.$who.log >>$out; bad "openssl s_server -crl_check, revoked (rc $rc)" $out; fi
  else
    if [ $rc = 0 ] && grep -qi "200 ok" $out; then ok "openssl s_server -crl_check accepts our client's good certificate"; else cat $W/ossl.$who.log >>$out; bad "openssl s_server -crl_check, good (rc $rc)" $out; fi
  fi
  stop_last
done

# --- our client checking the server's certificate ------------------------------------
(cd $C && openssl ca -batch -config ca.cnf -revoke server.pem -crl_reason superseded >/dev/null 2>&1)
(cd $C && openssl ca -batch -config ca.cnf -gencrl -out $W/crl-server.pem >/dev/null 2>&1)
port=$(free_port)
openssl s_server -accept 127.0.0.1:$port -cert $C/server.pem -key $C/server.key -www >$W/ossl.srv.log 2>&1 &
pids+=($!); wait_port $port
out=$W/cs.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$port --ca $C/ca.pem --name localhost --crl $W/crl-server.pem >$out 2>&1
rc=$?
stop_last
if [ $rc != 0 ] && grep -q "likely cause: revocation: the server's certificate is revoked: leaf CN=localhost is revoked (superseded)" $out; then ok "glasstls client --crl refuses a revoked server certificate"; else bad "client --crl, revoked server (rc $rc)" $out; fi

# --- glasstls pki --revoke -------------------------------------------------------------
"$G" pki --out $W/pki --pass pass:secret >/dev/null || bad "glasstls pki" /dev/null
"$G" pki --out $W/pki --revoke $W/pki/client.pem >$W/rv.out 2>&1; rc=$?
if [ $rc = 0 ] && grep -Eq "revoked CN=glasstls test client [0-9a-f]{6} \(serial 03, keyCompromise\)" $W/rv.out && grep -q "CRL number 1, lists 1 certificate" $W/rv.out; then ok "pki --revoke writes crl.pem"; else bad "pki --revoke (rc $rc)" $W/rv.out; fi
"$G" pki --out $W/pki --revoke $W/pki/server.pem --reason superseded >$W/rv2.out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "CRL number 2, lists 2 certificate" $W/rv2.out; then ok "a second --revoke keeps the first entry and raises the CRL number"; else bad "pki --revoke twice (rc $rc)" $W/rv2.out; fi
openssl crl -in $W/pki/crl.pem -CAfile $W/pki/ca.pem -noout -text >$W/oc.out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "verify OK" $W/oc.out && grep -q "Key Compromise" $W/oc.out && grep -q "Superseded" $W/oc.out; then ok "openssl crl verifies our CRL and reads both reasons"; else bad "openssl crl on our CRL (rc $rc)" $W/oc.out; fi
openssl verify -crl_check -CAfile $W/pki/ca.pem -CRLfile $W/pki/crl.pem $W/pki/client.pem >$W/ov.out 2>&1; rc=$?
if [ $rc != 0 ] && grep -q "certificate revoked" $W/ov.out; then ok "openssl verify -crl_check honours our CRL"; else bad "openssl verify our CRL (rc $rc)" $W/ov.out; fi
"$G" pki --out $W/pki --revoke $C/good.pem >$W/rv3.out 2>&1; rc=$?
if [ $rc = 1 ] && grep -q "was issued by CN=Revocation Test CA, not by CN=glasstls Test CA" $W/rv3.out; then ok "pki --revoke refuses a certificate of another CA"; else bad "pki --revoke foreign (rc $rc)" $W/rv3.out; fi
start_ours_pki() {
  LOG=$W/server.$RANDOM.log
  "$G" server --port 0 --cert $W/pki/server.pem --key $W/pki/server.key --ca $W/pki/ca.pem --crl $W/pki/crl.pem \
    --max-connections 1 --timeout 10 >"$LOG" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$LOG" | cut -d: -f2); [ -n "$PORT" ] && return 0; sleep 0.1; done
}
start_ours_pki
out=$W/pk.out
printf '%s' "$REQ" | timeout 20 "$G" client 127.0.0.1:$PORT --p12 $W/pki/client.p12 --pass pass:secret --ca $W/pki/ca.pem >$out 2>&1
rc=$?
stop_last
if [ $rc != 0 ] && grep -q "certificate_revoked" $out; then ok "our server with the CRL from pki --revoke refuses client.p12"; else bad "pki CRL in server (rc $rc)" $out; fi

echo "revocation: $pass passed, $fail failed"
[ $fail = 0 ]
