#pragma once
// Live heap bytes, counted three ways so per-connection costs can be compared:
// - cpp_live():   bytes held through operator new (all of glasstls' own allocations;
//                 this executable replaces the global operator new/delete),
// - ossl_live():  bytes held through OpenSSL's CRYPTO_malloc,
// - arena_live(): glibc's mallinfo2().uordblks, everything malloc'ed by anyone
//                 (includes libsodium/mbedTLS callocs, which the other two miss).
// Sizes are malloc_usable_size() of each block, i.e. what the allocator really hands out.
#include <cstdint>

namespace glass::bench::heap {

std::int64_t cpp_live();
std::int64_t ossl_live();
std::int64_t arena_live();
// Counting is off unless enable_counting() ran (the --heap-child process does it
// first thing): the timing runs then pay no counter on either side's mallocs.
// Turning it on installs the OpenSSL hooks, so it must precede every OpenSSL call.
void enable_counting();

}  // namespace glass::bench::heap
