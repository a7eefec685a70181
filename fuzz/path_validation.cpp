// A fuzzed chain against a fixed trust anchor. The input is a concatenation of
// DER certificates: the first is the leaf, the rest an unordered bag of
// intermediates. The anchor and the seed corpus come from
// fuzz/make_x509_corpus.sh (openssl), so seeds reach deep into validation.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "x509/validate.hpp"

namespace {
#include "path_validation_anchor.inc"  // kAnchor: the root of the seed chains
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace glass::x509;
  static const Certificate anchor = [] {
    auto a = Certificate::parse(glass::core::ByteView(kAnchor, sizeof kAnchor));
    if (!a) __builtin_trap();  // the embedded anchor must parse
    return *a;
  }();
  der::Reader r(glass::core::ByteView(data, size));
  std::vector<Certificate> certs;
  while (!r.empty() && certs.size() < 16) {
    auto e = r.next("certificate");
    if (!e) break;
    auto c = Certificate::parse(e->whole);
    if (c) certs.push_back(*c);
  }
  if (certs.empty()) return 0;
  ValidationOptions opt;
  opt.time = anchor.not_before() + 2 * 86400;  // after the 1-day "expired" seed
  opt.purpose = (size & 1) ? Purpose::client_auth : Purpose::server_auth;
  opt.host = (size & 2) ? "leaf.fuzz.test" : "";
  opt.limits.max_candidates = 50;
  opt.profile = (size & 4) ? Profile::strict : Profile::standard;
  std::vector<Certificate> bag(certs.begin() + 1, certs.end());
  auto result = validate_path(certs.front(), bag, std::span<const Certificate>(&anchor, 1), opt);
  (void)result;
  return 0;
}
