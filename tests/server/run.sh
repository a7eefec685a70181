#!/usr/bin/env bash
# `glasstls server` as a long-running process: finished connections leave
# nothing behind (its address space stays flat over many connections) and
# --max-concurrent holds further connections back until one ends. 127.0.0.1 only, every wait
# bounded, the server stopped on exit.
# Usage: run.sh GLASSTLS_BINARY
set -u
G=${1:?usage: run.sh path/to/glasstls}
W=$(mktemp -d)
SRV=
cleanup() { exec 3>&- 2>/dev/null; [ -n "$SRV" ] && kill "$SRV" 2>/dev/null; wait 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
pass=0 fail=0
ok() { echo "PASS server: $1"; pass=$((pass+1)); }
bad() { echo "FAIL server: $1"; sed 's/^/  | /' "$2" | tail -20; fail=$((fail+1)); }

"$G" pki --out "$W/pki" --pass pass:secret >/dev/null || { echo "FAIL server: glasstls pki"; exit 1; }
P=$W/pki
LOG=$W/server.log
"$G" server --port 0 --cert $P/server.pem --key $P/server.key --ca $P/ca.pem --max-concurrent 1 \
  --timeout 20 >"$LOG" 2>&1 &
SRV=$!
PORT=
for _ in $(seq 100); do PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$LOG" | cut -d: -f2); [ -n "$PORT" ] && break; sleep 0.1; done
[ -n "$PORT" ] || { bad "server did not start" "$LOG"; exit 1; }

connect() {  # one mutual-TLS connection with our client; 0 when it saw the page
  echo "GET / HTTP/1.0" | timeout 20 "$G" client 127.0.0.1:"$PORT" --name localhost --ca $P/ca.pem \
    --p12 $P/client.p12 --pass pass:secret --timeout 10 --verdict-wait 0 -q >"$W/client.out" 2>&1 &&
    grep -q "client certificate: CN=" "$W/client.out"
}
vm_kb() { awk '/^VmSize/ {print $2}' /proc/"$SRV"/status; }

# A connection that left a thread or its state behind would show here: a thread
# that is never joined keeps its stack mapped (8 MB by default).
for _ in $(seq 5); do connect || break; done
before=$(vm_kb)
okc=0
for _ in $(seq 40); do connect && okc=$((okc+1)); done
after=$(vm_kb)
grown=$(( (after - before) / 1024 ))
echo "server VmSize: ${before} kB after 5 connections, ${after} kB after 45" >"$W/vm.out"
if [ "$okc" = 40 ] && [ "$grown" -lt 40 ]; then ok "40 sequential connections served; address space grew ${grown} MB (nothing left behind)"; else cat "$LOG" >>"$W/vm.out"; bad "40 connections: $okc served, address space grew ${grown} MB" "$W/vm.out"; fi

# --max-concurrent 1: an idle connection holds the only slot; the client waits in
# the listen queue until it closes, then gets served. The server says it is
# holding back only after a second at the limit, so the sequential connections
# above never print it.
if grep -q "not accepting more" "$LOG"; then bad "the limit message appeared during short sequential connections" "$LOG"; fi
exec 3<>/dev/tcp/127.0.0.1/"$PORT"
sleep 0.3
# 3>&-: the client must not inherit (and so keep open) the idle connection.
echo "GET / HTTP/1.0" | timeout 30 "$G" client 127.0.0.1:"$PORT" --name localhost --ca $P/ca.pem \
  --p12 $P/client.p12 --pass pass:secret --timeout 25 -q >"$W/held.out" 2>&1 3>&- &
CL=$!
waited=no
for _ in $(seq 50); do grep -q "not accepting more until one ends" "$LOG" && { waited=yes; break; }; sleep 0.1; done
if kill -0 $CL 2>/dev/null; then still=yes; else still=no; fi
exec 3>&-
wait $CL; rc=$?
if [ $waited = yes ] && [ $still = yes ] && [ $rc = 0 ] && grep -q "client certificate: CN=" "$W/held.out"; then
  ok "--max-concurrent 1: a second connection waits while the first is open, and is served once it closes"
else
  cat "$LOG" >>"$W/held.out"; bad "--max-concurrent 1 (logged wait: $waited, client still waiting after 1 s: $still, rc $rc)" "$W/held.out"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
