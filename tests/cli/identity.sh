#!/usr/bin/env bash
# `glasstls identity`: client identities broken one way each, made with openssl
# (wrong extKeyUsage, no digitalSignature, key mismatch, missing intermediate,
# expired, a CA re-made with the same name and a new key), each named with its
# reason and exit status 1; a sound one exit 0; --connect reads the
# CertificateRequest of openssl s_server on a free loopback port.
# Usage: identity.sh GLASSTLS_BINARY
set -u
G=${1:?usage: identity.sh path/to/glasstls}
W=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$W"' EXIT
cd "$W"
pass=0 fail=0
ok() { echo "PASS identity: $1"; pass=$((pass+1)); }
bad() { echo "FAIL identity: $1"; sed 's/^/  | /' "$2" | tail -25; fail=$((fail+1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

(
  set -e
  ca() {  # ca NAME SUBJECT
    openssl ecparam -name prime256v1 -genkey -noout -out $1.key
    openssl req -x509 -new -key $1.key -sha256 -days 30 -subj "$2" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out $1.pem
  }
  ca root "/O=Identity Test/CN=Identity Root"
  ca remade "/O=Identity Test/CN=Identity Root"   # same name, another key
  ca other "/O=Identity Test/CN=Other Root"
  printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' >ca.ext
  openssl ecparam -name prime256v1 -genkey -noout -out int.key
  openssl req -new -key int.key -subj "/O=Identity Test/CN=Identity Issuing CA" -out int.csr
  openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -days 20 -sha256 \
    -extfile ca.ext -out int.pem
  leaf() {  # leaf NAME DAYS EXTENSIONS
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $1.key
    openssl req -new -key $1.key -subj "/O=Identity Test/CN=$1" -out $1.csr
    printf "basicConstraints=critical,CA:FALSE\n$3" >$1.ext
    openssl x509 -req -in $1.csr -CA int.pem -CAkey int.key -CAcreateserial -days $2 -sha256 \
      -extfile $1.ext -out $1.pem
    cat $1.pem int.pem >$1.chain.pem
  }
  leaf good 10 'keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n'
  leaf short 1 'keyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n'
  leaf wrongeku 10 'keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n'
  leaf nods 10 'keyUsage=critical,keyEncipherment\nextendedKeyUsage=clientAuth\n'
  openssl pkcs12 -export -inkey good.key -in good.chain.pem -passout pass:pw -out good.p12
  # The server's own certificate, from the root.
  openssl ecparam -name prime256v1 -genkey -noout -out server.key
  openssl req -new -key server.key -subj "/CN=localhost" -out server.csr
  printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
  openssl x509 -req -in server.csr -CA root.pem -CAkey root.key -CAcreateserial -days 10 \
    -extfile server.ext -out server.pem
) >pki.log 2>&1 || { bad "test PKI (openssl)" pki.log; exit 1; }

# expect NAME RC PATTERN ARGS...: exit status RC and PATTERN (grep -E) in the output.
expect() {
  local name=$1 want=$2 pat=$3; shift 3
  timeout 30 "$G" identity "$@" >$name.out 2>&1
  local rc=$?
  if [ $rc = "$want" ] && grep -qE "$pat" $name.out; then ok "$name (exit $rc)"; else
    echo "exit $rc, expected $want; pattern: $pat" >>$name.out; bad "$name" $name.out; fi
}

expect sound 0 '^verdict: usable' --cert good.chain.pem --key good.key --ca root.pem
expect sound-p12 0 'ok   +path +validates for clientAuth' --p12 good.p12 --pass pass:pw --ca root.pem
expect wrong-eku 1 "FAIL +key usage +the leaf's extendedKeyUsage lists serverAuth but not clientAuth" \
  --cert wrongeku.chain.pem --key wrongeku.key --ca root.pem
expect no-digital-signature 1 'FAIL +key usage .*lacks digitalSignature' \
  --cert nods.chain.pem --key nods.key --ca root.pem
expect key-mismatch 1 'FAIL +key +the private key does not belong to the certificate' \
  --cert good.chain.pem --key wrongeku.key --ca root.pem
expect missing-intermediate 1 'FAIL +chain +.*CN=Identity Issuing CA, which is not in the chain.*intermediate is missing' \
  --cert good.pem --key good.key --ca root.pem
expect expired 1 'FAIL +validity +the leaf expired on' \
  --cert short.chain.pem --key short.key --ca root.pem --at "$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)"
expect same-name-other-key 1 'FAIL +CA key +same name, different key' \
  --cert good.chain.pem --key good.key --ca remade.pem
expect wrong-ca 1 'FAIL +CA key +the chain does not reach the given CA' \
  --cert good.chain.pem --key good.key --ca other.pem
expect usage 2 'give --p12 FILE' --cert good.pem
# Every NOT-usable verdict names a fix.
if grep -q '^verdict: NOT usable: a server will .*Fix: ' wrong-eku.out expired.out same-name-other-key.out; then
  ok "NOT usable verdicts say what a server will do and the fix"
else bad "verdict lines" wrong-eku.out; fi

# --connect: openssl s_server requiring a certificate from Other Root names that CA.
port=$(free_port)
timeout 60 openssl s_server -accept 127.0.0.1:$port -cert server.pem -key server.key \
  -CAfile other.pem -Verify 1 -verify_return_error -www >s_server.log 2>&1 &
PIDS+=($!); wait_port $port
expect connect-other-ca 1 'FAIL +server CA +the server names CN=Other Root' \
  --cert good.chain.pem --key good.key --connect 127.0.0.1:$port
kill "${PIDS[-1]}" 2>/dev/null
port=$(free_port)
timeout 60 openssl s_server -accept 127.0.0.1:$port -cert server.pem -key server.key \
  -CAfile root.pem -Verify 1 -verify_return_error -www >s_server2.log 2>&1 &
PIDS+=($!); wait_port $port
expect connect-our-ca 0 'ok   +server CA +the chain reaches a CA the server names \(CN=Identity Root\)' \
  --cert good.chain.pem --key good.key --connect 127.0.0.1:$port --ca root.pem
kill "${PIDS[-1]}" 2>/dev/null

echo "identity: $pass passed, $fail failed"
[ $fail = 0 ]
