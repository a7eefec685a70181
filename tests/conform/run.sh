#!/usr/bin/env bash
# `glasstls conform` against servers that require a client certificate:
# openssl s_server, gnutls-serv, glasstls server, Apache httpd and nginx, each on 127.0.0.1 with a free
# port, bounded by `timeout`, stopped on exit. Each server's verdicts are compared
# with the expected table next to this script (expected_<server>.txt), where every
# FAIL of a reference server carries a comment saying what it does and what the
# RFC says. Our own server must pass every probe. Two more openssl setups check
# that conform blames the right side: a server trusting another client CA than
# ours (the probes our identity explains are INCONCLUSIVE, with the preflight's
# reason), a server that accepts any certificate (its bad-certificate rows FAIL) and one
# that requests a certificate without requiring it (its no-certificate rows FAIL).
# nginx finishes the handshake and refuses at the application layer: conform sends
# the same request as a valid-certificate baseline and judges the answers (a 400
# is a refusal; the baseline's 200 after a bad certificate is a FAIL).
# Usage: run.sh GLASSTLS_BINARY
set -u
G=${1:?usage: run.sh path/to/glasstls}
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
pass=0 fail=0
ok() { echo "PASS conform: $1"; pass=$((pass+1)); }
bad() { echo "FAIL conform: $1"; [ -n "${2:-}" ] && sed 's/^/  | /' "$2" | tail -40; fail=$((fail+1)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 50); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# --- a test PKI with the CA key (the probes issue expired and chained certificates) ---
P=$W/pki; mkdir -p $P
(
  set -e; cd $P
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key
  openssl req -x509 -new -key ca.key -sha256 -days 2 -subj "/O=conform test/CN=Conform Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
  for who in server client; do
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $who.key
    if [ $who = server ]; then
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >$who.ext
    else
      printf 'extendedKeyUsage=clientAuth\n' >$who.ext
    fi
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n' >>$who.ext
    openssl req -new -key $who.key -subj "/O=conform test/CN=conform $who" -out $who.csr
    openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -sha256 \
      -extfile $who.ext -out $who.pem
  done
  openssl pkcs12 -export -inkey client.key -in client.pem -passout pass:secret -out client.p12
  # Another CA, for a server that trusts other clients than ours.
  openssl ecparam -name prime256v1 -genkey -noout -out other.key
  openssl req -x509 -new -key other.key -sha256 -days 2 -subj "/O=conform test/CN=Other Client CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out other.pem
) >$W/pki.log 2>&1 || { bad "test PKI (openssl)" $W/pki.log; exit 1; }

# Compares the JSON verdicts with expected_<name>.txt ("probe VERDICT  # why").
compare() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
got = {p["name"]: p for p in json.load(open(sys.argv[1]))["probes"]}
want = {}
for line in open(sys.argv[2]):
    line = line.split("#", 1)[0].strip()
    if line:
        name, verdict = line.split()
        want[name] = verdict
bad = 0
for name, p in got.items():
    if name not in want:
        print(f"  {name}: {p['verdict']} ({p['server_did']}) is not in the expected table"); bad += 1
    elif want[name] != p["verdict"]:
        print(f"  {name}: expected {want[name]}, got {p['verdict']}: {p['why']} | {p['detail']}"); bad += 1
for name in want:
    if name not in got:
        print(f"  {name}: in the expected table but not run"); bad += 1
sys.exit(1 if bad else 0)
EOF
}

