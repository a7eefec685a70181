// PEM decoder and the key loader behind it: any text must parse or fail cleanly.
#include <cstddef>
#include <cstdint>

#include "x509/pem.hpp"
#include "x509/private_key.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  glass::core::ByteView in(data, size);
  auto blocks = glass::x509::pem::decode_any(in);
  if (blocks) {
    for (const auto& b : *blocks) {
      // Re-encoding what was decoded must decode to the same bytes.
      std::string text = glass::x509::pem::encode(b.label.empty() ? "DATA" : b.label, b.data);
      auto again = glass::x509::pem::decode(glass::core::as_bytes(text));
      if (!again || again->size() != 1 || !glass::core::equal((*again)[0].data, b.data)) __builtin_trap();
    }
  }
  // Encrypted keys are tried with an empty password, but only with small
  // iteration counts so the fuzzer does not spend its time in the KDF.
  if (blocks) {
    for (const auto& b : *blocks) {
      auto alg = glass::x509::encrypted_pkcs8_algorithm(b.data);
      if (alg && alg->iterations > 4096) return 0;
    }
  }
  auto key = glass::x509::load_private_key(in);
  (void)key;
  return 0;
}
