#!/usr/bin/env bash
# Differential check of path validation: for chains made by openssl, each
# breaking one rule (or none), `glasstls verify` and `openssl verify -x509_strict`
# must reach the same verdict, except for the differences allow-listed below,
# each a documented choice (x509/README.md).
# Usage: run.sh GLASSTLS_BINARY
set -u
G=${1:?usage: run.sh path/to/glasstls}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
pass=0 fail=0

# case name -> why the verdicts differ on purpose
declare -A ALLOWED=(
  [leaf-san-underscore]="we check dNSName preferred name syntax (RFC 5280 4.2.1.6); OpenSSL does not"
  [leaf-ca-true-no-certsign]="we refuse cA=TRUE whose keyUsage lacks keyCertSign in any certificate (RFC 5280 4.2.1.9); OpenSSL only for issuers"
  [leaf-rsa-1024]="we refuse RSA keys below 2048 bits; OpenSSL's default security level 1 accepts 1024"
  [leaf-nc-in-leaf]="we refuse nameConstraints in a non-CA certificate (RFC 5280 4.2.1.10); OpenSSL ignores them there"
  [leaf-no-digital-signature]="a TLS leaf needs digitalSignature (RFC 8446 4.4.2.2); OpenSSL's sslserver purpose also takes keyEncipherment"
  [inter-nc-not-critical]="nameConstraints MUST be critical (RFC 5280 4.2.1.10); OpenSSL 3.0 -x509_strict does not check it"
  [inter-nc-leading-dot]="a dNSName constraint with a leading period is malformed for us and fails the chain; OpenSSL reads it as subdomains"
  [leaf-trailing-dot-excluded]="we compare names without the trailing dot, so bank.example. is inside an excluded bank.example; OpenSSL does not canonicalise"
)

q() { "$@" >/dev/null 2>&1; }
key() { q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
key root.key
q openssl req -x509 -new -key root.key -days 30 -subj "/CN=Diff Root" -out root.pem \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

LEAF_OK='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:leaf.example'
CA_OK='basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign'

# issue NAME SUBJECT ISSUER EXTENSIONS [KEYSPEC] [SERIAL]
issue() {
  local name=$1 subj=$2 issuer=$3 ext=$4 keyspec=${5:-ec} serial=${6:-}
  if [ "$keyspec" = rsa1024 ]; then q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out $name.key
  else key $name.key; fi
  q openssl req -new -key $name.key -subj "$subj" -out $name.csr
  printf '%s\n' "$ext" >$name.cnf
  local ser=(-CAcreateserial)
  [ -n "$serial" ] && ser=(-set_serial "$serial")
  q openssl x509 -req -in $name.csr -CA $issuer.pem -CAkey $issuer.key "${ser[@]}" -days 10 \
    -extfile $name.cnf -out $name.pem
}

# compare NAME LEAF [INTERMEDIATE]
compare() {
  local name=$1 leaf=$2 inter=${3:-}
  local u=() gu=()
  [ -n "$inter" ] && u=(-untrusted $inter.pem) && gu=(--untrusted $inter.pem)
  openssl verify -x509_strict -purpose sslserver -CAfile root.pem "${u[@]}" $leaf.pem >$name.openssl 2>&1
  local theirs=$?
  "$G" verify --ca root.pem "${gu[@]}" --purpose server $leaf.pem >$name.ours 2>&1
  local ours=$?
  [ $theirs != 0 ] && theirs=1
  local verdict="ours=$([ $ours = 0 ] && echo accept || echo refuse) openssl=$([ $theirs = 0 ] && echo accept || echo refuse)"
  if [ $ours = $theirs ]; then
    echo "PASS x509diff: $name: both $([ $ours = 0 ] && echo accept || echo refuse)"; pass=$((pass+1))
  elif [ -n "${ALLOWED[$name]:-}" ]; then
    echo "PASS x509diff: $name: $verdict (allowed: ${ALLOWED[$name]})"; pass=$((pass+1))
  else
    echo "FAIL x509diff: $name: $verdict"; sed 's/^/  ours    | /' $name.ours; sed 's/^/  openssl | /' $name.openssl
    fail=$((fail+1))
  fi
}

leaf_case() {  # NAME EXTENSIONS [SUBJECT] [KEYSPEC] [SERIAL]
  issue $1 "${3:-/CN=leaf.example}" root "$2" "${4:-ec}" "${5:-}"
  compare $1 $1
}
leaf_case leaf-good "$LEAF_OK"
leaf_case leaf-no-aki "$LEAF_OK
authorityKeyIdentifier=none"
leaf_case leaf-aki-critical "$LEAF_OK
authorityKeyIdentifier=critical,keyid"
leaf_case leaf-certsign-not-ca 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyCertSign
extendedKeyUsage=serverAuth
subjectAltName=DNS:leaf.example'
leaf_case leaf-ca-true-no-certsign 'basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:leaf.example'
leaf_case leaf-nc-in-leaf "$LEAF_OK
nameConstraints=critical,permitted;DNS:example"
leaf_case leaf-san-underscore 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:foo_bar.example'
leaf_case leaf-empty-subject-san-not-critical "$LEAF_OK" "/"
leaf_case leaf-empty-subject-san-critical 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=critical,DNS:leaf.example' "/"
leaf_case leaf-rsa-1024 "$LEAF_OK" "/CN=leaf.example" rsa1024
leaf_case leaf-rsa-2048-ok "$LEAF_OK" "/CN=leaf.example"
leaf_case leaf-no-digital-signature 'basicConstraints=critical,CA:FALSE
keyUsage=critical,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:leaf.example'
leaf_case leaf-eku-client-only 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
subjectAltName=DNS:leaf.example'

inter_case() {  # NAME CA-EXTENSIONS [LEAF-EXTENSIONS] [CA-SUBJECT]
  issue $1-ca "${4:-/CN=Diff CA}" root "$2"
  issue $1 "/CN=leaf.example" $1-ca "${3:-$LEAF_OK}"
  compare $1 $1 $1-ca
}
inter_case inter-good "$CA_OK"
inter_case inter-bc-not-critical 'basicConstraints=CA:TRUE
keyUsage=critical,keyCertSign,cRLSign'
inter_case inter-no-ski "$CA_OK
subjectKeyIdentifier=none"
inter_case inter-not-ca 'basicConstraints=critical,CA:FALSE
keyUsage=critical,keyCertSign'
inter_case inter-no-certsign 'basicConstraints=critical,CA:TRUE
keyUsage=critical,cRLSign'
inter_case inter-nc-permitted "$CA_OK
nameConstraints=critical,permitted;DNS:example"
inter_case inter-nc-outside "$CA_OK
nameConstraints=critical,permitted;DNS:other.test"
inter_case inter-nc-excluded "$CA_OK
nameConstraints=critical,excluded;DNS:leaf.example"
inter_case inter-nc-not-critical "$CA_OK
nameConstraints=permitted;DNS:example"
inter_case inter-nc-leading-dot "$CA_OK
nameConstraints=critical,permitted;DNS:.example"
inter_case leaf-trailing-dot-excluded "$CA_OK
nameConstraints=critical,excluded;DNS:bank.example" 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:bank.example.'
inter_case inter-pathlen-zero-ok "basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
