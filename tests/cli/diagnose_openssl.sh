#!/usr/bin/env bash
# Client-certificate diagnoses against a third-party server: each broken client
# setup is built with openssl (or glasstls pki), `openssl s_server -Verify 1
# -verify_return_error` refuses it on 127.0.0.1 (a free port, one connection,
# every wait bounded), and `glasstls client --explain` must name the mistake on
# its "likely cause:" line, inferred from the alert, what we sent and the
# CertificateRequest's CA names:
#   wrong EKU, missing intermediate (withheld
#   and sent anyway), same-name CA with another key, key/certificate mismatch,
#   expired intermediate, revoked (with the CRL given to our client too);
# our server naming three of them when openssl s_client brings them, `conform --explain`
# giving the same diagnosis, and `conform --bisect` finding the
# change that makes each of three of them succeed.
# Usage: diagnose_openssl.sh GLASSTLS_BINARY
set -u
G=${1:?usage: diagnose_openssl.sh path/to/glasstls}
W=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$W"' EXIT
cd "$W"
pass=0 fail=0
ok() { echo "PASS diagnose: $1"; pass=$((pass+1)); }
bad() { echo "FAIL diagnose: $1"; sed 's/^/  | /' "$2" | tail -30; fail=$((fail+1)); }
q() { "$@" >/dev/null 2>&1 || { echo "setup failed: $*"; exit 1; }; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# s_serve LOG CAFILE [extra s_server options]: one connection, then it exits; sets $port, $spid.
s_serve() {
  local log=$1 cafile=$2; shift 2
  port=$(free_port)
  timeout 30 openssl s_server -accept "127.0.0.1:$port" -naccept 1 -cert srv.pem -key srv.key \
    -CAfile "$cafile" -Verify 1 -verify_return_error -www "$@" </dev/null >"$log" 2>&1 &
  spid=$!; PIDS+=($spid)
  for _ in $(seq 50); do grep -qs ACCEPT "$log" && break; sleep 0.1; done
}
reap() { timeout 10 tail --pid "$spid" -f /dev/null; kill "$spid" 2>/dev/null; }
# run_client NAME ARGS...: glasstls client --explain against the last s_server.
run_client() {
  local name=$1; shift
  printf 'hi\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca ca.pem --explain \
    --timeout 10 "$@" >"$name.out" 2>&1
  echo "rc=$?" >>"$name.out"
  reap; cat "$name.srv" >>"$name.out"
}
# check NAME PATTERN WHAT: the likely-cause line of NAME.out matches PATTERN.
check() {
  if grep -E "^likely cause: " "$1.out" | grep -qE -- "$2" && grep -q "rc=1" "$1.out"; then ok "$3"; else bad "$3" "$1.out"; fi
}

# A root and the server's certificate (openssl s_server sends the root's name
# in its CertificateRequest: it loads the client CA list from -CAfile).
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
  -subj "/O=Diag/CN=Diag Root" -days 30 -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign"
leaf() {  # leaf NAME SUBJECT CA CAKEY EXTENSIONS...
  local n=$1 subj=$2 ca=$3 cakey=$4; shift 4
  q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$n.key" -out "$n.csr" -subj "$subj"
  printf '%s\n' "$@" >"$n.cnf"
  q openssl x509 -req -in "$n.csr" -CA "$ca" -CAkey "$cakey" -CAcreateserial -days 10 -extfile "$n.cnf" -out "$n.pem"
}
leaf srv "/CN=localhost" ca.pem ca.key "subjectAltName=DNS:localhost" "extendedKeyUsage=serverAuth"

# wrong EKU
leaf eku "/O=Diag/CN=eku client" ca.pem ca.key "extendedKeyUsage=serverAuth"
s_serve eku.srv ca.pem
run_client eku --cert eku.pem --key eku.key
check eku "^likely cause: wrong extendedKeyUsage: our certificate CN=eku client,O=Diag is not allowed for client authentication: its extendedKeyUsage lists serverAuth but not clientAuth" \
  "wrong EKU (serverAuth only) against openssl s_server"

# conform --explain: a probe that should complete with our identity says why it did not
s_serve cx.srv ca.pem
timeout 30 "$G" conform "127.0.0.1:$port" --name localhost --ca ca.pem --cert eku.pem --key eku.key \
  --explain client-cert.valid.tls1.3 >cx.out 2>&1
echo "rc=$?" >>cx.out; reap; cat cx.srv >>cx.out
if grep -q "^verdict: FAIL" cx.out && grep -q "^likely cause: wrong extendedKeyUsage: our certificate CN=eku client,O=Diag" cx.out; then
  ok "conform --explain names the wrong EKU when the valid-certificate probe fails"; else bad "conform --explain diagnosis" cx.out; fi

# (A keyUsage without digitalSignature is not here: OpenSSL 3.0's s_server accepts such a
# client leaf, so there is no failure to explain; tests/cli/run.sh has our server refuse it.)

# missing intermediate: root -> Diag Issuing CA -> leaf, the client holds only the leaf
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout int.key -out int.csr -subj "/O=Diag/CN=Diag Issuing CA"
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' >int.cnf
q openssl x509 -req -in int.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 20 -extfile int.cnf -out int.pem
leaf mi "/O=Diag/CN=behind an intermediate" int.pem int.key "extendedKeyUsage=clientAuth"
for mode in auto always; do
  s_serve mi-$mode.srv ca.pem
  run_client mi-$mode --cert mi.pem --key mi.key --send-cert $mode
  check mi-$mode "^likely cause: missing intermediate: our chain stops at issuer CN=Diag Issuing CA,O=Diag, whose certificate we do not send and which is not among the CAs the server names: CN=Diag Root,O=Diag" \
    "missing intermediate (--send-cert $mode) against openssl s_server"
done

# same-name CA with another key: two glasstls pki runs with the same --name
q "$G" pki --out same-a --name same --seed 1
q "$G" pki --out same-b --name same --seed 2
port=$(free_port)
timeout 30 openssl s_server -accept "127.0.0.1:$port" -naccept 1 -cert same-a/server.pem -key same-a/server.key \
  -CAfile same-a/ca.pem -Verify 1 -verify_return_error -www </dev/null >same.srv 2>&1 &
spid=$!; PIDS+=($spid)
for _ in $(seq 50); do grep -qs ACCEPT same.srv && break; sleep 0.1; done
printf 'hi\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca same-a/ca.pem --explain --timeout 10 \
  --p12 same-b/client.p12 --pass pass:glasstls >same.out 2>&1
echo "rc=$?" >>same.out; reap; cat same.srv >>same.out
if grep -q "^likely cause: same-name CA with a different key: the server trusts a CA named CN=glasstls Test CA same,O=glasstls but our chain was refused" same.out && \
   grep -q "confirmed: the CA certificate named CN=glasstls Test CA same,O=glasstls that we know (from --ca or the server's chain) has key identifier" same.out; then
  ok "same-name CA with another key against openssl s_server, confirmed by key identifiers"; else bad "same-name CA" same.out; fi

# key/certificate mismatch: our client refuses the pair before connecting
s_serve mm.srv ca.pem
printf 'hi\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca ca.pem --explain --timeout 10 \
  --cert eku.pem --key mi.key >mm.out 2>&1
echo "rc=$?" >>mm.out; kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
if grep -q "^likely cause: key/certificate mismatch: the private key does not belong to the certificate" mm.out && grep -q "rc=2" mm.out; then
  ok "key/certificate mismatch is named before connecting"; else bad "key/certificate mismatch" mm.out; fi

# expired intermediate: openssl ca backdates it; the leaf under it is valid
mkdir -p newcerts; : >index.txt; echo 1000 >serial
cat >ca.cnf <<'EOF'
[ca]
default_ca = d
[d]
dir = .
database = index.txt
new_certs_dir = newcerts
serial = serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
organizationName = optional
[v3_int]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout old.key -out old.csr -subj "/O=Diag/CN=Diag Old Issuing CA"
q openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in old.csr -out old.pem -notext \
  -startdate 20200101000000Z -enddate 20200201000000Z -extensions v3_int
leaf ex "/O=Diag/CN=under an expired intermediate" old.pem old.key "extendedKeyUsage=clientAuth"
cat ex.pem old.pem >exchain.pem
s_serve ex.srv ca.pem
run_client ex --cert exchain.pem --key ex.key
check ex "^likely cause: expired intermediate: our certificate's chain holds intermediate O=Diag,CN=Diag Old Issuing CA expired on 2020-02-01T00:00:00Z" \
  "expired intermediate against openssl s_server"

# revoked: openssl s_server -crl_check with a CRL from glasstls pki --revoke; our
# client is given the same CRL and confirms its own serial is listed
q "$G" pki --out rv --pass pass:pw
q "$G" pki --out rv --revoke rv/client.pem
port=$(free_port)
timeout 30 openssl s_server -accept "127.0.0.1:$port" -naccept 1 -cert rv/server.pem -key rv/server.key \
  -CAfile rv/ca.pem -CRL rv/crl.pem -crl_check -Verify 1 -verify_return_error -www </dev/null >rv.srv 2>&1 &
spid=$!; PIDS+=($spid)
for _ in $(seq 50); do grep -qs ACCEPT rv.srv && break; sleep 0.1; done
printf 'hi\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca rv/ca.pem --explain --timeout 10 \
  --p12 rv/client.p12 --pass pass:pw --crl rv/crl.pem >rv.out 2>&1
echo "rc=$?" >>rv.out; reap; cat rv.srv >>rv.out
if grep -q "^likely cause: revocation: the server says our certificate is revoked" rv.out && \
   grep -q "confirmed (our --crl): the CRL of CN=glasstls Test CA [0-9a-f]*,O=glasstls lists its serial" rv.out; then
  ok "revoked, against openssl s_server -crl_check, confirmed from our --crl"; else bad "revoked" rv.out; fi

# The other side: our server refuses openssl s_client's broken setups and its log names them.
# ours NAME S_CLIENT-OPTIONS...
ours() {
  local name=$1; shift
  port=$(free_port)
  "$G" server --port "$port" --bind 127.0.0.1 --cert srv.pem --key srv.key --ca ca.pem --verify require \
    --max-connections 1 --timeout 10 >"$name.out" 2>&1 &
  spid=$!; PIDS+=($spid)
  for _ in $(seq 50); do grep -qs listening "$name.out" && break; sleep 0.1; done
  echo | timeout 15 openssl s_client -connect "127.0.0.1:$port" -servername localhost -CAfile ca.pem "$@" >"$name.cli" 2>&1
  reap
}
ours o-eku -cert eku.pem -key eku.key
if grep -q "^likely cause: wrong extendedKeyUsage: the client's certificate CN=eku client,O=Diag is not allowed for client authentication" o-eku.out; then
  ok "our server names openssl s_client's serverAuth-only certificate"; else bad "our server, wrong EKU" o-eku.out; fi
ours o-mi -cert mi.pem -key mi.key
if grep -q "^likely cause: missing intermediate: the client's chain stops at issuer CN=Diag Issuing CA,O=Diag, whose certificate it did not send" o-mi.out; then
  ok "our server names the intermediate openssl s_client did not send"; else bad "our server, missing intermediate" o-mi.out; fi
ours o-ex -cert ex.pem -key ex.key -cert_chain old.pem
if grep -q "^likely cause: expired intermediate: the client's chain holds intermediate O=Diag,CN=Diag Old Issuing CA expired on 2020-02-01T00:00:00Z" o-ex.out; then
  ok "our server names the expired intermediate openssl s_client sent"; else bad "our server, expired intermediate" o-ex.out; fi

# conform --bisect against openssl s_server (many connections; stopped afterwards):
# each broken setup is fixed by the change it tries, and named.
# bisect NAME CERTFILE CAFILE [conform options...]
bisect() {
  local name=$1 cert=$2 cafile=$3; shift 3
  port=$(free_port)
  timeout 120 openssl s_server -accept "127.0.0.1:$port" -cert "$cert" -key "${cert%.pem}.key" \
    -CAfile "$cafile" -Verify 1 -verify_return_error -www </dev/null >"$name.srv" 2>&1 &
  spid=$!; PIDS+=($spid)
  for _ in $(seq 50); do grep -qs ACCEPT "$name.srv" && break; sleep 0.1; done
  timeout 100 "$G" conform "127.0.0.1:$port" --name localhost --bisect --timeout 3000 "$@" >"$name.out" 2>&1
  echo "rc=$?" >>"$name.out"
  kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
}
bisect b-eku srv.pem ca.pem --cert eku.pem --key eku.key --ca ca.pem --ca-key ca.key
if grep -q "^the change that made the handshake succeed: leaf re-issued with extendedKeyUsage clientAuth and keyUsage digitalSignature (same key, subject and issuer CN=Diag Root,O=Diag)" b-eku.out && \
   grep -q "^likely cause: wrong extendedKeyUsage" b-eku.out; then ok "conform --bisect: re-issuing the leaf with clientAuth makes the handshake succeed"; else bad "bisect wrong EKU" b-eku.out; fi
cat ca.pem int.pem >ca-int.pem
bisect b-mi srv.pem ca.pem --cert mi.pem --key mi.key --ca ca-int.pem
if grep -q "^the change that made the handshake succeed: chain + the missing intermediate CN=Diag Issuing CA,O=Diag (from --ca)" b-mi.out && \
   grep -q "^likely cause: missing intermediate" b-mi.out; then ok "conform --bisect: adding the missing intermediate makes the handshake succeed"; else bad "bisect missing intermediate" b-mi.out; fi
bisect b-same same-a/server.pem same-a/ca.pem --p12 same-b/client.p12 --pass pass:glasstls --ca same-a/ca.pem --ca-key same-a/ca.key
if grep -q "^the change that made the handshake succeed: a new leaf (same key and subject, clientAuth) issued by CN=glasstls Test CA same,O=glasstls, the CA the server names" b-same.out && \
   grep -q "^likely cause: same-name CA with a different key" b-same.out; then ok "conform --bisect: a leaf from the CA the server names makes the handshake succeed"; else bad "bisect same-name CA" b-same.out; fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
