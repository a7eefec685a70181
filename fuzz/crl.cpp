// Parses arbitrary bytes as a CRL (DER, or PEM through the file loader) and,
// when that succeeds, walks every revoked entry, looks serials up and checks
// the signature algorithm and the signature against a fixed key.
#include <cstddef>
#include <cstdint>

#include "crypto/random.hpp"
#include "crypto/signature.hpp"
#include "x509/crl.hpp"

namespace {

const glass::crypto::SigningKey& fixed_key() {
  static const auto key = [] {
    glass::crypto::SeededRng rng(1);
    return std::move(*glass::crypto::SigningKey::generate(glass::crypto::KeyType::ed25519, rng));
  }();
  return key;
}

void walk(const glass::x509::Crl& crl) {
  glass::x509::RevokedEntry e;
  auto it = crl.revoked();
  std::size_t n = 0;
  while (it.next(e)) {
    ++n;
    (void)glass::x509::reason_name(e.reason.value_or(glass::x509::RevocationReason::unspecified));
    (void)crl.find(e.serial);
  }
  if (n != crl.revoked_count()) __builtin_trap();  // parse validated every entry
  (void)crl.issuer().to_string(true);
  (void)crl.signature_algorithm_name();
  (void)crl.unusable();
  (void)glass::x509::verify_signature(crl, fixed_key().public_key());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  glass::core::ByteView in(data, size);
  if (auto c = glass::x509::Crl::parse(in)) walk(*c);
  if (auto list = glass::x509::load_crls(in))
    for (const auto& c : *list) walk(c);
  return 0;
}
