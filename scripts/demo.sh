#!/usr/bin/env bash
# The main job: build glasstls and run it. Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O2" >/dev/null
cmake --build build -j"$(nproc)" --target glasstls >/dev/null
./build/apps/glasstls --version
if [ $# -gt 0 ]; then
  exec ./build/apps/glasstls "$@"
fi
exec ./build/apps/glasstls demo
