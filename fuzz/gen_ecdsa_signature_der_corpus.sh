#!/bin/sh
# Regenerates fuzz/corpus/ecdsa_signature_der/: real DER signatures made by openssl
# (P-256 and P-384) plus a few near-misses the decoder must reject.
set -eu
out="$(dirname "$0")/corpus/ecdsa_signature_der"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
printf 'sample' > "$tmp/msg"
for curve in P-256 P-384; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$curve -out "$tmp/k.pem" 2>/dev/null
  for i in 1 2 3; do
    printf 'message %s' "$i" > "$tmp/msg"
    openssl dgst -sha256 -sign "$tmp/k.pem" -out "$out/openssl_${curve}_$i.der" "$tmp/msg"
  done
done
# Hand-made edge cases: minimal, non-minimal INTEGER, trailing byte, negative r,
# long-form length, indefinite length.
printf '\060\006\002\001\001\002\001\001' > "$out/minimal.der"
printf '\060\007\002\002\000\001\002\001\001' > "$out/nonminimal_r.der"
printf '\060\006\002\001\001\002\001\001\000' > "$out/trailing.der"
printf '\060\006\002\001\201\002\001\001' > "$out/negative_r.der"
printf '\060\201\006\002\001\001\002\001\001' > "$out/longform_length.der"
printf '\060\200\002\001\001\002\001\001\000\000' > "$out/indefinite.der"
# RFC 6979 A.2.5, SHA-256 over "sample": verifies under the harness's fixed key.
r=EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716
s=F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8
echo "3046022100${r}022100${s}" | xxd -r -p > "$out/rfc6979_p256_sha256_sample.der"
