#!/usr/bin/env bash
# compare_builds.sh: glass_bench of two builds side by side.
#
#   bench/compare_builds.sh [-n ROUNDS] [-r INNER] [-o OUTDIR] A B
#
# A and B are each a git revision of this repository (built here) or a build
# directory that already holds bench/glass_bench. A revision is exported with
# `git archive` into OUTDIR/src-<sha> and built in Release (-O2 -DNDEBUG,
# GLASS_BENCH=ON, tests off, ccache when installed) in OUTDIR/build-<sha>; a
# second call reuses both. Then the two binaries run alternately, A B A B ...,
# ROUNDS times each (default 5), each run `--only handshake` and then
# `--only throughput` with INNER interleaved rounds inside (default 5). Printed:
# per case the median over the runs of glasstls µs per handshake (and of its
# ratio to the floor measured in the same run) or MB/s, for A and B, and B/A.
# Raw outputs stay in OUTDIR/runs/. Load average and CPU flags go in the header.
set -euo pipefail

rounds=5
inner=5
outdir="${TMPDIR:-/tmp}/glass-compare"
usage() {
  echo "usage: $0 [-n ROUNDS] [-r INNER_ROUNDS] [-o OUTDIR] A B   (git revisions or build dirs)" >&2
  exit 2
}
while getopts "n:r:o:h" opt; do
  case "$opt" in
    n) rounds="$OPTARG" ;;
    r) inner="$OPTARG" ;;
    o) outdir="$OPTARG" ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || usage
[[ "$rounds" =~ ^[1-9][0-9]*$ && "$inner" =~ ^[1-9][0-9]*$ ]] || usage

repo="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"

# Prints the path of a glass_bench binary for a revision or a build directory.
bench_binary() {
  local what="$1"
  if [ -x "$what/bench/glass_bench" ]; then
    echo "$(cd "$what" && pwd)/bench/glass_bench"
    return
  fi
  local sha
  sha="$(git -C "$repo" rev-parse --verify --quiet "$what^{commit}")" ||
    { echo "$what is neither a build directory with bench/glass_bench nor a git revision" >&2; exit 1; }
  sha="${sha:0:12}"
  local src="$outdir/src-$sha" build="$outdir/build-$sha"
  if [ ! -f "$src/CMakeLists.txt" ]; then
    mkdir -p "$src"
    git -C "$repo" archive "$sha" | tar -x -C "$src"
  fi
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  echo "building glass_bench of $what ($sha) in $build" >&2
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
    -DGLASS_BENCH=ON -DGLASS_TESTS=OFF "${launcher[@]}" >"$build.configure.log" 2>&1 ||
    { echo "configure failed, see $build.configure.log" >&2; exit 1; }
  cmake --build "$build" --target glass_bench -j"${JOBS:-2}" >"$build.build.log" 2>&1 ||
    { echo "build failed, see $build.build.log" >&2; exit 1; }
  echo "$build/bench/glass_bench"
}

bin_a="$(bench_binary "$1")"
bin_b="$(bench_binary "$2")"
runs="$outdir/runs/$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$runs"

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$rounds"); do
  for side in a b; do
    bin="$bin_a"
    [ "$side" = b ] && bin="$bin_b"
    for only in handshake throughput; do
      echo "round $i/$rounds: $side --only $only (load $(cut -d' ' -f1 /proc/loadavg))" >&2
      "$bin" --only "$only" --rounds "$inner" >"$runs/$side-$only-$i.md" 2>/dev/null ||
        { echo "$bin --only $only failed" >&2; exit 1; }
    done
  done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# Table rows of one section of a glass_bench report: "case<TAB>value" for column $col.
rows() {  # file section-title-prefix column
  awk -v sec="$2" -v col="$3" -F'|' '
    /^### / { on = index($0, sec) == 1; next }
    on && /^\| / && $2 !~ /^ *(case|suite|---)/ && $2 !~ /^-/ {
      name = $2; gsub(/^ +| +$/, "", name); v = $(col + 2); gsub(/ /, "", v); print name "\t" v }' "$1"
}

# Median per case over all runs of one side; prints "case<TAB>median".
medians() {  # side kind section column
  for f in "$runs/$1-$2-"*.md; do rows "$f" "$3" "$4"; done |
    awk -F'\t' '{ v[$1] = v[$1] " " $2; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
      END { for (i = 1; i <= n; i++) { k = split(substr(v[order[i]], 2), a, " ");
              for (x = 1; x <= k; x++) for (y = x + 1; y <= k; y++) if (a[y] + 0 < a[x] + 0) { t = a[x]; a[x] = a[y]; a[y] = t }
              m = k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
              print order[i] "\t" m } }'
}

table() {  # kind section column; rows in A's order
  awk -F'\t' 'NR == FNR { b[$1] = $2; next }
    ($1 in b) { printf "| %s | %s | %s | %.3f |\n", $1, $2, b[$1], ($2 > 0 ? b[$1] / $2 : 0) }' \
    <(medians b "$1" "$2" "$3") <(medians a "$1" "$2" "$3")
}

flags="$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'sha_ni|aes|pclmulqdq|vaes|vpclmulqdq|avx2|avx512f|adx|bmi2' | tr '\n' ' ')"
echo "## glass_bench: A = $1, B = $2"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); $rounds runs per side (A B A B ...), $inner interleaved rounds inside each run"
echo "- machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; CPU flags: ${flags% }"
echo "- load average (1/5/15 min): $load_start at start, $load_end at end"
echo "- A: $bin_a"
echo "- B: $bin_b"
echo "- raw reports: $runs"
echo
echo "| full handshake | A glasstls µs | B glasstls µs | B ÷ A |"
echo "|---|---:|---:|---:|"
table handshake "### Full handshakes" 1
echo
echo "| full handshake | A ÷ its floor | B ÷ its floor | B ÷ A |"
echo "|---|---:|---:|---:|"
table handshake "### Full handshakes" 5
echo
echo "| TLS 1.3 records, 16 KiB writes | A glasstls MB/s | B glasstls MB/s | B ÷ A |"
echo "|---|---:|---:|---:|"
table throughput "### TLS 1.3 application data" 1
