#!/usr/bin/env bash
# The x509, verify, p12 and pki commands on files made by openssl (and the
# other way round: openssl reading what glasstls writes); exit statuses; and
# client/conform --send-cert and client diagnoses against our own server on a
# free loopback port (one connection per server, each wait bounded).
# Usage: run.sh GLASSTLS_BINARY
set -u
G=${1:?usage: run.sh path/to/glasstls}
W=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$W"' EXIT
cd "$W"
pass=0 fail=0
ok() { echo "PASS cli: $1"; pass=$((pass+1)); }
bad() { echo "FAIL cli: $1"; sed 's/^/  | /' "$2" | tail -20; fail=$((fail+1)); }
q() { "$@" >/dev/null 2>&1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# serve LOG ARGS...: our server on a free loopback port for one connection; sets $port, $spid.
serve() {
  local log=$1; shift
  port=$(free_port)
  "$G" server --port "$port" --bind 127.0.0.1 --max-connections 1 --timeout 10 "$@" >"$log" 2>&1 &
  spid=$!; PIDS+=($spid)
  for _ in $(seq 50); do grep -qs listening "$log" && break; sleep 0.1; done
}
# reap: wait (at most 10 s) for the last server to finish its one connection.
reap() { timeout 10 tail --pid "$spid" -f /dev/null; kill "$spid" 2>/dev/null; }

q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
  -subj "/O=Tests/CN=Test Root" -days 30 -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign"
q openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/O=Tests/CN=client one"
printf 'extendedKeyUsage=clientAuth\nsubjectAltName=DNS:client.example,IP:10.1.2.3\n' >ext.cnf
q openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 10 -extfile ext.cnf -out leaf.pem

# x509
"$G" x509 leaf.pem >x.out 2>&1
serial=$(openssl x509 -in leaf.pem -noout -serial | cut -d= -f2 | tr 'A-F' 'a-f' | sed 's/../&:/g; s/:$//')
if grep -q "Subject: CN=client one,O=Tests" x.out && grep -qi "$serial" x.out && grep -q "DNS:client.example" x.out && grep -q "10.1.2.3" x.out; then ok "glasstls x509 shows subject, serial and SANs of an openssl certificate"; else bad "glasstls x509" x.out; fi
"$G" x509 --offsets leaf.pem >o.out 2>&1
if grep -qi "subject" o.out && grep -Eq "[0-9]+" o.out && [ "$(wc -l <o.out)" -gt 5 ]; then ok "glasstls x509 --offsets gives byte ranges"; else bad "x509 --offsets" o.out; fi

# verify
"$G" verify --ca ca.pem --purpose client leaf.pem >v.out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "^OK" v.out; then ok "glasstls verify accepts an openssl chain for clientAuth"; else bad "verify OK (rc $rc)" v.out; fi
"$G" verify --ca ca.pem --purpose server leaf.pem >v2.out 2>&1; rc=$?
if [ $rc = 1 ] && grep -qi "serverAuth\|extKeyUsage\|purpose" v2.out; then ok "glasstls verify refuses a clientAuth-only certificate for serverAuth, saying why"; else bad "verify wrong purpose (rc $rc)" v2.out; fi
"$G" verify --ca ca.pem --purpose client --at 2099-01-01T00:00:00Z leaf.pem >v3.out 2>&1; rc=$?
if [ $rc = 1 ] && grep -q "expired" v3.out; then ok "glasstls verify --at in the future: expired, with the date"; else bad "verify --at (rc $rc)" v3.out; fi
"$G" verify --ca leaf.pem --purpose client ca.pem >v4.out 2>&1; rc=$?
if [ $rc = 1 ]; then ok "glasstls verify refuses a chain that does not reach the given CA"; else bad "verify unknown CA (rc $rc)" v4.out; fi

end=$(date -u -d "$(openssl x509 -enddate -noout -in leaf.pem | cut -d= -f2)" +%Y-%m-%dT%H:%M:%S)
"$G" verify --ca ca.pem --purpose client --at "${end}.000Z" leaf.pem >v5.out 2>&1; rc5=$?
"$G" verify --ca ca.pem --purpose client --at "${end}.25Z" leaf.pem >v6.out 2>&1; rc6=$?
"$G" verify --ca ca.pem --purpose client --at "$(date -u -d "$end" +%Y-%m-%dT%H):$(date -u -d "$end" +%M:%S).1-00:00" leaf.pem >>v6.out 2>&1; rc7=$?
if [ $rc5 = 0 ] && [ $rc6 = 1 ] && [ $rc7 = 1 ] && grep -q "expired" v6.out; then ok "glasstls verify --at: fractions and offsets, valid at notAfter, expired just after"; else bad "verify --at fractions ($rc5 $rc6 $rc7)" v6.out; fi
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout srv.key -out srv.csr -subj "/CN=other.example"
printf 'extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\nsubjectAltName=DNS:server.example\n' >srv.cnf
q openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 10 -extfile srv.cnf -out srv.pem
"$G" verify --ca ca.pem --name server.example srv.pem >v7.out 2>&1; rc7=$?
"$G" verify --ca ca.pem --name server.example --profile strict srv.pem >v8.out 2>&1; rc8=$?
if [ $rc7 = 0 ] && [ $rc8 = 1 ] && grep -q "BR 7.1.4.3, strict profile" v8.out; then ok "glasstls verify --profile strict refuses a CN that is not a SAN; default accepts it"; else bad "verify --profile ($rc7 $rc8)" v8.out; fi
# The same certificate served by glasstls server (127.0.0.1, port 0, bounded waits):
# our client accepts it by default and refuses it with --profile strict.
"$G" server --port 0 --cert srv.pem --key srv.key --verify none --max-connections 2 --timeout 10 >srv.log 2>&1 &
SRV=$!
PORT=
for _ in $(seq 100); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' srv.log | cut -d: -f2); [ -n "$PORT" ] && break; sleep 0.1; done
echo | timeout 20 "$G" client 127.0.0.1:"$PORT" --name server.example --ca ca.pem --timeout 10 >c1.out 2>&1; rc1=$?
echo | timeout 20 "$G" client 127.0.0.1:"$PORT" --name server.example --ca ca.pem --timeout 10 --profile strict >c2.out 2>&1; rc2=$?
kill $SRV 2>/dev/null; wait $SRV 2>/dev/null
if [ -n "$PORT" ] && [ $rc1 = 0 ] && [ $rc2 != 0 ] && grep -q "BR 7.1.4.3, strict profile" c2.out; then ok "glasstls client --profile strict refuses the server the default profile accepts"; else cat c1.out srv.log >>c2.out; bad "client --profile ($rc1 $rc2)" c2.out; fi
"$G" verify --ca ca.pem --profile lenient srv.pem >v9.out 2>&1; rc9=$?
if [ $rc9 = 2 ] && grep -q "default or strict" v9.out; then ok "glasstls verify --profile takes default or strict (else a usage error, exit 2)"; else bad "verify --profile bad ($rc9)" v9.out; fi

# p12 doctor on openssl's files
q openssl pkcs12 -export -inkey leaf.key -in leaf.pem -certfile ca.pem -out modern.p12 -passout pass:pw
q openssl pkcs12 -export -legacy -inkey leaf.key -in leaf.pem -certfile ca.pem -out legacy.p12 -passout pass:pw
"$G" p12 modern.p12 --pass pass:pw >p.out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "MAC: HMAC-SHA-256" p.out && grep -q "matched by localKeyID and public key" p.out && grep -q "AES-256-CBC" p.out; then ok "glasstls p12 explains an OpenSSL 3 default .p12"; else bad "p12 modern (rc $rc)" p.out; fi
"$G" p12 legacy.p12 --pass pass:pw >p2.out 2>&1; rc=$?
if [ $rc = 0 ] && grep -q "RC2" p2.out && grep -q "3-KeyTripleDES" p2.out; then ok "glasstls p12 explains an openssl -legacy .p12 (RC2-40 certificates, 3DES key)"; else bad "p12 legacy (rc $rc)" p2.out; fi
"$G" p12 modern.p12 --pass pass:wrong --show-secrets >p3.out 2>&1; rc=$?
if [ $rc != 0 ] && grep -q "wrong password (MAC verification failed)" p3.out && ! grep -q "PRIVATE KEY" p3.out && \
   grep -q "^likely cause: wrong password for the .p12 file" p3.out; then ok "glasstls p12 with a wrong password: the MAC error and no partial output"; else bad "p12 wrong password (rc $rc)" p3.out; fi
"$G" p12 modern.p12 --pass pass:pw --export re.p12 --profile legacy >p4.out 2>&1
if openssl pkcs12 -legacy -in re.p12 -passin pass:pw -nokeys 2>/dev/null | grep -q "client one"; then ok "glasstls p12 --export --profile legacy is read by openssl -legacy"; else bad "p12 export legacy" p4.out; fi

# p12 doctor: names escaped, OIDs named, OpenSSL 3's verdict, usability as a client identity
if grep -q "localKeyID (1.2.840.113549.1.9.21)" p.out && grep -q "pkcs8ShroudedKeyBag (1.2.840.113549.1.12.10.1.2)" p.out && \
   grep -q "authSafe: data (1.2.840.113549.1.7.1)" p.out && grep -q "OpenSSL 3 (default provider, no -legacy): reads this file" p.out; then ok "glasstls p12 names every OID it shows and says OpenSSL 3 reads a default file"; else bad "p12 OIDs" p.out; fi
if grep -q "OpenSSL 3 (default provider, no -legacy): REFUSES this file" p2.out && \
   grep -q "refused: safe #1 is encrypted with pbeWithSHAAnd40BitRC2-CBC.*RC2-40-CBC is only in OpenSSL 3's legacy provider" p2.out && \
   ! grep -q "refused: .*3-KeyTripleDES" p2.out; then ok "glasstls p12 says exactly why OpenSSL 3 refuses an -legacy file (RC2-40, not the 3DES key)"; else bad "p12 legacy verdict" p2.out; fi
if grep -q "key #1: usable (key matches, clientAuth allowed" p.out; then ok "glasstls p12: a clientAuth identity is usable as a client identity"; else bad "p12 usable" p.out; fi
q openssl pkcs12 -export -nomaciter -macalg sha1 -inkey srv.key -in srv.pem -name "$(printf 'evil\033[31mred\tname')" -out odd.p12 -passout pass:pw
"$G" p12 odd.p12 --pass pass:pw --ca leaf.pem >p5.out 2>&1
if grep -qF 'friendlyName (1.2.840.113549.1.9.20): evil\x1b[31mred\x09name' p5.out && ! grep -q "$(printf '\033')" p5.out && \
   grep -q "weak: the MAC is HMAC-SHA-1 with a key from 1 iteration(s) (openssl -nomaciter)" p5.out && grep -q "key #1: NOT usable" p5.out && \
   grep -q "its extendedKeyUsage lists serverAuth but not clientAuth" p5.out && grep -q "not among the given CAs" p5.out && \
   grep -q "^likely cause (when a server refuses this identity): its extendedKeyUsage lists serverAuth but not clientAuth" p5.out; then
  ok "glasstls p12: control characters escaped, a 1-iteration SHA-1 MAC called weak, a serverAuth key with a foreign --ca is not a client identity"; else bad "p12 odd" p5.out; fi

"$G" pki --out pr --pass pass:pw >/dev/null 2>&1; "$G" pki --out pr --revoke pr/client.pem >/dev/null 2>&1
"$G" p12 pr/client.p12 --pass pass:pw --ca pr/ca.pem >p6.out 2>&1; rc6=$?
"$G" p12 pr/client.p12 --pass pass:pw --ca pr/ca.pem --crl pr/crl.pem >p7.out 2>&1; rc7=$?
if [ $rc6 = 0 ] && [ $rc7 = 0 ] && grep -q "key #1: usable .*chain ends at a CA in pr/ca.pem" p6.out && grep -q "key #1: NOT usable" p7.out && \
   grep -q "revoked: the CRL of CN=glasstls Test CA [0-9a-f]*,O=glasstls lists its serial .*keyCompromise" p7.out; then
  ok "glasstls p12 --ca --crl: usable for a server trusting the CA, not once the CRL lists it"; else cat p6.out >>p7.out; bad "p12 --crl" p7.out; fi

# openssl reading what glasstls pki writes
"$G" pki --out pki --pass pass:s3cret >k.out 2>&1
if openssl pkcs12 -in pki/client.p12 -info -noout -passin pass:s3cret >k2.out 2>&1 && openssl verify -CAfile pki/ca.pem pki/server.pem >>k2.out 2>&1 && \
   openssl verify -CAfile pki/ca.pem -purpose sslclient pki/client.pem >>k2.out 2>&1; then ok "openssl pkcs12 -info and openssl verify accept what glasstls pki writes"; else bad "pki read by openssl" k2.out; fi

"$G" pki --out pkir --key-type rsa --pass pass:s3cret >kr.out 2>&1
openssl x509 -in pkir/server.pem -noout -ext keyUsage >kr2.out 2>&1
openssl x509 -in pkir/client.pem -noout -ext keyUsage >kr3.out 2>&1
if grep -q "Digital Signature, Key Encipherment" kr2.out && ! grep -q "Key Encipherment" kr3.out && \
   "$G" verify --ca pkir/ca.pem --profile strict --name localhost pkir/server.pem >>kr2.out 2>&1 && \
   "$G" verify --ca pkir/ca.pem --profile strict --purpose client pkir/client.pem >>kr2.out 2>&1; then ok "glasstls pki --key-type rsa: the server can encipher keys, both pass --profile strict"; else bad "pki rsa keyUsage" kr2.out; fi

# exit status: 0 success, 1 negative verdict, 2 usage error (CLI11's own errors included)
usage_rcs=""
for args in "verify --no-such-option x leaf.pem" "verify leaf.pem" "client --bogus 127.0.0.1:1" "client" \
            "p12" "x509" "pki --key-type dsa --out never" "client 127.0.0.1:1 --send-cert sometimes" \
            "conform 127.0.0.1:1 --send-cert sometimes" "no-such-command"; do
  "$G" $args >eu.out 2>&1; usage_rcs="$usage_rcs $?"
done
"$G" verify --ca ca.pem --purpose server leaf.pem >ev.out 2>&1; verdict_rc=$?
"$G" --help >eh.out 2>&1; help_rc=$?
"$G" verify --help >>eh.out 2>&1
if [ "$usage_rcs" = " 2 2 2 2 2 2 2 2 2 2" ] && [ $verdict_rc = 1 ] && [ $help_rc = 0 ] && \
   [ "$(grep -c "Exit status: 0 success; 1 a negative verdict" eh.out)" = 2 ]; then ok "exit status: 2 for unknown, missing and bad options on every command, 1 for a failed verify, documented in --help"; else echo "usage:$usage_rcs verdict:$verdict_rc help:$help_rc" >>eh.out; bad "exit status" eh.out; fi

# pki --name / --seed: a word in every subject, the .p12 password shown
subj() { openssl x509 -in "$1" -noout -subject -nameopt RFC2253 | sed 's/^subject=//'; }
"$G" pki --out n1 --seed 5 >n1.out 2>&1; "$G" pki --out n2 --seed 5 >n2.out 2>&1; "$G" pki --out n3 --seed 6 >n3.out 2>&1
"$G" pki --out n4 --name blue --pass pass:pw4 >n4.out 2>&1
"$G" pki --out n5 --name 'a,b' >n5.out 2>&1; rc5=$?
{ subj n1/ca.pem; subj n2/ca.pem; subj n3/ca.pem; subj n4/ca.pem; subj n4/server.pem; subj n4/client.pem; cat n1.out n4.out n5.out; } >n.out
k1=$(openssl x509 -in n1/ca.pem -noout -pubkey); k2=$(openssl x509 -in n2/ca.pem -noout -pubkey)
if grep -Eq "^CN=glasstls Test CA [0-9a-f]{6},O=glasstls$" n.out && [ "$(subj n1/ca.pem)" = "$(subj n2/ca.pem)" ] && \
   [ "$(subj n1/ca.pem)" != "$(subj n3/ca.pem)" ] && [ "$k1" = "$k2" ] && \
   grep -q "^CN=glasstls Test CA blue,O=glasstls$" n.out && grep -q "^CN=localhost,O=glasstls blue$" n.out && \
   grep -q "^CN=glasstls test client blue,O=glasstls$" n.out && grep -q "client.p12 password: glasstls$" n1.out && \
   grep -q "client.p12 password: pw4$" n4.out && [ $rc5 = 2 ] && \
   "$G" verify --ca n4/ca.pem --name localhost --profile strict n4/server.pem >>n.out 2>&1; then ok "pki --name puts the word in every subject, --seed makes the tag and keys reproducible, the password is shown"; else bad "pki --name/--seed" n.out; fi

# client --send-cert: the server names only its own CA; our certificate (from the
# openssl "Test Root" above) is not under it.
"$G" pki --out sc --pass pass:pw >/dev/null 2>&1
cat leaf.pem ca.pem >leafchain.pem
for mode in auto always never; do
  serve sc-$mode.srv --cert sc/server.pem --key sc/server.key --ca sc/ca.pem --verify require
  printf 'hi\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca sc/ca.pem --cert leafchain.pem \
    --key leaf.key --send-cert $mode --explain >sc-$mode.out 2>&1
  echo "rc=$?" >>sc-$mode.out
  reap; cat sc-$mode.srv >>sc-$mode.out
done
if grep -q "empty Certificate is sent (rule --send-cert auto)" sc-auto.out && grep -q "curl and OpenSSL would send CN=client one" sc-auto.out && \
   grep -q "certificate_required" sc-auto.out && grep -q "rc=1" sc-auto.out; then ok "client --send-cert auto: no certificate when the CA names miss, and says what curl/OpenSSL would send"; else bad "send-cert auto" sc-auto.out; fi
if grep -q "sending CN=client one.*by rule --send-cert always, although its chain does not reach" sc-always.out && \
   grep -q "unknown_ca" sc-always.out && grep -q "rc=1" sc-always.out; then ok "client --send-cert always: sends the chain anyway; the server refuses it as unknown_ca"; else bad "send-cert always" sc-always.out; fi
if grep -q "rule --send-cert never: an empty Certificate is sent" sc-never.out && grep -q "certificate_required" sc-never.out; then ok "client --send-cert never: an empty Certificate"; else bad "send-cert never" sc-never.out; fi

serve cf.srv --cert sc/server.pem --key sc/server.key --ca sc/ca.pem --verify require
timeout 30 "$G" conform "127.0.0.1:$port" --name localhost --ca sc/ca.pem --p12 sc/client.p12 --pass pass:pw \
  --send-cert never --explain client-cert.valid.tls1.3 >cf.out 2>&1; echo "rc=$?" >>cf.out
reap
if grep -q "note .*rule --send-cert never: an empty Certificate is sent; curl and OpenSSL would send CN=glasstls test client" cf.out && \
   grep -q "verdict: FAIL" cf.out && grep -q "rc=1" cf.out; then ok "conform --send-cert never: the probe's client sends an empty Certificate, and says so"; else bad "conform --send-cert never" cf.out; fi
# client diagnoses of a refused client certificate, each from a broken setup
cat srv.pem ca.pem >srvchain.pem   # EKU serverAuth only, from Test Root
serve dg-eku.srv --cert sc/server.pem --key sc/server.key --ca ca.pem --verify require
printf 'hi\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca sc/ca.pem --cert srvchain.pem --key srv.key >dg-eku.out 2>&1
reap; cat dg-eku.srv >>dg-eku.out
if grep -q "likely cause: wrong extendedKeyUsage: our certificate CN=other.example is not allowed for client authentication: its extendedKeyUsage lists serverAuth but not clientAuth" dg-eku.out; then ok "client diagnosis: a certificate without the clientAuth EKU is named as the cause"; else bad "diagnosis wrong EKU" dg-eku.out; fi
q openssl req -newkey rsa:2048 -nodes -keyout ku.key -out ku.csr -subj "/O=Tests/CN=no signing"
printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,keyEncipherment\n' >ku.cnf
q openssl x509 -req -in ku.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 10 -extfile ku.cnf -out ku.pem
cat ku.pem ca.pem >kuchain.pem
serve dg-ku.srv --cert sc/server.pem --key sc/server.key --ca ca.pem --verify require
printf 'hi\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca sc/ca.pem --cert kuchain.pem --key ku.key >dg-ku.out 2>&1
reap; cat dg-ku.srv >>dg-ku.out
if grep -q "likely cause: our certificate CN=no signing,O=Tests has a keyUsage without digitalSignature" dg-ku.out; then ok "client diagnosis: a keyUsage without digitalSignature is named as the cause"; else bad "diagnosis keyUsage" dg-ku.out; fi
"$G" pki --out same-a --name same --seed 1 >/dev/null 2>&1; "$G" pki --out same-b --name same --seed 2 >/dev/null 2>&1
serve dg-same.srv --cert same-a/server.pem --key same-a/server.key --ca same-a/ca.pem --verify require
printf 'hi\n' | timeout 20 "$G" client "127.0.0.1:$port" --name localhost --ca same-a/ca.pem --p12 same-b/client.p12 --pass pass:glasstls >dg-same.out 2>&1
reap; cat dg-same.srv >>dg-same.out
if grep -q "likely cause: same-name CA with a different key: the server trusts a CA named CN=glasstls Test CA same,O=glasstls but our chain was refused" dg-same.out && \
   grep -q "confirmed: the CA certificate named CN=glasstls Test CA same,O=glasstls that we know" dg-same.out; then ok "client diagnosis: a same-name CA with a different key is named and confirmed by key"; else bad "diagnosis same-name CA" dg-same.out; fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
