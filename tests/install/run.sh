#!/usr/bin/env bash
# `cmake --install` into a scratch prefix: only include/glasstls/ among the headers,
# and none of them includes an internal one. Then an outside project (consumer/)
# built against that prefix alone, with find_package and with pkg-config, must
# complete a mutual-TLS handshake with a PKI made by openssl, and examples/ must
# build against it.
#   run.sh SOURCE_DIR BUILD_DIR CMAKE CXX SANITIZE(ON/OFF)
set -uo pipefail
SRC=$1 BUILD=$2 CMAKE=$3 CXX=$4 SAN=$5
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fails=0
pass() { echo "PASS install: $1"; }
fail() { echo "FAIL install: $1"; shift; for f in "$@"; do echo "--- $f"; tail -40 "$f"; done; fails=$((fails + 1)); }
P=$W/prefix

if timeout 60 "$CMAKE" --install "$BUILD" --prefix "$P" >"$W/install.log" 2>&1; then
  pass "cmake --install into a scratch prefix"
else
  fail "cmake --install" "$W/install.log"; exit 1
fi
missing=""
for f in include/glasstls/glasstls.hpp include/glasstls/context.hpp include/glasstls/stream.hpp \
         include/glasstls/detail/engine.hpp lib/libglass_api.a lib/libglass_core.a \
         lib/cmake/glasstls/glasstlsConfig.cmake lib/cmake/glasstls/glasstlsConfigVersion.cmake \
         lib/pkgconfig/glasstls.pc bin/glasstls; do
  [ -e "$P/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && pass "headers, libraries, CMake package, glasstls.pc and the CLI are installed" ||
  fail "missing from the prefix:$missing"

# Only the public headers: everything under include/ is include/glasstls/, and they
# include nothing but each other, the standard library and Boost.
stray=$(cd "$P/include" && find . -type f ! -path './glasstls/*' | head -5)
[ -z "$stray" ] && pass "include/ holds only glasstls/ ($(cd "$P/include" && find . -type f | wc -l) headers)" ||
  fail "files outside include/glasstls/ were installed: $stray"
internal=$(grep -rhE '^#include ["<]' "$P/include" | grep -vE '^#include ("glasstls/|<glasstls/|<boost/|<[a-z_]+>|<[a-z]+\.h>)' | sort -u)
[ -z "$internal" ] && pass "the installed headers include no internal header" ||
  fail "installed headers include internal headers: $internal"
for d in internal core crypto record x509 handshake net inspect conform api; do
  [ ! -e "$P/include/glasstls/$d" ] || fail "an internal header folder was installed: include/glasstls/$d"
done

# The version has one home: project(VERSION) in the root CMakeLists.txt.
want=$(sed -n 's/^project(glasstls VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
got=$("$P/bin/glasstls" --version 2>&1)
[ -n "$want" ] && [ "$got" = "glasstls $want" ] && pass "installed glasstls --version prints $want" ||
  fail "glasstls --version printed '$got', project(VERSION) is '$want'"
grep -q "^Version: $want\$" "$P/lib/pkgconfig/glasstls.pc" && pass "glasstls.pc says Version: $want" ||
  fail "glasstls.pc version" "$P/lib/pkgconfig/glasstls.pc"

bash "$HERE/make_pki.sh" "$W" >/dev/null || { echo "FAIL install: openssl could not make the PKI"; exit 1; }

# find_package(glasstls) from an outside project that sees only the prefix.
if timeout 120 "$CMAKE" -S "$HERE/consumer" -B "$W/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
     -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_PREFIX_PATH="$P" >"$W/configure.log" 2>&1 &&
   timeout 300 "$CMAKE" --build "$W/consumer" >"$W/build.log" 2>&1; then
  if timeout 30 "$W/consumer/consumer" "$W" >"$W/run.log" 2>&1 &&
     grep -q "glasstls $want: handshake ok, TLS 1.3, server saw .*CN=alice" "$W/run.log"; then
    pass "find_package consumer: $(cat "$W/run.log")"
  else
    fail "find_package consumer did not complete the handshake" "$W/run.log"
  fi
else
  fail "find_package consumer did not build" "$W/configure.log" "$W/build.log"
fi
if grep -q -- "-I$SRC\|-I$BUILD" "$W/consumer/build.ninja" 2>/dev/null; then
  fail "the consumer's build reaches into the source or build tree"
fi

# The examples (examples/CMakeLists.txt on its own) against the prefix alone.
if timeout 120 "$CMAKE" -S "$SRC/examples" -B "$W/examples" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
     -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_PREFIX_PATH="$P" >"$W/ex_configure.log" 2>&1 &&
   timeout 300 "$CMAKE" --build "$W/examples" >"$W/ex_build.log" 2>&1 &&
   [ -x "$W/examples/example_client" ] && [ -x "$W/examples/example_server" ]; then
  if grep -q -- "-I$SRC\|-I$BUILD\|isystem $SRC\|isystem $BUILD" "$W/examples/build.ninja"; then
    fail "the examples' build reaches into the source or build tree"
  else
    pass "examples/ builds against the installed prefix alone"
  fi
else
  fail "examples/ did not build against the prefix" "$W/ex_configure.log" "$W/ex_build.log"
fi

# pkg-config, with a plain compiler command.
if flags=$(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --cflags --libs glasstls 2>"$W/pc.log") &&
   timeout 300 "$CXX" -std=c++20 -O0 "$HERE/consumer/consumer.cpp" -o "$W/consumer_pc" $flags >"$W/pc.log" 2>&1; then
  if timeout 30 "$W/consumer_pc" "$W" >"$W/run_pc.log" 2>&1 && grep -q "handshake ok" "$W/run_pc.log"; then
    pass "pkg-config consumer: $(cat "$W/run_pc.log")"
  else
    fail "pkg-config consumer did not complete the handshake" "$W/run_pc.log"
  fi
else
  fail "pkg-config consumer did not build (flags: ${flags:-none})" "$W/pc.log"
fi

[ "$SAN" = ON ] && echo "(sanitizer build: the installed libraries carry -fsanitize to consumers)"
[ $fails -eq 0 ] && echo "install: all passed" || echo "install: $fails failed"
exit $fails