# run_conform NAME PORT EXPECTED_RC ARGS... (identity and CA options); VALID is the
# verdict expected for client-cert.valid.tls1.3 (default PASS).
run_conform() {
  local name=$1 port=$2 want_rc=$3; shift 3
  local out=$W/$name.out
  local t0=$SECONDS
  timeout 90 "$G" conform 127.0.0.1:$port "$@" --json $W/$name.json >$out 2>&1
  local rc=$?
  if [ $rc != "$want_rc" ]; then bad "$name: conform exit status $rc, expected $want_rc" $out; return; fi
  if ! grep -q "^client-cert.valid.tls1.3 .*${VALID:-PASS}" $out; then bad "$name: table lacks the valid-certificate row" $out; return; fi
  if compare $W/$name.json "$HERE/expected_$name.txt" >$W/$name.cmp 2>&1; then
    ok "$name: every verdict matches expected_$name.txt ($((SECONDS - t0)) s; $(grep -o '[0-9]* pass, [0-9]* fail, [0-9]* warn' $out))"
  else
    bad "$name: verdicts differ from expected_$name.txt" $W/$name.cmp
  fi
}

# --- openssl s_server: TLS 1.3 and 1.2, client certificate required and verified -------
port=$(free_port)
timeout 120 openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key \
  -CAfile $P/ca.pem -Verify 1 -verify_return_error -www >$W/openssl.log 2>&1 &
pids+=($!); wait_port $port
# --skip protocol.key-update-flood: s_server -www sleeps a second after each record that
# brings no data, so a flood keeps it busy for minutes (checked on its own below).
run_conform openssl $port 0 --cert $P/client.pem --key $P/client.key \
  --server-ca $P/ca.pem --client-ca $P/ca.pem --client-ca-key $P/ca.key --skip protocol.key-update-flood

# The JSON is one document with a row per probe; the table names the client-auth demands.
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["pass"] > 20 and d["client_auth"]' $W/openssl.json 2>/dev/null &&
   grep -q "without a certificate (tls1.3): the server refuses" $W/openssl.out; then
  ok "openssl: JSON report parses; the table says the server requires a certificate"
else bad "openssl: JSON / client-auth summary" $W/openssl.out; fi

# --explain replays one probe step by step and ends with the verdict.
out=$W/explain.out
timeout 30 "$G" conform 127.0.0.1:$port --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --explain client-cert.cv-wrong-key >$out 2>&1
if grep -q "CertificateVerify" $out && grep -q "verdict: PASS" $out && grep -qi "decrypt_error" $out; then
  ok "openssl: --explain client-cert.cv-wrong-key narrates the exchange and the decrypt_error"
else bad "--explain client-cert.cv-wrong-key" $out; fi

# --bisect: a valid certificate is accepted; the smallest change that flips it is
# sending none (the server requires one).
out=$W/bisect.out
timeout 60 "$G" conform 127.0.0.1:$port --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --bisect >$out 2>&1
if grep -q "^baseline .*: accepted" $out && grep -q "smallest change that flips the verdict: no client certificate" $out; then
  ok "openssl: --bisect finds that dropping the certificate flips acceptance"
else bad "--bisect against openssl" $out; fi
kill "${pids[-1]}" 2>/dev/null

# --- openssl s_server -www and a KeyUpdate flood: one second per record, no answer in time ----
# 64 KeyUpdate(update_requested) then the request: s_server answers once it has slept
# through every KeyUpdate record, long after --timeout: FAIL, no answer, no alert, no close.
port=$(free_port)
timeout 120 openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key \
  -CAfile $P/ca.pem -Verify 1 -verify_return_error -www >$W/openssl-flood.log 2>&1 &
pids+=($!); wait_port $port
out=$W/openssl-flood.out
timeout 30 "$G" conform 127.0.0.1:$port --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only protocol.key-update-flood.64 --timeout 1000 >$out 2>&1
rc=$?
if [ $rc = 1 ] && grep -q "^protocol.key-update-flood.64 .*FAIL" $out &&
   grep -q "no answer, no alert and no close within" $out; then
  ok "openssl -www: 64 KeyUpdates leave no answer within --timeout (FAIL, bounded wait)"
else bad "openssl -www KeyUpdate flood (rc $rc)" $out; fi
kill "${pids[-1]}" 2>/dev/null

