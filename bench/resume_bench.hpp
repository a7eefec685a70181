#pragma once
#include "bench/bench.hpp"

namespace glass::bench {
// Prints the resumed-handshake table (glass_bench --only resume).
void bench_resumed(const Timing& timing);
}  // namespace glass::bench
