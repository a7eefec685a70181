#!/usr/bin/env bash
# Seeds fuzz/corpus/crl/: CRLs made by `openssl ca -gencrl`
# (tests/revocation/openssl_ca.sh) in DER and PEM, plus a few mutated ones
# (truncated, one byte changed, lengths broken, an entry extension flipped).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/fuzz/corpus/crl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$root/tests/revocation/openssl_ca.sh" "$tmp/ca"
mkdir -p "$out"
rm -f "$out"/*
for f in "$tmp"/ca/crl*.pem "$tmp"/ca/inter-crl.pem "$tmp"/ca/x-*.pem; do
  n=$(basename "$f" .pem)
  openssl crl -in "$f" -outform DER -out "$out/$n.der"
done
cp "$tmp/ca/crl-inter-revoked.pem" "$out/crl-inter-revoked.pem"
python3 - "$out" <<'PY'
import sys, os
out = sys.argv[1]
src = open(os.path.join(out, "crl-inter-revoked.der"), "rb").read()
open(os.path.join(out, "mut-truncated.der"), "wb").write(src[: len(src) // 2])
b = bytearray(src); b[1] ^= 0x01
open(os.path.join(out, "mut-length.der"), "wb").write(bytes(b))
# reasonCode ENUMERATED 0a 01 01 (keyCompromise) -> 0a 01 07 (unused value)
i = src.find(b"\x0a\x01\x01")
if i >= 0:
    b = bytearray(src); b[i + 2] = 7
    open(os.path.join(out, "mut-reason7.der"), "wb").write(bytes(b))
# version INTEGER 1 -> 2 (v3 does not exist)
i = src.find(b"\x02\x01\x01")
if i >= 0:
    b = bytearray(src); b[i + 2] = 2
    open(os.path.join(out, "mut-version.der"), "wb").write(bytes(b))
PY
ls "$out" | wc -l
