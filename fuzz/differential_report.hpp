#pragma once
// How the differential harnesses report a disagreement with OpenSSL. With
// GLASS_DIFFERENTIAL_REPORT_ONLY=1 a difference is printed with the input in hex
// and the run goes on: CI's short run uses it, so a new difference is a finding
// to triage, not a crash (sanitizer findings still stop the run, and every
// triaged input replays from the corpus as a gating test). Otherwise it aborts.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/bytes.hpp"

namespace glass::fuzz {

// `kind` starts the line ("x509 differential"); scripts/test.sh greps for it.
inline void report_difference(const char* kind, const char* what, const std::string& ours,
                              const std::string& theirs, core::ByteView input) {
  std::fprintf(stderr, "%s: %s\n  glasstls: %s\n  OpenSSL:  %s\n", kind, what, ours.c_str(),
               theirs.c_str());
  static const bool report_only = [] {
    const char* v = std::getenv("GLASS_DIFFERENTIAL_REPORT_ONLY");
    return v && *v && std::string_view(v) != "0";
  }();
  if (!report_only) std::abort();
  std::fprintf(stderr, "  input (%zu bytes): ", input.size());
  for (auto b : input) std::fprintf(stderr, "%02x", b);
  std::fprintf(stderr, "\n");
}

}  // namespace glass::fuzz
