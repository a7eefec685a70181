#!/usr/bin/env bash
# The teaching views of `glasstls`:
#  - demo --explain names every message and secret in order (golden structure,
#    TLS 1.3 and 1.2), plain when piped, and the same --seed gives the same bytes;
#  - every "check: $ openssl ..." command it prints reproduces the value it shows,
#    also after the demo exited (its PKI stays in ./glasstls-demo/, never in an
#    unrelated folder of that name);
#  - each protected record shows seq, nonce, additional data, plaintext, ciphertext
#    and tag, consistent with each other and decryptable with a printed key;
#  - a TLS 1.2 run uses no TLS 1.3 wording and a TLS 1.3 run no TLS 1.2 wording;
#  - --step answers Enter, m, c and q typed on a terminal (tmux);
#  - --vectors has the RFC 8448 sections, --json parses, --html is a page;
#  - each --fail mode (revoked, wrong-eku, missing-intermediate, same-name-ca
#    included) gives its own diagnosis, naming the mistake, on both sides;
#  - client/server --explain narrate their side; --keylog and SSLKEYLOGFILE work;
#  - a loopback session captured by tshark decrypts with our key log.
# Usage: run.sh /path/to/glasstls
set -uo pipefail
G=${1:?usage: run.sh /path/to/glasstls}
G=$(realpath "$G")
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d /tmp/glasstls-teach-XXXXXX)
cd "$W" || exit 1  # the demo keeps its PKI in ./glasstls-demo/
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for s in "$W"/tmux*.sock; do [ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null; done
  rm -rf "$W"
}
trap cleanup EXIT
fails=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect() {  # expect FILE PATTERN WHAT
  if grep -qE -- "$2" "$1"; then pass "$3"; else fail "$3 (no /$2/ in $1)"; sed 's/^/    /' "$1" | tail -20; fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Ordered message names and secret labels of one side of a narrative.
structure() {  # structure FILE SIDE
  grep -E "^ *[0-9]+\. \[$2\] (message|secret) " "$1" |
    sed -E 's/^ *[0-9]+\. \[[a-z]+\] (message|secret) +//; s/^(sends|receives) ([A-Za-z]+).*/\1 \2/; s/ = .*//; s/^derives ([^ ]+).*/\1/'
}

# ---- TLS 1.3 demo: golden structure --------------------------------------------
"$G" demo --seed 7 --keep "$W/pki13" > "$W/d13.txt" 2>&1; rc=$?
[ $rc -eq 0 ] && pass "demo (TLS 1.3) exits 0" || fail "demo (TLS 1.3) exit code $rc"
structure "$W/d13.txt" client > "$W/c13.txt"
cat > "$W/c13.want" <<'EOF'
sends ClientHello
receives ServerHello
ECDHE shared secret
early_secret
handshake_secret
client_handshake_traffic_secret
server_handshake_traffic_secret
receives EncryptedExtensions
receives CertificateRequest
receives Certificate
receives CertificateVerify
receives Finished
master_secret
client_application_traffic_secret_0
server_application_traffic_secret_0
exporter_master_secret
sends Certificate
sends CertificateVerify
sends Finished
resumption_master_secret
EOF
if diff -u "$W/c13.want" "$W/c13.txt"; then pass "TLS 1.3 client: messages and secrets in order"; else fail "TLS 1.3 client structure"; fi
structure "$W/d13.txt" server > "$W/s13.txt"
cat > "$W/s13.want" <<'EOF'
receives ClientHello
ECDHE shared secret
sends ServerHello
early_secret
handshake_secret
client_handshake_traffic_secret
server_handshake_traffic_secret
sends EncryptedExtensions
sends CertificateRequest
sends Certificate
sends CertificateVerify
sends Finished
master_secret
client_application_traffic_secret_0
server_application_traffic_secret_0
exporter_master_secret
receives Certificate
receives CertificateVerify
receives Finished
EOF
# The server may re-derive master/resumption secrets after the client's Finished.
if diff -u "$W/s13.want" <(head -n "$(wc -l < "$W/s13.want")" "$W/s13.txt"); then
  pass "TLS 1.3 server: messages and secrets in order"; else fail "TLS 1.3 server structure"; fi
expect "$W/d13.txt" "\[client\] state +WAIT_CERT_CR --CertificateRequest--> WAIT_CERT" "state transition WAIT_CERT_CR --CertificateRequest--> WAIT_CERT"
expect "$W/d13.txt" "\[client\] note +sending CN=glasstls test client" "the client's certificate choice is explained"
expect "$W/d13.txt" "signs these 130 bytes: 64 x 0x20 \|\| \"TLS 1.3, server CertificateVerify\"" "CertificateVerify signed bytes shown"
expect "$W/d13.txt" "the same bytes the engine handed to the signing key" "CertificateVerify content matches the engine's"
expect "$W/d13.txt" "\[legacy_version\]|legacy_version +TLS 1.2 \(0x0303\) +03 03" "messages shown as field trees with offsets and hex"
expect "$W/d13.txt" "decrypted: 18 bytes of application_data: \"GET / HTTP/1.0" "encrypted record shown with its decrypted content"
expect "$W/d13.txt" "client_application_traffic_secret_0 key = " "traffic keys derived from the traffic secrets"
expect "$W/d13.txt" "chain validation +OK" "closing summary has the chain validation result"
if grep -q $'\x1b\[' "$W/d13.txt"; then fail "piped output has ANSI colour codes"; else pass "piped output is plain"; fi
if grep -q "does NOT" "$W/d13.txt"; then fail "a recomputed value differs from the engine's"; else pass "every recomputed secret equals the engine's"; fi

# ---- colour on a terminal (unless NO_COLOR), --step pauses only on a terminal -------------
if command -v script > /dev/null; then
  timeout 30 script -qfc "$G demo --seed 7 --no-trees" /dev/null < /dev/null > "$W/tty.txt" 2>&1
  if grep -q $'\x1b\[' "$W/tty.txt"; then pass "colour on a terminal"; else fail "no colour on a terminal"; fi
  NO_COLOR=1 timeout 30 script -qfc "$G demo --seed 7 --no-trees" /dev/null < /dev/null > "$W/nocolor.txt" 2>&1
  if grep -q $'\x1b\[' "$W/nocolor.txt"; then fail "NO_COLOR ignored"; else pass "NO_COLOR turns colour off"; fi
  yes "" | timeout 30 script -qfc "$G demo --seed 7 --no-trees --step" /dev/null > "$W/step.txt" 2>&1
  steps=$(grep -c "Enter: next step" "$W/step.txt")
  # One pause per engine step (each Next or Wait a handler returns): about 18 in this handshake.
  if [ "$steps" -ge 15 ]; then pass "--step pauses after each engine step on a terminal ($steps pauses)"; else fail "--step paused $steps times"; fi
else
  fail "script(1) is missing: cannot test terminal behaviour"
fi
"$G" demo --seed 7 --step < /dev/null > "$W/step-piped.txt" 2>&1
expect "$W/step-piped.txt" "--step needs a terminal" "--step without a terminal says so and runs on"

# ---- same seed twice -> identical narrative; another seed -> different -------------
# The temporary PKI folder's name is the only thing allowed to differ.
"$G" demo --seed 7 > "$W/d13a.txt" 2>&1
"$G" demo --seed 7 > "$W/d13b.txt" 2>&1
"$G" demo --seed 8 > "$W/d13c.txt" 2>&1
strip() { sed -E 's#/tmp/glasstls-demo-[A-Za-z0-9]+#DIR#g; s#'"$W"'/glasstls-demo#DIR#g' "$1"; }
if diff -q <(strip "$W/d13a.txt") <(strip "$W/d13b.txt") > /dev/null; then
  pass "--seed 7 twice gives identical output"; else fail "--seed 7 twice differs"; diff <(strip "$W/d13a.txt") <(strip "$W/d13b.txt") | head -10; fi
if diff -q <(strip "$W/d13b.txt") <(strip "$W/d13c.txt") > /dev/null; then
  fail "--seed 7 and --seed 8 give the same output"; else pass "another seed gives other values"; fi

# ---- show your work: every printed command reproduces the printed value -------------
check_commands() {  # check_commands FILE -> prints "n bad"
  local n=0 bad=0 cmd="" line got want
  while IFS= read -r line; do
    case "$line" in
      *"check: \$ "*) cmd=${line#*check: \$ } ;;
      *"expect: "*)
        want=$(printf '%s' "${line#*expect: }" | tr 'A-F' 'a-f')
        got=$(cd "$W" && timeout 10 bash -c "$cmd" 2>&1 | tr -d ':\n' | tr 'A-F' 'a-f')
        n=$((n + 1))
        if [ "$got" != "$want" ]; then bad=$((bad + 1)); echo "    mismatch: ${cmd:0:160}... gave ${got:0:80}" >&2; fi ;;
    esac
  done < "$1"
  echo "$n $bad"
}
# binder_checks FILE -> "n bad": each narrated PSK binder's own check command prints
# that binder, and the engine reported it (psk_binder = ...).
binder_checks() {
  local n=0 bad=0 v="" cmd="" line got
  while IFS= read -r line; do
    case "$line" in
      "        binder = "*) v=${line##* }; cmd="" ;;
      *"check: \$ "*) [ -n "$v" ] && cmd=${line#*check: \$ } ;;
      *"expect: "*)
        [ -n "$v" ] && [ -n "$cmd" ] || continue
        got=$(cd "$W" && timeout 10 bash -c "$cmd" 2>&1 | tr -d ':\n' | tr 'A-F' 'a-f')
        n=$((n + 1))
        if [ "$got" != "$v" ] || ! grep -q "psk_binder = $v" "$1"; then bad=$((bad + 1)); fi
        v="" ;;
    esac
  done < "$1"
  echo "$n $bad"
}
read -r n bad < <(check_commands "$W/d13.txt")
if [ "$n" -ge 25 ] && [ "$bad" -eq 0 ]; then pass "TLS 1.3: all $n openssl commands reproduce their values";
else fail "TLS 1.3 openssl commands: $n run, $bad wrong"; fi

