#!/bin/sh
# Regenerates the seed corpora of fuzz/pem, fuzz/pkcs8 and fuzz/pkcs12 with openssl.
# PKCS#12 files use the harness password "fuzz" and low iteration counts so the
# fuzzer spends its time in the parsers, not in the KDFs. Keeps the total small.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key
openssl genpkey -algorithm ED25519 -out ed.key
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.key
openssl req -x509 -new -key ec.key -subj /CN=fuzz-ca -days 3650 -out ca.pem
openssl req -new -key ed.key -subj /CN=fuzz-leaf -out ed.csr
openssl x509 -req -in ed.csr -CA ca.pem -CAkey ec.key -set_serial 7 -days 3650 -out ed.pem
openssl req -x509 -new -key rsa.key -subj /CN=fuzz-rsa -days 3650 -out rsa.pem

for d in pem pkcs8 pkcs12; do rm -rf "$here/corpus/$d"; mkdir -p "$here/corpus/$d"; done

# PEM: keys in every label, a certificate chain with junk text between blocks.
cp ec.key "$here/corpus/pem/pkcs8_ec.pem"
openssl ec -in ec.key -out "$here/corpus/pem/sec1_ec.pem" 2>/dev/null
openssl rsa -in rsa.key -traditional -out "$here/corpus/pem/pkcs1_rsa.pem" 2>/dev/null
openssl pkcs8 -topk8 -in ed.key -v2 aes-128-cbc -iter 16 -passout pass:fuzz -out "$here/corpus/pem/encrypted_ed.pem"
{ echo "subject=CN = fuzz-leaf"; cat ed.pem; echo "junk between blocks"; cat ca.pem; } > "$here/corpus/pem/chain.pem"

# PKCS#8 and friends in DER.
openssl pkey -in ec.key -outform DER -out "$here/corpus/pkcs8/ec.der"
openssl pkey -in ed.key -outform DER -out "$here/corpus/pkcs8/ed.der"
openssl pkey -in rsa.key -outform DER -out "$here/corpus/pkcs8/rsa.der"
openssl ec -in ec.key -outform DER -out "$here/corpus/pkcs8/sec1.der" 2>/dev/null
openssl rsa -in rsa.key -traditional -outform DER -out "$here/corpus/pkcs8/pkcs1.der" 2>/dev/null
openssl pkcs8 -topk8 -in ec.key -v2 aes-256-cbc -v2prf hmacWithSHA512 -iter 16 -passout pass:fuzz -outform DER -out "$here/corpus/pkcs8/pbes2_aes.der"
openssl pkcs8 -topk8 -in ed.key -v2 des3 -iter 16 -passout pass:fuzz -outform DER -out "$here/corpus/pkcs8/pbes2_3des.der"
openssl pkcs8 -topk8 -in ec.key -v1 PBE-SHA1-3DES -iter 16 -passout pass:fuzz -outform DER -out "$here/corpus/pkcs8/pkcs12_3des.der"

# PKCS#12 with the harness password.
p12() { openssl pkcs12 -export -passout pass:fuzz -iter 16 "$@"; }
p12 -inkey ed.key -in ed.pem -certfile ca.pem -name fuzz -out "$here/corpus/pkcs12/modern_ed.p12"
p12 -legacy -inkey ec.key -in ca.pem -out "$here/corpus/pkcs12/legacy_ec.p12"
p12 -inkey ed.key -in ed.pem -nomac -out "$here/corpus/pkcs12/nomac_ed.p12"
p12 -inkey ed.key -in ed.pem -keypbe NONE -certpbe NONE -macalg sha512 -out "$here/corpus/pkcs12/plain_ed.p12"
p12 -inkey rsa.key -in rsa.pem -keypbe AES-128-CBC -certpbe DES-EDE3-CBC -macalg sha384 -out "$here/corpus/pkcs12/mixed_rsa.p12"
p12 -legacy -keypbe PBE-SHA1-RC2-128 -inkey ed.key -in ed.pem -nomaciter -out "$here/corpus/pkcs12/rc2_ed.p12"
du -sh "$here/corpus/pem" "$here/corpus/pkcs8" "$here/corpus/pkcs12"
