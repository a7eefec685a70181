// Fuzzes the client engine: a fixed client (seeded randomness, fixed clock) sends
// its ClientHello, then everything the "server" says comes from the input. The
// seed corpus holds real server flights for exactly this client, so mutations
// reach EncryptedExtensions, Certificate, CertificateVerify, Finished, TLS 1.2
// ServerKeyExchange and the post-handshake states.
#include <cstdint>

#include "engine_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace glass;
  // First byte: bit 7 picks a TLS 1.2-only client; the rest says where to split
  // the input in two feeds, to exercise record reassembly.
  bool tls12 = size && (data[0] & 0x80);
  std::size_t split = size ? (data[0] & 0x7f) * 4 : 0;
  crypto::SeededRng rng(fuzz::kClientSeed);
  handshake::Connection client(fuzz::client_config(rng, tls12));
  if (!client.start()) return 0;
  (void)client.take_output();
  core::ByteView in(data, size);
  if (!in.empty()) in = in.subspan(1);
  std::size_t cut = in.empty() ? 0 : split % (in.size() + 1);
  if (client.feed(in.first(cut)) && client.feed(in.subspan(cut)) && client.is_handshake_done()) {
    (void)client.write(core::as_bytes("fuzz"));
    (void)client.key_update(true);
    client.close();
  }
  (void)client.take_output();
  (void)client.read();
  return 0;
}
