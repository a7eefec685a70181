#!/bin/sh
# Regenerates fuzz/corpus/key_share/ and fuzz/corpus/pkcs12_password/.
# key_share inputs are <group byte: 0 x25519, 1 secp256r1, 2 secp384r1> ‖ peer key.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ks="$here/corpus/key_share"
pw="$here/corpus/pkcs12_password"
rm -rf "$ks" "$pw"
mkdir -p "$ks" "$pw"
hexfile() { printf '%s' "$2" | xxd -r -p > "$1"; }
# X25519: RFC 7748 6.1 public keys, and the small-order u = 0 and u = 1.
hexfile "$ks/x25519_rfc7748_alice" 008520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a
hexfile "$ks/x25519_rfc7748_bob" 00de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f
hexfile "$ks/x25519_zero" 000000000000000000000000000000000000000000000000000000000000000000
hexfile "$ks/x25519_one" 000100000000000000000000000000000000000000000000000000000000000000
# NIST curves: real uncompressed points made by openssl, plus a compressed one.
i=1
for curve in prime256v1 secp384r1; do
  openssl ecparam -name $curve -genkey -noout -out "$tmp/k.pem" 2>/dev/null
  openssl ec -in "$tmp/k.pem" -pubout -outform DER -conv_form uncompressed -out "$tmp/u.der" 2>/dev/null
  openssl ec -in "$tmp/k.pem" -pubout -outform DER -conv_form compressed -out "$tmp/c.der" 2>/dev/null
  len=$([ $curve = prime256v1 ] && echo 65 || echo 97)
  clen=$([ $curve = prime256v1 ] && echo 33 || echo 49)
  { printf "\\00$i"; tail -c $len "$tmp/u.der"; } > "$ks/${curve}_uncompressed"
  { printf "\\00$i"; tail -c $clen "$tmp/c.der"; } > "$ks/${curve}_compressed"
  i=$((i + 1))
done
# Passwords: ASCII, empty, Latin-1 and euro sign, a non-BMP emoji, broken UTF-8.
printf 'fuzz' > "$pw/ascii"
: > "$pw/empty"
printf 'gl\303\244ss \342\202\254' > "$pw/bmp"
printf 'ok\360\237\230\200' > "$pw/emoji"
printf '\300\257\355\240\200' > "$pw/overlong_and_surrogate"
