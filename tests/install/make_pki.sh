#!/usr/bin/env bash
# A small PKI made by openssl in directory $1: ca.pem, and for server (CN=localhost,
# SAN localhost + 127.0.0.1) and client (CN=alice): NAME.pem, NAME.key and
# NAME.p12 (password "secret", OpenSSL 3 defaults: AES-256-CBC, PBKDF2, SHA-256 MAC).
set -euo pipefail
cd "$1"
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.pem -days 2 -subj "/CN=Example CA/O=glasstls tests" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
leaf() {  # name subject extendedKeyUsage subjectAltName
  openssl req "${ec[@]}" -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\n%s\n' \
    "$3" "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  openssl pkcs12 -export -inkey "$1.key" -in "$1.pem" -certfile ca.pem -passout pass:secret -out "$1.p12"
}
leaf server "/CN=localhost/O=glasstls tests" serverAuth "subjectAltName=DNS:localhost,IP:127.0.0.1"
leaf client "/CN=alice/O=glasstls tests" clientAuth ""