"$G" demo --key-type ed25519 --seed 7 --keep "$W/pkied" > "$W/ded.txt" 2>&1
read -r n bad < <(check_commands "$W/ded.txt")
if [ "$n" -ge 25 ] && [ "$bad" -eq 0 ]; then pass "Ed25519 PKI: all $n openssl commands (incl. pkeyutl -verify) check out";
else fail "Ed25519 openssl commands: $n run, $bad wrong"; fi

# ---- TLS 1.2 demo ------------------------------------------------------------------
"$G" demo --tls1.2 --seed 7 --keep "$W/pki12" > "$W/d12.txt" 2>&1; rc=$?
[ $rc -eq 0 ] && pass "demo --tls1.2 exits 0" || fail "demo --tls1.2 exit code $rc"
structure "$W/d12.txt" client > "$W/c12.txt"
cat > "$W/c12.want" <<'EOF'
sends ClientHello
receives ServerHello
receives Certificate
receives ServerKeyExchange
receives CertificateRequest
receives ServerHelloDone
sends Certificate
sends ClientKeyExchange
pre_master_secret
master_secret
sends CertificateVerify
client_write_key
server_write_key
client_write_iv
server_write_iv
sends Finished
receives Finished
EOF
if diff -u "$W/c12.want" "$W/c12.txt"; then pass "TLS 1.2 client: messages and secrets in order"; else fail "TLS 1.2 client structure"; fi
expect "$W/d12.txt" "PRF\(pre_master_secret, \"extended master secret\", session_hash" "TLS 1.2 master secret shown with its PRF inputs"
expect "$W/d12.txt" "signs all handshake messages so far" "TLS 1.2 CertificateVerify content explained"
read -r n bad < <(check_commands "$W/d12.txt")
if [ "$n" -ge 10 ] && [ "$bad" -eq 0 ]; then pass "TLS 1.2: all $n openssl commands reproduce their values";
else fail "TLS 1.2 openssl commands: $n run, $bad wrong"; fi

