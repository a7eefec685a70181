// PKCS#12 reader with the fixed password "fuzz": MAC, safes, bags, pairing and the
// doctor's report rendering. Iteration counts are capped low to keep runs fast.
#include <cstddef>
#include <cstdint>

#include "x509/pkcs12_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace glass::x509;
  pkcs12::Options opts;
  opts.max_iterations = 4096;
  auto a = pkcs12::analyze(glass::core::ByteView(data, size), pbe::Password::utf8("fuzz"), opts);
  // A failure must never hand out keys or certificates.
  if (a.error && (!a.identities.empty() || !a.certificates.empty())) __builtin_trap();
  (void)pkcs12::render(a.report);
  return 0;
}