# --- openssl s_server trusting another client CA: our identity cannot be judged -----------
# The preflight sees the CertificateRequest name "Other Client CA"; every probe whose
# outcome that explains is INCONCLUSIVE with the preflight's reason, never PASS or FAIL.
port=$(free_port)
timeout 120 openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key \
  -CAfile $P/other.pem -Verify 1 -verify_return_error -www >$W/openssl-wrong-ca.log 2>&1 &
pids+=($!); wait_port $port
VALID=INCONCLUSIVE run_conform openssl-wrong-ca $port 0 --cert $P/client.pem --key $P/client.key \
  --server-ca $P/ca.pem --client-ca $P/ca.pem --client-ca-key $P/ca.key
if grep -q "FAIL  server CA  the server names CN=Other Client CA" $W/openssl-wrong-ca.out &&
   python3 - $W/openssl-wrong-ca.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["name"]: x for x in d["probes"]}
assert d["preflight"]["usable"] is False
v = p["client-cert.valid.tls1.3"]
assert "our identity is not usable here (server CA:" in v["why"], v["why"]
assert v["sent"].startswith("empty Certificate"), v["sent"]
e = p["client-cert.expired"]
assert "not the client CA CN=Conform Test CA" in e["why"], e["why"]
assert d["summary"]["inconclusive"] > 10
EOF
then ok "openssl trusting another CA: the preflight's reason is on the INCONCLUSIVE rows, 'sent:' says what went"
else bad "openssl trusting another CA: preflight / INCONCLUSIVE reasons" $W/openssl-wrong-ca.out; fi
# Only INCONCLUSIVE rows: nothing could be tested, exit status 2.
out=$W/only-inconclusive.out
timeout 30 "$G" conform 127.0.0.1:$port --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only client-cert.valid >$out 2>&1
rc=$?
if [ $rc = 2 ] && grep -q "0 pass, 0 fail, 0 warn, 0 info, 0 skipped, 2 inconclusive" $out; then
  ok "openssl trusting another CA: only INCONCLUSIVE rows give exit status 2"
else bad "only INCONCLUSIVE rows (rc $rc, expected 2)" $out; fi
kill "${pids[-1]}" 2>/dev/null

# --- openssl s_server -Verify without -verify_return_error: accepts any certificate -------
# It refuses an empty Certificate but continues after an unknown-CA, expired or badly
# signed one and answers as to a valid one: those rows FAIL ("accepts any client
# certificate") and the exit status is 1.
port=$(free_port)
timeout 120 openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key \
  -CAfile $P/ca.pem -Verify 3 -www >$W/openssl-accept-any.log 2>&1 &
pids+=($!); wait_port $port
run_conform openssl-accept-any $port 1 --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --ca-key $P/ca.key --skip protocol.key-update-flood
if grep -A1 "^client-cert.unknown-ca.tls1.3 .*FAIL" $W/openssl-accept-any.out | grep -q "accepts any client certificate: answered \"HTTP/1.0 200 ok\" after this certificate"; then
  ok "openssl accepting any certificate: unknown-CA row FAILs with the reason"
else bad "openssl accepting any certificate: unknown-CA row" $W/openssl-accept-any.out; fi
kill "${pids[-1]}" 2>/dev/null

# --- openssl s_server -verify (lowercase) -verify_return_error: requests, does not require --
# It asks for a certificate and refuses a bad one, but continues without one: the none
# rows complete and are answered as a valid certificate is (FAIL, explained in the table).
port=$(free_port)
timeout 120 openssl s_server -accept 127.0.0.1:$port -cert $P/server.pem -key $P/server.key \
  -CAfile $P/ca.pem -verify 1 -verify_return_error -www >$W/openssl-optional.log 2>&1 &
pids+=($!); wait_port $port
run_conform openssl-optional $port 1 --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --client-ca-key $P/ca.key --skip protocol.key-update-flood
if grep -A1 "^client-cert.none.tls1.3 .*FAIL" $W/openssl-optional.out | grep -q "without a certificate, the same as to a valid certificate" &&
   grep -q "^client-cert.unknown-ca.tls1.3 .*PASS" $W/openssl-optional.out; then
  ok "openssl requesting without requiring: no certificate is served like a valid one (FAIL), a bad one is refused"