# ---- record protection, recomputed from the printed values ---------------------------
# record_check.py: nonce = iv XOR seq (1.2 GCM: salt || explicit nonce), additional data
# from the printed header, and python3-cryptography decrypts with a printed key.
for v in 13 12; do
  if python3 "$HERE/record_check.py" "$W/d$v.txt" 3 > "$W/rc$v.txt" 2>&1; then
    pass "TLS 1.${v#1}: record protection shown consistently ($(tail -1 "$W/rc$v.txt"))"
  else
    fail "TLS 1.${v#1}: record protection check"; sed 's/^/    /' "$W/rc$v.txt" | tail -15
  fi
done
expect "$W/d13.txt" "nonce = iv XOR seq +[0-9a-f]{24}$" "TLS 1.3: nonce = iv XOR seq shown"
expect "$W/d13.txt" "encrypted: TLSInnerPlaintext, [0-9]+ bytes = [0-9]+ bytes of content \|\| type 16 \(handshake\)" "TLS 1.3: inner plaintext with its content type"
expect "$W/d12.txt" "explicit nonce +[0-9a-f]{16} +\(the first 8 bytes of the fragment\)" "TLS 1.2 AES-GCM: explicit nonce shown"
expect "$W/d12.txt" "additional data +[0-9a-f]{26} +\(seq \|\| type \|\| version \|\| length" "TLS 1.2: 13-byte additional data shown"
# ChaCha20-Poly1305 in TLS 1.2 (RFC 7905): the nonce is iv XOR seq as in 1.3.
P=$W/pki13
port=$(free_port)
"$G" server --port "$port" --cert "$P/server.pem" --key "$P/server.key" --ca "$P/ca.pem" \
  --max-connections 1 --tls1.2 > "$W/cc-server.txt" 2>&1 &
PIDS+=($!); ccpid=$!
for _ in $(seq 50); do grep -q listening "$W/cc-server.txt" && break; sleep 0.1; done
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca "$P/ca.pem" \
  --p12 "$P/client.p12" --pass pass:demo --tls1.2 --ciphers TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 \
  --explain > /dev/null 2> "$W/cc.txt"
timeout 10 tail --pid "$ccpid" -f /dev/null
expect "$W/cc.txt" "protection \(TLS 1.2, ChaCha20-Poly1305\)" "TLS 1.2 ChaCha20-Poly1305 records narrated"
if python3 "$HERE/record_check.py" "$W/cc.txt" 2 > "$W/rccc.txt" 2>&1; then
  pass "TLS 1.2 ChaCha20-Poly1305: record protection checks out ($(tail -1 "$W/rccc.txt"))"
else fail "TLS 1.2 ChaCha20-Poly1305 record protection"; sed 's/^/    /' "$W/rccc.txt" | tail -15; fi

# ---- wording follows the negotiated version ------------------------------------------
no_phrase() {  # no_phrase FILE WHAT PHRASE...
  local f=$1 what=$2 p hit=""; shift 2
  for p in "$@"; do grep -qF -- "$p" "$f" && hit="$hit [$p]"; done
  if [ -z "$hit" ]; then pass "$what"; else fail "$what:$hit"; fi
}
no_phrase "$W/d12.txt" "TLS 1.2 narration has no TLS 1.3 wording" \
  "and a key share" "answers the key share" "its key share" "key shares" \
  "the real versions are in supported_versions" "TLS 1.3 is chosen in supported_versions" \
  "already encrypted" "TLSInnerPlaintext" "in 1.3 a random value" "traffic_secret" "64 x 0x20"
expect "$W/d12.txt" "\[client\] message +sends Certificate .*in TLS 1.2 it travels in clear text" "TLS 1.2: the client Certificate is said to travel in clear text"
expect "$W/d12.txt" "privacy +the client certificate crossed the network in clear text" "TLS 1.2 summary: the client certificate was not encrypted"
no_phrase "$W/d13.txt" "TLS 1.3 narration has no TLS 1.2 wording" \
  "in clear text" "the key exchange follows in ServerKeyExchange" "pre_master_secret" "no padding in TLS 1.2" "explicit nonce" \
  "the highest version the client supports"

# ---- secrets only in explicit mode -------------------------------------------------------
"$G" demo --seed 7 --hide-secrets > "$W/hidden.txt" 2>&1
hs=$(grep -oE "\[client\] secret +handshake_secret = [0-9a-f]+" "$W/d13.txt" | awk '{print $NF}')
if [ -n "$hs" ] && ! grep -q "$hs" "$W/hidden.txt" && grep -q "value hidden" "$W/hidden.txt"; then
  pass "--hide-secrets prints no secret value"; else fail "--hide-secrets leaks or lacks labels"; fi

