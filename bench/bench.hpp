#pragma once
// Shared pieces of glass_bench: the handshake cases, the certificate material
// both libraries load (made once, same bytes for both), and timing helpers.
#include <time.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "crypto/signature.hpp"
#include "handshake/types.hpp"
#include "x509/pki.hpp"

namespace glass::bench {

// One handshake configuration, spelled for both libraries.
struct Case {
  std::string name;
  crypto::KeyType key_type;
  bool tls13;
  bool mutual;
  handshake::CipherSuite suite;
  const char* openssl_suite;  // TLS 1.3 ciphersuites name or TLS 1.2 cipher list name
  crypto::SignatureScheme scheme;  // what both sides are expected to negotiate
  // glasstls uses X25519MLKEM768; OpenSSL 3.0 has no ML-KEM, so its side stays on X25519.
  bool hybrid = false;
};

std::vector<Case> handshake_cases();

// A CA, a server leaf and a client leaf; DER and PKCS#8 bytes are what both load.
struct Material {
  crypto::KeyType key_type;
  x509::TestPki pki;
  core::Bytes server_key_pkcs8, client_key_pkcs8;  // DER PKCS#8
};
const Material& material(crypto::KeyType t);  // made on first use, then cached

// Nanoseconds on a monotonic clock.
inline std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// CPU time of the calling thread in nanoseconds. Ops are timed with this, not
// the wall clock: the machine is shared, and time spent descheduled is not a
// cost of the code under test (cache and SMT interference still show).
std::int64_t thread_cpu_ns();

double median(std::vector<double> v);

// Ops measured side by side: each round runs every op's batch once, in order
// (ours, theirs, ours, ...), so load changes hit all of them alike.
struct Op {
  std::string name;
  std::function<void()> fn;
  int batch = 0;               // calibrated: ops per round
  std::vector<double> ns;      // ns per op, one entry per round
  double median_ns() const { return median(ns); }
};

struct Timing {
  int rounds;
  double batch_seconds;  // target wall time of one batch
};

// Calibrates each op (batch size for ~batch_seconds) and runs `rounds` rounds.
void run_interleaved(std::vector<Op*> ops, const Timing& t);

[[noreturn]] void fail(const std::string& what);

}  // namespace glass::bench
