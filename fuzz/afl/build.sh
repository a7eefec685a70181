#!/bin/bash -eu
# Builds the fuzz harnesses for AFL++ (Debian package afl++, see scripts/setup.sh):
# afl-clang-fast++ instruments every library, ASan+UBSan via AFL_USE_ASAN/UBSAN,
# and -fsanitize=fuzzer makes afl-clang-fast link AFL's LLVMFuzzerTestOneInput
# driver (libAFLDriver) instead of libFuzzer. The harness sources are unchanged.
#   bash fuzz/afl/build.sh [BUILD_DIR] [harness ...]     (default: build-afl, all)
# Then, e.g.:
#   AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
#   afl-fuzz -i fuzz/corpus/der -o /tmp/afl-der -x fuzz/dict/der.dict -- build-afl/fuzz/fuzz_der
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build-afl}
shift || true
export AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1
CC=afl-clang-fast CXX=afl-clang-fast++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DGLASS_FUZZ=ON -DGLASS_FUZZ_ENGINE=-fsanitize=fuzzer >/dev/null
targets=()
for h in "$@"; do targets+=(--target "fuzz_$h"); done
cmake --build "$build" -j"${JOBS:-$(nproc)}" "${targets[@]}"