# ---- --vectors, --json, --html ----------------------------------------------------------------
"$G" demo --seed 7 --vectors "$W/v.txt" --json "$W/r.json" --html "$W/r.html" > /dev/null 2>&1
for s in '\{client\}  create an ephemeral x25519 key pair:' '      private key \(32 octets\):' \
         '      public key \(32 octets\):' '\{client\}  construct a ClientHello handshake message:' \
         '\{server\}  extract secret "handshake":' '\{server\}  derive secret "tls13 c hs traffic":' \
         '      info \(54 octets\):' '\{client\}  send handshake record:' '      complete record \('; do
  expect "$W/v.txt" "$s" "--vectors has: $s"
done
# The vectors' public key is the one in the ClientHello the narrative showed.
pub=$(awk '/\{client\}  create an ephemeral x25519/{f=1} f&&/public key/{p=1} p{print} p&&/^$/{exit}' "$W/v.txt" |
      sed -E 's/.*octets\)://' | tr -d ' \n')
ch=$(awk '/\{client\}  construct a ClientHello/{f=1} f&&/ClientHello \(/{p=1} p{print} p&&/^$/{exit}' "$W/v.txt" |
     sed -E 's/.*octets\)://' | tr -d ' \n')
if [ ${#pub} -eq 64 ] && [[ "$ch" == *"$pub"* ]]; then pass "--vectors key pair matches the ClientHello key_share";
else fail "--vectors public key ($pub) not in the ClientHello"; fi
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(json.dumps(d)) > 1000' "$W/r.json"; then
  pass "--json writes valid JSON"; else fail "--json output is not valid JSON"; fi
# The JSON report carries each protected record's protection values, consistent with its bytes.
if python3 - "$W/r.json" <<'PY'
import json, sys
recs = [e["record"] for e in json.load(open(sys.argv[1]))["events"]
        if e["kind"] == "record" and e["record"]["protected"]]
assert len(recs) >= 8, len(recs)
for r in recs:
    p, wire = r["protection"], bytes.fromhex(r["wire_hex"])
    iv, seq = bytes.fromhex(p["write_iv"]), bytes.fromhex(p["seq_padded"])
    assert int.from_bytes(seq, "big") == p["seq"]
    assert bytes.fromhex(p["nonce"]) == bytes(a ^ b for a, b in zip(iv, seq)), p
    assert bytes.fromhex(p["aad"]) == wire[:5], p
    assert bytes.fromhex(p["ciphertext"] + p["tag"]) == wire[5:], p
    inner = bytes.fromhex(p["inner_plaintext"])
    assert inner == bytes.fromhex(r["plaintext_hex"]) + bytes([p["inner_type"]]) + bytes(p["padding"])
PY
then pass "--json: each protected record has its nonce, additional data, ciphertext and tag"
else fail "--json protection values"; fi
expect "$W/r.html" "<html" "--html writes an HTML page"
expect "$W/r.html" "CertificateRequest" "--html names the CertificateRequest"

# ---- --fail modes: each with its own diagnosis --------------------------------------------------
run_fail() {  # run_fail MODE
  "$G" demo --seed 7 --fail "$1" > "$W/f-$1.txt" 2>&1; local rc=$?
  [ $rc -eq 0 ] && pass "demo --fail $1 exits 0 (the failure was shown)" || fail "demo --fail $1 exit code $rc"
}
run_fail unknown-ca
expect "$W/f-unknown-ca.txt" "\[server\] alert +sends a fatal alert: unknown_ca" "unknown-ca: the server sends unknown_ca"
expect "$W/f-unknown-ca.txt" "server: .*likely cause: the client's certificate was not issued by a CA we trust|likely cause: the client's certificate was not issued by a CA we trust" "unknown-ca: server-side diagnosis"
expect "$W/f-unknown-ca.txt" "ends at issuer: CN=Other Test CA" "unknown-ca: names the chain's top issuer"
expect "$W/f-unknown-ca.txt" "we trust: CN=glasstls Test CA" "unknown-ca: names the trusted CA"
expect "$W/f-unknown-ca.txt" "likely cause: the server does not trust the CA that issued our certificate" "unknown-ca: client-side diagnosis"
run_fail expired
expect "$W/f-expired.txt" "alert +sends a fatal alert: certificate_expired" "expired: the server sends certificate_expired"
expect "$W/f-expired.txt" "EXPIRED on 2025-12-22T00:00:00Z" "expired: names the expiry date"
expect "$W/f-expired.txt" "likely cause: the server rejected our certificate as expired" "expired: client-side diagnosis"
run_fail no-cert
expect "$W/f-no-cert.txt" "alert +sends a fatal alert: certificate_required" "no-cert: the server sends certificate_required"
expect "$W/f-no-cert.txt" "likely cause: the server requires a client certificate and we have none configured" "no-cert: client-side diagnosis"
expect "$W/f-no-cert.txt" "likely cause: the client sent no certificate, but this server requires one" "no-cert: server-side diagnosis"
run_fail wrong-password
expect "$W/f-wrong-password.txt" "likely cause: wrong password for the .p12 file" "wrong-password: diagnosis"
expect "$W/f-wrong-password.txt" "the server never saw it" "wrong-password: the client stops before connecting"
run_fail wrong-key
expect "$W/f-wrong-key.txt" "alert +sends a fatal alert: decrypt_error" "wrong-key: the server sends decrypt_error"
expect "$W/f-wrong-key.txt" "likely cause: key/certificate mismatch: the client's CertificateVerify signature does not verify" "wrong-key: server-side diagnosis"
expect "$W/f-wrong-key.txt" "likely cause: key/certificate mismatch: the private key we signed CertificateVerify with does not belong to our certificate" "wrong-key: client-side diagnosis"
run_fail revoked
expect "$W/f-revoked.txt" "alert +sends a fatal alert: certificate_revoked" "revoked: the server sends certificate_revoked"
expect "$W/f-revoked.txt" "rejected by revocation checking: leaf CN=glasstls test client [0-9a-f]{6} is revoked \(keyCompromise\) since 2026-01-01T00:00:00Z by the CRL of CN=glasstls Test CA [0-9a-f]{6}" "revoked: the narration names the CRL, reason and date"
expect "$W/f-revoked.txt" "likely cause: revocation: the client's certificate is revoked" "revoked: server-side diagnosis"
expect "$W/f-revoked.txt" "likely cause: revocation: the server says our certificate is revoked" "revoked: client-side diagnosis"
run_fail wrong-eku
expect "$W/f-wrong-eku.txt" "server: .*likely cause: wrong extendedKeyUsage: the client's certificate CN=glasstls client for servers [0-9a-f]{6},O=glasstls is not allowed for client authentication: its extendedKeyUsage lists serverAuth but not clientAuth|^likely cause: wrong extendedKeyUsage: the client's certificate CN=glasstls client for servers" "wrong-eku: server-side diagnosis names the EKU"
expect "$W/f-wrong-eku.txt" "likely cause: wrong extendedKeyUsage: our certificate CN=glasstls client for servers [0-9a-f]{6},O=glasstls is not allowed for client authentication" "wrong-eku: client-side diagnosis names the EKU"
run_fail missing-intermediate
expect "$W/f-missing-intermediate.txt" "likely cause: missing intermediate: the client's chain stops at issuer CN=glasstls Issuing CA [0-9a-f]{6},O=glasstls, whose certificate it did not send and which is not among the CAs we trust: CN=glasstls Test CA [0-9a-f]{6},O=glasstls" "missing-intermediate: server-side diagnosis names the missing intermediate"
expect "$W/f-missing-intermediate.txt" "likely cause: missing intermediate: our chain stops at issuer CN=glasstls Issuing CA [0-9a-f]{6},O=glasstls, whose certificate we do not send and which is not among the CAs the server names: CN=glasstls Test CA [0-9a-f]{6},O=glasstls" "missing-intermediate: client-side diagnosis names the missing intermediate"
run_fail same-name-ca
expect "$W/f-same-name-ca.txt" "likely cause: same-name CA with a different key: we trust a CA named CN=glasstls Test CA [0-9a-f]{6},O=glasstls but the client's chain was refused" "same-name-ca: server-side diagnosis"
expect "$W/f-same-name-ca.txt" "confirmed: the CA certificate named CN=glasstls Test CA [0-9a-f]{6},O=glasstls that we trust \(--ca\) has key identifier [0-9a-f]+, but the client's chain was issued by the key with identifier [0-9a-f]+" "same-name-ca: server side compares the key identifiers"
expect "$W/f-same-name-ca.txt" "likely cause: same-name CA with a different key: the server trusts a CA named CN=glasstls Test CA [0-9a-f]{6},O=glasstls but our chain was refused" "same-name-ca: client-side diagnosis"
"$G" demo --fail no-such-mode > "$W/f-bad.txt" 2>&1; rc=$?
[ $rc -eq 2 ] && grep -q "missing-intermediate or same-name-ca" "$W/f-bad.txt" && pass "demo --fail with an unknown mode is a usage error listing the modes" || fail "demo --fail unknown mode (rc $rc)"
"$G" demo --tls1.2 --fail no-cert > "$W/f12.txt" 2>&1
expect "$W/f12.txt" "likely cause: the server requires a client certificate and we have none configured" "no-cert over TLS 1.2 (handshake_failure) is diagnosed too"

# ---- client and server --explain, --keylog, SSLKEYLOGFILE ---------------------------------------
P=$W/pki13
port=$(free_port)
SSLKEYLOGFILE="$W/server.keys" "$G" server --port "$port" --cert "$P/server.pem" --key "$P/server.key" \
  --ca "$P/ca.pem" --max-connections 1 --explain --json "$W/server.json" > "$W/server.txt" 2>&1 &
PIDS+=($!); spid=$!
for _ in $(seq 50); do grep -q listening "$W/server.txt" && break; sleep 0.1; done
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca "$P/ca.pem" \
  --p12 "$P/client.p12" --pass pass:demo --explain --keylog "$W/client.keys" > "$W/client.out" 2> "$W/client.txt"
timeout 10 tail --pid "$spid" -f /dev/null
expect "$W/client.txt" "\[client\] state +WAIT_CERT_CR --CertificateRequest--> WAIT_CERT" "client --explain narrates its state machine"
expect "$W/client.txt" "check: \\$ openssl kdf" "client --explain shows its work"
expect "$W/server.txt" "\[server\] state +WAIT_FLIGHT2 --client authentication requested--> WAIT_CERT" "server --explain narrates its state machine"
expect "$W/client.out" "client certificate: CN=glasstls test client" "the session carried application data"
expect "$W/client.keys" "^CLIENT_TRAFFIC_SECRET_0 [0-9a-f]{64} [0-9a-f]{64}$" "client --keylog writes NSS key log lines"
expect "$W/server.keys" "^SERVER_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]{64} [0-9a-f]{64}$" "server honours SSLKEYLOGFILE"
if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$W/server.json"; then pass "server --json writes valid JSON"; else fail "server --json"; fi

# ---- tshark decrypts a captured loopback session with our key log ----------------------------------
if ! command -v tshark > /dev/null; then
  fail "tshark is not installed (scripts/setup.sh installs it)"
else
  # One capture and decryption; a busy host can lose packets between tshark and the
  # kernel (tshark then decodes a partial stream), so a failed attempt is retried twice.
  capture_and_decrypt() {  # VERSION FLAG -> 0 when the request, 200 and body were decrypted
    local port; port=$(free_port)
    rm -f "$W/cap.pcap" "$W/demo.keys"
    timeout 90 tshark -i lo -f "tcp port $port" -w "$W/cap.pcap" > "$W/tshark.log" 2>&1 &
    tpid=$!; PIDS+=($tpid)
    # tshark loads all its dissectors first: on a loaded host that takes many seconds.
    for _ in $(seq 450); do
      grep -q "Capturing on" "$W/tshark.log" && break
      kill -0 $tpid 2>/dev/null || break
      sleep 0.1
    done
    if ! grep -q "Capturing on" "$W/tshark.log"; then
      kill $tpid 2>/dev/null; wait $tpid 2>/dev/null
      # Only a refusal to open lo means capture is impossible here; slowness is retried.
      grep -qiE "permission|not permitted|don't have|no such device|couldn't run" "$W/tshark.log" && return 2
      echo "NOTE: tshark did not start capturing within 45 s: $(tr '\n' ' ' < "$W/tshark.log" | cut -c1-200)"
      return 1
    fi
    sleep 1  # "Capturing on" can come just before the socket sees packets
    "$G" demo $2 --port "$port" --keylog "$W/demo.keys" > "$W/cap-demo.txt" 2>&1
    sleep 1; kill -INT $tpid 2>/dev/null; wait $tpid 2>/dev/null
    tshark -r "$W/cap.pcap" -o "tls.keylog_file:$W/demo.keys" -Y http -T fields -e http.request.method \
      -e http.response.code -e http.file_data > "$W/dec.txt" 2>&1
    grep -q "GET" "$W/dec.txt" && grep -q "200" "$W/dec.txt" && grep -qi "Hello CN=glasstls test client" "$W/dec.txt"
  }
  for v in 1.3 1.2; do
    flag=""; [ "$v" = 1.2 ] && flag="--tls1.2"
    rc=1
    for attempt in 1 2 3; do
      capture_and_decrypt "$v" "$flag"; rc=$?
      [ $rc -ne 1 ] && break
      echo "NOTE: TLS $v capture attempt $attempt did not decrypt; retrying"
    done
    if [ $rc -eq 2 ]; then
      echo "SKIP: tshark cannot capture on lo here: $(tr '\n' ' ' < "$W/tshark.log" | cut -c1-200)"
      break
    fi
    if [ $rc -eq 0 ]; then
      pass "TLS $v: tshark decrypts the captured session with our key log (request, 200 and body seen)"
    else
      fail "TLS $v: tshark did not decrypt the application data"; cat "$W/dec.txt" | head -5
    fi
    # Without the key log the same capture shows no HTTP at all.
    if [ -z "$(tshark -r "$W/cap.pcap" -Y http 2>/dev/null)" ]; then
      pass "TLS $v: without the key log the capture stays opaque"; else fail "TLS $v: HTTP visible without keys"; fi
  done
fi

# ---- the post-quantum hybrid, narrated ------------------------------------------
"$G" demo --seed 7 --groups X25519MLKEM768 > "$W/pq.txt" 2>&1; rc=$?
[ $rc -eq 0 ] && pass "demo --groups X25519MLKEM768 exits 0" || fail "demo --groups X25519MLKEM768 exit code $rc"
expect "$W/pq.txt" "key exchange +X25519MLKEM768" "demo --groups X25519MLKEM768 negotiates the hybrid"
expect "$W/pq.txt" "hybrid +ML-KEM-768 encapsulation key \(1184 bytes\) \|\| X25519 public key \(32 bytes\)" \
  "the client's hybrid share is shown split (1184 + 32 bytes)"
expect "$W/pq.txt" "hybrid +ML-KEM-768 ciphertext \(1088 bytes\) \|\| X25519 public key \(32 bytes\)" \
  "the server's hybrid share is shown split (1088 + 32 bytes)"
expect "$W/pq.txt" "harvest now, decrypt later" "the narration says why hybrid"
# The 64-byte secret is shown as its two halves, and they are what both sides derived.
sec=$(grep -m1 -oE "\[client\] secret +ECDHE shared secret = [0-9a-f]{128}" "$W/pq.txt" | grep -oE "[0-9a-f]{128}$")
first=$(grep -m1 -oE "^ +first +[0-9a-f]{64}" "$W/pq.txt" | grep -oE "[0-9a-f]{64}")
second=$(grep -m1 -oE "^ +second +[0-9a-f]{64}" "$W/pq.txt" | grep -oE "[0-9a-f]{64}")
if [ -n "$sec" ] && [ "$sec" = "$first$second" ]; then pass "the hybrid secret is the concatenation of the two shown halves"
else fail "hybrid secret halves (secret '$sec', halves '$first' '$second')"; fi
"$G" demo --seed 7 --groups x25519 > "$W/x.txt" 2>&1
if grep -qE "key exchange +x25519$" "$W/x.txt"; then pass "demo --groups x25519 stays classical"
else fail "demo --groups x25519"; fi
if ! grep -q "ML-KEM" "$W/x.txt"; then pass "no hybrid narration without the hybrid"; else fail "ML-KEM narrated for x25519"; fi

# ---- demo --resume: the PSK key schedule is narrated -------------------------------
"$G" demo --seed 7 --resume > "$W/resume.txt" 2>&1; rc=$?
[ $rc -eq 0 ] && pass "demo --resume exits 0" || fail "demo --resume exit code $rc"
expect "$W/resume.txt" "ticket PSK = HKDF-Expand-Label\(resumption_master_secret, \"resumption\", nonce 0000\)" "resume: ticket PSK from resumption_master_secret and the nonce"
expect "$W/resume.txt" "HKDF-Extract\(salt = 0 \(all zero octets\), IKM = the PSK from the ticket\)" "resume: early secret from the PSK"
expect "$W/resume.txt" "\[server\] secret +binder_key = " "resume: binder key shown"
expect "$W/resume.txt" "PSK binder = HMAC\(finished_key\(binder_key\), Transcript-Hash of the [0-9]+ ClientHello bytes before the binders list\)" "resume: the bytes the binder covers"
# The covered bytes themselves: the hello up to its binders list, as hex from its first byte (client_hello = 01).
if grep -A1 -E "the PSK binder covers [0-9]+ bytes: ClientHello\[0000-[0-9a-f]{4}\]$" "$W/resume.txt" | grep -qE "^ +0000  01 "; then
  pass "resume: the bytes the binder covers are shown"; else fail "resume: no hex of the bytes the binder covers"; fi
expect "$W/resume.txt" "\(the same [0-9]+ bytes as in step [0-9]+\)" "resume: the server points back to the covered bytes the client showed"
expect "$W/resume.txt" "client certificate CN=glasstls test client.*\(resumed\)" "resume: the server reports the ticket's client identity"
# The PSK shown before the resumed early secret is one of the ticket PSKs of the first connection.
psk=$(grep -m1 -oE "\[client\] secret +PSK = [0-9a-f]+" "$W/resume.txt" | grep -oE "[0-9a-f]+$")
if [ -n "$psk" ] && grep -qE "\[client\] secret +ticket PSK = $psk" "$W/resume.txt"; then pass "resume: the offered PSK is a ticket PSK of the first connection"
else fail "resume: offered PSK '$psk' not among the ticket PSKs"; fi
# The PSK schedule's values come with openssl commands that reproduce them.
expect "$W/resume.txt" "= Derive-Secret\(early_secret, \"res binder\", \"\"\)" "resume: binder key derivation shown"
expect "$W/resume.txt" "= HKDF-Expand-Label\(resumption_master_secret, \"resumption\", ticket_nonce 0000, 32\)" "resume: ticket PSK derivation shown"
read -r n bad < <(check_commands "$W/resume.txt")
if [ "$n" -ge 90 ] && [ "$bad" -eq 0 ]; then pass "resume: all $n openssl commands reproduce their values (ticket PSKs, binder key and binder among them)"
else fail "resume: openssl commands: $n run, $bad wrong"; fi
read -r n bad < <(binder_checks "$W/resume.txt")
if [ "$n" -eq 2 ] && [ "$bad" -eq 0 ]; then pass "resume: the binder's check command (SHA-256 of the covered bytes, HMAC) prints the binder on both sides"
else fail "resume: binder check commands: $n run, $bad wrong"; fi
"$G" demo --seed 7 --resume --no-trees > "$W/resume-brief.txt" 2>&1
if grep -A8 "the PSK binder covers" "$W/resume-brief.txt" | grep -qE "^ +\.\.\. \([0-9]+ more bytes\)$"; then
  pass "resume --no-trees: the covered bytes are cut short like the other hex dumps"; else fail "resume --no-trees: covered bytes"; fi
# After a HelloRetryRequest the binder covers message_hash and the HelloRetryRequest first.
P=$W/pki13
port=$(free_port)
"$G" server --port "$port" --cert "$P/server.pem" --key "$P/server.key" --ca "$P/ca.pem" \
  --max-connections 2 --timeout 10 --groups secp256r1 > "$W/hrr-server.txt" 2>&1 &
PIDS+=($!); hrrpid=$!
for _ in $(seq 50); do grep -q listening "$W/hrr-server.txt" && break; sleep 0.1; done
HC=(--name localhost --ca "$P/ca.pem" --p12 "$P/client.p12" --pass pass:demo)
timeout 20 "$G" client "127.0.0.1:$port" "${HC[@]}" --sess-out "$W/hrr.sess" < /dev/null > /dev/null 2>&1
timeout 20 "$G" client "127.0.0.1:$port" "${HC[@]}" --sess-in "$W/hrr.sess" --groups x25519,secp256r1 --explain \
  < /dev/null > "$W/hrr.txt" 2>&1
timeout 10 tail --pid "$hrrpid" -f /dev/null
expect "$W/hrr.txt" "the PSK binder covers [0-9]+ bytes: message_hash \+ HelloRetryRequest \+ ClientHello\[0000-[0-9a-f]{4}\]$" "resume after HelloRetryRequest: the binder covers message_hash and the HelloRetryRequest too"
expect "$W/hrr.txt" "the server accepted our ticket" "resume after HelloRetryRequest: resumed"
read -r n bad < <(binder_checks "$W/hrr.txt")
if [ "$n" -eq 2 ] && [ "$bad" -eq 0 ]; then pass "resume after HelloRetryRequest: both binders' check commands print them"
else fail "resume after HelloRetryRequest: binder check commands: $n run, $bad wrong"; fi
# TLS 1.2 (RFC 5077): the abbreviated handshake is named as such and keeps the ticket's master secret.
"$G" demo --seed 7 --tls1.2 --resume > "$W/resume12.txt" 2>&1; rc=$?
[ $rc -eq 0 ] && pass "demo --tls1.2 --resume exits 0" || fail "demo --tls1.2 --resume exit code $rc"
expect "$W/resume12.txt" "\[client\] message +receives ServerHello .*echoes the session_id: the ticket is accepted, an abbreviated handshake" "resume 1.2: the ServerHello echoing the session_id is narrated as an abbreviated handshake"
expect "$W/resume12.txt" "the resumed session's master secret, from the ticket" "resume 1.2: the master secret is the ticket's, not derived again"
expect "$W/resume12.txt" "key exchange +none \(resumed" "resume 1.2 summary: no key exchange"
no_phrase "$W/resume12.txt" "resume 1.2: no derivation said to disagree with the engine" "does NOT match" "does NOT equal"
read -r n bad < <(check_commands "$W/resume12.txt")
if [ "$n" -ge 30 ] && [ "$bad" -eq 0 ]; then pass "resume 1.2: all $n openssl commands reproduce their values (the resumed connection's key block and Finished among them)"
else fail "resume 1.2: openssl commands: $n run, $bad wrong"; fi
# ---- the PKI stays in ./glasstls-demo/: every printed command works after exit -------------
mkdir -p "$W/cwd" && cd "$W/cwd" || exit 1
"$G" demo --seed 7 > "$W/kept.txt" 2>&1
if [ -f "$W/cwd/glasstls-demo/.glasstls-demo" ] && [ -f "$W/cwd/glasstls-demo/server.pem" ]; then
  pass "demo keeps its PKI in ./glasstls-demo/ (with its marker file)"; else fail "no ./glasstls-demo/ after the demo"; fi
expect "$W/kept.txt" "kept in $W/cwd/glasstls-demo" "the demo says where the PKI is kept"
read -r n bad < <(check_commands "$W/kept.txt")
cv=$(grep -c "check: \$ .*openssl pkeyutl -verify" "$W/kept.txt")
if [ "$n" -ge 25 ] && [ "$bad" -eq 0 ] && [ "$cv" -ge 2 ]; then
  pass "after the demo exited, all $n printed commands (incl. $cv signature checks) succeed"
else fail "printed commands after exit: $n run, $bad wrong, $cv signature checks"; fi
# An unrelated folder of that name is left alone; the demo says how to keep its PKI.
mkdir -p "$W/cwd2/glasstls-demo" && echo mine > "$W/cwd2/glasstls-demo/notes.txt"
cd "$W/cwd2" || exit 1
"$G" demo --seed 7 > "$W/unrelated.txt" 2>&1; rc=$?
if [ $rc -eq 0 ] && [ "$(ls -A "$W/cwd2/glasstls-demo")" = "notes.txt" ]; then
  pass "an unrelated ./glasstls-demo/ is not touched"; else fail "unrelated ./glasstls-demo/ was changed (rc $rc)"; fi
expect "$W/unrelated.txt" "run again with --keep DIR" "without a usable folder the demo names --keep DIR"
cd "$W" || exit 1

# ---- --step keys on a terminal: Enter, m, c, q (tmux) -------------------------------------
if ! command -v tmux > /dev/null; then
  fail "tmux is not installed (scripts/setup.sh installs it)"
else
  # Each run gets its own tmux server: a new session on a socket whose server is still
  # shutting down after kill-server fails with "server exited unexpectedly".
  runs=0
  T="tmux -S $W/tmux0.sock"
  pauses() { grep -c "Enter: next step" "$W/pane.txt" 2>/dev/null || echo 0; }
  wait_for() {  # wait_for COMMAND... : up to 20 s
    for _ in $(seq 200); do "$@" && return 0; sleep 0.1; done; return 1
  }
  has() { grep -q -- "$1" "$W/pane.txt" 2>/dev/null; }
  at_least() { [ "$(pauses)" -ge "$1" ]; }
  step_run() {  # step_run: a fresh pane running the stepped demo
    $T kill-server 2>/dev/null; rm -f "$W/pane.txt"
    runs=$((runs + 1)); T="tmux -S $W/tmux$runs.sock"
    $T new-session -d -x 200 -y 50 "cd $W && NO_COLOR=1 $G demo --seed 7 --no-trees --step; echo DEMO-EXIT=\$?; sleep 60"
    $T pipe-pane -o "cat >> $W/pane.txt"
  }
  step_run
  # pipe-pane starts after the first prompt may have been printed: Enter shows the second.
  sleep 1; $T send-keys Enter
  if wait_for at_least 1; then pass "--step pauses with the key prompt"; else fail "--step: no prompt"; fi
  before=$(pauses); $T send-keys Enter
  if wait_for at_least $((before + 1)); then pass "--step: Enter goes one step on"; else fail "--step: Enter"; fi
  n0=$(grep -cE "^ *[0-9]+\. \[" "$W/pane.txt"); before=$(pauses); $T send-keys m
  wait_for at_least $((before + 1))
  n1=$(grep -cE "^ *[0-9]+\. \[" "$W/pane.txt")
  # m pauses again after the engine step that took in the next handshake message.
  if [ "$n1" -gt $((n0 + 1)) ] &&
     grep -E "^ *[0-9]+\. \[" "$W/pane.txt" | tail -n $((n1 - n0)) | grep -q "\] message "; then
    pass "--step: m runs $((n1 - n0)) narrated lines on, past the next message"
  else fail "--step: m ($((n1 - n0)) lines)"; fi
  before=$(pauses); $T send-keys c
  if wait_for has "DEMO-EXIT=0" && has "Summary (client side)" && [ "$(pauses)" -eq "$before" ]; then
    pass "--step: c continues to the end without pausing"; else fail "--step: c"; fi
  step_run
  sleep 1; $T send-keys q
  if wait_for has "DEMO-EXIT=0" && has "(quit)" && ! has "Summary (client side)"; then
    pass "--step: q quits"; else fail "--step: q"; fi
  $T kill-server 2>/dev/null
fi

echo "teach: $fails failure(s)"
[ $fails -eq 0 ]
