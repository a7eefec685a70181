#!/usr/bin/env bash
# Loopback load test: `glasstls server` and `openssl s_server`, same certificates
# and settings (TLS 1.3, X25519, TLS_AES_128_GCM_SHA256, client certificate
# required, no tickets, no session cache), each under N concurrent clients doing
# full mutual-TLS handshakes back to back: glass_load_client with our engine and
# with OpenSSL. Prints a markdown table (handshakes/s, p50/p99 latency).
#
#   bench/load_test.sh [BUILD_DIR] [SECONDS_PER_RUN] [CLIENTS] [KEY_TYPES]
#   e.g. bench/load_test.sh build-bench 8 8 "ed25519 p256"
# Needs a build with -DGLASS_BENCH=ON (glasstls and glass_load_client); set
# GLASSTLS=/path/to/glasstls to use a glasstls binary from another build.
# 127.0.0.1 only, free ports, every step under `timeout`; kills what it starts.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build-bench}
secs=${2:-8}
clients=${3:-8}
keys=${4:-"ed25519 p256"}
glasstls=${GLASSTLS:-$build/apps/glasstls}  # GLASSTLS=path overrides
loadc=$build/bench/glass_load_client
[[ -x $glasstls && -x $loadc ]] || { echo "build glasstls and glass_load_client in $build first" >&2; exit 2; }

work=$(mktemp -d /tmp/glass_load.XXXXXX)
server_pid=""
stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_port() {  # up to 10 s for a listener on $1
  for _ in $(seq 100); do
    if python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$1" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "server on port $1 did not come up" >&2
  return 1
}

genkey() {  # type file
  case $1 in
    ed25519) openssl genpkey -algorithm ed25519 -out "$2" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$2" 2>/dev/null ;;
  esac
}

make_pki() {  # type dir
  local t=$1 d=$2
  mkdir -p "$d"
  genkey "$t" "$d/ca.key"; genkey "$t" "$d/server.key"; genkey "$t" "$d/client.key"
  openssl req -x509 -new -key "$d/ca.key" -subj "/CN=glasstls bench CA" -days 2 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$d/ca.pem" 2>/dev/null
  for who in server client; do
    local eku=serverAuth san="subjectAltName=DNS:localhost,IP:127.0.0.1" cn=localhost
    [[ $who == client ]] && { eku=clientAuth; san="subjectAltName=DNS:bench-client"; cn="bench client"; }
    openssl req -new -key "$d/$who.key" -subj "/CN=$cn" -out "$d/$who.csr" 2>/dev/null
    printf '%s\nextendedKeyUsage=%s\nkeyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n' \
      "$san" "$eku" > "$d/$who.ext"
    openssl x509 -req -in "$d/$who.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
      -days 2 -extfile "$d/$who.ext" -out "$d/$who.pem" 2>/dev/null
  done
}

start_server() {  # kind dir port
  local kind=$1 d=$2 port=$3
  if [[ $kind == glasstls ]]; then
    timeout 600 "$glasstls" server --port "$port" --bind 127.0.0.1 --cert "$d/server.pem" \
      --key "$d/server.key" --ca "$d/ca.pem" --verify require --tls1.3 --groups x25519 \
      --ciphers TLS_AES_128_GCM_SHA256 --quiet > "$work/server.log" 2>&1 &
  else
    # -www: serves without reading stdin; a client that sends close_notify right
    # after the handshake just ends its connection.
    timeout 600 openssl s_server -accept "127.0.0.1:$port" -cert "$d/server.pem" -key "$d/server.key" \
      -CAfile "$d/ca.pem" -Verify 1 -verify_return_error -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256 \
      -groups X25519 -no_ticket -num_tickets 0 -no_cache -www -quiet > "$work/server.log" 2>&1 &
  fi
  server_pid=$!
  wait_port "$port"
}

echo "Load test $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$clients concurrent clients, $secs s per run, TLS 1.3 mTLS, X25519, TLS_AES_128_GCM_SHA256"
echo
echo "| certificates | server | load client | handshakes/s | p50 ms | p99 ms | handshakes | failures |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
for t in $keys; do
  make_pki "$t" "$work/$t"
  for server in glasstls openssl; do
    for impl in glass openssl; do
      port=$(free_port)
      start_server "$server" "$work/$t" "$port"
      out=$(timeout $((secs + 30)) "$loadc" --impl "$impl" --port "$port" --ca "$work/$t/ca.pem" \
        --cert "$work/$t/client.pem" --key "$work/$t/client.key" --clients "$clients" \
        --seconds "$secs" || true)
      stop_server
      read -r _ _ n fails hs p50 p99 <<< "${out:-x 0 0 0 0 0 0}"
      sname=$([[ $server == glasstls ]] && echo "glasstls server" || echo "openssl s_server")
      cname=$([[ $impl == glass ]] && echo "glasstls engine" || echo "OpenSSL")
      echo "| $t | $sname | $cname | $hs | $p50 | $p99 | $n | $fails |"
    done
  done
done
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
