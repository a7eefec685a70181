#!/bin/sh
# Regenerates fuzz/corpus/pkcs12_bags/: real .p12 files made by openssl without
# encryption or MAC, taken apart into their SafeContents (the harness input is
# mode byte, safe mask byte, SafeContents...; see fuzz/pkcs12_bags.cpp).
#   sh fuzz/make_pkcs12_bags_corpus.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.key
openssl genpkey -algorithm ED25519 -out ed.key
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa.key 2>/dev/null
openssl req -x509 -new -key ec.key -subj /CN=bags-ca -days 3650 -out ca.pem
openssl req -new -key ed.key -subj /CN=bags-leaf -out ed.csr
openssl x509 -req -in ed.csr -CA ca.pem -CAkey ec.key -set_serial 9 -days 3650 -out ed.pem 2>/dev/null
openssl req -x509 -new -key rsa.key -subj /CN=bags-rsa -days 3650 -out rsa.pem
plain() { openssl pkcs12 -export -keypbe NONE -certpbe NONE -nomac -passout pass:fuzz "$@"; }
plain -inkey ed.key -in ed.pem -certfile ca.pem -name leaf -out ed_chain.p12
plain -inkey rsa.key -in rsa.pem -out rsa.p12
plain -inkey ec.key -in ca.pem -name "ca key" -out ec_ca.p12
plain -nokeys -in ca.pem -out certs_only.p12
out=$here/corpus/pkcs12_bags
rm -rf "$out"
mkdir -p "$out"
python3 - "$out" <<'PY'
import sys, os
out = sys.argv[1]
def tlv(b, i=0):
    tag, l, h = b[i], b[i + 1], 2
    if l & 0x80:
        n = l & 0x7f
        l, h = int.from_bytes(b[i + 2:i + 2 + n], 'big'), 2 + n
    return tag, b[i + h:i + h + l], i + h + l
def children(b):
    i, r = 0, []
    while i < len(b):
        t, v, j = tlv(b, i)
        r.append((t, v, b[i:j]))
        i = j
    return r
def safes(p12):
    _, pfx, _ = tlv(p12)
    version, auth_ci = children(pfx)[:2]
    auth = tlv(children(auth_ci[1])[1][1])[1]          # [0] { OCTET STRING AuthenticatedSafe }
    result = []
    for _, ci, _ in children(tlv(auth)[1]):
        oid, body = children(ci)[:2]
        result.append(tlv(body[1])[1])                 # Data: [0] { OCTET STRING SafeContents }
    return result
# (file, mode byte, safe mask): modes pick cipher (bits 0-1), MAC (bits 2-3), shrouding (bit 4)
plan = [('ed_chain', 0x10, 0x01), ('ed_chain', 0x00, 0x00), ('rsa', 0x16, 0x03),
        ('ec_ca', 0x1b, 0x01), ('certs_only', 0x0c, 0x00), ('ec_ca', 0x09, 0x02)]
for name, mode, mask in plan:
    data = b''.join(safes(open(name + '.p12', 'rb').read()))
    open(os.path.join(out, '%s_%02x_%02x' % (name, mode, mask)), 'wb').write(bytes([mode, mask]) + data)
PY
du -sh "$out"