else bad "openssl requesting without requiring: none / unknown-CA rows" $W/openssl-optional.out; fi
kill "${pids[-1]}" 2>/dev/null

# --- nginx: completes the handshake, refuses at the application layer ---------------------
# nginx_conf NAME PORT VERIFY: a config of its own in $W/NAME (pid, logs and temp paths
# there), serving "ok" on / . With `ssl_verify_client on` nginx finishes the handshake
# with no, an unknown-CA, an expired or a badly signed certificate and answers
# "400 Bad Request": conform judges that answer against the valid-certificate baseline
# (PASS, refused at the application layer). With `optional_no_ca` it serves the page
# whatever certificate came: FAIL, accepts any client certificate.
nginx_conf() {
  local d=$W/$1; mkdir -p $d/tmp
  cat >$d/nginx.conf <<NGX
worker_processes 1;
pid $d/nginx.pid;
error_log $d/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $d/tmp/body; proxy_temp_path $d/tmp/proxy;
  fastcgi_temp_path $d/tmp/fcgi; uwsgi_temp_path $d/tmp/uwsgi; scgi_temp_path $d/tmp/scgi;
  server {
    listen 127.0.0.1:$2 ssl;
    ssl_certificate $P/server.pem;
    ssl_certificate_key $P/server.key;
    ssl_client_certificate $P/ca.pem;
    ssl_verify_client $3;
    ssl_verify_depth 3;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / { return 200 "ok\\n"; }
  }
}
NGX
}
if ! command -v nginx >/dev/null; then
  bad "nginx is not installed (scripts/setup.sh installs nginx-light)"
else
  for setup in "nginx on 0" "nginx-optional optional_no_ca 1"; do
    set -- $setup
    port=$(free_port); nginx_conf $1 $port $2
    timeout 120 nginx -e $W/$1/error.log -c $W/$1/nginx.conf -p $W/$1 -g 'daemon off;' >$W/$1.log 2>&1 &
    pids+=($!)
    if ! wait_port $port; then bad "$1 did not start" $W/$1/error.log; continue; fi
    run_conform $1 $port $3 --cert $P/client.pem --key $P/client.key --ca $P/ca.pem --client-ca-key $P/ca.key
    kill "${pids[-1]}" 2>/dev/null
  done
  if python3 - $W/nginx.json $W/nginx-optional.json <<'EOF2'
import json, sys
on, opt = (json.load(open(f)) for f in sys.argv[1:3])
for d in on, opt:
    assert d["answers"]["baseline"]["status"] == "HTTP/1.1 200 OK", d["answers"]
    assert d["answers"]["request"].startswith("GET / HTTP/1.1\r\nHost: 127.0.0.1:"), d["answers"]
p = {x["name"]: x for x in on["probes"]}
for n in ("client-cert.none.tls1.3", "client-cert.unknown-ca.tls1.3", "client-cert.expired", "client-cert.bad-signature"):
    assert p[n]["why"].startswith("refused at the application layer"), (n, p[n]["why"])
    assert p[n]["answer"]["status"] == "HTTP/1.1 400 Bad Request", (n, p[n]["answer"])
    assert p[n]["answer"]["first_bytes"].startswith("HTTP/1.1 400 Bad Request\\r\\n"), p[n]["answer"]
q = {x["name"]: x for x in opt["probes"]}
for n in ("client-cert.none.tls1.3", "client-cert.unknown-ca.tls1.3", "client-cert.chain.incomplete"):
    assert q[n]["verdict"] == "FAIL" and q[n]["severity"] == "accepts any client certificate", (n, q[n])
EOF2
  then ok "nginx: 400 after a bad certificate is refused at the application layer; 200 (optional_no_ca) accepts any client certificate"
  else bad "nginx: application-layer verdicts in the JSON" $W/nginx.out; fi
