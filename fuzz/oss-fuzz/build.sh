#!/bin/bash -eu
# Builds every glasstls fuzz harness the way OSS-Fuzz does: compiler and flags
# from $CC/$CXX/$CFLAGS/$CXXFLAGS (sanitizer + coverage instrumentation), the
# fuzzing engine from $LIB_FUZZING_ENGINE (libFuzzer, AFL++, honggfuzz, ...),
# results in $OUT: one binary per harness, <name>_seed_corpus.zip and <name>.dict.
# $SRC is the checkout's parent (OSS-Fuzz layout: $SRC/glasstls); WORK is scratch.
#
# Local emulation (libFuzzer + ASan):
#   CC=clang CXX=clang++ CFLAGS="-fsanitize=address,fuzzer-no-link" \
#   CXXFLAGS="-fsanitize=address,fuzzer-no-link" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
#   OUT=/tmp/out bash fuzz/oss-fuzz/build.sh
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${SRC:=$(dirname "$root")}"
: "${OUT:?set OUT to the output folder}"
: "${LIB_FUZZING_ENGINE:?set LIB_FUZZING_ENGINE (e.g. -fsanitize=fuzzer)}"
: "${CXX:=clang++}"
: "${CXXFLAGS:=}"
work=${WORK:-$(mktemp -d)}
build=$work/glasstls-fuzz-build
mkdir -p "$OUT" "$build"

# The runner image has no libsodium/mbedcrypto/libcrypto: the shared libraries
# the harnesses use are copied to $OUT/lib and found through RPATH $ORIGIN/lib.
CXX=$CXX cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="$CXXFLAGS" -DGLASS_FUZZ=ON -DGLASS_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" \
  -DCMAKE_BUILD_RPATH='$ORIGIN/lib' -DOPENSSL_USE_STATIC_LIBS=TRUE >/dev/null
cmake --build "$build" -j"$(nproc)"
mkdir -p "$OUT/lib"

dict_for() {
  case $1 in
    record_*|handshake_messages|*engine*|capture_replay) echo tls ;;
    key_share|pkcs12_password|tcp_reassembly) echo "" ;;
    *) echo der ;;
  esac
}
for bin in "$build"/fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  name=${bin##*/fuzz_}
  cp "$bin" "$OUT/$name"
  ldd "$bin" | awk '/lib(sodium|mbedcrypto|crypto)\.so/ {print $3}' | xargs -r cp -L -t "$OUT/lib"
  if [ -d "$root/fuzz/corpus/$name" ]; then
    rm -f "$OUT/${name}_seed_corpus.zip"
    (cd "$root/fuzz/corpus/$name" && zip -q -r "$OUT/${name}_seed_corpus.zip" .)
  fi
  d=$(dict_for "$name")
  [ -n "$d" ] && cp "$root/fuzz/dict/$d.dict" "$OUT/$name.dict"
  echo "oss-fuzz: $name"
done
