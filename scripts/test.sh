#!/usr/bin/env bash
# The whole test suite: installs what it needs, then
#  1. builds every library and fuzz harness with clang++ + libFuzzer (build-fuzz/),
#     replays each seed corpus and fuzzes each harness briefly (FUZZ_SECONDS, default 5);
#  2. builds and runs every test under ASan+UBSan with clang++ (build-asan/);
#  3. builds and runs every test normally with g++ (build/), naming each test case.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
fuzz_seconds=${FUZZ_SECONDS:-5}
start=$(date +%s)
stamp() { echo "== [$(( $(date +%s) - start )) s] $*"; }

stamp "clang + libFuzzer build of the fuzz harnesses (build-fuzz/)"
# Build flags are chosen for compile time on 2 cores (sanitizers with -O2 -g
# compile 2-4x slower than -O1): line tables only, enough for stack traces.
CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DGLASS_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$jobs"
(cd build-fuzz && ctest --output-on-failure -j"$jobs" --timeout 300)
if [ "$fuzz_seconds" -gt 0 ]; then
  stamp "short fuzzing run: ${fuzz_seconds} s per harness, on a scratch copy of each corpus"
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  for h in build-fuzz/fuzz/fuzz_*; do
    name=${h##*/fuzz_}
    case $name in
      record_*|handshake_messages|*engine*) dict=(-dict=fuzz/dict/tls.dict) ;;
      key_share|pkcs12_password) dict=() ;;
      *) dict=(-dict=fuzz/dict/der.dict) ;;
    esac
    mkdir -p "$scratch/$name"
    cp -r fuzz/corpus/"$name"/. "$scratch/$name"/ 2>/dev/null || true
    if ! "$h" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        "${dict[@]}" -artifact_prefix="$scratch/" "$scratch/$name" >"$scratch/$name.log" 2>&1; then
      echo "FAIL fuzz: $name found a problem:"; tail -40 "$scratch/$name.log"; exit 1
    fi
    echo "PASS fuzz: $name ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$scratch/$name.log" | grep -o '[0-9]*$' || echo '?') runs in ${fuzz_seconds} s)"
  done
fi

# The sanitizer build uses clang++, the normal one g++: every run checks both compilers
# (and clang avoids g++ 12's false -Wstringop-overflow/-Wmaybe-uninitialized
# reports under sanitizers).
stamp "ASan+UBSan build with clang++ (build-asan/)"
CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1" \
  -DGLASS_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j"$jobs" --timeout 900)

stamp "normal build (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O2" >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -V -j"$jobs" --timeout 900)
stamp "done"