fi

# --- Apache httpd (mod_ssl) with SSLVerifyClient require: refuses in the handshake -------
# Its own config in $W/apache (pid, logs, runtime dir there), no document (the baseline
# answer is a 404: the answers only need to be comparable). Every bad certificate is
# refused with an alert in the handshake: no FAIL. OpenSSL under it answers a bad CA
# signature with decrypt_error: WARN with RFC 8446 6.2's words, not FAIL.
if ! command -v apache2 >/dev/null && [ ! -x /usr/sbin/apache2 ]; then
  bad "apache2 is not installed (scripts/setup.sh installs apache2-bin)"
else
  d=$W/apache; mkdir -p $d/docs; port=$(free_port); M=/usr/lib/apache2/modules
  user=; [ "$(id -u)" = 0 ] && user="User nobody
Group nogroup"
  cat >$d/httpd.conf <<APC
ServerRoot $d
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule ssl_module $M/mod_ssl.so
ServerName localhost
PidFile $d/httpd.pid
DefaultRuntimeDir $d
ErrorLog $d/error.log
$user
Listen 127.0.0.1:$port
DocumentRoot $d/docs
SSLSessionCache none
<VirtualHost 127.0.0.1:$port>
  SSLEngine on
  SSLCertificateFile $P/server.pem
  SSLCertificateKeyFile $P/server.key
  SSLCACertificateFile $P/ca.pem
  SSLVerifyClient require
  SSLVerifyDepth 3
  SSLProtocol -all +TLSv1.2 +TLSv1.3
</VirtualHost>
APC
  timeout 120 /usr/sbin/apache2 -f $d/httpd.conf -DFOREGROUND >$W/apache.log 2>&1 &
  pids+=($!)
  if ! wait_port $port; then bad "apache2 did not start" $d/error.log; else
    run_conform apache $port 0 --cert $P/client.pem --key $P/client.key --ca $P/ca.pem --client-ca-key $P/ca.key
    if grep -A1 "^client-cert.bad-signature .*WARN" $W/apache.out | grep -q "unable to correctly verify a signature"; then
      ok "apache: decrypt_error for a bad CA signature is WARN with RFC 8446 6.2's words"
    else bad "apache: bad-signature row" $W/apache.out; fi
  fi
  kill "${pids[-1]}" 2>/dev/null
fi

# --- gnutls-serv: certificate required and verified -----------------------------------
port=$(free_port)
timeout 120 gnutls-serv --port $port --x509certfile $P/server.pem --x509keyfile $P/server.key \
  --x509cafile $P/ca.pem --require-client-cert --verify-client-cert --http >$W/gnutls.log 2>&1 &
pids+=($!); wait_port $port
run_conform gnutls $port 1 --p12 $P/client.p12 --pass pass:secret --ca $P/ca.pem --ca-key $P/ca.key
kill "${pids[-1]}" 2>/dev/null

# --- glasstls server --verify require: must pass every probe -----------------------------
LOG=$W/glasstls.log
timeout 120 "$G" server --port 0 --cert $P/server.pem --key $P/server.key --ca $P/ca.pem \
  --verify require --timeout 5 >$LOG 2>&1 &
pids+=($!)
PORT=
for _ in $(seq 50); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' $LOG | cut -d: -f2); [ -n "$PORT" ] && break; sleep 0.1; done
if [ -z "$PORT" ]; then bad "glasstls server did not start" $LOG; else
  run_conform glasstls $PORT 0 --cert $P/client.pem --key $P/client.key --ca $P/ca.pem --ca-key $P/ca.key
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["fail"] == 0 and d["summary"]["warn"] == 0' $W/glasstls.json 2>/dev/null; then
    ok "glasstls server: no FAIL and no WARN"
  else bad "glasstls server: not every probe passes" $W/glasstls.out; fi
fi

