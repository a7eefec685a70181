#!/usr/bin/env bash
# Installs every Debian package that building, testing, fuzzing and interop need.
# Idempotent and non-interactive: packages already present are skipped.
set -euo pipefail
pkgs=(
  build-essential cmake ninja-build pkg-config g++ clang libclang-rt-14-dev llvm
  libsodium-dev libmbedtls-dev doctest-dev libboost-dev libfmt-dev libcli11-dev
  libssl-dev openssl gnutls-bin curl default-jre-headless python3
  afl++
  python3-jsonschema python3-cryptography chromium
  tmux
  tshark tcpdump libpcap-dev
  nginx-light
  apache2-bin
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # tshark's package asks whether non-root users may capture: answer "no" up front.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: all packages present"
