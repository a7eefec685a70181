// Parses arbitrary bytes as a certificate and, when that succeeds, renders and
// walks every field (names, extensions, SANs, public key, signature algorithm,
// host matching, self-signature). The quick issuer/subject walk (certificate_fields) runs
// on every input and must agree with the full parse whenever that succeeds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "x509/certificate.hpp"
#include "x509/certificate_text.hpp"
#include "x509/hostname.hpp"
#include "x509/private_key.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace glass::x509;
  auto names = certificate_fields(glass::core::ByteView(data, size));
  auto c = Certificate::parse(glass::core::ByteView(data, size));
  if (!c) return 0;
  if (!names || !glass::core::equal(names->issuer, c->issuer().der()) ||
      !glass::core::equal(names->subject, c->subject().der()))
    std::abort();
  (void)to_text(*c);
  (void)offsets_text(*c);
  (void)c->subject().to_string(true);
  (void)c->issuer().matches(c->subject());
  (void)c->subject().within(c->issuer());
  (void)matches_host(*c, "www.example.com");
  (void)matches_host(*c, "10.0.0.1");
  (void)check_host(*c, "2001:db8::1");
  if (auto pk = c->public_key(); pk && pk->key) (void)verify_signature(*c, *pk->key);
  return 0;
}