# Post-handshake authentication: glasstls server asks for a certificate on GET /pha when the
# client offered post_handshake_auth, and never when it did not. Refusals come with an alert.
out=$W/pha.out
timeout 30 "$G" conform 127.0.0.1:$PORT --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only protocol.post-handshake-auth --request 'GET /pha HTTP/1.0\r\n\r\n' >$out 2>&1
rc=$?
if [ $rc = 0 ] && grep -q "^protocol.post-handshake-auth.not-offered .*PASS" $out &&
   grep -A1 "^protocol.post-handshake-auth.offered .*INFO" $out | grep -q "used post-handshake authentication: 1 CertificateRequest" &&
   grep -q "^refusals: [1-9][0-9]* with an alert before the close, 0 closed without one" $W/glasstls.out; then
  ok "glasstls server: post-handshake auth used on GET /pha only when offered; every refusal with an alert"
else bad "post-handshake auth rows / refusals line (rc $rc)" $out; fi

# Without --ca-key the probes that need it say so (SKIP), they do not vanish.
out=$W/skip.out
timeout 30 "$G" conform 127.0.0.1:$PORT --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only client-cert.expired >$out 2>&1
if grep -q "client-cert.expired .*SKIP" $out && grep -q "needs the client CA's private key" $out; then
  ok "without --client-ca-key: client-cert.expired is SKIP with the reason"
else bad "SKIP without --ca-key" $out; fi

# --request: what each probe sends (glasstls server echoes it); an unreadable @FILE is a
# usage error; --no-request sends nothing and compares no answers.
out=$W/request.out
timeout 30 "$G" conform 127.0.0.1:$PORT --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only client-cert.valid.tls1.3 --request 'PING\r\n' >$out 2>&1
rc1=$?
timeout 30 "$G" conform 127.0.0.1:$PORT --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only client-cert.valid.tls1.3 --request @$W/no-such-file >>$out 2>&1
rc2=$?
timeout 30 "$G" conform 127.0.0.1:$PORT --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only client-cert.valid.tls1.3 --no-request >>$out 2>&1
rc3=$?
if [ $rc1 = 0 ] && [ $rc2 = 2 ] && [ $rc3 = 0 ] && grep -q '^baseline (valid certificate): "PING"' $out &&
   grep -q '    answer: "PING"' $out && grep -q "request @$W/no-such-file: cannot read the file" $out &&
   grep -q "^baseline: none, --no-request" $out; then
  ok "--request TEXT is sent and its answer shown; --request @missing is exit 2; --no-request judges no answers"
else bad "--request / --no-request (rc $rc1 $rc2 $rc3)" $out; fi

# A server that never asks for a certificate: the client-certificate probes are SKIP
# (no CertificateRequest to answer), not verdicts about deviations it never saw.
LOG2=$W/glasstls-none.log
timeout 60 "$G" server --port 0 --cert $P/server.pem --key $P/server.key --verify none --timeout 5 >$LOG2 2>&1 &
pids+=($!)
PORT2=
for _ in $(seq 50); do PORT2=$(grep -o 'listening on 127.0.0.1:[0-9]*' $LOG2 | cut -d: -f2); [ -n "$PORT2" ] && break; sleep 0.1; done
out=$W/none.out
timeout 30 "$G" conform 127.0.0.1:${PORT2:-1} --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only client-cert.cv-wrong-key >$out 2>&1
rc=$?
if [ $rc = 0 ] && grep -q "client-cert.cv-wrong-key .*SKIP" $out && grep -q "did not request a client certificate" $out; then
  ok "server without client auth: client-certificate probes are SKIP"
else bad "client-cert probes against a server that does not ask (rc $rc)" $out; fi

# --- resumption probes: what the INFO rows say, and servers with other ticket policies ----
# rows_say JSON PROBE=TEXT...: each probe's why + detail contains TEXT.
rows_say() {
  python3 - "$@" <<'EOF'
import json, sys
rows = {p["name"]: p for p in json.load(open(sys.argv[1]))["probes"]}
for arg in sys.argv[2:]:
    name, text = arg.split("=", 1)
    said = rows[name]["why"] + " | " + rows[name]["detail"]
    assert text in said, f"{name}: {text!r} not in {said!r}"
EOF
}
if rows_say $W/glasstls.json "resumption.tickets=2 ticket(s) after the full handshake (mutual TLS); lifetime 7200/7200 s" \
     "resumption.resumes=resumed with the ticket" "resumption.replay=reusable" \
     "resumption.age-off=full handshake" "resumption.client-identity=resumed without asking for a certificate again" \
     2>$W/rows.err &&
   rows_say $W/openssl.json "resumption.age-off=resumed" "resumption.binder-corrupt=illegal_parameter" 2>>$W/rows.err; then
  ok "resumption rows: glasstls sends 2 tickets of 7200 s, resumes, refuses a stale age; openssl resumes it"
else bad "resumption rows (glasstls, openssl)" $W/rows.err; fi
# TLS 1.2 tickets: both resume an intact offer; without extended_master_secret glasstls and
# openssl abort (handshake_failure), gnutls falls back to a full handshake.
if rows_say $W/glasstls.json "resumption.tls1.2.resumes=offered: resumed with the ticket" \
     "resumption.tls1.2.no-ems=handshake_failure" 2>$W/rows12.err &&
   rows_say $W/openssl.json "resumption.tls1.2.resumes=offered: resumed with the ticket" \
     "resumption.tls1.2.no-ems=handshake_failure" 2>>$W/rows12.err &&
   rows_say $W/gnutls.json "resumption.tls1.2.resumes=offered: resumed with the ticket" \
     "resumption.tls1.2.no-ems=full handshake instead of the abbreviated one (an intact offer resumes)" 2>>$W/rows12.err; then
  ok "TLS 1.2 ticket rows: glasstls, openssl and gnutls resume; none resumes a hello without extended_master_secret"
else bad "TLS 1.2 ticket rows (glasstls, openssl, gnutls)" $W/rows12.err; fi

# start_glasstls LOG ARGS...: a `glasstls server --verify require` with ARGS; prints its port.
start_glasstls() {
  local log=$1; shift
  timeout 60 "$G" server --port 0 --cert $P/server.pem --key $P/server.key --ca $P/ca.pem \
    --verify require --timeout 5 "$@" >$log 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do grep -o 'listening on 127.0.0.1:[0-9]*' $log | cut -d: -f2 | grep . && return; sleep 0.1; done
  echo 1
}
PORT3=$(start_glasstls $W/single.log --single-use-tickets --tickets 1)
timeout 60 "$G" conform 127.0.0.1:$PORT3 --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only resumption --json $W/single.json >$W/single.out 2>&1
if rows_say $W/single.json "resumption.replay=single-use" "resumption.tickets=1 ticket(s)" \
     "resumption.binder-corrupt=decrypt_error" 2>$W/single.err; then
  ok "glasstls --single-use-tickets: the replay row says single-use"
else cat $W/single.out >>$W/single.err; bad "resumption against --single-use-tickets" $W/single.err; fi
PORT4=$(start_glasstls $W/notickets.log --tickets 0)
timeout 60 "$G" conform 127.0.0.1:$PORT4 --cert $P/client.pem --key $P/client.key --ca $P/ca.pem \
  --only resumption --json $W/notickets.json >$W/notickets.out 2>&1
if rows_say $W/notickets.json "resumption.tickets=0 ticket(s)" "resumption.resumes=sent no usable TLS 1.3 ticket" \
     2>$W/notickets.err && grep -q "1 info, 7 skipped" $W/notickets.out; then
  ok "glasstls --tickets 0: no tickets, the other resumption rows are SKIP with the reason"
else cat $W/notickets.out >>$W/notickets.err; bad "resumption against --tickets 0" $W/notickets.err; fi

echo "conform: $pass passed, $fail failed"
[ $fail = 0 ]
